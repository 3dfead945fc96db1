"""Bring the silver annotations in line with the PLOVER codebook where our guide departed from it.

Each revision is a rule of the PLOVER manual (``../shared/gold/plover-gsr/PLOVER_MANUAL.pdf``,
chapter 3) that the first version of ``docs/annotation-guide.md`` stated otherwise. A
revision rewrites the matching events' type in ``corpus/silver/*.jsonl`` and records what it
did on the event (``"was"``, ``"revision"``), so every changed label is traceable and the
script is idempotent. It reads only the annotations and the sentences they point at; it
never looks at eventwire's output (the labels stay blind to the coder).

    python scripts/corpus/revise_conventions.py [--dry-run]

Revisions:

- ``sign-is-support`` (manual 3.3 SUPPORT: "ratify, sign, or finalize an agreement or
  treaty"; CAMEO 057): an *occurred* AGREE whose trigger is signing, ratifying, inking,
  concluding or finalising becomes SUPPORT. A promise to sign stays AGREE (manual 3.3.2).
- ``pardon-is-concede`` (manual 3.4.2: "formal pardons, acquittals, and amnesties ... should
  be coded as CONCEDE; the actual release ... as RETREAT"): a RETREAT whose trigger is a
  pardon, amnesty or acquittal becomes CONCEDE.
- ``protest-topic`` (manual 3.8: "demands that take the form of demonstrations, protests,
  etc. are coded as PROTEST"; 3.12.2: the topic of a protest, "which will typically be a
  REQUEST—is not coded as a separate event"): a REQUEST whose actor is the same mention as
  a PROTEST's actor in the sentence is taken out of ``events`` and kept, marked, under
  ``"revised_out"``. A demand by anyone else stays.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.eval.silver import CORPUS_DIR, find_span, pool_text  # noqa: E402

REVISIONS = (
    # (name, old type, statuses, trigger pattern, new type)
    ("sign-is-support", "AGREE", {"occurred"}, re.compile(r"(?i)^(sign|ratif|ink|conclud|finali)"), "SUPPORT"),
    ("pardon-is-concede", "RETREAT", {"occurred", "planned", "hypothetical", "negated"},
     re.compile(r"(?i)^(pardon|amnest|acquit)"), "CONCEDE"),
)


def revise_event(event: dict, text: str) -> str | None:
    """Apply the first matching revision to one event in place; its name, else None."""
    span = find_span(text, event.get("trigger") or "")
    if span is None:
        return None
    trigger = text[span[0]:span[1]]
    for name, old, statuses, pattern, new in REVISIONS:
        if event.get("type") == old and (event.get("status") or "occurred") in statuses and pattern.match(trigger):
            event["was"], event["revision"], event["type"] = old, name, new
            if event.get("mode"):
                event["mode"] = ""  # the old type's mode is no mode of the new one
            return name
    return None


def drop_protest_topics(rec: dict, text: str) -> int:
    """Move the REQUEST events that are a PROTEST's own demand to ``revised_out``; how many."""
    def span(e, key):
        return find_span(text, e.get(key) or "")

    protesters = [span(e, "actor") for e in rec.get("events", []) if e.get("type") == "PROTEST"]
    protesters = [p for p in protesters if p is not None]
    keep, out = [], []
    for e in rec.get("events", []):
        a = span(e, "actor") if e.get("type") == "REQUEST" else None
        if a is not None and any(a[0] < p[1] and p[0] < a[1] for p in protesters):
            out.append({**e, "revision": "protest-topic"})
        else:
            keep.append(e)
    if out:
        rec["events"] = keep
        rec.setdefault("revised_out", []).extend(out)
    return len(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="count, do not write")
    args = ap.parse_args(argv)
    counts: Counter = Counter()
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        lines, changed = [], False
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                lines.append(line)
                continue
            rec = json.loads(line)
            text = rec.get("text") or pool_text(rec["id"])
            for event in rec.get("events", []) if text else []:
                name = revise_event(event, text)
                if name:
                    counts[(path.name, name)] += 1
                    changed = True
            dropped = drop_protest_topics(rec, text) if text else 0
            if dropped:
                counts[(path.name, "protest-topic")] += dropped
                changed = True
            lines.append(json.dumps(rec, ensure_ascii=False))
        if changed and not args.dry_run:
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for (name, rev), n in sorted(counts.items()):
        print(f"{name}: {rev} {n}")
    print(f"total {sum(counts.values())} events revised" + (" (dry run)" if args.dry_run else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
