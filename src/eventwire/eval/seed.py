"""Score ``eventwire.extract`` on the seed article against its hand gold.

Conventions (shared/README.md): an event matches when its PLOVER type matches (or is in
``accept_event``) and its source and target resolve to the gold actors; CONSULT, AGREE
and COOPERATE are undirected; precision counts every extracted event that matches
neither a required nor an acceptable gold event.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..schema import UNDIRECTED_TYPES, Event
from .common import normalize, resolve_gold_actor, same_gold_actor, shared_path
from .report import EvalReport, prf


def _matches(event: Event, gold: dict, actors: list[dict]) -> bool:
    if event.event not in [gold["event"], *gold.get("accept_event", [])]:
        return False
    src = resolve_gold_actor(event.actor[0] if event.actor else None, actors)
    tgt = resolve_gold_actor(event.recipient[0] if event.recipient else None, actors)
    if gold.get("target") is None:  # gold leaves the target open
        return same_gold_actor(src, gold["source"], actors)
    direct = same_gold_actor(src, gold["source"], actors) and same_gold_actor(tgt, gold["target"], actors)
    if direct or gold["event"] not in UNDIRECTED_TYPES:
        return direct
    return same_gold_actor(src, gold["target"], actors) and same_gold_actor(tgt, gold["source"], actors)


def quote_matches(found_text: str, gold_text: str) -> bool:
    """Quote texts agree after normalising quotes, spaces and trailing punctuation."""
    return normalize(found_text) == normalize(gold_text)


def evaluate(path: Path | None = None, nlp=None) -> EvalReport:
    """Score events and quotes on the seed article.

    path (Path | None): the gold JSON (default: shared/seed/moscow-parley.gold.json); the
        article text is the ``.txt`` beside it.
    nlp (Language | None): a loaded pipeline, else the default one.
    RETURNS (EvalReport): scores events_p/events_r/events_f1/quotes_r and per-event details.
    """
    from ..extract import extract

    path = Path(path) if path else shared_path("seed", "moscow-parley.gold.json")
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_name(path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
    doc = extract(text, published=gold["document"].get("publication_date"), nlp=nlp)
    actors = gold["actors"]
    required, acceptable = gold["events"]["required"], gold["events"]["acceptable"]
    details: list[str] = []
    hits = 0
    for g in required + acceptable:
        found = [e for e in doc.events if _matches(e, g, actors)]
        if g in required:
            hits += bool(found)
        tag = "HIT " if found else ("MISS" if g in required else "----")
        what = "; ".join(f"{e.event}/{e.status} '{e.evidence}' [{e.rule}]" for e in found) or "-"
        details.append(f"{tag} {g['id']} {g['source']} {g['event']} {g['target']}: {what}")
    matched = [e for e in doc.events if any(_matches(e, g, actors) for g in required + acceptable)]
    for e in doc.events:
        if e not in matched:
            tgt = e.recipient[0].name if e.recipient else None
            details.append(f"FP   {e.event} {e.actor[0].name} -> {tgt}: '{e.evidence}' [{e.rule}]")
    for gid in ("E2", "E12"):
        g = next(x for x in required if x["id"] == gid)
        statuses = [e.status for e in doc.events if _matches(e, g, actors)]
        details.append(f"STATUS {gid} gold={g['status']} extracted={statuses or 'not found'}")
    p = prf(len(matched), len(doc.events) - len(matched), 0)[0]
    r = round(hits / len(required), 4) if required else 0.0
    f = round(2 * p * r / (p + r), 4) if p + r else 0.0
    q_hits = 0
    for gq in gold["quotes"]:
        ok = any(quote_matches(q.text, gq["text"])
                 and same_gold_actor(resolve_gold_actor(q.speaker, actors), gq["speaker"], actors)
                 for q in doc.quotes)
        q_hits += ok
        details.append(f"{'HIT ' if ok else 'MISS'} quote {gq['speaker']}: {gq['text'][:50]}")
    scores = {"events_p": p, "events_r": r, "events_f1": f,
              "quotes_r": round(q_hits / len(gold["quotes"]), 4) if gold["quotes"] else 0.0}
    summary = f"events P={p:.2f} R={r:.2f} F1={f:.2f} quotes={q_hits}/{len(gold['quotes'])}"
    return EvalReport(name="seed", scores=scores, details=details, summary=summary)


if __name__ == "__main__":
    report = evaluate()
    print("\n".join(report.details))
    print(report.summary)
