"""Grouping: candidate mentions become ``schema.Actor`` records with non-overlapping mentions.

Candidates claim their tokens in priority order (names and appositions before agent
phrases, places last; see ``state``), so a token belongs to one actor. A person's title
words stay the title's. The actors are returned in order of first mention, with their
listed members (``collectives.list_members``).
"""

from __future__ import annotations

from bisect import bisect_right

from ..schema import Actor, Mention
from .collectives import list_members
from .normalize import slug
from .state import DocState, Ref


def group(state: DocState) -> list[Actor]:
    """Merge the candidates into actors. RETURNS (list[Actor]): in order of first mention."""
    doc = state.doc
    taken = [False] * len(doc)
    actors: dict[str, Actor] = {}
    order: list[str] = []
    refs: dict[str, Ref] = {}
    sent_starts = state.sent_starts if doc.has_annotation("SENT_START") else []
    for c in sorted(state.cands, key=lambda c: (c.priority, c.start)):
        if c.start >= c.end or any(taken[c.start:c.end]):
            continue
        if c.priority >= 2 and c.ref.kind in ("PERSON",) and c.start in state.title_tokens:
            continue
        if c.ref.kind is None:
            continue  # an unknown capitalised word no person or KB entry claimed
        for i in range(c.start, c.end):
            taken[i] = True
        ref = c.ref
        key = ref.key
        if key not in refs:
            refs[key] = ref
            order.append(key)
        elif ref.resolution and refs[key].resolution == "ner-only" and ref.resolution != "ner-only":
            refs[key] = ref
        text = state.span_text(c.start, c.end)
        start_char = state.cols.idx[c.start]
        # A mention's sentence is its first token's (as ``Span.sent`` has it).
        sentence = bisect_right(sent_starts, c.start) - 1 if sent_starts else None
        actors.setdefault(key, []).append(Mention(text=text, start=start_char, end=start_char + len(text),
                                                  sentence=sentence))
    out = []
    for key in order:
        ref = refs[key]
        mentions = sorted(actors[key], key=lambda m: m.start)
        out.append(Actor(id=slug(ref.name) if key.startswith("group:") else key, name=ref.name,
                         country=ref.country, sector=ref.sector, kind=ref.kind, role=ref.role,
                         kb_id=ref.kb_id, resolution=ref.resolution, mentions=mentions,
                         members=list(ref.members), organization=ref.organization))
    list_members(state, out)
    return sorted(out, key=lambda a: a.mentions[0].start)
