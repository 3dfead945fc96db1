"""Modality: did the event happen, is it planned, hypothetical, or negated?

The status comes from cue words on the trigger and on the verbs that govern it
("will seek to unify ... at a meeting" → planned via *will*), and from an event date
later than the publication date. The cue is returned so every status explains itself.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from ..nlp.columns import Columns, columns

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
# Nouns whose infinitive is still to come: "the decision to deport them", "plans to build".
PLANNED_NOUNS = frozenset({"decision", "plan", "intention", "proposal", "bid", "order"})
PLANNED_WORDS = frozenset({"forthcoming", "upcoming", "planned", "scheduled", "next", "tomorrow",
                           "future", "proposed"})
REFUSAL_VERBS = frozenset({"refuse", "decline", "fail", "reject", "deny", "oppose"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Every word a planned or hypothetical cue of ``modality`` can be (bar a time noun modified by "next").
_CUE_WORDS = PLANNED_AUX | HYPOTHETICAL_AUX | PLANNED_WORDS | {"next"}


def _governors(trigger: Token, cols: Columns, depth: int = 4) -> list[int]:
    """The trigger and the verbs above it in its own clause chain (xcomp, prep, dobj...), as indices."""
    chain = [trigger.i]
    t = trigger.i
    for _ in range(depth):
        if cols.dep[t] in ("ccomp", "advcl", "relcl", "parataxis", "ROOT", "conj") or cols.head[t] == t:
            break
        if cols.dep[t] == "acl" and cols.tag[t] == "VBN":
            break  # "will bury the villagers killed by X": the killing already happened
        t = cols.head[t]
        chain.append(t)
    return chain


def modality(trigger: Token, event_date: str | None = None, published: dt.date | None = None,
             cols: Columns | None = None) -> tuple[str, str | None]:
    """The event status and the cue word that set it.

    trigger (Token): the trigger word.
    event_date (str | None): the resolved ISO date of the event, if any.
    published (date | None): the article's publication date.
    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    RETURNS (tuple[str, str | None]): (status, cue) with status one of occurred, planned,
        hypothetical, negated.
    """
    # Read from the Doc's columns: every trigger walks its chain's dependents twice.
    cols = cols or columns(trigger.doc)
    dep, lower, lemma, text, children = cols.dep, cols.lower, cols.lemma, cols.text, cols.children
    chain = _governors(trigger, cols)
    for i, t in enumerate(chain):
        conditional = False  # an "if" marker, or any "if" of an adverbial clause
        for c in children[t]:
            # "spare no efforts" is emphasis, not negation: det "no" counts on the trigger only.
            if dep[c] == "neg" or (lower[c] in NEGATIONS and (dep[c] == "advmod" or (dep[c] == "det" and i == 0))):
                return "negated", text[c]
            # Noted in the same pass (a negation still wins): no second walk of the dependents.
            if lower[c] == "if" and (dep[c] == "mark" or dep[t] == "advcl"):
                conditional = True
        if i > 0 and lemma[t] in REFUSAL_VERBS:
            return "negated", text[t]
        if conditional:
            return "hypothetical", "if"
    for i, t in enumerate(chain):
        for c in children[t]:
            low, d = lower[c], dep[c]
            if low not in _CUE_WORDS and d != "npadvmod":
                continue  # one set lookup for the usual dependent: none of the tests below can hold
            if d in ("aux", "auxpass") and low in PLANNED_AUX:
                return "planned", text[c]
            if d in ("aux", "auxpass") and low in HYPOTHETICAL_AUX:
                # Future-in-the-past of reported speech ("declared it would ...") is a plan.
                if low == "would" and dep[t] == "ccomp":
                    return "planned", text[c]
                return "hypothetical", text[c]
            if d in ("amod", "advmod", "npadvmod", "nmod") and low in PLANNED_WORDS:
                return "planned", text[c]
            if low == "next" and d == "amod":
                return "planned", text[c]
            if d == "npadvmod" and any(lower[g] == "next" for g in children[c]):
                return "planned", f"next {text[c]}"
        if (i > 0 or lemma[t] in CONSIDER_VERBS) and lemma[t] in HYPOTHETICAL_VERBS and cols.pos[t] == "VERB":
            return "hypothetical", text[t]
        if i > 0 and lemma[t] in PLANNED_VERBS and cols.pos[t] in ("VERB", "ADJ"):
            return "planned", text[t]
        if i == 1 and lemma[t] in PLANNED_NOUNS and cols.pos[t] == "NOUN" and dep[chain[0]] == "acl":
            return "planned", text[t]
    if event_date and published and len(event_date) >= 10:
        try:
            if dt.date.fromisoformat(event_date[:10]) > published:
                return "planned", "future date"
        except ValueError:
            pass
    return "occurred", None
