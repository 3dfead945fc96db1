"""The ``eventwire_events`` component: PLOVER events with modality and provenance.

Per sentence: match patterns on every content word (``patterns``), pull the actor and
recipient sides from the dependency parse (``arguments``), set the status
(``modality``), then keep only dyads the parse links, deduplicated and capped.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp.extensions import get_list
from ..schema import ActorRef, Event, UNDIRECTED_TYPES
from ..when_where.dates import date_for_event
from ..when_where.places import place_for_event
from .arguments import ActorIndex, Arguments, noun_arguments, verb_arguments
from .modality import modality
from .patterns import Pattern, PatternIndex, load_patterns
from .types import CATALOGUE, intensity_for

log = logging.getLogger(__name__)

# Types that are coded without a recipient (the target is often "the government", implied).
TARGETLESS_TYPES = frozenset({"PROTEST", "MOBILIZE"})
CONFLICT_MATERIAL = frozenset({"SANCTION", "COERCE", "ASSAULT"})
# CONSULT stays itself when planned: a scheduled meeting is a planned CONSULT.
COOPERATIVE_MATERIAL = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE", "SUPPORT"})
_SKIP_ENTS = ("PERSON", "GPE", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT")


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
    """

    def __init__(self, nlp: Language, name: str, *, patterns: str = "",
                 max_events_per_sentence: int = 6):
        self.name = name
        self.patterns = patterns
        self.max_events_per_sentence = max_events_per_sentence
        self._index: PatternIndex | None = None

    @property
    def index(self) -> PatternIndex:
        # Loaded lazily so that building a pipeline (and pickling it) stays cheap.
        if self._index is None:
            self._index = load_patterns(self.patterns)
        return self._index

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_events = code_events(doc, self.index, self.max_events_per_sentence)
        return doc


def code_events(doc: Doc, index: PatternIndex, max_per_sentence: int = 6) -> list[Event]:
    """All events in ``doc``, sentence by sentence.

    doc (Doc): a parsed Doc whose actors stage has run (or not: entities are the fallback).
    index (PatternIndex): compiled patterns.
    max_per_sentence (int): cap on events per sentence (the most confident are kept).
    RETURNS (list[Event]): the events.
    """
    actors = ActorIndex(doc, get_list(doc, "eventwire_actors"))
    published = doc._.eventwire_published
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    events: list[Event] = []
    for sent in doc.sents:
        found: list[Event] = []
        for m in sentence_matches(sent, index):
            found.extend(events_for_match(doc, sent, m, actors, published, events))
        events.extend(select(found, max_per_sentence))
    return events


def sentence_matches(sent: Span, index: PatternIndex) -> list[Match]:
    """Pattern matches in a sentence; a word used in a stronger match's frame is not a trigger.

    "urged Hamas to attend the talks" is one REQUEST: *attend* and *talks* are frame
    words of the *urge* pattern and do not also trigger CONSULT events.
    """
    raw = []
    for token in sent:
        if token.ent_type_ in _SKIP_ENTS or token.pos_ not in ("VERB", "NOUN"):
            continue
        hit = index.match(token)
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


