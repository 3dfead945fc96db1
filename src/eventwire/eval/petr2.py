"""Score (CAMEO root, source country, target country) on the PETR2 gold standard sentences.

Each record's raw text is parsed by eventwire; an event's CAMEO root is the first two
digits of its ``cameo`` code. Also counts the no-event sentences that produce an event.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..schema import Event
from .common import ANY_OR_NONE, gold_country, match_counts, prf_split, shared_path, side_country
from .report import EvalReport


# CAMEO roots of the PLOVER types scored as undirected (AGREE 03, CONSULT 04, COOPERATE
# 06; shared/README.md): the coder emits one direction, the gold often lists both.
UNDIRECTED_ROOTS = frozenset({"03", "04", "06"})


def petr2_side(code: str | None) -> str:
    """The slot a PETR2 actor code asks for.

    A sector-only code ("---GOV") needs some actor of any country; the bare "---" is
    PETR2's empty code (a protest with no target: "X protested"), so an empty side
    matches it as well.

    >>> petr2_side("---"), petr2_side("---GOV"), petr2_side("IRQGOV")
    ('?', '*', 'IRQ')
    """
    if not code or code.strip("-") == "":
        return ANY_OR_NONE
    return gold_country(code)


def gold_triples(item: dict) -> set[tuple]:
    """(CAMEO root, source country, target country); sector-only codes ("---GOV") match any country.

    Order counts except for the undirected roots (``UNDIRECTED_ROOTS``).
    """
    return {(str(e["event"])[:2], petr2_side(e.get("source")), petr2_side(e.get("target")))
            for e in item.get("events") or []}


def event_triple(e: Event) -> tuple:
    return ((e.cameo or "")[:2], side_country(e.actor), side_country(e.recipient))


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
    tp_found = fp = tp_gold = fn = 0
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
        counts = match_counts({k: k[0] in UNDIRECTED_ROOTS for k in gold}, pred)
        tp_found, fp, tp_gold, fn = (a + b for a, b in zip((tp_found, fp, tp_gold, fn), counts))
        if counts[1] or counts[3]:
            details.append(f"{item['id']}: gold {sorted(gold, key=str)} got {sorted(pred, key=str)}")
    p, r, f = prf_split(tp_found, fp, tp_gold, fn)
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
