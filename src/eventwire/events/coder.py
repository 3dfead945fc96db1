"""The ``eventwire_events`` component: PLOVER events with modality and provenance.

Per sentence: match patterns on every content word (``patterns``), pull the actor and
recipient sides from the dependency parse (``arguments``), set the status
(``modality``), then keep only dyads the parse links, deduplicated and capped.

Every match also yields a ``TypeCandidate`` (``doc._.eventwire_event_candidates``):
the type the trigger codes and how strongly, even when actor resolution left the
dyad incomplete. Such candidates never become events on their own (PLOVER needs a
recipient except for PROTEST and MOBILIZE); they rank the sentence's event type
for evaluation and review.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp.columns import Columns, columns, sentence_spans, text_between
from ..nlp.extensions import add_warning, get_list
from ..schema import ActorRef, Event, UNDIRECTED_TYPES
from ..when_where.dates import date_for_event
from ..when_where.places import place_for_event
from .learned import CODERS, Decision, TriggerModel, actor_kinds, decide, load_trigger_model
from .arguments import (ERRAND_VERBS, SPEECH_VERBS, ActorIndex, Arguments, errand_head, errand_of, lower_lemmas,
                        noun_arguments, resolve, subject_of, subtree_indices, verb_arguments)
from .modality import REFUSAL_VERBS, modality
from .patterns import Pattern, PatternIndex, load_patterns
from .types import CATALOGUE, intensity_for

log = logging.getLogger(__name__)

# The doer of an event whose sentence names none ("five protesters were shot dead"), as
# conflict data sets code an unidentified armed group: the event is kept, its source unknown.
UNIDENTIFIED = ActorRef(name="unidentified actor", code=None, country=None, sector=None, text="",
                        id="unidentified")

# Types that are coded without a recipient (the target is often "the government", implied).
TARGETLESS_TYPES = frozenset({"PROTEST", "MOBILIZE"})
# Negative actions announced for the future are threats ("will boycott the elections").
CONFLICT_MATERIAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
# CONSULT stays itself when planned: a scheduled meeting is a planned CONSULT.
COOPERATIVE_MATERIAL = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE", "SUPPORT"})
# Physical actions whose place may stand for a missing target ("shelled Kabul").
LOCATED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "AID", "RETREAT",
                           "CONSULT", "THREATEN", "SANCTION", "CONCEDE"})
# Types whose conjoined subjects, with no object, act on each other.
RECIPROCAL_TYPES = UNDIRECTED_TYPES | {"SUPPORT", "ASSAULT"}
# Actions whose promise is a threat ("vowed to fight"): conflict material and threats.
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
# Verbs of planning and attempt: the modality of the action they govern, not events.
MODALITY_VERBS = frozenset({"plan", "prepare", "intend", "expect", "aim", "seek", "try", "attempt", "decide",
                            "want", "wish", "hope", "schedule", "set"})
SPECULATIVE_MODALS = frozenset({"might", "may"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_REFUSAL_MODALS = frozenset({"will", "would", "wo", "shall", "can", "ca", "could"})
# Ranking offsets (see events_for_match): a trigger governed by another trigger, and a
# trigger whose dyad the parse did not complete.
GOVERNED_PENALTY = 0.15
INCOMPLETE_PENALTY = 0.1
_SKIP_ENTS = frozenset({"PERSON", "GPE", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"})




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


@dataclass
class Match:
    trigger: Token
    pattern: Pattern
    hits: list[Token]


class EventCoder:
    """Code PLOVER events from a parsed, actor-resolved Doc.

    nlp (Language): the pipeline (unused; spaCy's component signature).
    name (str): the component name.
    patterns (str): ':'-separated extra YAML pattern files.
    max_events_per_sentence (int): keep at most this many events per sentence.
    coder (str): ``rules`` (the hand-written patterns alone), ``learned`` (the trigger
        model decides every word; patterns are its features) or ``hybrid`` (patterns, vetted
        and extended by the model). See ``events/learned.py`` and the model card.
    """

    def __init__(self, nlp: Language, name: str, *, patterns: str = "",
                 max_events_per_sentence: int = 6, coder: str = "hybrid"):
        if coder not in CODERS:
            raise ValueError(f"coder must be one of {', '.join(CODERS)}, not {coder!r}")
        self.name = name
        self.patterns = patterns
        self.max_events_per_sentence = max_events_per_sentence
        self.coder = coder
        self.model: TriggerModel | None = None
        self._index: PatternIndex | None = None

    @property
    def index(self) -> PatternIndex:
        # Loaded lazily so that building a pipeline (and pickling it) stays cheap.
        if self._index is None:
            self._index = load_patterns(self.patterns)
        return self._index

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[TypeCandidate] = []
        model = None
        if self.coder != "rules":
            model = self.model or load_trigger_model()
        doc._.eventwire_events = code_events(doc, self.index, self.max_events_per_sentence, candidates,
                                             model, self.coder if model is not None else "rules")
        doc._.eventwire_event_candidates = candidates
        return doc


def code_events(doc: Doc, index: PatternIndex, max_per_sentence: int = 6,
                candidates: list[TypeCandidate] | None = None,
                model: TriggerModel | None = None, coder: str = "rules") -> list[Event]:
    """All events in ``doc``, sentence by sentence.

    doc (Doc): a parsed Doc whose actors stage has run (or not: entities are the fallback).
    index (PatternIndex): compiled patterns.
    max_per_sentence (int): cap on events per sentence (the most confident are kept).
    candidates (list[TypeCandidate] | None): when given, receives one ranked type
        candidate per pattern match, complete dyad or not.
    model (TriggerModel | None): the learned trigger model (``learned`` and ``hybrid``).
    coder (str): ``rules``, ``learned`` or ``hybrid`` (see ``EventCoder``).
    RETURNS (list[Event]): the events.
    """
    actors = ActorIndex(doc, get_list(doc, "eventwire_actors"))
    published = doc._.eventwire_published
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    events: list[Event] = []
    kinds: dict[int, str] | None = None
    for sent in sentence_spans(doc):
        found: list[Event] = []
        matches = sentence_matches(sent, index, actors.cols, actors.lemmas)
        decisions: dict[int, Decision] = {}
        fill: list[Match] = []
        if model is not None and coder != "rules":
            if kinds is None:
                kinds = actor_kinds(actors.by_token)
            matches, decisions = learned_matches(sent, matches, model, coder, actors.cols, kinds)
            if coder == "hybrid":
                # The patterns code the sentence; the model's own words only fill a silence.
                fill = [m for m in matches if not decisions[m.trigger.i].keep_rule]
                matches = [m for m in matches if decisions[m.trigger.i].keep_rule]
        obligations = obligation_clauses(sent, actors.cols)
        for speech, clause in obligations:
            evs, cand = obligation_events(doc, sent, speech, clause, actors, published)
            found.extend(evs)
            if candidates is not None and cand is not None:
                candidates.append(cand)
        found += _code_matches(doc, sent, matches, obligations, actors, published, events, decisions,
                               model, candidates)
        if fill and not found:
            found += _code_matches(doc, sent, fill, obligations, actors, published, events, decisions,
                                   model, candidates)
        kept, dropped = select(found, max_per_sentence)
        if dropped:
            add_warning(doc, f"sentence at characters {sent.start_char}-{sent.end_char} yields "
                             f"{len(kept) + dropped} events; kept the {len(kept)} most confident "
                             "(setting max_events_per_sentence)")
        events.extend(kept)
    return events


def _code_matches(doc: Doc, sent: Span, matches: list[Match], obligations: list, actors: ActorIndex,
                  published: dt.date | None, earlier: list[Event], decisions: dict[int, "Decision"],
                  model: TriggerModel | None, candidates: list[TypeCandidate] | None) -> list[Event]:
    """The events of a sentence's matches; the model's probability, where it has one,
    sets how sure the event is and whether a one-sided or agentless event may be coded."""
    triggers = {m.trigger.i for m in matches} | {speech.i for speech, _ in obligations}
    types = {m.trigger.i: m.pattern.event for m in matches}
    found: list[Event] = []
    for m in matches:
        governed = governed_by_trigger(m.trigger, triggers, actors.cols)
        decision = decisions.get(m.trigger.i)
        th = model.thresholds if decision is not None and model is not None else {}
        p = decision.p if decision is not None else 0.0
        evs, cand = events_for_match(doc, sent, m, actors, published, earlier, governed=governed,
                                     sentence_types=types, one_sided=p >= th.get("one_sided", 1.01),
                                     agentless=p >= th.get("agentless", 1.01))
        if decision is not None and model is not None:
            # The model's probability, calibrated on held-out folds, is the confidence.
            for e in evs:
                e.confidence = model.calibrated(decision.p)
                if not decision.keep_rule:
                    top = ",".join(model.strongest(decision.features, decision.event))
                    e.rule = f"{e.rule}[{top}]"
        found.extend(evs)
        if candidates is not None:
            candidates.append(cand)
    return found


def learned_matches(sent: Span, matches: list[Match], model: TriggerModel, coder: str,
                    cols: Columns, kinds: dict[int, str] | None = None) -> tuple[list[Match], dict[int, Decision]]:
    """The matches the learned or hybrid coder codes, and its decision per trigger.

    A word the model codes with the type of the pattern that matched it keeps that
    pattern (frame, mode, CAMEO code); any other coded word gets a model pattern
    (``model:<name>``) of the model's type.
    """
    by_token = {m.trigger.i: m for m in matches}
    frames = {m.trigger.i: {h.i for h in m.hits if h.i != m.trigger.i} for m in matches}
    rule_types = {i: m.pattern.event for i, m in by_token.items()}
    decisions = decide(sent.start, sent.end, cols, rule_types, frames, model, coder, kinds)
    doc = sent.doc
    out: list[Match] = []
    for d in decisions:
        if d.keep_rule:
            out.append(by_token[d.i])
        else:
            pos = "noun" if cols.pos[d.i] == "NOUN" else "verb"
            out.append(Match(doc[d.i], model_pattern(model.name, d.event, pos), []))
    return out, {d.i: d for d in decisions}


def model_pattern(name: str, event: str, pos: str) -> Pattern:
    """The pattern a model-coded word stands for (no frame; its id names the model)."""
    return Pattern(id=f"model:{name}", lemmas=frozenset(), pos=pos, words=(), event=event,
                   mode=None, cameo=None)


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
    # Read from the columns (one comprehension over the sentence): a Token object is
    # built only for a possible trigger.
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


def _governs_trigger(trigger: Token, types: dict[int, str]) -> bool:
    """Whether another trigger is the trigger's infinitive or clause complement."""
    return bool(governed_types(trigger, types))


def _has_purpose_trigger(trigger: Token, types: dict[int, str]) -> bool:
    """Whether a "to"-infinitive purpose clause of the trigger is itself a trigger."""
    return any(c.i in types and errand_of(c) is not None for c in trigger.children)


# Triggers whose "to"-infinitive is what they ask, refuse, threaten or blame: content only.
CONTENT_GOVERNORS = frozenset({"REQUEST", "REJECT", "THREATEN", "ACCUSE"})
_CONTENT_LINKS = ("acl", "xcomp", "advcl", "dobj", "pobj", "prep", "dative", "ccomp")


def _is_unrealized_content(trigger: Token, types: dict[int, str], cols: Columns) -> bool:
    """Whether the trigger is the infinitive content of a demand, refusal or threat.

    Climbs from a "to"-infinitive through its noun or clause attachments ("pressure
    from X to help", "pressured by X to help") to the first trigger above it; the
    content is unrealized when that trigger asks, rejects, threatens or is negated.
    An errand's purpose ("sent experts to investigate") is realized and excluded.
    """
    # The "to" test, on the columns, fails for most triggers: it goes first.
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


# Speech verbs whose "that Y must Z" complement is a demand on Y.
OBLIGATION_VERBS = SPEECH_VERBS | {"conclude", "insist", "remind", "reiterate", "demand", "stress"}
OBLIGATION_MODALS = frozenset({"must", "should"})
# Nouns of a statement whose "that" clause can say another party must act.
OBLIGATION_NOUNS = frozenset({"reminder", "warning", "message", "statement", "ultimatum", "letter", "note"})


def obligation_clauses(sent: Span, cols: Columns | None = None) -> list[tuple[Token, Token]]:
    """(speech verb, clause) pairs where a speaker says another party must act.

    "Egypt said that Israel must withdraw": a REQUEST from Egypt to Israel (CAMEO 10).
    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    """
    out = []
    doc, cols = sent.doc, cols or columns(sent.doc)
    # The modal is a word of the sentence (a parse tree never crosses one): most sentences
    # have neither "must" nor "should", and then no token needs testing (one scan in C).
    if OBLIGATION_MODALS.isdisjoint(cols.lower[sent.start:sent.end]):
        return out
    for i in range(sent.start, sent.end):
        if cols.pos[i] == "VERB" and cols.lemma[i] in OBLIGATION_VERBS:
            links = ("ccomp",)
        elif cols.pos[i] == "NOUN" and cols.lemma[i] in OBLIGATION_NOUNS and cols.dep[i] == "dobj":
            links = ("acl", "ccomp")  # "sent a note to Chad that it should comply"
        else:
            continue
        t = doc[i]
        for c in t.children:
            if c.dep_ in links and any(a.dep_ == "aux" and a.lower_ in OBLIGATION_MODALS for a in c.children):
                out.append((t, c))
    return out


def _addressee(speech: Token, clause: Token) -> Token | None:
    """Who must act: the clause's subject, or, when that is "it"/"they", whom the speech
    act is addressed to ("a note to Chad that it should ...")."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ not in ("it", "they"):
        return subj
    verb = speech if speech.pos_ == "VERB" else speech.head
    return next((p for h in (speech, verb) for c in h.children if c.dep_ in ("dative", "prep") and c.lower_ == "to"
                 for p in c.children if p.dep_ == "pobj"), None)


def obligation_events(doc: Doc, sent: Span, speech: Token, clause: Token, actors: ActorIndex,
                      published: dt.date | None) -> tuple[list[Event], TypeCandidate | None]:
    """The REQUEST events of one obligation clause and its type candidate."""
    speaker = subject_of(speech if speech.pos_ == "VERB" else speech.head)
    addressee = _addressee(speech, clause)
    if speaker is None or addressee is None or addressee.lower_ in ("it", "one", "we", "i", "you"):
        return [], None
    sources, targets = resolve(speaker, actors), resolve(addressee, actors)
    targets = [r for r in targets if r.id not in {a.id for a in sources}]
    base = 0.55
    complete = bool(sources and targets)
    candidate = TypeCandidate(event="REQUEST", score=round(base - (0.0 if complete else INCOMPLETE_PENALTY), 3),
                              trigger=(speech.idx, speech.idx + len(speech)), rule="construction:obligation",
                              complete=complete, sentence=sent.start_char)
    if not complete:
        return [], candidate
    date = date_for_event(doc, speech, actors.dates)
    span = doc[speech.i: speech.i + 1]
    out = [Event(
        event="REQUEST", actor=[a], recipient=[r], text=sent.text, span=(sent.start_char, sent.end_char),
        evidence=span.text, evidence_span=(span.start_char, span.end_char), rule="construction:obligation",
        mode="change", status="occurred", status_cue=None, cameo="100",
        quad_class=CATALOGUE["REQUEST"].quad_class, intensity=intensity_for("REQUEST", "100"),
        **_date_fields(date, published), event_loc=place_for_event(doc, speech, actors.places, actors.actors),
        confidence=round(base + (0.05 if a.country else 0.0), 2), reported_by=None)
        for a in sources for r in targets]
    return out, candidate


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


def _date_fields(date, published: dt.date | None) -> dict:
    """An event's date fields: its resolved date, else the publication day."""
    return {"date": date.value if date else (published.isoformat() if published else None),
            "date_precision": date.precision if date else ("day" if published else None),
            "date_text": date.text if date else None}


def _is_refusal(trigger: Token, cue: str | None) -> bool:
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


def _offsets(i: int, cols: Columns) -> tuple[int, int]:
    """Token ``i``'s character offsets, from the columns (``Token.idx`` and ``len`` are lookups per call)."""
    return cols.idx[i], cols.idx[i] + len(cols.text[i])


def events_for_match(doc: Doc, sent: Span, m: Match, actors: ActorIndex,
                     published: dt.date | None, earlier: list[Event] = (),
                     governed: int = 0,
                     sentence_types: dict[int, str] | None = None,
                     one_sided: bool = False, agentless: bool = False) -> tuple[list[Event], TypeCandidate]:
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
    """
    p = m.pattern
    if p.pos == "noun":
        args = noun_arguments(m.trigger, actors, directed=p.event not in UNDIRECTED_TYPES)
        if not args.actors and args.recipients and any(c.lower_ == "the" for c in m.trigger.children):
            prev = next((e for e in reversed(earlier) if e.event == p.event and e.actor), None)
            if prev is not None:
                args.actors, args.how = list(prev.actor), "continues-previous"
    else:
        args = verb_arguments(m.trigger, actors, p.subject, located=_is_located(m),
                              purposive=p.event == "PROTEST",
                              content_located=_is_content_located(m, sentence_types or {}))
    pairs = dyads(args, p.event, p.pos == "noun")
    if not pairs and one_sided:
        pairs = [(a, None) for a in args.actors]
    if not pairs and agentless and not args.actors:
        pairs = [(UNIDENTIFIED, r) for r in args.recipients]
    date = date_for_event(doc, m.trigger, actors.dates)
    if p.status:
        status, cue = p.status, m.trigger.text
    else:
        status, cue = modality(m.trigger, date.value if date else None, published, actors.cols)
    event, mode, rule, cameo = p.event, p.mode, p.id, p.cameo
    # PLOVER: negative actions announced for the future are threats, positive ones
    # are agreements (statements of intent, manual on AGREE and THREATEN).
    if status in ("planned", "hypothetical") and event in CONFLICT_MATERIAL:
        cameo = {"SANCTION": "1312", "ASSAULT": "138", "PROTEST": "133", "COERCE": "137"}.get(event, "130")
        event, mode, rule = "THREATEN", "restrict" if event == "SANCTION" else mode, rule + "+intent"
        status = "occurred" if status == "planned" else status
    elif status == "planned" and event in COOPERATIVE_MATERIAL:
        event, mode, rule, status, cameo = "AGREE", None, rule + "+intent", "occurred", intent_cameo(p)
    elif status == "negated" and event in COOPERATIVE and _is_refusal(m.trigger, cue):
        # "will not accept refugees", "refused to allow": the refusal is what happened.
        event, mode, rule, status, cameo = "REJECT", None, rule + "+refusal", "occurred", "120"
    lemma = actors.cols.lemma[m.trigger.i]  # read once, from the columns (``Token.lemma_`` looks it up anew)
    if lemma in DESIRE_VERBS and event == "REQUEST" and (cameo or "").startswith("02") \
            and not _wants_another(m.trigger):
        # "X wants to help Y" is X's own intent (CAMEO 03x mirrors the 02x appeal codes);
        # "X wants Y to help" stays an appeal to Y.
        event, mode, rule, cameo = "AGREE", None, rule + "+own-intent", "03" + cameo[2:]
    elif lemma in DESIRE_VERBS and event == "THREATEN" and _wants_another(m.trigger):
        # "X wants Y to attack Z": no threat by X, an appeal to Y (CAMEO 02).
        event, mode, rule, cameo = "REQUEST", None, rule + "+appeal", "020"
    if event in ("CONSULT", "MOBILIZE") and status == "occurred" and _moves_peacekeepers(m.trigger, actors.cols):
        # "peacekeeping troops arrived in X", "deployed peacekeepers to X": providing
        # peacekeeping is military AID to the host (PLOVER AID; CAMEO 074), no visit.
        event, mode, rule, cameo = "AID", None, rule + "+peacekeeping", "074"
    elif event == "MOBILIZE" and _is_joint_exercise(m, args):
        # PLOVER: joint military games and manoeuvres are military COOPERATE (CAMEO 062)
        # between the exercising sides; a sea or range they exercise in is no party.
        event, mode, rule, cameo = "COOPERATE", None, rule + "+joint", "062"
        partners = args.recipients if _exercises_with(m) else []
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
    if lemma in MODALITY_VERBS and _governs_trigger(m.trigger, sentence_types or {}):
        # "prepared to attend", "seeks to mediate": the verb is the modality of the
        # action it governs (already coded as planned or hypothetical), not an event.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
        return [], candidate
    if _is_unrealized_content(m.trigger, sentence_types or {}, actors.cols):
        # "pressured X to help Y", "would not allow X to help Y": the help is what is
        # asked or refused, not an act; the governing trigger is the event.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
        return [], candidate
    if _in_time_anchor_clause(m.trigger, actors.cols):
        # "a day before X heads to Beijing", "opposed it until their demands are met":
        # the clause dates or conditions the reported event; it is not reported itself.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
        return [], candidate
    if lemma in ERRAND_VERBS and _has_purpose_trigger(m.trigger, sentence_types or {}):
        # "summoned the ambassador to complain", "sent experts to investigate": the
        # purpose is the sentence's event; the errand stays an event of its own.
        candidate.score = round(candidate.score - GOVERNED_PENALTY, 3)
    if not pairs or (status == "hypothetical" and (cue or "").lower() in SPECULATIVE_MODALS):
        # "might want", "may attack": speculation ranks the type but is not coded.
        return [], candidate
    words = sorted([m.trigger] + m.hits, key=lambda t: t.i)
    ev_span = doc[words[0].i: words[-1].i + 1] if words[-1].i - words[0].i < 12 else doc[m.trigger.i: m.trigger.i + 1]
    place = place_for_event(doc, m.trigger, actors.places, actors.actors)
    # spaCy rebuilds a span's text from its tokens on each access: sliced from the cached
    # Doc text instead, once per match, not per pair.
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
            **_date_fields(date, published), event_loc=place,
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


def governed_types(trigger: Token, types: dict[int, str]) -> set[str]:
    """The types of the triggers in the trigger's infinitive or clause complement."""
    found: set[str] = set()
    frontier = [c for c in trigger.children if c.dep_ in ("xcomp", "ccomp")]
    for _ in range(2):
        found.update(types[t.i] for t in frontier if t.i in types)
        frontier = [c for t in frontier for c in t.children if c.dep_ in ("xcomp", "conj")]
    return found


def _moves_peacekeepers(trigger: Token, cols: Columns) -> bool:
    """Whether the moving subject or moved object is a peacekeeping force (walked on the
    columns: the phrases' words were each a Token)."""
    dep, lower, children = cols.dep, cols.lower, cols.children
    heads = [c for c in children[trigger.i] if dep[c] in ("nsubj", "dobj")]
    return any(lower[t].startswith("peacekeep") for h in heads for t in subtree_indices(h, children))


# Nouns of military exercises: with several sides, a joint exercise.
EXERCISE_NOUNS = frozenset("""exercise exercises drill drills manoeuvre manoeuvres maneuver maneuvers
game games wargame wargames""".split())


def _is_joint_exercise(m: Match, args: Arguments) -> bool:
    """Sides of two or more countries exercise together: "French and Egyptian warships
    launched war games", "Russia held joint drills with China"."""
    if not any(t.lower_ in EXERCISE_NOUNS for t in [m.trigger] + m.hits):
        return False
    if _exercises_with(m):
        return bool(args.recipients)
    return len({a.country for a in args.actors if a.country}) > 1


def _exercises_with(m: Match) -> bool:
    """Whether the exercise has a partner: a "with" phrase or a "joint" modifier."""
    words = [m.trigger] + [t for t in m.hits if t.lower_ in EXERCISE_NOUNS]
    return any((c.dep_ == "prep" and c.lower_ == "with") or (c.dep_ == "amod" and c.lower_ in ("joint", "combined"))
               for w in words for c in w.children)


# Subordinators of a clause that only dates or conditions another event.
TIME_ANCHORS = frozenset({"before", "until", "till"})


def _in_time_anchor_clause(trigger: Token, cols: Columns) -> bool:
    """Whether the trigger's clause is introduced by "before" or "until".

    Climbs coordinated and infinitive verbs to the clause head, then looks for the
    subordinator as its marker ("before X heads to") or governing preposition
    ("before allowing aid convoys"). Walked on the Doc's columns (run for every match).
    """
    dep, head, lower = cols.dep, cols.head, cols.lower
    t = trigger.i
    for _ in range(3):
        if dep[t] not in ("conj", "xcomp") or head[t] == t:
            break
        t = head[t]
    if any(dep[c] == "mark" and lower[c] in TIME_ANCHORS for c in cols.children[t]):
        return True
    return dep[t] in ("pcomp", "pobj") and lower[head[t]] in TIME_ANCHORS and cols.pos[t] == "VERB"


# Verbs of wanting: with another party as the doer ("wants X to help") an appeal, with
# none ("wants to help") the subject's own intent.
DESIRE_VERBS = frozenset({"want", "wish", "desire", "like", "hope", "seek"})


def _wants_another(trigger: Token) -> bool:
    """Whether the wanted action has a doer of its own ("wants Putin to attack")."""
    return any(c.dep_ in ("dobj", "dative") for c in trigger.children) or any(
        s.dep_ in ("nsubj", "nsubjpass") for c in trigger.children if c.dep_ in ("xcomp", "ccomp")
        for s in c.children)


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
    # The clause climbed on the columns: a Token is built only for a speech verb found.
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
