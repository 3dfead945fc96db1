"""The country of context: whose an actor is when its own words do not say.

"The government", "gunmen", a titled person or an unknown party with no country of its
own take the one country of their sentence (or the previous one), else the article's
clearly dominant country; when two countries compete, none. "The Bush administration"
takes the country most KB namesakes govern.
"""

from __future__ import annotations

from ..nlp.columns import Columns
from .kb import BLOCS
from .modifiers import name_country
from .normalize import norm
from .state import DocState


def sentence_country(state: DocState, at: int) -> str | None:
    """The one country of a nationless group at token ``at``, else None.

    "Gunmen attacked a bus in Kenya": the countries named before it in its sentence and
    the places anywhere in it; one country is theirs. Of two or more places, the one
    country of those in the group's own clause; else none. A country named
    only after it as a participant ("Militants attacked Israel") says nothing, and then
    the article context decides (``context_country``).
    """
    sent_start, sent_end = state.sentence(at)
    cands = [c for c in state.cands if sent_start <= c.start < sent_end
             and (c.start < at or c.ref.resolution == "place")
             and c.ref.country and c.ref.country != "IGO" and c.ref.country not in BLOCS]
    codes = {c.ref.country[:3] for c in cands}
    verb = clause_verb(state.cols, at) if len(codes) > 1 else None
    if verb is not None and all(c.ref.resolution == "place" for c in cands):
        # "Students rioted on a campus in Nairobi, demanding an end to rule from Kampala":
        # with places alone to go by, the place of the group's own act is where it is
        # (a country acting before it, "Britain sent troops to Mali", makes them its own).
        codes = {c.ref.country[:3] for c in cands if clause_verb(state.cols, c.start) == verb}
        return codes.pop() if len(codes) == 1 else None
    if len(codes) == 1:
        return codes.pop()
    return None if codes else context_country(state, at)


# Dependencies inside a noun phrase or a prepositional phrase, up to the verb they belong to.
PHRASE_DEPS = frozenset({"pobj", "prep", "compound", "appos", "poss", "amod", "nmod", "npadvmod",
                         "conj", "nsubj", "nsubjpass", "dobj", "det", "nummod", "quantmod"})


def clause_verb(cols: Columns, at: int) -> int | None:
    """The verb whose clause the noun phrase at token ``at`` is part of, else None: in
    "Gunmen fired on a bus in Kenya" both "Gunmen" and "Kenya" belong to "fired".
    """
    i = at
    for _ in range(len(cols.head)):
        if cols.pos[i] in ("VERB", "AUX"):
            return i
        if cols.head[i] == i or cols.dep[i] not in PHRASE_DEPS:
            return None
        i = cols.head[i]
    return None


def context_country(state: DocState, before: int) -> str | None:
    """The country "the government" at token ``before`` means, when the article is unambiguous.

    The one country of an actor mentioned in this and the previous sentence; with none,
    the one country of the places named there (this sentence to its end); else the
    article's dominant country (named at least twice, and twice as often as any other).
    """
    window = state.previous_sentence_start(before)
    sent_end = state.sentence(before)[1]
    counts: dict[str, int] = {}
    near: set[str] = set()
    near_places: set[str] = set()
    for c in state.cands:
        code = c.ref.country
        if not code or code == "IGO" or code in BLOCS:
            continue
        if c.priority > 4:
            # "Fighting raged in Sudan. The army lifted the curfew in Khartoum": with no
            # actor's country near, the one country of the places around it is the army's.
            if c.priority == 6 and window <= c.start < sent_end:
                near_places.add(code[:3])
            continue
        counts[code] = counts.get(code, 0) + 1
        if window <= c.start < before:
            near.add(code)
    if len(near) == 1:
        return near.pop()
    if not near and len(near_places) == 1:
        return near_places.pop()
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not near and ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def leader_country(state: DocState, name: str) -> str | None:
    """The country most KB persons of this surname hold (or held) office in, else None.

    "The Bush administration": two of three Bushes in the KB are American presidents;
    without a strict majority no country is guessed.
    """
    hits = state.kb.surnames.get(norm(name).split()[-1], []) if name.strip() else []
    counts: dict[str, int] = {}
    for i in hits[:20]:
        role = state.kb.role_of(i, state.date)
        if role.country and role.sector in ("GOV", "ELI"):
            counts[role.country] = counts.get(role.country, 0) + 1
    best = max(counts, key=counts.get, default=None)
    return best if best is not None and 2 * counts[best] > sum(counts.values()) else None


def nationless_orgs(state: DocState) -> None:
    """"President X lifted the ban on the Y Front": a national body of no known country.

    An organisation the KB does not know, or knows as a rebel or party body without a
    state, takes the country its name states, else the sentence's or article's one
    country (``sentence_country``). International bodies, companies and media keep none.
    """
    if state.phrase:
        return
    for c in state.cands:
        ref = c.ref
        # A one-word name NER calls an organisation ("UNIFIL") waits with no kind for surnames.
        acronym = (ref.kind is None and ref.kb_id is None and state.cols.ent_type[c.start] == "ORG"
                   and c.start not in state.title_tokens)  # not "Defense" of "Defense Secretary X"
        if c.priority != 2 or ref.kind not in ("ORG", "ARMED_GROUP") and not acronym or ref.country is not None:
            continue
        if ref.kb_id is not None and (ref.kind != "ORG" or ref.sector not in ("REB", "PTY", "OPP")):
            continue  # "Reuters", transnational armed groups: no state is theirs
        if ref.kb_id is None and ref.sector in ("BUS", "MED"):
            continue
        country = name_country(state, c.start, c.end) or sentence_country(state, c.start)
        if country is not None and country != "IGO":
            ref.country = country[:3]
            ref.kind = ref.kind or "ORG"
            ref.resolution += "+context"


# Possessive pronouns and the kind of antecedent each can have.
PRONOUN_ANTECEDENT = {"his": "PERSON", "her": "PERSON", "its": "NONPERSON", "their": None}


def pronoun_country(state: DocState, at: int) -> str | None:
    """The one country the possessive pronoun at token ``at`` stands for, else None.

    "Ghana's president warned that his government would ...": "his" is a person named
    before it, in its sentence or else the previous one, and "his government" is Ghana's.
    "The army said its troops ...": "its" is a body or a state. When the antecedents of
    the right kind name two countries, the pronoun says nothing.
    """
    want = PRONOUN_ANTECEDENT.get(state.cols.lower[at], "none")
    if want == "none":
        return None
    sent_start = state.sentence(at)[0]
    dep = state.cols.dep
    for window in (sent_start, state.previous_sentence_start(at)):
        # An antecedent is a noun phrase of its own: "Bosnian" in "Bosnian Serbs" or
        # "Ghana" in "Ghana's" only modifies one.
        codes = {c.ref.country[:3] for c in state.cands
                 if window <= c.start < at and dep[c.end - 1] not in ("amod", "compound", "poss", "nmod")
                 and c.ref.country and c.ref.country != "IGO"
                 and c.ref.country not in BLOCS and c.ref.kind != "GROUP"
                 and (want is None or (c.ref.kind == "PERSON") == (want == "PERSON"))}
        if len(codes) == 1:
            return codes.pop()
        if codes or window == state.previous_sentence_start(at):
            return None
    return None
