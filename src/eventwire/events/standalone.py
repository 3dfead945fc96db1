"""When a sentence's own event may be coded with its actor alone.

PLOVER codes an event whose recipient the sentence leaves implied ("the government lifted
the curfew", "the court opened an inquiry") with its source only; the coder otherwise
needs both sides. ``stands_alone`` is the last resort of a sentence that would
otherwise yield no event at all (``coder.code_events``): the sentence's main verb, done
by a named actor of known country, in a pattern specific enough to say what was done.

The types and the conditions were chosen on the silver corpus (silver, our annotations),
never on gold: the rules coder was run on all 9,749 silver sentences with the fallback
open to every type, and each type's added events were compared with the annotations.
"""

from __future__ import annotations

from spacy.tokens import Token

from .content import SETTING_PREPS
from .lexicon import SPEECH_VERBS
from .matching import Match

# Types whose added one-sided events had the annotated type at least 55 % of the time
# (added events of the right type / all added, rules coder on the silver corpus): AID 0.75,
# ASSAULT 0.76, REQUEST 0.76, CONCEDE 0.72, COERCE 0.71, SANCTION 0.71, ACCUSE 0.67,
# AGREE 0.65, SUPPORT 0.57. Left out: CONSULT 0.55 (12 of 22; a meeting needs a second
# party), RETREAT 0.50, THREATEN 0.48, REJECT 0.42, COOPERATE 0.20.
# The type judged is the one coded: a cooperative act announced for the future is an
# AGREE ("will return the land": 6 of 8 added right on silver), a harmful one a THREATEN,
# kept only in its doer's own words (of the 11 such lone threats that were coded before,
# 10 did not have the annotated type; none was in the doer's own words).
STANDALONE_TYPES = frozenset({"AID", "ASSAULT", "REQUEST", "CONCEDE", "COERCE", "SANCTION", "ACCUSE",
                              "AGREE", "SUPPORT"})
# Pronouns by which a speaker names itself in what it announces.
SPEAKER_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i"})


def stands_alone(m: Match, how: str, actors: list, event: str | None = None) -> bool:
    """Whether a match whose parse links no recipient may be coded with its actor alone.

    how (str): how the arguments were read (``arguments.Arguments.how``).
    actors (list[ActorRef]): the match's actors.
    event (str | None): the type the event will be coded as, which its status may have
        changed from the pattern's ("will return the weapons" is a statement of intent,
        an AGREE); the pattern's type when None.
    """
    p = m.pattern
    stated = event or p.event
    if stated == "THREATEN" and p.event != "THREATEN":
        # A harmful act told in the future is a threat only when its doer says so itself
        # ("X announced that it is ready to impose a curfew"); a forecast ("in the coming
        # days the army will launch an offensive") or a third party's word is no threat.
        fits = p.event in STANDALONE_TYPES and _own_announcement(m.trigger)
    else:
        fits = stated in STANDALONE_TYPES
    return (fits and how == "active" and bool(actors)
            and all(a.country for a in actors)
            # A bare verb without a frame ("offered", "wants", "voted") does not say
            # what was done; a manual pattern or a framed one does ("lifted the curfew").
            and (p.manual or len(p.words) >= 1)
            and _sentence_act(m.trigger) and not _frame_in_setting(m) and not _reduced_relative(m.trigger))


def main_clause(trigger: Token) -> bool:
    """Whether the trigger is the sentence's main verb (or conjoined with it): a one-sided
    act told in a subordinate clause ("the minister, who resigned last year, said") is
    background to the sentence's event, not what it reports."""
    head = trigger.head if trigger.dep_ == "conj" else trigger
    return head.dep_ == "ROOT"


def _clause_head(trigger: Token) -> Token:
    """The head of the trigger's clause: up from a governed verb ("is prepared to impose",
    "agreed to lift") or a conjunct to the verb that governs it."""
    t = trigger
    while t.dep_ in ("xcomp", "acomp", "conj") and t.head.i != t.i:
        t = t.head
    return t


def _reported_by_main_speech(clause: Token) -> bool:
    """Whether the clause is what the sentence's main speech verb says ("X said it had ...")."""
    return clause.dep_ == "ccomp" and clause.head.dep_ == "ROOT" and clause.head.lemma_.lower() in SPEECH_VERBS


def _sentence_act(trigger: Token) -> bool:
    """Whether the trigger is what the sentence reports: its main verb, the verb that verb
    governs ("is prepared to impose", "agreed to lift"), or the clause of a main speech verb
    ("X said it had lifted the ban", "X announced that it is ready to ...")."""
    t = _clause_head(trigger)
    return t.dep_ == "ROOT" or _reported_by_main_speech(t)


def _own_announcement(trigger: Token) -> bool:
    """Whether the trigger's clause is what its own doer announces: the clause of a main
    speech verb whose subject is a pronoun for the speaker ("X said it would ...",
    "X announced that they are prepared to ...")."""
    t = _clause_head(trigger)
    return _reported_by_main_speech(t) and any(c.dep_ == "nsubj" and c.lower_ in SPEAKER_PRONOUNS
                                               for c in t.children)


def _frame_in_setting(m: Match) -> bool:
    """Whether one of the match's frame words sits in a setting phrase (SETTING_PREPS)."""
    for h in m.hits:
        t = h
        while t.i != m.trigger.i and t.head.i != t.i:
            if t.dep_ == "prep" and t.lower_ in SETTING_PREPS:
                return True
            t = t.head
    return False


def _reduced_relative(trigger: Token) -> bool:
    """Whether the 'main verb' is a participle the parser took for one: in "the civilians
    jailed for X were freed by Y", *jailed* is parsed as the root and *were freed*, the
    sentence's real verb, hangs off it with no subject of its own (or one taken from the
    participle's own phrase)."""
    for t in trigger.doc[trigger.i + 1:trigger.sent.end]:
        if t.dep_ != "auxpass" or t.head.i < trigger.i:
            continue
        verb = t.head
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        if verb.dep_ == "conj" and verb.head.i == trigger.i and not own_subject:
            return True
        if verb.dep_ != "conj" and any(a.dep_ == "prep" and a.head.i == trigger.i for a in verb.ancestors):
            return True
    return False
