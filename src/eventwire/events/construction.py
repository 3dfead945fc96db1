"""Event construction: the events one pattern match yields, and its type candidate.

``events_for_match`` reads the match's sides (``arguments``, ``nominal``), pairs them
(``dyads``), sets the status (``modality``) and rewrites the type the status or the
construction implies: planned conflict is a THREATEN and planned cooperation an AGREE
(PLOVER's statements of intent), a refused cooperation a REJECT, and the cases of
``content`` and ``recodes``. Every match, complete or not, also ranks its type for the
sentence (``TypeCandidate``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..nlp.columns import Columns, text_between
from ..schema import ActorRef, Event, UNDIRECTED_TYPES
from ..when_where.dates import date_for_event
from ..when_where.places import place_for_event
from .arguments import Arguments, verb_arguments
from .content import (BACKING_VERBS, DESIRE_VERBS, MODALITY_VERBS, SPECULATIVE_MODALS, describes_a_noun,
                      in_time_anchor_clause, in_trigger_phrase, intent_cameo, is_refusal, is_unrealized_content,
                      wants_another)
from .matching import Match, governed_types, governs_trigger, has_purpose_trigger
from .modality import modality
from .nominal import noun_arguments
from .recodes import exercises_with, gives_back, is_joint_exercise, moves_peacekeepers, reported_accusation
from .references import ActorIndex
from .standalone import main_clause, stands_alone
from .syntax import ERRAND_VERBS, is_engaged, prep_object_indices
from .types import CATALOGUE, intensity_for

# The doer of an event whose sentence names none ("five protesters were shot dead"), as
# conflict data sets code an unidentified armed group: the event is kept, its source unknown.
UNIDENTIFIED = ActorRef(name="unidentified actor", code=None, country=None, sector=None, text="",
                        id="unidentified")

# Types that are coded without a recipient (the target is often "the government", implied).
TARGETLESS_TYPES = frozenset({"PROTEST", "MOBILIZE"})
# Modes whose act has no recipient by nature: an official resigns from a post, not from
# anyone (PLOVER manual 3.7, RETREAT 'resign').
TARGETLESS_MODES = frozenset({"resign"})
# Negative actions announced for the future are threats ("will boycott the elections").
CONFLICT_MATERIAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
# CONSULT stays itself when planned: a scheduled meeting is a planned CONSULT.
COOPERATIVE_MATERIAL = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE", "SUPPORT"})
# Physical actions whose place may stand for a missing target ("shelled Kabul").
LOCATED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "AID", "RETREAT",
                           "CONSULT", "THREATEN", "SANCTION", "CONCEDE"})
# Types whose conjoined subjects, with no object, act on each other.
RECIPROCAL_TYPES = UNDIRECTED_TYPES | {"SUPPORT", "ASSAULT"}
# Cooperative types whose refusal is what happened: "will not accept refugees" is a REJECT.
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})


# Ranking offsets (see events_for_match): a trigger governed by another trigger, and a
# trigger whose dyad the parse did not complete.
GOVERNED_PENALTY = 0.15
INCOMPLETE_PENALTY = 0.1


@dataclass
class TypeCandidate:
    """One trigger's event type and how strongly it is the sentence's event.

    event (str): the PLOVER type (after intent/negation rewrites).
    score (float): the trigger's ranking score (a complete dyad scores higher).
    trigger (tuple[int, int]): the trigger's character offsets.
    rule (str): the pattern id.
    complete (bool): whether the match produced an event with a linked dyad.
    sentence (int): the character offset of the sentence start.
    """

    event: str
    score: float
    trigger: tuple[int, int]
    rule: str
    complete: bool
    sentence: int


def date_fields(date, published: dt.date | None) -> dict:
    """An event's date fields: its resolved date, else the publication day."""
    return {"date": date.value if date else (published.isoformat() if published else None),
            "date_precision": date.precision if date else ("day" if published else None),
            "date_text": date.text if date else None}


