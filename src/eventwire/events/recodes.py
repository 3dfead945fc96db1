"""Matched events that event data code as another type.

Peacekeepers who arrive or deploy provide military AID to the host (CAMEO 074), not a
visit or a mobilization; a joint military exercise is military COOPERATE between its
sides (CAMEO 062); "X said Y attacked Z" is X's allegation against Y (ACCUSE, CAMEO 112),
not the attack. ``construction.events_for_match`` asks each test in turn.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..nlp.columns import Columns
from ..schema import ActorRef
from .arguments import Arguments
from .lexicon import SPEECH_VERBS
from .matching import Match
from .phrases import resolve
from .references import ActorIndex
from .syntax import subject_of, subtree_indices


# Verbs of going back that CAMEO reads as the end of a visit ("returned to Paris").
RETURN_VERBS = frozenset({"return", "repatriate"})


def gives_back(trigger: Token, cols: Columns) -> bool:
    """Whether a verb of going back has a direct object: "returned a statue to X" gives
    something back (CAMEO 0842, PLOVER RETREAT), it is no visit. On silver, 13 sentences
    annotated RETREAT had such a verb coded as a visit (CONSULT)."""
    return cols.lemma[trigger.i].lower() in RETURN_VERBS and any(
        cols.dep[c] == "dobj" for c in cols.children[trigger.i])


def moves_peacekeepers(trigger: Token, cols: Columns) -> bool:
    """Whether the moving subject or moved object is a peacekeeping force ("peacekeeping
    troops arrived", "deployed peacekeepers")."""
    dep, lower, children = cols.dep, cols.lower, cols.children
    heads = [c for c in children[trigger.i] if dep[c] in ("nsubj", "dobj")]
    return any(lower[t].startswith("peacekeep") for h in heads for t in subtree_indices(h, children))


# Nouns of military exercises: with several sides, a joint exercise.
EXERCISE_NOUNS = frozenset("""exercise exercises drill drills manoeuvre manoeuvres maneuver maneuvers
game games wargame wargames""".split())


def is_joint_exercise(m: Match, args: Arguments) -> bool:
    """Sides of two or more countries exercise together: "French and Egyptian warships
    launched war games", "Russia held joint drills with China"."""
    if not any(t.lower_ in EXERCISE_NOUNS for t in [m.trigger] + m.hits):
        return False
    if exercises_with(m):
        return bool(args.recipients)
    return len({a.country for a in args.actors if a.country}) > 1


def exercises_with(m: Match) -> bool:
    """Whether the exercise has a partner: a "with" phrase or a "joint" modifier."""
    words = [m.trigger] + [t for t in m.hits if t.lower_ in EXERCISE_NOUNS]
    return any((c.dep_ == "prep" and c.lower_ == "with") or (c.dep_ == "amod" and c.lower_ in ("joint", "combined"))
               for w in words for c in w.children)


# Material conflict a speaker may attribute to someone else: the report is an allegation.
ALLEGED_TYPES = frozenset({"ASSAULT", "COERCE"})
# Armed groups the actor stage leaves uncoded ("government forces"): still an accused party.
ARMED_GROUPS = frozenset("""force troop soldier army military police militant rebel insurgent
gunman fighter militia jet warplane""".split())


def reported_accusation(trigger: Token, event: str, status: str, args: Arguments,
                        index: ActorIndex) -> tuple[ActorRef, ActorRef] | None:
    """(speaker, accused) when the trigger is an attack someone else is said to have made.

    "Iraq said Iran had shelled its border", "X said three people were killed in a strike
    by government forces": PETR2 codes the speaker's allegation (CAMEO 112) against the
    perpetrator. Only a speaker who opens the sentence alleges; a closing attribution
    ("..., medics said") sources the attack itself, and a speaker who names itself
    ("X said it attacked Y") claims rather than accuses.
    """
    if event not in ALLEGED_TYPES or status != "occurred":
        return None
    # The clause climbed through its coordinations to the speech verb that reports it.
    dep, head = index.cols.dep, index.cols.head
    clause = trigger.i
    while dep[clause] == "conj" and head[clause] != clause:
        clause = head[clause]
    speech = head[clause]
    if dep[clause] != "ccomp" or index.cols.lemma[speech] not in SPEECH_VERBS or speech > trigger.i:
        return None
    subj = subject_of(trigger.doc[speech], index.cols)
    speakers = resolve(subj, index)[:1] if subj is not None else []
    accused = args.actors[:1] or _perpetrator(trigger, index)
    if not speakers or not accused or speakers[0].id == accused[0].id:
        return None
    if accused[0].id in index.pronoun_groups and accused[0].country == speakers[0].country:
        return None  # "the air force said its jets struck ...": a claim of its own
    return speakers[0], accused[0]


def _perpetrator(trigger: Token, index: ActorIndex) -> list[ActorRef]:
    """Who a passive attack names as its author: "in a strike by X", "fired from X"."""
    for c in trigger.children:
        if c.dep_ != "prep":
            continue
        for p in (p for p in c.children if p.dep_ == "pobj"):
            if c.lower_ == "from":
                found = resolve(p, index, depth=1)
                if found:
                    return found[:1]
            if c.lower_ in ("in", "by"):
                agents = [p] if c.lower_ == "by" else [q for g in p.children if g.dep_ == "prep" and g.lower_ == "by"
                                                       for q in g.children if q.dep_ == "pobj"]
                for a in agents:
                    found = resolve(a, index)
                    if found:
                        return found[:1]
                    if a.lemma_.lower() in ARMED_GROUPS or a.lower_.rstrip("s") in ARMED_GROUPS:
                        return [_group_ref(a)]
    return []


def _group_ref(noun: Token) -> ActorRef:
    """An uncoded armed group named by its noun phrase ("government forces")."""
    span = noun.doc[noun.left_edge.i: noun.i + 1]
    name = span.text[4:] if span.text.lower().startswith("the ") else span.text
    return ActorRef(name=name, code=None, country=None, sector=None, text=span.text, id=f"ent:{name.lower()}")


def without_protest_demands(events: list) -> list:
    """A sentence's events without the demands its protesters make by protesting.

    PLOVER manual 3.8 and 3.12: "demands that take the form of demonstrations, protests, etc.
    are coded as PROTEST", and the topic of a protest, "which will typically be a REQUEST",
    is not coded as a separate event. "Students marched to the ministry, demanding the
    minister's resignation" is one PROTEST; a demand by anyone else stays a REQUEST.
    """
    protesters = {a.id for e in events if e.event == "PROTEST" for a in e.actor}
    if not protesters:
        return events
    return [e for e in events if not (e.event == "REQUEST" and e.actor and e.actor[0].id in protesters)]
