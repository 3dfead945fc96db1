"""The ``eventwire_events`` component: PLOVER events with modality and provenance.

Per sentence, in order: match patterns on every content word (``matching``, with the
matcher of ``matcher``), let the trigger model vet and extend them (``hybrid``, for the
``learned`` and ``hybrid`` coders), code the obligation clauses no pattern codes
(``obligations``), build each match's events (``construction``: sides from
``arguments`` and ``nominal``, status from ``modality``), then keep the dyads the parse
links, deduplicated and capped (``matching.select``). A sentence left with no event may
code its own main act with its actor alone (``standalone``).

Every match also yields a ``TypeCandidate`` (``doc._.eventwire_event_candidates``):
the type the trigger codes and how strongly, even when actor resolution left the
dyad incomplete. Such candidates never become events on their own; they rank the
sentence's event type for evaluation and review.
"""

from __future__ import annotations

import datetime as dt
import logging

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import add_warning, get_list
from ..nlp.columns import sentence_spans
from ..schema import Event
from .construction import TypeCandidate
from .hybrid import code_matches, learned_matches
from .learned import CODERS, Decision, TriggerModel, actor_kinds, load_trigger_model
from .matcher import PatternIndex
from .matching import Match, select, sentence_matches
from .obligations import obligation_clauses, obligation_events
from .patterns import load_patterns
from .recodes import without_protest_demands
from .references import ActorIndex

log = logging.getLogger(__name__)


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
        found += code_matches(doc, sent, matches, obligations, actors, published, events, decisions,
                               model, candidates)
        if fill and not found:
            found += code_matches(doc, sent, fill, obligations, actors, published, events, decisions,
                                   model, candidates)
        if not found:
            # A sentence with no event yet: its main act may stand with its actor alone
            # ("the court lifted the ban"); only the most confident such act is kept.
            alone = code_matches(doc, sent, matches, obligations, actors, published, events, decisions,
                                 model, None, fallback=True)
            if alone:
                top = max(alone, key=lambda e: e.confidence)
                found += [e for e in alone if e.evidence_span == top.evidence_span]
        kept, dropped = select(without_protest_demands(found), max_per_sentence)
        if dropped:
            add_warning(doc, f"sentence at characters {sent.start_char}-{sent.end_char} yields "
                             f"{len(kept) + dropped} events; kept the {len(kept)} most confident "
                             "(setting max_events_per_sentence)")
        events.extend(kept)
    return events
