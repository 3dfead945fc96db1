"""Run every eval and raise the floors in tests/eval_baseline.json to today's scores.

Floors only go up (a ``*_rate`` ceiling only down): a score below its floor is reported and left for the gate to fail.
Usage: .venv/bin/python scripts/raise_eval_floors.py [suite ...]
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

BASELINE = Path(__file__).resolve().parents[1] / "tests" / "eval_baseline.json"


def main(suites: list[str]) -> int:
    from eventwire.eval.report import lower_is_better
    from eventwire.nlp import load_nlp

    baseline = json.loads(BASELINE.read_text())
    nlp = load_nlp()
    status = 0
    for suite in suites or [k for k in baseline if not k.startswith("_")]:
        name, _, coder = suite.partition("@")
        pipe = nlp.get_pipe("eventwire_events")
        saved, pipe.coder = pipe.coder, coder or pipe.coder
        report = importlib.import_module(f"eventwire.eval.{name}").evaluate(None, nlp=nlp)
        pipe.coder = saved
        floors = baseline.setdefault(suite, {})
        for key, score in report.scores.items():
            old = floors.get(key)
            # A failure rate (``no_event_rate``) is a ceiling: it moves down, never up.
            ceiling = lower_is_better(key)
            if old is None or (score < old if ceiling else score > old):
                floors[key] = score
            elif (score > old + 1e-4) if ceiling else (score < old - 1e-4):
                status = 1
            print(f"{suite}.{key}: {score} (floor {old} -> {floors[key]})")
        print(report.summary)
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