def _offsets(i: int, cols: Columns) -> tuple[int, int]:
    """Token ``i``'s character offsets, read from the columns."""
    return cols.idx[i], cols.idx[i] + len(cols.text[i])


def stated_type(event: str, status: str) -> str:
    """The type an act of this status is coded as: a material conflict act announced or
    threatened for the future is a THREATEN, a material cooperative one planned is an
    AGREE (a statement of intent); anything else keeps its type.

    >>> stated_type("SANCTION", "hypothetical"), stated_type("AID", "planned"), stated_type("AID", "occurred")
    ('THREATEN', 'AGREE', 'AID')
    """
    if status in ("planned", "hypothetical") and event in CONFLICT_MATERIAL:
        return "THREATEN"
    if status == "planned" and event in COOPERATIVE_MATERIAL:
        return "AGREE"
    return event


def events_for_match(doc: Doc, sent: Span, m: Match, actors: ActorIndex,
                     published: dt.date | None, earlier: list[Event] = (),
                     governed: int = 0,
                     sentence_types: dict[int, str] | None = None,
                     one_sided: bool = False, agentless: bool = False,
                     fallback: bool = False) -> tuple[list[Event], TypeCandidate]:
    """The events (one per linked actor pair) one pattern match yields, and its type candidate.

    earlier (list[Event]): events of previous sentences; a definite nominal trigger with no
        source ("The offer was also made to X") continues the last event of the
        same type and takes its source.
    governed (int): how many other triggers govern this one (it ranks below them).
    sentence_types (dict[int, str] | None): token index → type of the sentence's triggers.
    one_sided (bool): code the event with its actor alone when the parse links no
        recipient (the learned model is confident of the trigger: "X resigned",
        "X launched a wave of arrests"); otherwise PLOVER needs both sides.
    agentless (bool): code the event against its recipient with an unidentified actor when
        the sentence names no doer ("five protesters were shot dead"), likewise only when
        the model is confident of the trigger.
    fallback (bool): the sentence has yielded no event: its main act may be coded with
        its actor alone (``standalone.stands_alone``).
    """
    p = m.pattern
    if p.pos == "noun":
        args = noun_arguments(m.trigger, actors, directed=p.event not in UNDIRECTED_TYPES)
        if not args.actors and args.recipients and any(c.lower_ == "the" for c in m.trigger.children):
            prev = _previous(earlier, p.event)
            if prev is not None:
                args.actors, args.how = list(prev.actor), "continues-previous"
    else:
        args = verb_arguments(m.trigger, actors, p.subject, located=_is_located(m),
                              purposive=p.event == "PROTEST",
                              content_located=_is_content_located(m, sentence_types or {}))
        if args.how == "passive" and not args.actors and args.recipients and _definite_patient(m.trigger):
            # "The proposal was put to X", like "the offer was made to X": an
            # act the article has just reported, told again without its doer.
            prev = _previous(earlier, p.event)
            if prev is not None:
                args.actors, args.how = list(prev.actor), "continues-previous"
        if p.subject == "recipient" and not args.actors and args.recipients:
            # "X had received invitations": the giver goes unsaid because the article has
            # just named it; the receipt continues the last event of its type and mode.
            prev = _previous(earlier, p.event, (p.mode,), named=True)
            if prev is not None and prev.actor[0].id not in {r.id for r in args.recipients}:
                args.actors, args.how = list(prev.actor), "continues-previous"
            elif prev is None and p.event == "REQUEST" and args.reported_by is not None \
                    and args.reported_by.id not in {r.id for r in args.recipients}:
                # "the minister told reporters that the factions had received invitations":
                # an official announcing invitations received by others speaks for the
                # government that sent them (never so when the speaker is the one invited).
                speaker = args.reported_by
                if speaker.country and speaker.sector == "GOV":
                    speaker = actors.country_ref(speaker.country, speaker.text)
                args.actors, args.how = [speaker], "reporter-sends"
    date = date_for_event(doc, m.trigger, actors.dates)
    if p.status:
        status, cue = p.status, m.trigger.text
    else:
        status, cue = modality(m.trigger, date.value if date else None, published, actors.cols)
    stated = stated_type(p.event, status)
    pairs = dyads(args, p.event, p.pos == "noun")
    alone = not pairs and fallback and stands_alone(m, args.how, args.actors, stated)
    if alone or not pairs and (one_sided or p.mode in TARGETLESS_MODES and main_clause(m.trigger)):
        pairs = [(a, None) for a in args.actors]
    if not pairs and agentless and not args.actors and args.how != "mishap":
        # An event with no doer is an attack by someone unnamed, unless a mishap did it
        # ("killed by a landslide"): then it is no attack at all.
        pairs = [(UNIDENTIFIED, r) for r in args.recipients]
    # "+alone": coded with its actor alone as the sentence's last resort (standalone.py).
    event, mode, rule, cameo = p.event, p.mode, p.id + ("+alone" if alone else ""), p.cameo
    # PLOVER: negative actions announced for the future are threats, positive ones
    # are agreements (statements of intent, manual on AGREE and THREATEN).
    if stated == "THREATEN" and event != "THREATEN":
        cameo = {"SANCTION": "1312", "ASSAULT": "138", "PROTEST": "133", "COERCE": "137"}.get(event, "130")
        event, mode, rule = "THREATEN", "restrict" if event == "SANCTION" else mode, rule + "+intent"
        status = "occurred" if status == "planned" else status
    elif stated == "AGREE" and event != "AGREE":
        event, mode, rule, status, cameo = "AGREE", None, rule + "+intent", "occurred", intent_cameo(p)
    elif status == "negated" and event in COOPERATIVE and is_refusal(m.trigger, cue):
        # "will not accept refugees", "refused to allow": the refusal is what happened.
        event, mode, rule, status, cameo = "REJECT", None, rule + "+refusal", "occurred", "120"
    lemma = actors.cols.lemma[m.trigger.i]
    if lemma in DESIRE_VERBS and event == "REQUEST" and (cameo or "").startswith("02") \
            and not wants_another(m.trigger):
        # "X wants to help Y" is X's own intent (CAMEO 03x mirrors the 02x appeal codes);
        # "X wants Y to help" stays an appeal to Y.
        event, mode, rule, cameo = "AGREE", None, rule + "+own-intent", "03" + cameo[2:]
    elif lemma in DESIRE_VERBS and event == "THREATEN" and wants_another(m.trigger):
        # "X wants Y to attack Z": no threat by X, an appeal to Y (CAMEO 02).
        event, mode, rule, cameo = "REQUEST", None, rule + "+appeal", "020"
    if event in ("CONSULT", "MOBILIZE") and status == "occurred" and moves_peacekeepers(m.trigger, actors.cols):
        # "peacekeeping troops arrived in X", "deployed peacekeepers to X": providing
        # peacekeeping is military AID to the host (PLOVER AID; CAMEO 074), no visit.
        event, mode, rule, cameo = "AID", None, rule + "+peacekeeping", "074"
    elif mode == "visit" and gives_back(m.trigger, actors.cols):
        # "returned a statue to X": giving back what was taken (CAMEO 0842), no visit.
        event, mode, rule, cameo = "RETREAT", "return", rule + "+return", "0842"
    elif event == "MOBILIZE" and is_joint_exercise(m, args):
        # PLOVER: joint military games and manoeuvres are military COOPERATE (CAMEO 062)
        # between the exercising sides; a sea or range they exercise in is no party.
        event, mode, rule, cameo = "COOPERATE", None, rule + "+joint", "062"
        partners = args.recipients if exercises_with(m) else []
        pairs = dyads(Arguments(args.actors, partners, args.reported_by, args.how), event, False)
    accusation = reported_accusation(m.trigger, event, status, args, actors)
    if accusation is not None:
        # "X said Y attacked Z": event data code X's allegation against Y, not the attack.
        event, mode, rule, cameo, pairs = "ACCUSE", "allege", rule + "+reported", "112", [accusation]
        args.reported_by = None
    if mode not in CATALOGUE[event].modes:
        mode = None
    base = min(0.95, 0.45 + 0.1 * min(len(p.words), 3) + (0.1 if p.manual else 0.0)
               + (0.05 if args.how in ("active", "passive", "errand") else 0.0))
    # The main-clause trigger is the sentence's event; a governed one ranks below it.
    base -= GOVERNED_PENALTY * min(int(governed), 2)
    base -= 0.2 if status == "negated" else 0.0
    candidate = TypeCandidate(
        event=event, score=round(base - (0.0 if pairs else INCOMPLETE_PENALTY), 3),
        trigger=_offsets(m.trigger.i, actors.cols), rule=rule,
        complete=bool(pairs), sentence=sent.start_char)
    if lemma in MODALITY_VERBS and governs_trigger(m.trigger, sentence_types or {}):
        # "prepared to attend", "seeks to mediate": the verb is the modality of the
        # action it governs (already coded as planned or hypothetical), not an event.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
        return [], candidate
    if is_unrealized_content(m.trigger, sentence_types or {}, actors.cols):
        # "pressured X to help Y", "would not allow X to help Y": the help is what is
        # asked or refused, not an act; the governing trigger is the event.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
        return [], candidate
    if p.pos == "verb" and is_engaged(m.trigger, actors.cols) and any(
            i in (sentence_types or {}) for i in prep_object_indices(m.trigger.i, actors.cols, ("in",))):
        # "was engaged in talks with X": the activity noun is the event, the verb only
        # says its subject was doing it.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
        return [], candidate
    if p.pos == "noun" and governed and in_trigger_phrase(m.trigger, sentence_types or {}, actors.cols):
        # "agreed at a meeting in X", "protested against the talks": the noun is where or
        # about what another trigger's act happened; that act is the event.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
        return [], candidate
    if p.pos == "verb" and describes_a_noun(m.trigger, actors.cols) and (
            p.event != "ASSAULT" or lemma in BACKING_VERBS):
        # "troops, backed by X, launched ...": the participle describes the noun. An attack
        # told so is still reported ("villagers killed by soldiers"), but backing never is
        # one, though CAMEO reads "supported by aircraft" as an air strike.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
        return [], candidate
    if in_time_anchor_clause(m.trigger, actors.cols):
        # "a day before X heads to Beijing", "opposed it until their demands are met":
        # the clause dates or conditions the reported event; it is not reported itself.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
        return [], candidate
    if lemma in ERRAND_VERBS and has_purpose_trigger(m.trigger, sentence_types or {}):
        # "summoned the ambassador to complain", "sent experts to investigate": the
        # purpose is the sentence's event; the errand stays an event of its own.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
    if not pairs or (status == "hypothetical" and (cue or "").lower() in SPECULATIVE_MODALS):
        # "might want", "may attack": speculation ranks the type but is not coded.
        return [], candidate
    words = sorted([m.trigger] + m.hits, key=lambda t: t.i)
    ev_span = doc[words[0].i: words[-1].i + 1] if words[-1].i - words[0].i < 12 else doc[m.trigger.i: m.trigger.i + 1]
    place = place_for_event(doc, m.trigger, actors.places, actors.actors)
    text, cols = actors.text, actors.cols
    sent_text, evidence = text_between(text, cols, sent.start, sent.end), text_between(text, cols, ev_span.start, ev_span.end)
    out = []
    for actor, recipient in pairs:
        # A one-sided event is less certain than a dyad the parse links.
        conf = base + (0.05 if actor.country else 0.0) - (0.0 if recipient else 0.2)
        out.append(Event(
            event=event, actor=[actor], recipient=[recipient] if recipient else [],
            text=sent_text, span=(sent.start_char, sent.end_char),
            evidence=evidence, evidence_span=(ev_span.start_char, ev_span.end_char),
            rule=rule, mode=mode, status=status, status_cue=cue,
            cameo=cameo or CATALOGUE[event].cameo_root,
            quad_class=CATALOGUE[event].quad_class, intensity=intensity_for(event, cameo),
            **date_fields(date, published), event_loc=place,
            confidence=round(max(0.05, min(conf, 0.95)), 2), reported_by=args.reported_by,
        ))
    return out, candidate


