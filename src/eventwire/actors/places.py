"""Places as actors: when a country, city or people named in the text acts, and for whom.

A place name is a participant only when it does something ("Beijing warned Taipei"), not
where something happens ("talks in Moscow"): ``acts`` decides, and the event coder gets the
rest as low-priority place mentions (``add_place``). A demonym is its country
(``add_demonym``) unless it only describes ("Palestinian unity", ``is_demonym``). City
names shared by several countries (``shared_place_names``) and peoples living in another
state ("Kurds in Turkey", ``groups_in_places``) are resolved from the sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..nlp.columns import Columns
from .chunks import span_root
from .collectives import conjoined_countries
from .kb import BLOCS
from .normalize import norm, slug
from .state import DocState, Ref

# Prepositions after which a place name is where something happens, not who acts.
LOC_PREPS = {"in", "at", "to", "from", "near", "into", "across", "throughout", "within", "inside",
             "outside", "around", "toward", "towards", "through", "via", "on"}
# Words after a region's name ("Sindh province", "Borno State").
REGION_WORDS = re.compile(r"\s+(province|state|region|governorate|department|prefecture|oblast)$")
# Seas, gulfs and straits are water, no country's territory: "the Red Sea" is not Sudan's
# Red Sea State, "the Black Sea" no region of one shore.
WATER_BODY = re.compile(r"(?i)\b(sea|ocean|gulf|strait|straits|channel)\b")

# A country's parts: "in Peru's southern city of X", "across Mali's north".
TERRITORY_NOUNS = frozenset({
    "city", "town", "village", "province", "district", "region", "area", "governorate", "county",
    "state", "capital", "coast", "territory", "oblast", "countryside", "island", "valley", "port",
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "interior",
})


def is_water_body(name: str) -> bool:
    """Whether a place name is a sea, gulf, ocean, strait or channel.

    >>> is_water_body("the Red Sea"), is_water_body("Gulf of Aden"), is_water_body("Seattle")
    (True, True, False)
    """
    return WATER_BODY.search(name) is not None


def owns_a_location(cols: Columns, owner: int) -> bool:
    """Whether the possessive at token ``owner`` names where something happens.

    "students rioted on a campus in Peru's southern city of X": a country's city, region or capital
    after a locative preposition is a location, and the country named is where the act
    happened, not a participant, so a nationless group in the sentence takes its country
    (``context.sentence_country``). "Peru's government" or "struck Peru's capital" act.
    """
    owned = cols.head[owner]
    return (cols.dep[owner] == "poss" and owned != owner and cols.lemma[owned].lower() in TERRITORY_NOUNS
            and cols.dep[owned] == "pobj" and cols.lower[cols.head[owned]] in LOC_PREPS)


def acts(state: DocState, start: int, end: int) -> bool:
    """False for a place name used as a location ("a meeting in Moscow", "West Bank-based")."""
    if state.phrase:
        return True
    cols, doc = state.cols, state.doc
    heads, deps, n = cols.head, cols.dep, len(cols.text)
    head = span_root(cols, start, end)
    if end < n and cols.tag[end] == "POS":
        return not owns_a_location(cols, head)
    if end < n and cols.text[end] in ("-", "–"):
        return False
    while deps[head] == "conj" and heads[head] != head:
        head = heads[head]
    if deps[head] == "pobj" and cols.lower[heads[head]] in LOC_PREPS:
        return False
    if (deps[head] == "pobj" and cols.lower[heads[head]] == "of"
            and cols.lemma[heads[heads[head]]].lower() in TERRITORY_NOUNS):
        return False  # "the port of Durban", "the town of X": the place of a place noun
    if deps[head] in ("compound", "amod") and heads[head] >= end:
        return state.kb.agent(cols.text[heads[head]]) is not None
    if doc[end - 1].ent_iob_ == "I" and doc[end].ent_iob_ == "I" if end < n else False:
        return False  # inside a longer unresolved name ("Forthcoming Moscow Parley")
    return True


def is_demonym(state: DocState, start: int, end: int, label: str | None) -> bool:
    """"Palestinian" in "Palestinian unity": a description, not the state acting.

    Demonyms become country mentions only in titles ("Russian Foreign Minister X") or
    as plural subjects ("Palestinians protested").
    """
    cols, last = state.cols, end - 1
    if label != "NORP" and (norm(cols.text[last]) not in state.kb.demonyms or cols.pos[last] not in ("ADJ", "NOUN")):
        return False
    return not (cols.tag[last] in ("NNPS", "NNS") and cols.dep[last] in ("nsubj", "nsubjpass"))


def add_place(state: DocState, start: int, end: int, code: str) -> None:
    """"talks in Ecuador": a mention of the country where something happens.

    The event coder decides whether a place is a participant; it claims its tokens
    last, so a longer agent phrase ("Kosovo police") or name keeps them.
    """
    cand = state.country_cand(start, end, code, "place")
    if cand is None:
        return
    cand.priority = 6
    state.cands.append(cand)
    for i in range(start, end):
        state.name_at.setdefault(i, cand)


def add_demonym(state: DocState, start: int, end: int, code: str) -> None:
    """"the U.S. request", "Indian", "Iraqi towns": a demonym is a mention of its country.

    An agent phrase around it ("Serb forces") replaces it with country+sector in the
    agent pass, which drops the candidates inside its modifiers.
    """
    cand = state.country_cand(start, end, code, "demonym")
    if cand is None:
        return
    state.cands.append(cand)
    for i in range(start, end):
        state.name_at.setdefault(i, cand)


def city_ref(state: DocState, text: str, code: str) -> Ref:
    """A city named as an actor ("Mariupol", "Sydney"): its people, coded civilian.

    Capitals are the state instead (capital metonymy, see ``add_name``).
    """
    return Ref(key=slug(text), name=text, country=code[:3], sector="CVL", kind="GPE", resolution="city")


def region_country(state: DocState, text: str) -> str | None:
    """ISO3 of a province, state or region name ("Sindh", "Borno State"), else None."""
    if is_water_body(text):
        return None
    key = norm(text)
    key = REGION_WORDS.sub("", key) if key not in state.kb.regions else key
    return state.kb.regions.get(key)


def shared_place_names(state: DocState) -> None:
    """"Militias in Tripoli ... the north Lebanese port": a city name several countries share.

    A name big cities of several countries bear resolves to the other country when its
    sentence names that one, and the article names the usual one nowhere else.
    """
    for c in state.cands:
        options = state.kb.shared_places.get(norm(state.span_text(c.start, c.end))) if c.ref.country else None
        if not options or c.ref.country[:3] not in options:
            continue
        sent_start, sent_end = state.sentence(c.start)
        elsewhere = {o.ref.country[:3] for o in state.cands if o.ref.country and norm(state.span_text(o.start, o.end)) not in state.kb.shared_places}
        named = {o.ref.country[:3] for o in state.cands if o.ref.country and sent_start <= o.start < sent_end} & elsewhere
        other = named.intersection(options) - {c.ref.country[:3]}
        if len(other) != 1 or c.ref.country[:3] in elsewhere:
            continue
        code = other.pop()
        text = state.span_text(c.start, c.end)
        c.ref = state.country_cand(c.start, c.end, code, "place").ref if c.priority == 6 else city_ref(state, text, code)
        c.ref.resolution += "+shared-name"


def groups_in_places(state: DocState) -> None:
    """"Kurds in Turkey", "ethnic Albanians in Macedonia": a people takes the country it lives in.

    Event codebooks code an ethnic group by where it lives, not by the state its name
    recalls; only a plural demonym (or one after "ethnic") is moved, to the country of
    "in/of <country>" after it, or, after "ethnic", the one other country of its sentence.
    """
    doc = state.doc
    for c in state.cands:
        people = c.ref.kind is None and state.cols.ent_type[c.start] == "NORP"  # "Kurds": no state of their own
        if not (c.ref.resolution == "demonym" and c.priority in (2, 3) or people):
            continue
        tok = doc[c.end - 1]
        ethnic = after_ethnic(state, c.start)
        if tok.tag_ not in ("NNPS", "NNS") and not ethnic or tok.dep_ in ("amod", "compound"):
            continue  # "ethnic Albanian guerrillas": the agent pass codes the group
        home = residence(state, tok, c.ref.country, ethnic)
        if home is None:
            continue
        text = state.span_text(c.start, c.end)
        c.ref = Ref(key=f"group:{home.country}:{norm(text)}", name=f"{text} in {home.name}", country=home.country,
                    kind="GROUP", resolution="demonym+residence")


def after_ethnic(state: DocState, start: int) -> bool:
    """True when "ethnic" comes just before token ``start`` ("ethnic Albanians")."""
    return start > 0 and state.cols.lower[start - 1] == "ethnic"


def ethnic_home(state: DocState, start: int, stop: int, root: int, country: str | None) -> Ref | None:
    """Where a group named "ethnic <demonym> <noun>" in tokens [start, stop) lives, else None."""
    ethnic = any(after_ethnic(state, i) for i in range(start + 1, stop))
    if not ethnic or not country or conjoined_countries(state, start, stop):
        return None  # "Macedonian and ethnic Albanian parties": two peoples, left as named
    return residence(state, state.doc[root], country[:3], True)


def residence(state: DocState, tok: Token, own: str | None, ethnic: bool) -> Ref | None:
    """The country a people named at ``tok`` lives in, when the sentence says so, else None.

    "Albanians in/of southern Serbia": the country after the noun. "Ethnic Albanians
    demonstrated in Serbia": the one country other than their own that the sentence names.
    """
    prep = next((t for t in tok.children if t.dep_ == "prep" and t.lower_ in ("in", "inside", "within", "of")), None)
    pobj = next((t for t in prep.children if t.dep_ == "pobj"), None) if prep is not None else None
    place = state.name_at.get(pobj.i) if pobj is not None else None
    if place is not None and place.ref.kind == "GPE" and place.ref.country not in (None, own, "IGO"):
        return place.ref
    if not ethnic:
        return None
    sent_start, sent_end = state.sentence(tok.i)
    others = {c.ref.country[:3]: c.ref for c in state.cands
              if sent_start <= c.start < sent_end and c.ref.kind == "GPE" and c.ref.country
              and c.ref.country[:3] not in (own, "IGO") and c.ref.country not in BLOCS}
    return next(iter(others.values())) if len(others) == 1 else None
