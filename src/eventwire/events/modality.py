"""Modality: did the event happen, is it planned, hypothetical, or negated?

The status comes from cue words on the trigger and on the verbs that govern it
("will seek to unify ... at a meeting" → planned via *will*), and from an event date
later than the publication date. The cue is returned so every status explains itself.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

PLANNED_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "should", "would"})
# Deliberation verbs make even their own object hypothetical ("considering sanctions").
CONSIDER_VERBS = frozenset({"consider", "weigh", "mull", "contemplate", "debate", "discuss",
                            "propose", "study", "explore", "eye"})
# Not "try"/"attempt": an attempt is an act that happened ("tried to hack into X's computers").
HYPOTHETICAL_VERBS = CONSIDER_VERBS | {"seek", "hope", "want", "threaten"}
PLANNED_VERBS = frozenset({"plan", "schedule", "intend", "expect", "prepare", "set", "due", "aim",
                           # readiness adjectives: "is prepared/ready/willing to impose"
                           "prepared", "ready", "willing", "poised", "determined"})
PLANNED_WORDS = frozenset({"forthcoming", "upcoming", "planned", "scheduled", "next", "tomorrow",
                           "future", "proposed"})
REFUSAL_VERBS = frozenset({"refuse", "decline", "fail", "reject", "deny", "oppose"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})


def _governors(trigger: Token, depth: int = 4) -> list[Token]:
    """The trigger and the verbs above it in its own clause chain (xcomp, prep, dobj...)."""
    chain = [trigger]
    t = trigger
    for _ in range(depth):
        if t.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "ROOT", "conj") or t.head.i == t.i:
            break
        if t.dep_ == "acl" and t.tag_ == "VBN":
            break  # "will bury the villagers killed by X": the killing already happened
        t = t.head
        chain.append(t)
    return chain


def modality(trigger: Token, event_date: str | None = None,
             published: dt.date | None = None) -> tuple[str, str | None]:
    """The event status and the cue word that set it.

    trigger (Token): the trigger word.
    event_date (str | None): the resolved ISO date of the event, if any.
    published (date | None): the article's publication date.
    RETURNS (tuple[str, str | None]): (status, cue) with status one of occurred, planned,
        hypothetical, negated.
    """
    chain = _governors(trigger)
    for i, t in enumerate(chain):
        kids = list(t.children)
        for c in kids:
            # "spare no efforts" is emphasis, not negation: det "no" counts on the trigger only.
            if c.dep_ == "neg" or (c.lower_ in NEGATIONS and (c.dep_ == "advmod" or (c.dep_ == "det" and i == 0))):
                return "negated", c.text
        if i > 0 and t.lemma_ in REFUSAL_VERBS:
            return "negated", t.text
        if any(c.lower_ == "if" and c.dep_ == "mark" for c in kids) or (
                t.dep_ == "advcl" and any(c.lower_ == "if" for c in t.children)):
            return "hypothetical", "if"
    for i, t in enumerate(chain):
        for c in t.children:
            low = c.lower_
            if c.dep_ in ("aux", "auxpass") and low in PLANNED_AUX:
                return "planned", c.text
            if c.dep_ in ("aux", "auxpass") and low in HYPOTHETICAL_AUX:
                # Future-in-the-past of reported speech ("declared it would ...") is a plan.
                if low == "would" and t.dep_ == "ccomp":
                    return "planned", c.text
                return "hypothetical", c.text
            if c.dep_ in ("amod", "advmod", "npadvmod", "nmod") and low in PLANNED_WORDS:
                return "planned", c.text
            if low == "next" and c.dep_ == "amod":
                return "planned", c.text
            if c.dep_ == "npadvmod" and any(g.lower_ == "next" for g in c.children):
                return "planned", f"next {c.text}"
        if (i > 0 or t.lemma_ in CONSIDER_VERBS) and t.lemma_ in HYPOTHETICAL_VERBS and t.pos_ == "VERB":
            return "hypothetical", t.text
        if i > 0 and t.lemma_ in PLANNED_VERBS and t.pos_ in ("VERB", "ADJ"):
            return "planned", t.text
    if event_date and published and len(event_date) >= 10:
        try:
            if dt.date.fromisoformat(event_date[:10]) > published:
                return "planned", "future date"
        except ValueError:
            pass
    return "occurred", None