# Words for shelter in another country: "sought refuge in X" is a request to X.
ASYLUM_WORDS = frozenset({"asylum", "refuge", "sanctuary"})
# Commitments whose promised action's place may stand for a missing target ("agreed to
# set up a centre in Tokyo"); a meeting's place is its venue, not a party.
CONTENT_LOCATED_TYPES = frozenset({"AGREE"})


def _is_located(m: Match) -> bool:
    """Whether the match's place may stand for its missing target (see LOCATED_TYPES)."""
    if m.pattern.event == "REQUEST":
        return any(h.lemma_.lower() in ASYLUM_WORDS for h in m.hits)
    return m.pattern.event in LOCATED_TYPES


def _is_content_located(m: Match, types: dict[int, str]) -> bool:
    """Whether the place of a commitment's promised action may stand for its target.

    Wishes are no commitments ("wants to inspect sites in X"), and a meeting's place is
    its venue ("agreed to hold talks in Geneva").
    """
    if m.pattern.event not in CONTENT_LOCATED_TYPES:
        return False  # decided before reading the trigger's lemma: most types are not
    lemma = m.trigger.lemma_.lower()
    return (lemma not in DESIRE_VERBS
            and lemma not in MODALITY_VERBS and "CONSULT" not in governed_types(m.trigger, types))


