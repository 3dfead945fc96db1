"""Score coded events against silver annotations (cross-validation on the silver corpus).

Silver events name their actor and recipient by span, not by code, so an emitted event
matches a silver one when the types agree and each side's mention text agrees with the
annotated span (``name_score`` ≥ 0.8; an empty side matches only an empty side). The
numbers are *silver* scores: our annotations, never a gold measurement.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..schema import UNDIRECTED_TYPES, Event
from .common import name_score
from .report import prf
from .silver import SilverSentence

NONE = "NONE"


@dataclass
class SentenceResult:
    sentence: SilverSentence
    events: list[Event]


def _side(text: str, span: tuple[int, int] | None) -> str:
    return text[span[0]:span[1]] if span else ""


def _same(a: str, b: str) -> bool:
    if not a or not b:
        return not a and not b
    return name_score(a, b) >= 0.8


def _matches(e: Event, gold: tuple[str, str, str]) -> bool:
    etype, actor, recipient = gold
    if e.event != etype:
        return False
    a = e.actor[0].text if e.actor else ""
    r = e.recipient[0].text if e.recipient else ""
    if _same(a, actor) and _same(r, recipient):
        return True
    return e.event in UNDIRECTED_TYPES and _same(a, recipient) and _same(r, actor)


def score(results: list[SentenceResult]) -> dict:
    """Type accuracy (no event a class), triple P/R/F1, status accuracy, per-type table.

    RETURNS (dict): scores plus ``per_type`` {type: [P, R, F1, support]} and ``confusion``.
    """
    correct = silent = 0
    tp = fp = fn = 0
    status_ok = status_n = 0
    per_type: dict[str, Counter] = {}
    confusion: Counter = Counter()
    for res in results:
        s, events = res.sentence, res.events
        gold_types = {e.type for e in s.events}
        guess = max(events, key=lambda e: e.confidence).event if events else NONE
        correct += guess in gold_types if gold_types else guess == NONE
        silent += not events and bool(gold_types)
        if (guess not in gold_types) and (gold_types or guess != NONE):
            confusion[(sorted(gold_types)[0] if gold_types else NONE, guess)] += 1
        emitted_types = {e.event for e in events}
        for t in gold_types | emitted_types:
            c = per_type.setdefault(t, Counter())
            c["tp" if t in gold_types and t in emitted_types else "fn" if t in gold_types else "fp"] += 1
        gold = [(g.type, _side(s.text, g.actor), _side(s.text, g.recipient)) for g in s.events]
        used: set[int] = set()
        for e in events:
            hit = next((k for k, g in enumerate(gold) if k not in used and _matches(e, g)), None)
            if hit is None:
                fp += 1
            else:
                used.add(hit)
                tp += 1
        fn += len(gold) - len(used)
        # Status is scored on events whose type and trigger agree with an annotation.
        for g in s.events:
            if g.trigger is None:
                continue
            e = next((e for e in events if e.event == g.type
                      and e.evidence_span[0] < g.trigger[1] and g.trigger[0] < e.evidence_span[1]), None)
            if e is not None:
                status_n += 1
                status_ok += e.status == g.status
    p, r, f = prf(tp, fp, fn)
    n = len(results)
    n_with = sum(1 for res in results if res.sentence.events)
    return {
        "sentences": n,
        "type_accuracy": round(correct / n, 4) if n else 0.0,
        "triple_p": round(p, 4), "triple_r": round(r, 4), "triple_f1": round(f, 4),
        "status_accuracy": round(status_ok / status_n, 4) if status_n else 0.0,
        "status_n": status_n,
        "silent_rate": round(silent / n_with, 4) if n_with else 0.0,
        "per_type": {t: [*(round(x, 3) for x in prf(c["tp"], c["fp"], c["fn"])), c["tp"] + c["fn"]]
                     for t, c in sorted(per_type.items())},
        "confusion": [[g, p_, k] for (g, p_), k in confusion.most_common(25)],
    }


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """ECE: the |accuracy − confidence| gap per equal-width bin, weighted by bin size.

    >>> expected_calibration_error(np.array([0.9, 0.9, 0.1, 0.1]), np.array([1, 1, 0, 0]))
    0.1
    """
    if len(confidence) == 0:
        return 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return round(float(ece), 4)
