"""Score the hand-written homonym cases (tests/data/places/homonyms.jsonl): how many place
mentions resolve to the expected country, and how many non-places stay unlocated.

Usage: PYTHONPATH=src python scripts/measure_homonyms.py [FILE]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "places" / "homonyms.jsonl"


def located(nlp, case: dict) -> str | None:
    """The country the pipeline gives the case's name: as the trigger's place, else as a
    place mention; "" when the name is located without a country; None when not at all."""
    from eventwire.when_where.places import place_for_event

    doc = nlp(case["text"])
    trigger = next(t for t in doc if t.text == case["trigger"])
    for place in [place_for_event(doc, trigger), *doc._.eventwire_places]:
        if place is not None and place.text.endswith(case["name"]) and (place.lat is not None or place.feature):
            return place.country or ""
    return None


def main() -> None:
    from eventwire.nlp import load_nlp

    nlp = load_nlp()
    cases = [json.loads(line) for line in Path(sys.argv[1] if len(sys.argv) > 1 else CASES).read_text().splitlines() if line]
    right = 0
    for case in cases:
        got = located(nlp, case)
        ok = got == case["country"]
        right += ok
        if not ok:
            print(f"wrong: {case['name']!r} -> {got!r} (want {case['country']!r}): {case['text']}")
    print(f"homonyms: {right}/{len(cases)} right ({right / len(cases):.0%})")


if __name__ == "__main__":
    main()
