"""Replace span strings by character offsets in annotations of third-party sentences.

Annotators write spans as text (easier to check by eye); the repository keeps only ids and
offsets for sentences that are not ours (their text stays in ../shared). Sentences we wrote
keep their text and spans. Usage: python scripts/corpus/freeze_spans.py corpus/silver/*.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventwire.eval.silver import find_span, pool_text


def main(paths: list[str]) -> None:
    for p in paths:
        out, changed = [], 0
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            text = pool_text(rec["id"])
            if text is not None and "text" not in rec:
                for e in rec.get("events", []):
                    for key in ("trigger", "actor", "recipient"):
                        if isinstance(e.get(key), str):
                            span = find_span(text, e[key]) if e[key] else None
                            e[key] = list(span) if span else ""
                            changed += 1
            out.append(json.dumps(rec, ensure_ascii=False))
        Path(p).write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"{p}: {changed} spans frozen")


if __name__ == "__main__":
    main(sys.argv[1:])
