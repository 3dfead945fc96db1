"""Quality gate: every eval score must stay at or above its pinned floor.

Like trafilatura's tests/eval_gate.py: accuracy is the product, so a change that lowers
any score fails the suite. Floors live in tests/eval_baseline.json; raise them whenever
a score improves.

Rates where less is better (``no_event_rate``: sentences with no event) are ceilings
instead: they may not rise.

Entries are per coder: ``plover`` scores the default coder (``hybrid``), ``plover@rules`` the
patterns alone, so a regression in either is caught.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from conftest import needs_shared

from eventwire.eval.report import lower_is_better

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text())
SUITES = [name for name in BASELINE if not name.startswith("_")]
# Scores are rounded to 4 places; allow for that and nothing more.
TOLERANCE = 1e-4


@needs_shared
def evaluate_suite(key: str, nlp):
    """Score one gate entry: ``suite`` with the default coder, ``suite@coder`` with another."""
    suite, _, coder = key.partition("@")
    pipe = nlp.get_pipe("eventwire_events")
    saved = pipe.coder
    pipe.coder = coder or saved
    try:
        return importlib.import_module(f"eventwire.eval.{suite}").evaluate(None, nlp=nlp)
    finally:
        pipe.coder = saved


@pytest.mark.parametrize("suite", SUITES)
def test_eval_gate_scores_do_not_drop(suite, nlp):
    report = evaluate_suite(suite, nlp)
    floors = BASELINE[suite]
    missing = set(floors) - set(report.scores)
    assert not missing, f"{suite}: scores no longer reported: {sorted(missing)}"
    dropped = {k: (report.scores[k], floor) for k, floor in floors.items()
               if (report.scores[k] > floor + TOLERANCE if lower_is_better(k) else report.scores[k] < floor - TOLERANCE)}
    assert not dropped, f"{suite}: scores below their floors (now, floor): {dropped}\n{report.summary}"
