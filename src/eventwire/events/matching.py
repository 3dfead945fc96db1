"""Which words of a sentence trigger an event, which trigger governs which, which events stay.

``sentence_matches`` runs the pattern matcher (``matcher``) on the sentence's possible
triggers; a word used in a stronger match's frame triggers nothing itself.
``governed_by_trigger`` and ``governed_types`` say how triggers embed one another (the
governing one is the sentence's event), and ``select`` deduplicates and caps a sentence's
events.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..nlp.columns import Columns, columns
from ..schema import Event, UNDIRECTED_TYPES
from .lexicon import lower_lemmas
from .matcher import PatternIndex
from .pattern_files import Pattern
from .syntax import errand_head, errand_of

# A word inside a name, date or number is no trigger ("the Defense Ministry", "March 3").
_SKIP_ENTS = frozenset({"PERSON", "GPE", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"})


@dataclass
class Match:
    """One pattern match: the trigger, its pattern and the tokens that matched its frame words."""

    trigger: Token
    pattern: Pattern
    hits: list[Token]


def sentence_matches(sent: Span, index: PatternIndex, cols: Columns | None = None,
                     lemmas: list[str] | None = None) -> list[Match]:
    """Pattern matches in a sentence; a word used in a stronger match's frame is not a trigger.

    "asked the rebels to join the negotiations" is one REQUEST: *join* and *negotiations* are frame
    words of the *urge* pattern and do not also trigger CONSULT events.
    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    lemmas (list[str] | None): the Doc's lowercased lemmas (``lower_lemmas``), likewise.
    """
    raw = []
    doc, cols = sent.doc, cols or columns(sent.doc)
    lemmas = lemmas or lower_lemmas(doc, cols)
    ent_type, pos, lemma, lower, may_trigger = cols.ent_type, cols.pos, cols.lemma, cols.lower, index.may_trigger
    possible = [i for i in range(sent.start, sent.end) if (pos[i] == "VERB" or pos[i] == "NOUN")
                and ent_type[i] not in _SKIP_ENTS and may_trigger(pos[i], lemma[i], lower[i])]
    for i in possible:
        token = doc[i]
        hit = index.match(token, cols, lemmas)
        if hit:
            raw.append(Match(token, hit[0], hit[1]))
    raw.sort(key=lambda m: (-len(m.pattern.words), m.trigger.i))
    consumed: set[int] = set()
    out = []
    for m in raw:
        if m.trigger.i in consumed:
            continue
        consumed.update(h.i for h in m.hits)
        out.append(m)
    return sorted(out, key=lambda m: m.trigger.i)


def governed_by_trigger(token: Token, triggers: set[int], cols: Columns, depth: int = 6) -> int:
    """How many other triggers govern ``token`` in the dependency tree (0, 1, 2...).

    The governing verb is the sentence's event: "refused to allow X" is a REJECT,
    "threatened to hold a strike" a THREATEN, "demonstrated, calling for Y" a PROTEST;
    the deeper a trigger is embedded, the less it is the sentence's event.
    Coordinated verbs ("kidnapped advisers and exploded bombs") are peers, not governors.
    cols (Columns): the Doc's columns; the walk reads heads from them (no Tokens).
    """
    head, dep = cols.head, cols.dep
    t, count = token.i, 0
    for _ in range(depth):
        if head[t] == t:
            break
        # Coordinated verbs are peers, and so is an errand and its purpose.
        coordinated = dep[t] == "conj" or errand_head(t, cols) is not None
        t = head[t]
        if not coordinated and t in triggers:
            count += 1
    return count


def governed_types(trigger: Token, types: dict[int, str]) -> set[str]:
    """The types of the triggers in the trigger's infinitive or clause complement."""
    found: set[str] = set()
    frontier = [c for c in trigger.children if c.dep_ in ("xcomp", "ccomp")]
    for _ in range(2):
        found.update(types[t.i] for t in frontier if t.i in types)
        frontier = [c for t in frontier for c in t.children if c.dep_ in ("xcomp", "conj")]
    return found


def governs_trigger(trigger: Token, types: dict[int, str]) -> bool:
    """Whether another trigger is the trigger's infinitive or clause complement."""
    return bool(governed_types(trigger, types))


def has_purpose_trigger(trigger: Token, types: dict[int, str]) -> bool:
    """Whether a "to"-infinitive purpose clause of the trigger is itself a trigger."""
    return any(c.i in types and errand_of(c) is not None for c in trigger.children)


def select(events: list[Event], cap: int) -> tuple[list[Event], int]:
    """Deduplicate (type, actor, recipient) within a sentence and keep the ``cap`` best.

    RETURNS (tuple[list[Event], int]): the kept events, and how many distinct events the
        cap dropped (reported as a document warning, never silently).
    """
    best: dict[tuple, Event] = {}
    for e in events:
        a = e.actor[0].id
        r = e.recipient[0].id if e.recipient else None
        key = (e.event, *sorted([a, r or ""])) if e.event in UNDIRECTED_TYPES else (e.event, a, r)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    ranked = sorted(best.values(), key=lambda e: -e.confidence)
    return sorted(ranked[:cap], key=lambda e: e.evidence_span), max(0, len(ranked) - cap)
