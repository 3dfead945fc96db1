"""The shape every ``eventwire eval`` returns, so the CLI and the quality gate share it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class EvalReport:
    """Scores plus the human-readable detail behind them.

    ``scores`` holds the pinned numbers (0..1, higher is better) that the quality gate
    compares against ``tests/eval_baseline.json``; ``table`` is a header row plus rows for
    a rich table (e.g. per-type precision/recall); ``details`` are per-item lines
    (hits, misses, failing cases); ``summary`` is the final one-line verdict.
    """

    name: str
    scores: dict[str, float] = field(default_factory=dict)
    table: list[list[str]] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    summary: str = ""


def lower_is_better(key: str) -> bool:
    """A rate of failures (``no_event_rate``) is a ceiling for the quality gate, every other
    score a floor.

    >>> lower_is_better("no_event_rate"), lower_is_better("triple_f1")
    (True, False)
    """
    return key.endswith("_rate")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined).

    >>> prf(8, 2, 2)
    (0.8, 0.8, 0.8)
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)
