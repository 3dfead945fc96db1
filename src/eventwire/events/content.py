"""Whether a trigger is an act or only what another act asks, refuses, threatens, wants or plans.

"pressured X to help Y": the help is what is asked, not an act. "prepared to attend": the
verb is the modality of the act it governs. "a day before X heads to Beijing": the clause
dates another event. "will not accept refugees": the refusal is what happened. "wants to
help" is the subject's own intent, "wants X to help" an appeal to X. Each test here is
one such decision; ``construction.events_for_match`` applies them.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..nlp.columns import Columns
from .modality import REFUSAL_VERBS
from .pattern_files import Pattern
from .syntax import errand_of, is_engaged

# Verbs of planning and attempt: the modality of the action they govern, not events.
MODALITY_VERBS = frozenset({"plan", "prepare", "intend", "expect", "aim", "seek", "try", "attempt", "decide",
                            "want", "wish", "hope", "schedule", "set"})
# Modals of speculation: "may attack" ranks its type but is coded as no event.
SPECULATIVE_MODALS = frozenset({"might", "may"})


# Triggers whose "to"-infinitive is what they ask, refuse, threaten or blame: content only.
CONTENT_GOVERNORS = frozenset({"REQUEST", "REJECT", "THREATEN", "ACCUSE"})
_CONTENT_LINKS = ("acl", "xcomp", "advcl", "dobj", "pobj", "prep", "dative", "ccomp")


def is_unrealized_content(trigger: Token, types: dict[int, str], cols: Columns) -> bool:
    """Whether the trigger is the infinitive content of a demand, refusal or threat.

    Climbs from a "to"-infinitive through its noun or clause attachments ("pressure
    from X to help", "pressured by X to help") to the first trigger above it; the
    content is unrealized when that trigger asks, rejects, threatens or is negated.
    An errand's purpose ("sent experts to investigate") is realized and excluded.
    """
    # Only a "to"-infinitive is content; an errand's purpose is an act of its own.
    if not any(cols.dep[c] == "aux" and cols.lower[c] == "to" for c in cols.children[trigger.i]) \
            or errand_of(trigger, cols) is not None:
        return False
    t = trigger
    for _ in range(3):
        if t.dep_ not in _CONTENT_LINKS or t.head.i == t.i:
            return False
        t = t.head
        if t.i in types:
            negated = any(c.dep_ == "neg" for c in t.children)
            return types[t.i] in CONTENT_GOVERNORS or negated
    return False


# Subordinators of a clause that only dates or conditions another event.
TIME_ANCHORS = frozenset({"before", "until", "till"})
# Units of a distance in time ("two weeks after ...").
DURATIONS = frozenset({"hour", "day", "week", "month", "year", "decade"})


def in_time_anchor_clause(trigger: Token, cols: Columns) -> bool:
    """Whether the trigger's clause is introduced by "before" or "until".

    Climbs coordinated and infinitive verbs to the clause head, then looks for the
    subordinator as its marker ("before X heads to") or governing preposition
    ("before allowing aid convoys").
    """
    dep, head, lower = cols.dep, cols.head, cols.lower
    t = trigger.i
    for _ in range(3):
        if dep[t] not in ("conj", "xcomp") or head[t] == t:
            break
        t = head[t]
    if any(dep[c] == "mark" and lower[c] in TIME_ANCHORS for c in cols.children[t]):
        return True
    marks = [c for c in cols.children[t] if dep[c] == "mark" and lower[c] in ("after", "since")]
    if marks and any(dep[c] == "npadvmod" and cols.lemma[c].lower() in DURATIONS
                     for h in [t, *marks] for c in cols.children[h]):
        # "two weeks after X seized Y": an earlier event that only dates the reported one
        # (a bare "after X fired rockets" is often its cause, and reported with it).
        return True
    return dep[t] in ("pcomp", "pobj") and lower[head[t]] in TIME_ANCHORS and cols.pos[t] == "VERB"


# Verbs of backing a side: their participle describes whom they back, never an attack.
BACKING_VERBS = frozenset({"back", "support", "assist", "aid", "help", "escort", "accompany", "reinforce"})


def describes_a_noun(trigger: Token, cols: Columns) -> bool:
    """Whether the trigger is a participle with a "by" agent that describes a noun: "troops,
    backed by warplanes, launched ...", "a truce brokered by X", "a man sought by Y".

    Such a reduced relative says who the noun is, as background to what the sentence
    reports; on silver the rules coder's events from these triggers had the annotated type
    12 times in 124 (descriptions by backing verbs: 2 in 97). The caller keeps attacks
    ("villagers killed by soldiers" reports the killing).
    """
    i = trigger.i
    return (cols.dep[i] == "acl" and cols.tag[i] == "VBN"
            and any(cols.dep[c] == "agent" for c in cols.children[i]))


# Prepositions of a setting: a phrase under one of them says where or when an act
# happened ("at the start of a trip", "unify the factions at a meeting"), not what it was.
SETTING_PREPS = frozenset({"at", "during", "in", "on", "after", "before"})
# ... and those whose object is the setting of an act ("at a summit") or what it is about
# ("against the talks").
PHRASE_PREPS = SETTING_PREPS | {"against", "over"}


def in_trigger_phrase(trigger: Token, types: dict[int, str], cols: Columns) -> bool:
    """Whether the noun trigger (or a conjunct of it) is the object of a setting or topic
    preposition (PHRASE_PREPS) attached to another trigger: "agreed at a meeting",
    "demonstrated against the talks". On silver none of the 39 events the rules coder drew
    from such nouns matched an annotated event (mostly meetings coded as CONSULT between
    the wrong sides); the governing act is the sentence's event. Not so under "be engaged
    in", which only says that its subject was doing the noun's act (``syntax.is_engaged``).
    """
    t = trigger.head if trigger.dep_ == "conj" else trigger
    if t.dep_ != "pobj" or t.head.lower_ not in PHRASE_PREPS:
        return False
    governor = t.head.head
    return governor.i != trigger.i and governor.i in types and not is_engaged(governor, cols)


# Modals that make a negated action a refusal: "will not", "cannot" ("wo" and "ca" are how
# spaCy splits "won't" and "can't").
_REFUSAL_MODALS = frozenset({"will", "would", "wo", "shall", "can", "ca", "could"})


def is_refusal(trigger: Token, cue: str | None) -> bool:
    """A negated action that is a refusal: "will not accept", "refused to allow"."""
    if cue is None:
        return False
    t = trigger
    for _ in range(3):
        if t.lemma_ in REFUSAL_VERBS and t.lower_ == cue.lower():
            return True
        if any(c.dep_ == "aux" and c.lower_ in _REFUSAL_MODALS for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "ccomp") or t.head.i == t.i:
            break
        t = t.head
    return False


# Verbs of wanting: with another party as the doer ("wants X to help") an appeal, with
# none ("wants to help") the subject's own intent.
DESIRE_VERBS = frozenset({"want", "wish", "desire", "like", "hope", "seek"})


def wants_another(trigger: Token) -> bool:
    """Whether the wanted action has a doer of its own ("wants Putin to attack")."""
    return any(c.dep_ in ("dobj", "dative") for c in trigger.children) or any(
        s.dep_ in ("nsubj", "nsubjpass") for c in trigger.children if c.dep_ in ("xcomp", "ccomp")
        for s in c.children)


# CAMEO "express intent" codes (03x) for planned cooperation by PLOVER type.
INTENT_CAMEO = {"COOPERATE": "031", "SUPPORT": "032", "AID": "033", "CONCEDE": "035", "RETREAT": "035"}


def intent_cameo(p: Pattern) -> str:
    """The CAMEO code of a planned cooperative action ("will supply arms").

    A pattern converted from the CAMEO dictionary keeps its own code, as CAMEO coders
    do ("will supply arms" stays 072); a hand pattern takes the 03x "express intent"
    code of its type (a planned AID is 033).
    """
    if p.cameo and not p.manual:
        return p.cameo
    return INTENT_CAMEO.get(p.event, "030")