def _previous(earlier: list[Event], event: str, same_mode: tuple[str | None] = (), named: bool = False) -> Event | None:
    """The last earlier event of this type with a doer; ``same_mode`` (one mode, possibly
    None) also asks for its mode, ``named`` for a named doer."""
    return next((e for e in reversed(earlier) if e.event == event and e.actor
                 and (not same_mode or e.mode == same_mode[0])
                 and not (named and e.actor[0].id == UNIDENTIFIED.id)), None)


def _definite_patient(trigger) -> bool:
    """Whether a passive trigger's subject is a definite noun ("the invitation was extended")."""
    return any(c.dep_ == "nsubjpass" and c.pos_ == "NOUN" and any(d.lower_ == "the" for d in c.children)
               for c in trigger.children)


def dyads(args: Arguments, event: str, nominal: bool) -> list[tuple[ActorRef, ActorRef | None]]:
    """Actor pairs the parse links; undirected or nominal events pair co-participants.

    "The US and Jordan agreed" → (US, Jordan); "X criticized Y and Z" → (X, Y), (X, Z).
    Conjoined subjects with no object act on each other only for mutual actions
    ("X and Y signed a treaty", "X and Y clashed"), never for "X and Y imposed sanctions".
    """
    actors, recipients = args.actors, [r for r in args.recipients if r.id not in {a.id for a in args.actors}]
    if not actors:
        return []
    if recipients:
        return [(a, r) for a in actors for r in recipients]
    if len(actors) > 1 and event in UNDIRECTED_TYPES:
        # A multilateral meeting or agreement links every pair of participants.
        return [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]]
    if len(actors) > 1 and (event in RECIPROCAL_TYPES or nominal):
        return [(actors[0], other) for other in actors[1:]]
    if event in TARGETLESS_TYPES:
        return [(a, None) for a in actors]
    return []
