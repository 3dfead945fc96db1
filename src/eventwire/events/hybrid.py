"""The learned and hybrid coders' glue: the model's decisions become matches and confidences.

``learned_matches`` turns the trigger model's decision per word (``learned.decide``) into
matches: a word coded with its pattern's type keeps the pattern, any other coded word
gets a model pattern. ``code_matches`` codes a sentence's matches, with the model's
calibrated probability as each event's confidence and its thresholds deciding whether a
one-sided or agentless event may be coded.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from ..nlp.columns import Columns
from ..schema import Event
from .construction import UNIDENTIFIED, TypeCandidate, events_for_match
from .learned import Decision, TriggerModel, decide
from .matching import Match, governed_by_trigger
from .pattern_files import Pattern
from .references import ActorIndex


def code_matches(doc: Doc, sent: Span, matches: list[Match], obligations: list, actors: ActorIndex,
                  published: dt.date | None, earlier: list[Event], decisions: dict[int, "Decision"],
                  model: TriggerModel | None, candidates: list[TypeCandidate] | None,
                  fallback: bool = False) -> list[Event]:
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
                                     agentless=model is not None and decision is not None
                                     and model.may_be_agentless(m.pattern.event, p), fallback=fallback)
        if model is not None and model.agentless_types is not None:
            # The agentless permission is for the type coded, which the status may have
            # changed ("an attack is planned" is a THREATEN, and a threat has a speaker).
            evs = [e for e in evs if not (e.actor and e.actor[0].id == UNIDENTIFIED.id
                                          and e.event not in model.agentless_types)]
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
