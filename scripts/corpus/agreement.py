"""Consistency of the silver corpus: five-way agreement on ConfliBERT sentences, and
inter-annotator agreement on the doubly annotated sentences.

Usage: python scripts/corpus/agreement.py [--json corpus/agreement.json]

- Five-way: the PLOVER type of a ConfliBERT sentence's first annotated event must be one
  the sentence's five-way CAMEO class allows (``eval.silver.FIVE_WAY``; a sentence with no
  event agrees with class 0, statements). Reported for the first event and for any event.
- Double annotation: ``*.double.jsonl`` files hold a second, blind annotation of sentences
  another annotator labelled; reported as agreement on the sentence's first type (no event
  a class) with Cohen's kappa, event F1 (type and overlapping trigger), and status agreement
  on matched events.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from eventwire.eval.silver import CORPUS_DIR, FIVE_WAY, find_span, load, pool_text


def _first(events: list) -> str:
    return events[0]["type"] if events else "NONE"


def _kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return round((po - pe) / (1 - pe), 4) if pe < 1 else 1.0


def _spans(rec: dict, text: str) -> list[tuple[str, tuple[int, int] | None, str]]:
    return [(e["type"], find_span(text, e.get("trigger") or ""), e.get("status", "occurred"))
            for e in rec.get("events", [])]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", type=Path, default=CORPUS_DIR.parent / "agreement.json")
    args = ap.parse_args()
    first_ok = any_ok = n_cb = 0
    disagreements: Counter = Counter()
    for s in load():
        if s.five_way is None:
            continue
        n_cb += 1
        types = [e.type for e in s.events]
        allowed = lambda t: s.five_way in FIVE_WAY[t]  # noqa: E731
        ok_first = (not types and s.five_way == 0) or (bool(types) and allowed(types[0]))
        ok_any = (not types and s.five_way == 0) or any(allowed(t) for t in types)
        first_ok += ok_first
        any_ok += ok_any
        if not ok_first:
            disagreements[(s.five_way, types[0] if types else "NONE")] += 1
    primary: dict[str, dict] = {}
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        if not path.name.endswith(".double.jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    primary.setdefault(rec["id"], rec)
    pairs, tp, n1, n2, st_ok, st_n = [], 0, 0, 0, 0, 0
    for path in sorted(CORPUS_DIR.glob("*.double.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            first = primary.get(rec["id"])
            text = rec.get("text") or pool_text(rec["id"])
            if first is None or text is None:
                continue
            pairs.append((_first(first.get("events", [])), _first(rec.get("events", []))))
            a, b = _spans(first, text), _spans(rec, text)
            n1, n2 = n1 + len(a), n2 + len(b)
            used: set[int] = set()
            for t, span, status in a:
                for k, (t2, span2, status2) in enumerate(b):
                    if k in used or t != t2 or span is None or span2 is None:
                        continue
                    if span[0] < span2[1] and span2[0] < span[1]:
                        used.add(k)
                        tp += 1
                        st_n += 1
                        st_ok += status == status2
                        break
    p = tp / n2 if n2 else 0.0
    r = tp / n1 if n1 else 0.0
    report = {
        "conflibert_sentences": n_cb,
        "five_way_agreement_first_event": round(first_ok / n_cb, 4) if n_cb else None,
        "five_way_agreement_any_event": round(any_ok / n_cb, 4) if n_cb else None,
        "five_way_disagreements": [[c, t, k] for (c, t), k in disagreements.most_common(12)],
        "double_sentences": len(pairs),
        "double_first_type_agreement": round(sum(a == b for a, b in pairs) / len(pairs), 4) if pairs else None,
        "double_first_type_kappa": _kappa(pairs) if pairs else None,
        "double_event_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "double_status_agreement": round(st_ok / st_n, 4) if st_n else None,
    }
    args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