def events_for_match(doc: Doc, sent: Span, m: Match, actors: ActorIndex,
                     published: dt.date | None, earlier: list[Event] = ()) -> list[Event]:
    """The events (one per linked actor pair) one pattern match yields.

    earlier (list[Event]): events of previous sentences; a definite nominal trigger with no
        source ("The invitation has been extended to X") continues the last event of the
        same type and takes its source.
    """
    p = m.pattern
    if p.pos == "noun":
        args = noun_arguments(m.trigger, actors)
        if not args.actors and args.recipients and any(c.lower_ == "the" for c in m.trigger.children):
            prev = next((e for e in reversed(earlier) if e.event == p.event and e.actor), None)
            if prev is not None:
                args.actors, args.how = list(prev.actor), "continues-previous"
    else:
        args = verb_arguments(m.trigger, actors, p.subject)
    pairs = dyads(args, p.event, p.pos == "noun")
    if not pairs:
        return []
    date = date_for_event(doc, m.trigger)
    if p.status:
        status, cue = p.status, m.trigger.text
    else:
        status, cue = modality(m.trigger, date.value if date else None, published)
    event, mode, rule, cameo = p.event, p.mode, p.id, p.cameo
    # PLOVER: negative actions announced for the future are threats, positive ones
    # are agreements (statements of intent, manual on AGREE and THREATEN).
    if status in ("planned", "hypothetical") and event in CONFLICT_MATERIAL:
        cameo = {"SANCTION": "1312", "ASSAULT": "138"}.get(event, "130")
        event, mode, rule = "THREATEN", "restrict" if event == "SANCTION" else mode, rule + "+intent"
        status = "occurred" if status == "planned" else status
    elif status == "planned" and event in COOPERATIVE_MATERIAL:
        event, mode, rule, status, cameo = "AGREE", None, rule + "+intent", "occurred", "030"
    if mode not in CATALOGUE[event].modes:
        mode = None
    words = sorted([m.trigger] + m.hits, key=lambda t: t.i)
    ev_span = doc[words[0].i: words[-1].i + 1] if words[-1].i - words[0].i < 12 else doc[m.trigger.i: m.trigger.i + 1]
    place = place_for_event(doc, m.trigger)
    confidence = min(0.95, 0.45 + 0.1 * min(len(p.words), 3) + (0.1 if p.manual else 0.0)
                     + (0.05 if args.how in ("active", "passive") else 0.0))
    out = []
    for actor, recipient in pairs:
        # A one-sided event is less certain than a dyad the parse links.
        conf = confidence + (0.05 if actor.country else 0.0) - (0.0 if recipient else 0.2)
        # "refused to release X": the REJECT outranks the negated RELEASE it governs.
        conf -= 0.2 if status == "negated" else 0.0
        out.append(Event(
            event=event, actor=[actor], recipient=[recipient] if recipient else [],
            text=sent.text, span=(sent.start_char, sent.end_char),
            evidence=ev_span.text, evidence_span=(ev_span.start_char, ev_span.end_char),
            rule=rule, mode=mode, status=status, status_cue=cue,
            cameo=cameo or CATALOGUE[event].cameo_root,
            quad_class=CATALOGUE[event].quad_class, intensity=intensity_for(event, cameo),
            date=date.value if date else (published.isoformat() if published else None),
            date_precision=date.precision if date else ("day" if published else None),
            date_text=date.text if date else None, event_loc=place,
            confidence=round(min(conf, 0.95), 2), reported_by=args.reported_by,
        ))
    return out


def dyads(args: Arguments, event: str, nominal: bool) -> list[tuple[ActorRef, ActorRef | None]]:
    """Actor pairs the parse links; undirected or nominal events pair co-participants.

    "The US and Jordan agreed" → (US, Jordan); "X criticized Y and Z" → (X, Y), (X, Z).
    """
    actors, recipients = args.actors, [r for r in args.recipients if r.id not in {a.id for a in args.actors}]
    if not actors:
        return []
    if recipients:
        return [(a, r) for a in actors for r in recipients]
    if len(actors) > 1 and (event in UNDIRECTED_TYPES or nominal):
        return [(actors[0], other) for other in actors[1:]]
    if event in TARGETLESS_TYPES:
        return [(a, None) for a in actors]
    return []


def select(events: list[Event], cap: int) -> list[Event]:
    """Deduplicate (type, actor, recipient) within a sentence and keep the ``cap`` best."""
    best: dict[tuple, Event] = {}
    for e in events:
        a = e.actor[0].id
        r = e.recipient[0].id if e.recipient else None
        key = (e.event, *sorted([a, r or ""])) if e.event in UNDIRECTED_TYPES else (e.event, a, r)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    kept = sorted(best.values(), key=lambda e: -e.confidence)[:cap]
    return sorted(kept, key=lambda e: e.evidence_span)
