"""Validate annotation files: known types, statuses and modes; spans found in the sentence.

Usage: python scripts/corpus/check_annotations.py corpus/silver/a1.jsonl [...]
Prints one line per problem and a count; exit code 1 if any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventwire.eval.silver import pool_text, validate


def main(paths: list[str]) -> int:
    problems: list[str] = []
    n = 0
    for p in paths:
        for i, line in enumerate(Path(p).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{p}:{i}: bad JSON: {exc}")
                continue
            n += 1
            problems += [f"{p}:{i}: {m}" for m in validate(rec, rec.get("text") or pool_text(rec.get("id", "")))]
    for m in problems:
        print(m)
    print(f"{n} records, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
