"""Score (CAMEO root, source country, target country) on the PETR2 gold standard sentences.

Each record's raw text is parsed by eventwire; an event's CAMEO root is the first two
digits of its ``cameo`` code. Also counts the no-event sentences that produce an event.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..schema import Event
from .common import country_of_code, shared_path
from .report import EvalReport, prf


def gold_triples(item: dict) -> set[tuple]:
    return {(str(e["event"])[:2], country_of_code(e.get("source")), country_of_code(e.get("target")))
            for e in item.get("events") or []}


def event_triple(e: Event) -> tuple:
    return ((e.cameo or "")[:2], e.actor[0].country if e.actor else None,
            e.recipient[0].country if e.recipient else None)


def evaluate(path: Path | None = None, nlp=None) -> EvalReport:
    """Triple P/R/F1 and the no-event false alarms on the PETR2 GSR.

    path (Path | None): the JSONL gold (default shared/gold/petr2-gsr/derived_PETR2_GSR_validation.jsonl).
    nlp (Language | None): a loaded pipeline, else the default one.
    RETURNS (EvalReport): scores triple_p, triple_r, triple_f1, noevent_clean (share of
        no-event sentences that stay empty).
    """
    from ..nlp import load_nlp

    nlp = nlp or load_nlp()
    path = Path(path) if path else shared_path("gold", "petr2-gsr", "derived_PETR2_GSR_validation.jsonl")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = 0
    false_alarms = no_event = 0
    details: list[str] = []
    for item, doc in zip(items, nlp.pipe(item["text"] for item in items)):
        events = doc._.eventwire_events or []
        pred = {event_triple(e) for e in events}
        if item.get("noevents"):
            no_event += 1
            if events:
                false_alarms += 1
                details.append(f"{item['id']}: no-event sentence produced {sorted(pred, key=str)}")
            continue
        gold = gold_triples(item)
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
        if gold != pred:
            details.append(f"{item['id']}: gold {sorted(gold, key=str)} got {sorted(pred, key=str)}")
    p, r, f = prf(tp, fp, fn)
    clean = round(1 - false_alarms / no_event, 4) if no_event else 1.0
    return EvalReport(
        name="petr2", scores={"triple_p": p, "triple_r": r, "triple_f1": f, "noevent_clean": clean},
        details=details,
        summary=f"petr2 triples P={p:.2f} R={r:.2f} F1={f:.2f} no-event sentences with events={false_alarms}/{no_event}",
    )


if __name__ == "__main__":
    report = evaluate()
    print("\n".join(report.details))
    print(report.summary)
