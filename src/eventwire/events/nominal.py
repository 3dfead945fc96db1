"""The sides of a nominal trigger: "talks between X and Y", "Israel's raid on Gaza".

A noun names its participants in its own modifiers (possessors, compounds, "between",
"with", "by" phrases) and its target in a directed preposition ("against", "to"); failing
those, the verb that governs it supplies them ("unify the factions at a meeting").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..schema import ActorRef
from .arguments import Arguments
from .phrases import resolve
from .references import ActorIndex
from .syntax import (PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, engaged_subject, is_engaged, is_passive, object_of,
                     passive_agent, prep_objects, reporter_of, subject_of)

# Prepositions whose object is a nominal trigger's target ("riots against X", "a visit to
# Y"); "on" and "into" name the topic of a meeting ("talks on Iran") and count only for
# directed types.
NOUN_TARGET_PREPS = ("against", "to", "toward", "towards", "upon")
NOUN_DIRECTED_PREPS = ("on", "into")


def noun_arguments(trigger: Token, index: ActorIndex, directed: bool = True) -> Arguments:
    """Participants of a nominal trigger ("talks between X and Y", "the invitation ... to X").

    Takes the noun's own modifiers first ("Israel's visit to Egypt", "riots against the
    government"), then the governing verb's subject and object ("unify the factions at a
    meeting"), and a host named by "in <place>".

    directed (bool): the event type has a direction, so "on X" names its target.
    """
    own: list[ActorRef] = []
    of: list[ActorRef] = []
    targets: list[ActorRef] = []
    to_target = NOUN_TARGET_PREPS + (NOUN_DIRECTED_PREPS if directed else ())
    for c in trigger.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            own += resolve(c, index, depth=1)
        elif c.dep_ == "prep" and c.lower_ in ("between", "with", "of", "by", "from", "among"):
            named = [r for p in c.children if p.dep_ == "pobj" for r in resolve(p, index)]
            own += named
            of += named if c.lower_ == "of" else []
        elif c.dep_ in ("prep", "dative") and c.lower_ in to_target:
            targets += [r for p in c.children if p.dep_ == "pobj" for r in resolve(p, index)]
    targets = [r for r in targets if r.id not in {a.id for a in own}]
    host = [r for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
            for p in c.children if p.dep_ == "pobj" for r in resolve(p, index, depth=1)]
    verb = governing_verb(trigger)
    recipients: list[ActorRef] = []
    actors: list[ActorRef] = []
    if verb.pos_ in ("VERB", "AUX") and verb.i != trigger.i:
        subj = subject_of(verb, index.cols) if trigger.dep_ not in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS else None
        if is_engaged(verb, index.cols):
            # "troops were engaged in talks with X": the subject of the state does the act.
            subj = engaged_subject(verb, index.cols)
            actors = resolve(subj, index) if subj is not None else []
        elif is_passive(verb, index.cols):
            agent = passive_agent(verb, index.cols)
            actors = resolve(agent, index) if agent is not None else []
            recipients = [r for p in prep_objects(verb, index.cols) for r in resolve(p, index)]
        elif subj is not None:
            actors = resolve(subj, index)
            recipients = [r for o in object_of(verb, index.cols) if o.i != trigger.i and o.head.i != trigger.i
                          for r in resolve(o, index)]
    reporter = reporter_of(verb, index.cols) if verb.pos_ in ("VERB", "AUX") else None
    reported = resolve(reporter, index)[:1] if reporter is not None else []
    if own and targets:
        # The noun names both sides: "condemned Israel's raid on Gaza" is Israel's raid.
        return Arguments(_unique(own), _unique(targets), reported[0] if reported else None, "noun")
    if directed:
        # "Israel's raid in Gaza": the place of a directed act stands for its missing target,
        # as a verb's place does; it is never the party that acted ("the shootings in Lima"
        # name no doer at all).
        if actors and of and not targets:
            # "police were involved in the killing of X", "carried out the bombing of X":
            # with the doer named by the verb, a directed act's "of" phrase is its target.
            own = [r for r in own if r.id not in {a.id for a in of}]
            targets = of
        doers = _unique(own + actors)
        return Arguments(doers, _unique(targets + recipients + (host if doers else [])),
                         reported[0] if reported else None, "noun")
    # "talks in Istanbul": the host of a meeting takes part in it.
    return Arguments(_unique(own + actors + host), _unique(targets + recipients),
                     reported[0] if reported else None, "noun")


# Prepositions by which a verb names the cause, topic or time of its act ("expressed sorrow
# for the shootings", "protested over the raid", "accused X of the massacre", "resigned amid
# protests"): that act's doer is another. Others name its occasion or goal ("agreed at a
# meeting", "invited X to talks"), whose sides are the verb's.
CAUSE_PREPS = frozenset({"for", "over", "about", "of", "after", "before", "since", "despite", "following",
                         "amid", "regarding", "concerning"})


def governing_verb(trigger: Token) -> Token:
    """The verb whose sides a nominal trigger takes: the verb it is the object or subject of,
    or names the occasion of ("carried out airstrikes", "unify the factions at a meeting").
    A noun that hangs off another noun ("expressed condolences over the shootings") or names
    the verb's cause or topic ("expressed sorrow for the bombings") gets no sides from the
    verb: its subject did not do the act.
    RETURNS (Token): the verb, or the trigger itself when there is none.
    """
    head = trigger.head
    if head.pos_ == "ADP":
        if head.lower_ in CAUSE_PREPS:
            return trigger
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") and head.i != trigger.i else trigger


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen, out = set(), []
    for r in refs:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return out
