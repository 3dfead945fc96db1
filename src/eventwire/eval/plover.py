"""Score event types and (type, source country, target country) triples on the PLOVER GSR.

Gold event names are PLOVER v0.5 and are mapped to current types (DEMAND → REQUEST,
DISAPPROVE/INVESTIGATE → ACCUSE, FIGHT → ASSAULT); non-ISO codes (JAP, ITL, VTN) are
mapped to ISO; sector-only codes (NGO, ...) carry no country.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..events.types import CATALOGUE, canonical_type
from ..schema import UNDIRECTED_TYPES, Event
from ..events.construction import TypeCandidate
from .common import dyad_key, gold_country, match_counts, prf_split, shared_path, side_country
from .report import EvalReport, prf


def gold_keys(item: dict) -> dict[tuple, bool]:
    """The gold (type, source country, target country) keys of one GSR record.

    Each key maps to whether it is undirected (an undirected type, or a record marked
    reciprocal: "fighting between X and Y"). A sector-only code ("NGO") asks for an
    actor of any country; a side the record leaves empty asks for none.
    """
    event = canonical_type(item["event"])
    undirected = event in UNDIRECTED_TYPES or bool(item.get("reciprocal"))
    sources = [gold_country(s.get("code")) for s in item.get("source") or []] or [""]
    targets = [gold_country(t.get("code")) for t in item.get("target") or []]
    if not targets and len(sources) > 1 and undirected:
        return {dyad_key(event, a, b, True): True for i, a in enumerate(sources) for b in sources[i + 1:]}
    return {dyad_key(event, s, t, undirected): undirected for s in sources for t in targets or [""]}


def gold_triples(item: dict) -> set[tuple]:
    """The gold keys of one record, without their direction flags."""
    return set(gold_keys(item))


def event_triple(e: Event) -> tuple:
    return dyad_key(e.event, side_country(e.actor), side_country(e.recipient), e.event in UNDIRECTED_TYPES)


def best_type(events: list[Event]) -> str | None:
    """The type of a sentence's most confident *emitted* event (None when none was emitted).

    Only what the output contains is scored: a trigger the coder ranked but did not emit
    (no dyad, speculation) is no answer.

    >>> best_type([])
    """
    return max(events, key=lambda e: e.confidence).event if events else None


def miss_category(gold_type: str, guess: str | None, candidates: list[TypeCandidate],
                  events: list[Event], all_gold_matched: bool) -> str:
    """Why a sentence is not fully right, in the categories that point at a fix.

    >>> miss_category("ACCUSE", None, [], [], False)
    'no trigger: no pattern for any word'
    """
    if not candidates and not events:
        return "no trigger: no pattern for any word"
    if guess != gold_type:
        if any(c.event == gold_type for c in candidates):
            return "wrong type: a gold-type trigger ranked lower"
        return "wrong type: no pattern gives the gold type"
    if not any(e.event == gold_type for e in events):
        return "right type: dyad incomplete (actor or recipient not found)"
    if not all_gold_matched:
        return "right type: wrong or missing country"
    return "ok"


def evaluate(path: Path | None = None, nlp=None) -> EvalReport:
    """Event-type accuracy, triple P/R/F1, per-type table and confusions on dev.jsonl.

    path (Path | None): the JSONL gold (default shared/gold/plover-gsr/dev.jsonl).
    nlp (Language | None): a loaded pipeline, else the default one.
    RETURNS (EvalReport): scores type_accuracy, triple_p, triple_r, triple_f1.
    """
    from ..nlp import load_nlp

    nlp = nlp or load_nlp()
    path = Path(path) if path else shared_path("gold", "plover-gsr", "dev.jsonl")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = nlp.pipe(item["text"] for item in items)
    tp_found = fp = tp_gold = fn = correct = 0
    per_type: dict[str, Counter] = {t: Counter() for t in CATALOGUE}
    confusion: Counter = Counter()
    categories: Counter = Counter()
    details: list[str] = []
    typed = silent = 0
    for item, doc in zip(items, docs):
        events = doc._.eventwire_events or []
        candidates = doc._.eventwire_event_candidates or []
        gold, pred = gold_keys(item), {event_triple(e) for e in events}
        counts = match_counts(gold, pred)
        tp_found, fp, tp_gold, fn = (a + b for a, b in zip((tp_found, fp, tp_gold, fn), counts))
        if not item.get("event"):
            continue
        typed += 1
        gold_type = canonical_type(item["event"])
        guess = best_type(events)
        silent += not events
        correct += guess == gold_type
        if guess != gold_type:
            confusion[(gold_type, guess)] += 1
        category = miss_category(gold_type, guess, candidates, events, counts[3] == 0)
        categories[category] += 1
        if category != "ok":
            details.append(f"{item['id']}: {category}: gold {gold_type} {sorted(gold)} "
                           f"got {guess} {sorted(pred)}")
        found_types = {e.event for e in events}
        for t in found_types:
            per_type[t]["tp" if t == gold_type else "fp"] += 1
        if gold_type not in found_types:
            per_type[gold_type]["fn"] += 1
    p, r, f = prf_split(tp_found, fp, tp_gold, fn)
    table = [["type", "P", "R", "F1", "gold"]]
    for t, c in per_type.items():
        tp_, fp_, fn_ = c["tp"], c["fp"], c["fn"]
        if tp_ + fp_ + fn_:
            tp_p, tp_r, tp_f = prf(tp_, fp_, fn_)
            table.append([t, f"{tp_p:.2f}", f"{tp_r:.2f}", f"{tp_f:.2f}", str(tp_ + fn_)])
    details += [f"confusion {g} -> {gt}: {n}" for (g, gt), n in confusion.most_common()]
    details += [f"category {c}: {n}" for c, n in categories.most_common()]
    acc = round(correct / typed, 4) if typed else 0.0
    no_event = round(silent / typed, 4) if typed else 0.0
    return EvalReport(
        name="plover", scores={"type_accuracy": acc, "triple_p": p, "triple_r": r, "triple_f1": f,
                               "no_event_rate": no_event},
        table=table, details=details,
        summary=(f"plover type accuracy={acc:.2f} ({correct}/{typed}) triples P={p:.2f} R={r:.2f} F1={f:.2f} "
                 f"no event={no_event:.2f} ({silent}/{typed})"),
    )


if __name__ == "__main__":
    report = evaluate()
    print("\n".join(report.details[-40:]))
    for row in report.table:
        print("\t".join(row))
    print(report.summary)
