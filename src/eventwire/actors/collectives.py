"""Lists and collectives: groups named by their members, by a bloc, or by no nationality.

- ``conjoined_countries``: "U.S. and Russian negotiators" are two groups, one per country.
- ``bare_group``: "insurgents", "refugees" are actors even with no nationality; "people" is not.
- ``bloc_adjectives``: a bare "western" refers back to the one western group of the article.
- ``list_members``: "foreign powers, including X and Y" lists X and Y as the group's members.
"""

from __future__ import annotations

from ..schema import Actor
from .kb import BLOCS
from .modifiers import stance_prefix
from .state import VAGUE, Cand, DocState, is_cap_text

# Sectors of nouns that name an actor even with no nationality ("insurgents", "police"):
# codebooks code them with the country of context, or with a sector alone. Occupations
# (labour, medicine, education, farming, the press, the law) and criminal gangs act as
# groups in the news as much as protesters do: "nurses went on strike", "farmers blocked
# roads", "bandits raided a village" (silver, rules coder: type 0.453 -> 0.459, triple F1
# 0.252 -> 0.256; clergy and business added nothing and stay out).
BARE_GROUP_SECTORS = {"REB", "INS", "UAF", "CVL", "REF", "MIL", "COP", "RAD", "OPP",
                      "LAB", "MED", "EDU", "AGR", "JRN", "JUD", "CRM"}
# Plural nouns too vague to be an actor without a nationality ("people were hurt").
BARE_GROUP_STOP = {"people", "persons", "individuals", "men", "women", "children", "others", "those",
                   "members", "forces"}
NON_REFERRING = {"any", "no", "all", "every", "more", "fewer"}


def conjoined_countries(state: DocState, start: int, stop: int) -> list[tuple[int, int, str]]:
    """Country modifiers joined by "and"/"or" in [start, stop): [(start, end, ISO3)], else []."""
    texts, out, joined = state.cols.text, [], False
    i = start
    while i < stop:
        cand = state.name_at.get(i)
        code = cand.ref.country if cand is not None else (
            state.kb.country_code(texts[i]) if is_cap_text(texts[i]) else None)
        end = cand.end if cand is not None else i + 1
        if code and code != "IGO" and code not in BLOCS and not stance_prefix(state, i):
            out.append((i, end, code[:3]))
        elif state.cols.lower[i] in ("and", "or", ","):
            joined = True
        i = max(end, i + 1)
    return out if joined and len({c for _, _, c in out}) > 1 else []


def bare_group(state: DocState, start: int, root: int, code: str, *, named: bool = False) -> bool:
    """True for a nationless group noun that is an actor by itself ("gunmen", "refugees").

    Plural (or mass) nouns of armed, civilian and police sectors; vague plurals ("people")
    and non-referring ones ("any more refugees") are not. With ``named``, the same for
    a kind named by a people or faith the country table lacks ("Hutu rebels"), else
    only unnamed ones. "The government" stays with ``context_country``.
    """
    sector = (code or "")[:3]
    lower = state.cols.lower
    # After a dateline the tagger often takes a capitalised plural for a singular name
    # ("KABUL (AP) - Gunmen killed ..."): a KB agent word that looks plural is plural.
    plural = state.cols.tag[root] in ("NNS", "NNPS") or lower[root] in ("police", "militia") or (
        state.cols.tag[root] == "NNP" and (lower[root].endswith("men") or lower[root].endswith("s")
                                           and not lower[root].endswith("ss")))
    # A named kind says who they are ("Catholic bishops"); an unnamed one only if it is a group.
    known = bool(sector) and sector not in VAGUE if named else sector in BARE_GROUP_SECTORS
    # The stop list is for the bare noun: "the forces" says nothing, "security forces" and
    # "armed men" are a kind of their own (an agent phrase of two words).
    # A counted group ("seven people", "dozens of people") is a group in particular.
    vague = lower[root] in BARE_GROUP_STOP and not (
        root > start and state.kb.agent(f"{lower[root - 1]} {lower[root]}") is not None
    ) and not counted(state, start, root)
    if not (plural and known and not vague):
        return False
    if lower[start] in NON_REFERRING:
        return False  # "will not admit any more migrants": no group in particular
    return names_a_kind(state, start, root) == named


# Quantity words before "of" that count the people after it ("dozens of people").
COUNTING = frozenset({"dozens", "hundreds", "thousands", "tens", "scores", "millions"})


def counted(state: DocState, start: int, root: int) -> bool:
    """A counted group is a group in particular: "seven people were killed", "dozens of
    people" (not the bare "people were hurt", which says no more than that someone was)."""
    cols = state.cols
    if any(state.doc[i].like_num for i in range(start, root)):
        return True
    head = cols.head[root]
    return cols.dep[root] == "pobj" and cols.lower[head] == "of" and cols.lower[cols.head[head]] in COUNTING


def names_a_kind(state: DocState, start: int, root: int) -> bool:
    """True when a name modifies the group noun ("Hutu rebels", "Muslim hackers")."""
    cols, doc = state.cols, state.doc
    # A capital at a sentence's start says nothing (read from the Token, not a column:
    # benchmarks/README.md, "actor resolver").
    return any(cols.pos[i] == "PROPN" or cols.ent_type[i] or is_cap_text(cols.text[i]) and doc[i].is_sent_start is not True
               for i in range(start, root))


def bloc_adjectives(state: DocState) -> None:
    """A bare "western" is a mention of the western group named elsewhere in the article."""
    groups = {c.ref.key: c.ref for c in state.cands if c.ref.kind == "GROUP" and c.ref.name.lower().startswith("western")}
    if len(groups) != 1:
        return
    ref = next(iter(groups.values()))
    for tok in state.doc:
        if tok.lower_ == "western" and tok.dep_ == "amod" and state.kb.agent(tok.head.text) is None:
            state.cands.append(Cand(tok.i, tok.i + 1, ref, priority=6))


def list_members(state: DocState, actors: list[Actor]) -> None:
    """A group followed by "including X and Y" lists X and Y as its members."""
    cols = state.cols
    cues = [i for i, lower in enumerate(cols.lower) if lower in ("including", "among them", "like")]
    if not cues:
        return
    at: dict[int, Actor] = {m.start: a for a in actors for m in a.mentions}
    for i in cues:
        sent_start, sent_end = state.sentence(i)
        members: list[Actor] = []
        for t in range(i + 1, sent_end):
            if cols.is_punct[t] and cols.text[t] != ",":
                break
            other = at.get(cols.idx[t])
            if other is not None and other.kind not in ("GROUP", "GPE") and other not in members:
                members.append(other)
        groups = [(m.start, a) for a in actors if a.kind == "GROUP" for m in a.mentions
                  if cols.idx[sent_start] <= m.start < cols.idx[i]]
        if not members or not groups:
            continue
        countries = {m.country for m in members}
        same = [g for g in groups if g[1].country in countries]
        _, group = max(same or groups, key=lambda g: g[0])
        group.members.extend(m.id for m in members if m.id not in group.members)
