"""The place stage: geolocate place mentions and link an event trigger to where it happened.

Mentions come from spaCy's GPE/LOC/FAC entities, plus organisations and events named
after a place ("the Munich Security Conference" happened in Munich). Ambiguous names are
settled by the countries the article mentions, then by population (gazetteer.rank).
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp.columns import Columns, char_tokens, columns, covered_tokens, doc_ents, doc_text, per_doc, text_between
from ..actors.places import is_water_body
from ..schema import Place
from .clause import VERBAL_POS, clause_distance_at, sentences, span_root_at
from .gazetteer import Entry, best_entry, best_entry_within, is_not_place

log = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Named gatherings and buildings whose first words name the place they are in.
VENUE_LABELS = frozenset({"ORG", "EVENT", "FAC"})
VENUE_HEADS = frozenset({
    "conference", "summit", "forum", "talks", "meeting", "airport", "university", "hospital",
    "prison", "stadium", "square", "palace", "embassy", "games", "festival", "parliament",
    "council", "court", "station", "base", "camp", "port", "harbour", "harbor",
})
# Prepositions that say where something happened ("to" and "from" are motion: weaker).
LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "inside", "outside", "across", "throughout", "around", "within",
    "along", "on", "off", "into", "onto", "over", "outside", "through", "towards", "toward",
    "to", "beside", "behind", "opposite", "among", "between", "nearby", "from", "of",
})
WEAK_PREPS = frozenset({"to", "from", "towards", "toward", "into", "of", "between"})
# Links inside a noun phrase: "the Punjab town of Kasur", "his Karachi home".
NOUN_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "appos", "conj", "npadvmod"})


def _entry_for(text: str, countries: frozenset[str]) -> Entry | None:
    if is_water_body(text):
        return None  # a sea is no country's place ("in the Red Sea")
    return best_entry(text, countries)


def _venue_place(cols: Columns, text: str, start: int, end: int, countries: frozenset[str]) -> Entry | None:
    """The place that opens the venue name at tokens ``start:end`` of a Doc (``cols`` and
    ``text``: its columns and text): "Munich Security Conference" -> Munich."""
    lower = cols.lower
    if lower[end - 1] not in VENUE_HEADS:
        return None
    words = [i for i in range(start, end) if lower[i] != "the"]
    for size in range(min(3, len(words) - 1), 0, -1):
        entry = _entry_for(text_between(text, cols, words[0], words[0] + size), countries)
        if entry is not None and entry.feature in ("city", "region"):
            return entry
    return None


def _place(entry: Entry | None, text: str, start: int, end: int) -> Place:
    if entry is None:
        return Place(name=text, text=text, start=start, end=end)
    return Place(
        name=entry.name, country=entry.country, lat=entry.lat, lon=entry.lon,
        geonameid=entry.geonameid, text=text, start=start, end=end, feature=entry.feature,
    )


def context_countries(doc: Doc) -> frozenset[str]:
    """ISO3 codes of the countries a document names, for settling ambiguous place names."""
    return _context_countries(doc, columns(doc), doc_text(doc))


def _context_countries(doc: Doc, cols: Columns, text: str) -> frozenset[str]:
    found = set()
    for ent in doc_ents(doc):
        if cols.ent_type[ent.start] in ("GPE", "LOC"):
            # A region names its country as surely as the country does ("the West Bank").
            entry = best_entry(text_between(text, cols, ent.start, ent.end))
            if entry is not None and entry.feature in ("country", "region") and entry.country:
                found.add(entry.country)
    return frozenset(found)


# What may stand between a place and the wider place that qualifies it: "Toledo, Spain",
# "Hyderabad in Pakistan's Sindh province", "Bethlehem in the West Bank".
_QUALIFIER_GAPS = frozenset({",", "in", "in the", ", in", ", in the"})


def _qualifier(cols: Columns, text: str, ents: tuple[Span, ...], at: int) -> str | None:
    """The country the entity ``ents[at]`` is said to be in by the entity right after
    it, when that one is a country or a region of one; else None."""
    if at + 1 >= len(ents):
        return None
    ent, nxt = ents[at], ents[at + 1]
    gap = " ".join(text[ent.end_char:nxt.start_char].split()).lower()
    if gap not in _QUALIFIER_GAPS or cols.ent_type[nxt.start] not in ("GPE", "LOC"):
        return None
    entry = best_entry(text_between(text, cols, nxt.start, nxt.end))
    if entry is None or entry.feature not in ("country", "region"):
        return None
    return entry.country


def find_places(doc: Doc) -> list[Place]:
    """Every place mention in ``doc``, geolocated when the gazetteer knows it.

    doc (Doc): a Doc with entities.
    RETURNS (list[Place]): one Place per mention, in text order; unknown names keep
        their text with no coordinates.
    """
    # Names and labels sliced from the Doc's text and columns, read once here: span_text
    # and Span.label_ each cost cache or string-store lookups, per entity.
    cols, text = columns(doc), doc_text(doc)
    countries = _context_countries(doc, cols, text)
    places = []
    ents = doc_ents(doc)
    for at, ent in enumerate(ents):
        label = cols.ent_type[ent.start]
        if label in VENUE_LABELS:
            venue = _venue_place(cols, text, ent.start, ent.end, countries)
            if venue is not None:
                places.append(_place(venue, text_between(text, cols, ent.start, ent.end), ent.start_char, ent.end_char))
                continue
        if label in PLACE_LABELS:
            name = text_between(text, cols, ent.start, ent.end)
            if is_not_place(name):
                continue  # a news agency NER took for a place
            within = _qualifier(cols, text, ents, at)
            entry = (within and best_entry_within(name, within)) or _entry_for(name, countries)
            # Real countries and towns are in the gazetteer: an unknown "GPE" is usually a
            # person or a date NER mislabelled; unknown LOC/FAC ("Manger Square") stay.
            if entry is None and label == "GPE":
                continue
            places.append(_place(entry, name, ent.start_char, ent.end_char))
    return places


# Nouns a place name can modify and still say where ("Khanasir town", "the Nicosia
# airport"); before other nouns the name is an attribute ("a U.S. airstrike", "IDF post").
PLACE_NOUNS = frozenset({
    "city", "town", "village", "province", "district", "region", "area", "governorate", "county",
    "state", "border", "airport", "hospital", "base", "camp", "plant", "residence", "home", "house",
    "school", "stadium", "junction", "crossing", "market", "bazaar", "square", "street", "road",
    "highway", "bridge", "port", "compound", "prison", "embassy", "headquarters", "office",
    "building", "mosque", "church", "hotel", "university", "neighborhood", "neighbourhood",
    "suburb", "suburbs", "countryside", "outskirts", "zone", "strip", "valley", "mountains",
    "river", "island", "coast", "hall", "palace", "capital", "region", "territory", "oblast",
    "settlement", "neighborhoods", "streets", "center", "centre", "downtown", "station", "farm",
})


@dataclass(frozen=True)
class Anchor:
    """Where a place mention attaches: the token to link from, how weakly, and the
    tokens of the noun phrase climbed through to get there (token indices)."""

    token: int
    weak: bool
    phrase: frozenset[int]


def _locative_anchor(cols: Columns, root: int) -> Anchor | None:
    """The preposition (or verb object slot) that makes the place mention rooted at token
    ``root`` a location.

    Climbs out of the noun phrase ("Reshimbagh" in "her Reshimbagh residence", "Nablus"
    in "the city of Nablus") and returns the locative preposition it hangs from, or the
    phrase itself when it is a verb's direct object ("captured Badme"). None when the
    mention is not in a locative slot (a subject, an attribute: "a U.S. airstrike").
    Walked on the Doc's columns: each Token attribute read built Token objects.
    """
    dep, head, pos, lower = cols.dep, cols.head, cols.pos, cols.lower
    if dep[root] in ("compound", "amod") and cols.lemma[head[root]].lower() not in PLACE_NOUNS:
        return None
    current = root
    phrase = {root}
    weak = dep[root] == "poss"  # "Syria's Aleppo province": the possessor is the wider place
    for _ in range(12):
        relation = dep[current]
        if relation in NOUN_PHRASE_DEPS and head[current] != current:
            current = head[current]
            phrase.add(current)
            continue
        if relation == "pobj":
            prep = head[current]
            if lower[prep] == "of" and pos[head[prep]] in ("NOUN", "PROPN"):
                current = head[prep]  # "the city of Nablus", "the suburbs of Damascus"
                phrase.add(current)
                continue
            if lower[prep] in LOCATIVE_PREPS:
                return Anchor(prep, weak or lower[prep] in WEAK_PREPS, frozenset(phrase))
            return None
        if relation == "dobj" and pos[head[current]] in VERBAL_POS:
            return Anchor(current, weak, frozenset(phrase))  # "captured Badme"
        if relation == "npadvmod" and pos[head[current]] in VERBAL_POS:
            return Anchor(current, weak, frozenset(phrase))
        return None
    return None


def _contains(cols: Columns, outer: Anchor, inner: Anchor) -> bool:
    """Whether ``outer`` hangs inside ``inner``'s phrase: "Manger Square in Bethlehem",
    "Syria's Aleppo province" (the outer place only says where the inner one is)."""
    token = outer.token
    for _ in range(12):
        if token in inner.phrase:
            return True
        if cols.head[token] == token or cols.pos[token] in VERBAL_POS:
            return False
        token = cols.head[token]
    return False


# Prepositions strong enough to make any proper name after them a location, even one
# NER mislabelled ("demonstrated in Sanaa" with Sanaa tagged PERSON).
STRONG_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
# Verbs whose object is a person or an organisation (praise, tell, appoint...), never a place.
PERSON_OBJECT_VERBS = frozenset({
    "praise", "thank", "criticise", "criticize", "welcome", "tell", "urge", "accuse", "condemn",
    "congratulate", "invite", "ask", "blame", "back", "support", "endorse", "appoint", "name",
    "elect", "fire", "sack", "dismiss", "interview", "quote", "cite", "hire", "sue", "replace",
    "succeed", "phone", "telephone", "call", "warn", "advise", "honour", "honor", "award",
    "nominate", "pardon", "arrest", "detain", "release", "execute", "assassinate",
    "charge", "convict", "sentence", "indict", "question", "summon", "thank", "applaud",
    "commend", "rebuke", "reprimand", "berate", "meet", "brief", "inform",
})
# An acronym is read as a place only when it matches a town at least this populous:
# wire services and parties are written in capitals, and some village shares each name.
ACRONYM_TOWN = 100_000
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP"})


# Actor kinds that are never places: a name the actor stage resolved to one of these is
# not a place even when a gazetteer alternate name matches it ("Hamas" is also an old
# name of the German city Hamm).
NON_PLACE_KINDS = frozenset({"PERSON", "ORG", "ARMED_GROUP", "IGO", "NGO", "GROUP", "EVENT"})


def _non_place_actor_chars(doc: Doc, actors: list | None) -> set[int]:
    """Start offsets of every token inside a mention of a known (knowledge-base) actor
    that is not a place. Unknown names stay candidates: NER mislabels villages as people."""
    cols, length = columns(doc), len(doc_text(doc))
    starts: set[int] = set()
    for actor in actors or []:
        if actor.kind in NON_PLACE_KINDS and actor.kb_id:
            for m in actor.mentions:
                tokens = char_tokens(cols, length, m.start, m.end)
                if tokens is not None:
                    starts.update(cols.idx[tokens[0]:tokens[1]])
    return starts


def _entity_ranges(doc: Doc) -> tuple[list[int], list[tuple[int, int, str]]]:
    """The Doc's entities as (start, end, label) token ranges, with their starts for
    bisecting: read from the Spans once per Doc, not rescanned for every sentence (the
    label from the entity-type column: ``Span.label_`` looks its string up each time)."""
    def read() -> tuple[list[int], list[tuple[int, int, str]]]:
        ent_type = columns(doc).ent_type
        ranges = [(e.start, e.end, ent_type[e.start]) for e in doc_ents(doc)]
        return [r[0] for r in ranges], ranges
    return per_doc(doc, "entity_ranges", read)


def _sentence_entities(doc: Doc, sent: Span) -> list[tuple[int, int, str]]:
    """``span_ents(sent)`` as token ranges: entities never overlap and come in text
    order, so those inside the sentence are a slice found by bisecting their starts."""
    starts, ranges = _entity_ranges(doc)
    inside = ranges[bisect_left(starts, sent.start):bisect_left(starts, sent.end)]
    return [r for r in inside if r[1] <= sent.end]


def _extra_candidates(doc: Doc, cols: Columns, sent: Span, known: set[int], actors: list | None) -> list[Place]:
    """Proper names in the sentence that NER did not label as places but that sit where a
    location sits: after a strong locative preposition."""
    ents = _sentence_entities(doc, sent)
    names = [(start, end) for start, end, label in ents if label not in NOT_PLACE_LABELS]
    covered = {i for start, end, _ in ents for i in range(start, end)}
    pos = cols.pos  # read from the columns: a Token per word of every sentence was most of the cost
    names += [(i, i + 1) for i in range(sent.start, sent.end) if pos[i] == "PROPN" and i not in covered]
    not_places = per_doc(doc, "non_place_actor_chars", lambda: _non_place_actor_chars(doc, actors), depends=(actors,))
    text = doc_text(doc)
    countries = per_doc(doc, "context_countries", lambda: _context_countries(doc, cols, text))
    extra = []
    for start, end in names:
        start_char = cols.idx[start]
        if start_char in known or start_char in not_places:
            continue
        anchor = _locative_anchor(cols, span_root_at(cols, start, end))
        if anchor is None:
            continue
        name = text_between(text, cols, start, end)
        if is_not_place(name):
            continue  # "told TASS": a news agency, whatever village shares its name
        strong = cols.lower[anchor.token] in STRONG_PREPS
        # The object of a verb done to people is not where anything happened: "praised
        # Smith" is no event in Smith, Nevada, "told TASS" none in a Hungarian village.
        # Other objects stay candidates, whatever NER calls them ("captured Birao"), and
        # so does a name that modifies a place noun ("defending the Birao army base").
        if start <= anchor.token < end and cols.dep[anchor.token] == "dobj" \
                and cols.lemma[cols.head[anchor.token]].lower() in PERSON_OBJECT_VERBS:
            continue
        entry = best_entry(name, countries)
        if name.replace(".", "").isupper() and len(name) <= 6 and (entry is None or entry.population < ACRONYM_TOWN):
            continue  # acronyms name organisations ("the IDF post", "0830 GMT"), not villages
        # A known place name in any locative slot ("captured Birao", "on the outskirts of
        # Karachi", both mislabelled by NER) or any name after "in"/"at".
        if strong or entry is not None:
            extra.append(_place(entry, name, start_char, start_char + len(name)))
    return extra


def place_for_event(doc: Doc, trigger: Token, places: list[Place] | None = None,
                    actors: list | None = None) -> Place | None:
    """The place linked to the event trigger in the dependency parse.

    doc (Doc): a Doc the place stage has run on (places are found on the fly otherwise).
    trigger (Token): the event's verb or noun.
    places, actors (list | None): the Doc's places and actors when the caller has read
        them (default ``doc._.eventwire_places`` and ``eventwire_actors``; each ``doc._``
        read costs microseconds, per trigger).
    RETURNS (Place | None): the best-attached place in the trigger's clause ("in Moscow",
        "at a detention camp in Tindouf", "the summit in Accra"), or None.
    """
    linked: list[tuple[tuple, Place, Anchor]] = []
    if places is None:
        places = doc._.eventwire_places
    if places is None:
        places = find_places(doc)
    if actors is None:
        actors = doc._.eventwire_actors
    cols, sents, t = columns(doc), sentences(doc), trigger.i
    for place, span_start, span_end, anchor in _anchored_places(doc, sents[t], places, actors):
        if span_start <= t < span_end:
            continue
        token = anchor.token
        distance = 0 if cols.head[token] == t else clause_distance_at(cols, sents, t, token)
        if distance is None:
            continue
        key = (distance, anchor.weak, place.feature == "country", abs(span_start - t))
        linked.append((key, place, anchor))
    # A place that only locates another linked place gives way to it (the more specific).
    specific = [c for c in linked if not any(o is not c and _contains(cols, c[2], o[2]) for o in linked)]
    best = min(specific or linked, key=lambda c: c[0], default=None)
    return best[1] if best else None


def _anchored_places(doc: Doc, sent: Span, places: list[Place],
                     actors: list | None) -> list[tuple[Place, int, int, Anchor]]:
    """(place, first token, end token, anchor) of the sentence's places in a locative slot.

    None of this depends on the trigger: found once per sentence, not once per trigger.
    """
    return per_doc(doc, ("anchored_places", sent.start), lambda: _anchor_places(doc, sent, places, actors),
                   depends=(places, actors))


def _anchor_places(doc: Doc, sent: Span, places: list[Place],
                   actors: list | None) -> list[tuple[Place, int, int, Anchor]]:
    cols, length = columns(doc), len(doc_text(doc))
    extra = _extra_candidates(doc, cols, sent, {p.start for p in places if p.start is not None}, actors)
    dep, head, pos = cols.dep, cols.head, cols.pos
    out = []
    for place in list(places) + extra:
        if place.start is None or place.start < sent.start_char or place.end > sent.end_char:
            continue
        # Bisected on the token offsets: Doc.char_span built a Token per word.
        tokens = covered_tokens(cols, length, place.start, place.end)
        if tokens is None:
            continue
        anchor = _locative_anchor(cols, span_root_at(cols, *tokens))
        if anchor is None:
            continue
        token = anchor.token
        if dep[token] == "prep" and anchor.weak and pos[head[token]] in ("NOUN", "PROPN", "PRON"):
            continue  # "a driver from Abidjan": where someone comes from, not where it happened
        out.append((place, *tokens, anchor))
    return out


class PlaceResolver:
    """spaCy component writing ``doc._.eventwire_places`` (list[Place])."""

    def __init__(self, nlp: Language, name: str = "eventwire_places") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_places = find_places(doc)
        return doc

