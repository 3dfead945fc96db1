"""Who did what to whom: the actor and recipient sides of a verbal trigger.

``verb_arguments`` takes the verb's grammatical roles (``syntax``: subject and objects,
passive agent and patient, a participle's noun) and reads each as actors (``phrases``).
When they leave a side empty it decides where else the side is named: the object of an
errand ("summoned the envoy to complain"), the object of a commitment's or threat's
infinitive ("threatened to ban X"), whoever must meet a condition ("unless Baghdad
complies"), or the place of a physical action (``located``). It also decides what is no
side: a mishap's cause, a state's own forces. Nominal triggers are in ``nominal``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..schema import STATE_SECTORS, ActorRef
from .complement import complement_indices
from .located import LOCATIVE_PREPS, attack_actor, located_protesters, locative_objects
from .phrases import resolve
from .references import ActorIndex
from .syntax import (PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, engaged_subject, errand_of, is_engaged,
                     is_misparsed_main_verb, is_passive, is_reduced_passive, object_of, passive_agent,
                     prep_object_indices, prep_objects, reporter_of, shared_objects, shares_passive, subject_of,
                     subtree_indices)


@dataclass
class Arguments:
    """The sides of one trigger: lists of actors plus how each side was found."""

    actors: list[ActorRef]
    recipients: list[ActorRef]
    reported_by: ActorRef | None = None
    how: str = ""


def verb_arguments(trigger: Token, index: ActorIndex, subject_role: str = "actor",
                   located: bool = False, purposive: bool = False, content_located: bool = False) -> Arguments:
    """Actor and recipient sides for a verbal trigger.

    trigger (Token): the verb the pattern matched.
    index (ActorIndex): token → actor lookup.
    subject_role (str): "recipient" when the subject receives the action ("received invitations").
    located (bool): the event type is a physical action whose place may stand for its
        target when nothing else does ("shelled targets in Jericho").
    purposive (bool): the event's purpose clause names its target (protests).
    content_located (bool): only the place of the infinitive's action may stand for the
        target ("agreed to open a centre in Tokyo"), never the trigger's own place.
    RETURNS (Arguments): the two sides (possibly empty) and the reporter.
    """
    how = "active"
    cols = index.cols
    # Both participle readings need an "acl" trigger.
    participle = cols.dep[trigger.i] == "acl"
    if participle and is_misparsed_main_verb(trigger):
        # "Doctors from two aid groups donated ...": the small model sometimes parses a
        # sentence's only verb as a participle of a noun in its subject phrase.
        subj, recips = trigger.sent.root, object_of(trigger, cols) + shared_objects(trigger, cols)
    elif is_engaged(trigger, cols):
        # "troops were engaged in fighting against X": no passive, the subject fights, and
        # the "in" phrase's own phrases name the target.
        subj = engaged_subject(trigger, cols)
        activity = [trigger.doc[p] for p in prep_object_indices(trigger.i, cols, ("in",))]
        recips = object_of(trigger, cols) + [r for a in activity for r in prep_objects(a, cols)]
    elif is_passive(trigger, cols) or shares_passive(trigger, cols):
        # "X was shot and killed": the second verb shares the first one's passive voice
        # and subject, and its doer is either verb's agent.
        voice = trigger if is_passive(trigger, cols) else trigger.head
        subj = passive_agent(trigger, cols) or passive_agent(voice, cols) or next(
            (a for c in cols.children[trigger.i] if shares_passive(trigger.doc[c], cols)
             for a in [passive_agent(trigger.doc[c], cols)] if a is not None), None)
        # "X was attacked": the subject suffers the act; "aid was delivered to X",
        # "sanctions were imposed on X": a thing as subject, the target is the preposition's;
        # "evidence against X was presented": as of an active object, the subject's own
        # target phrase names the target.
        recips = [trigger.doc[c] for c in cols.children[voice.i] if cols.dep[c] in PASSIVE_SUBJECT_DEPS]
        recips += [p for r in recips for p in prep_objects(r, cols)] + prep_objects(trigger, cols)
        how = "passive"
    elif participle and is_reduced_passive(trigger):
        # "victims killed by the crash": the noun is the patient, never the doer; the
        # main clause's subject ("Interpol will identify victims killed by ...") is neither.
        subj = passive_agent(trigger, cols)
        recips = [trigger.head] + prep_objects(trigger, cols)
        how = "passive"
    elif participle and trigger.tag_ == "VBG" and (trigger.head.tag_ in ("NNS", "NNPS")
                                                   or resolve(trigger.head, index)):
        # "fired tear gas at students protesting against fees": the -ing participle's doer
        # is the people or actor it describes, known or not, never the main clause's
        # subject (which "a resolution calling for talks" still takes: a document acts
        # for its author).
        subj = trigger.head
        recips = object_of(trigger, cols) + shared_objects(trigger, cols)
    else:
        subj = subject_of(trigger, cols)
        recips = object_of(trigger, cols) + shared_objects(trigger, cols)
    if subject_role == "recipient":
        # "received aid from X", "faces pressure from X": the giver is the "from" phrase
        # of the verb or of its object.
        holders = [trigger] + [c for c in trigger.children if c.dep_ == "dobj"]
        recips, subj = [subj] if subj is not None else [], next(
            (p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
             for p in c.children if p.dep_ == "pobj"), None)
        how = "subject-receives"
    if subj is not None and index.lemmas[subj.i] in WAR_NOUNS:
        # "Syria's civil war has killed 100,000 people": a war is no doer, and the
        # country it is fought in is not the one that killed.
        subj = None
    # "killed by the crash", "the flood destroyed homes": a mishap has no perpetrator,
    # whatever its phrase names ("the Malaysia Airlines crash"), nor does its place stand
    # for one; the event is marked so that no unnamed attacker is supplied either.
    # "killed in a gas explosion": the circumstance may name the mishap instead.
    mishap = (subj is not None and is_mishap(subj.i, index)) or any(
        is_mishap(p, index) for p in prep_object_indices(trigger.i, cols, ("in", "by", "during"), ("prep", "agent")))
    actors = resolve(subj, index) if subj is not None and not mishap else []
    how = "mishap" if mishap else how
    if not actors and located and not mishap:
        actors = attack_actor(trigger, subj, index)
        how = "attack-place" if actors else how
    if not actors and purposive and subj is not None:
        actors = located_protesters(trigger, subj, index)
        how = "protest-place" if actors else how
    recipients: list[ActorRef] = []
    taken = {a.id for a in actors}
    for r in recips:
        # "withdraw its troops from X": the actor's own forces are not the target.
        clause_subject = cols.dep[r.i] in SUBJECT_DEPS and r.i not in cols.children[trigger.i]
        recipients = [x for x in resolve(r, index) if x.id not in taken and not _own_forces(x, actors, index)
                      and not (clause_subject and _own_state(x, actors))]
        if recipients:
            break
    errand = errand_of(trigger, cols)
    if not recipients and errand is not None:
        # "summoned the envoy to complain": the purpose is aimed at whom the errand reaches.
        recipients = next((found for r in object_of(errand, cols)
                           if (found := [x for x in resolve(r, index) if x.id not in taken])), [])
        how = "errand" if recipients else how
    if not recipients and subject_role == "actor" and how == "active":
        recipients, found = complement_recipients(trigger, index, actors, located, purposive, content_located)
        how = found or how
    elif how == "attack-place" and not recipients and recips and recips[0].lemma_.lower() not in ANAPHORIC_NOUNS:
        # "a journalist was killed in a bomb explosion in Beirut": victims of no named
        # country are placed where the attack was, as its unnamed perpetrators are.
        place = actors[0]
        recipients = [ActorRef(name=f"victims in {place.name}", code=place.country, country=place.country,
                               sector=None, text=recips[0].text, id=f"victims:{place.country}")]
    elif how == "protest-place":
        # The place named the crowd; only a stated target ("in defiance of X") makes the event.
        recipients, found = complement_recipients(trigger, index, actors, False, purposive)
        actors = actors if recipients else []
    reporter = reporter_of(trigger, cols)
    reported = resolve(reporter, index)[:1] if reporter is not None else []
    return Arguments(actors, recipients, reported[0] if reported else None, how)


# Nouns that refer back to a group already named ("shot a guard and injured three more").
ANAPHORIC_NOUNS = frozenset({"other", "others", "another"})


# Accidents and natural disasters: what they do has no actor.
MISHAP_NOUNS = frozenset("""crash accident collision derailment earthquake quake tremor flood
flooding storm hurricane typhoon cyclone tornado landslide mudslide avalanche drought fire blaze
wildfire eruption tsunami disease epidemic outbreak heatwave famine""".split())


# Wars and unrest, as subjects of what they cause ("the conflict has killed thousands").
WAR_NOUNS = frozenset("war conflict violence fighting unrest insurgency uprising crisis".split())


# What makes a blast or a fire an accident: "a gas explosion", "a boiler blast".
MISHAP_MODIFIERS = frozenset("""gas boiler chemical cylinder tanker fireworks firework stove kitchen
factory reactor""".split())
BLAST_NOUNS = frozenset({"explosion", "blast", "fire", "blaze"})


def is_mishap(i: int, index: ActorIndex) -> bool:
    """Whether token ``i`` names an accident or a natural disaster, which has no perpetrator."""
    lemma = index.lemmas[i]
    if lemma in MISHAP_NOUNS:
        return True
    cols = index.cols
    return lemma in BLAST_NOUNS and any(cols.dep[c] in ("compound", "amod") and index.lemmas[c] in MISHAP_MODIFIERS
                                        for c in cols.children[i])


# Sectors of a state's own armed and police forces.
OWN_FORCE_SECTORS = frozenset({"MIL", "COP"})


def _own_forces(ref: ActorRef, actors: list[ActorRef], index: ActorIndex) -> bool:
    """True when ``ref`` is a nationless force the state actor sends, or the actor's own
    people named through a pronoun ("its ambassador"), not its target.

    "Britain mobilized reservists", "the government ordered patrols by police": troops or
    police named without a nationality, of the actor's country or of none, are the actor's
    own forces ("Serbian police" or "Iraqi troops" are named and stay targets).
    """
    if ref.id in index.pronoun_groups:
        # "its troops", "recalled its ambassador": the pronoun named their owner; of the
        # actor's own country, they are the actor's own people, whatever their sector.
        return any(a.country == ref.country for a in actors)
    if ref.id not in index.bare_groups or (ref.sector or "") not in OWN_FORCE_SECTORS:
        return False
    return any(a.sector in (None, "GOV") and (ref.country is None or ref.country == a.country) for a in actors)


def _own_state(ref: ActorRef, actors: list[ActorRef]) -> bool:
    """True when ``ref`` is a state body of the country a state or government actor serves.

    "The president warned that his government would act": the government that will act
    is the speaker's own, the subject of what is threatened, never whom it is aimed at.
    """
    if not ref.country or not (ref.sector in STATE_SECTORS or ref.id.startswith("country:")):
        return False
    # The speaker must be the state or its government: an armed body's sector may be a
    # guess from its name ("Forces for ..."), and rebels are no state.
    return any(a.country == ref.country and (a.sector == "GOV" or a.id.startswith("country:"))
               for a in actors)


def complement_recipients(trigger: Token, index: ActorIndex, actors: list[ActorRef],
                          located: bool = False, purposive: bool = False,
                          content_located: bool = False) -> tuple[list[ActorRef], str | None]:
    """Recipients the verb's own objects did not give: its complement clause, then a place.

    "threatened to ban Ugandan candidates": after a verb of commitment, refusal or
    threat, the object of the infinitive is the target. "arrived in Amman", "shelled
    targets in Jericho": failing any other target, a physical action's place (PLOVER
    codes it as the target), but never the actor's own country when the actor is it.
    With ``content_located`` only the infinitive's place counts: "agreed to set up a
    centre in Tokyo" targets Japan, "agreed in Paris" names no target.
    RETURNS (tuple[list[ActorRef], str | None]): the recipients and how they were found.
    """
    verbs = [trigger]
    if trigger.lemma_.lower() in COMPLEMENT_TARGET_VERBS:
        # "said that troops would not permit marches by X": a "that" clause whose
        # subject is no target (the actor itself, its own forces) aims at its object.
        verbs += [c for c in trigger.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")
                  and _subject_is_actor_side(c, index, actors)]
        for _ in range(2):
            verbs += [c for v in verbs for c in v.children if c.dep_ == "xcomp" and c.i not in {x.i for x in verbs}]
    if purposive:
        # A protest's purpose names its target: "rioted, calling for the removal of X",
        # "staged a strike to demand ...", "in protest against X".
        verbs += [c for c in trigger.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"]
        cols = index.cols
        verbs += [trigger.doc[c] for c in subtree_indices(trigger.i, cols.children)
                  if cols.lower[c] in ("protest", "defiance")
                  and cols.dep[c] == "pobj" and cols.lower[cols.head[c]] == "in"]
    for v in verbs[1:]:
        for r in object_of(v, index.cols):
            found = [x for x in resolve(r, index) if x.id not in {a.id for a in actors}]
            if found:
                return found, "complement"
    if trigger.lemma_.lower() in COMPLEMENT_TARGET_VERBS:
        # "warned that officials entering the area would be arrested": who would suffer
        # the threatened act is the subject of the passive clause.
        for c in trigger.children:
            if c.dep_ == "ccomp" and is_passive(c, index.cols):
                for s in (g for g in c.children if g.dep_ in PASSIVE_SUBJECT_DEPS):
                    found = [x for x in resolve(s, index) if x.id not in {a.id for a in actors}
                             and not _own_state(x, actors)]
                    if found:
                        return found, "complement"
    # "threatened to strike unless Baghdad complies": whoever must meet the condition
    # is who the threat or offer is aimed at.
    dep, lower, children = index.cols.dep, index.cols.lower, index.cols.children
    for v in verbs:
        for c in children[v.i]:
            if dep[c] == "advcl" and any(dep[m] == "mark" and lower[m] in CONDITION_MARKS for m in children[c]):
                subj = next((v.doc[s] for s in children[c] if dep[s] in SUBJECT_DEPS), None)
                found = [x for x in resolve(subj, index) if x.id not in {a.id for a in actors}] if subj is not None else []
                if found:
                    return found, "condition"
    if not located and not content_located:
        return [], None
    # A state acting on its own territory is no dyad; a group acting there is one, and
    # protesters are always a group ("Nigerians rallied in Lagos" targets Nigeria).
    states = {a.id for a in index.country_actors.values()}
    own = set() if purposive else {a.country for a in actors if a.id.startswith("country:") or a.id in states}
    taken = {a.id for a in actors}
    for v in (verbs if located else verbs[1:]):
        # "fired at targets in Jericho", "retook a village in western Cambodia"
        # "in the capital Kabul", "in the town of Jericho": the place may be the object's
        # apposition, compound or "of" phrase.
        heads = [v.i] + complement_indices(v, depth=3, cols=index.cols)  # the frame region
        for place in locative_objects(heads, LOCATIVE_PREPS, index, appositions=True):
            ref = index.place_ref(place)
            if ref is not None and purposive and ref.id in taken:
                # "Kenyans rallied in Nairobi": a people protests its government.
                ref = ActorRef(name=f"{ref.name} government", code=f"{ref.country}GOV",
                               country=ref.country, sector="GOV", text=place.text,
                               id=f"government:{ref.country}")
            if ref is not None and ref.id not in taken and ref.country not in own:
                return [ref], "location"
    return [], None


def _subject_is_actor_side(clause: Token, index: ActorIndex, actors: list[ActorRef]) -> bool:
    """Whether a clause's subject is the actor itself or its own forces ("warned that it/police will ...").

    A subject naming anyone else is the clause's addressee, and one naming nobody known
    ("demanding that authorities open an inquiry") says nothing about the target.
    """
    subj = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS), None)
    found = resolve(subj, index) if subj is not None else []
    ids = {a.id for a in actors}
    return bool(found) and all(x.id in ids or _own_forces(x, actors, index) or _own_state(x, actors)
                               for x in found)


CONDITION_MARKS = ("if", "unless")
# Control verbs whose infinitive's object is the target: commitment, refusal, threat, demand.
COMPLEMENT_TARGET_VERBS = frozenset("""threaten warn vow pledge promise offer agree decide refuse
decline reject fail demand order urge ask call move vote prepare plan intend try attempt resolve
undertake want wish""".split())
