"""How much the actor stage adds to spaCy's own time per article.

Usage: python benchmarks/bench_actors.py [--n 200]

Parses the seed article plus gold event-location sentences (from ../shared) once with
spaCy's own components, then times ``resolve_doc`` on the parsed Docs, and prints the
ratio actor time / spaCy time (the target is < 0.10).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def texts(n: int) -> list[str]:
    from eventwire import make_article

    out = [make_article((SHARED / "seed" / "moscow-parley.txt").read_text(encoding="utf-8")).text]
    import zipfile

    with zipfile.ZipFile(SHARED / "gold" / "event-location" / "labeled_text.jsonl.zip") as zf:
        name = next(n for n in zf.namelist() if n.endswith(".jsonl") and not n.startswith("__"))
        raw = zf.read(name).decode("utf-8")
    rows = json.loads(raw) if raw.lstrip().startswith("[") else [json.loads(x) for x in raw.splitlines() if x.strip()]
    seen = set()
    for row in rows:
        if len(out) > n:
            break
        if row.get("text") and row["text"] not in seen:
            seen.add(row["text"])
            out.append(row["text"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    from eventwire.actors.kb import load_kb
    from eventwire.actors.resolve import resolve_doc
    from eventwire.nlp import load_nlp

    t0 = time.perf_counter()
    kb = load_kb()
    load_s = time.perf_counter() - t0
    nlp = load_nlp()
    spacy_pipes = [p for name, p in nlp.pipeline if not name.startswith("eventwire_") or name == "eventwire_paragraphs"]
    docs, spacy_s = [], 0.0
    for text in texts(args.n):
        t = time.perf_counter()
        doc = nlp.make_doc(text)
        for proc in spacy_pipes:
            doc = proc(doc)
        spacy_s += time.perf_counter() - t
        docs.append(doc)
    t = time.perf_counter()
    mentions = 0
    for doc in docs:
        actors, _ = resolve_doc(doc, kb, dt.date(2024, 2, 19))
        mentions += sum(len(a.mentions) for a in actors)
    actor_s = time.perf_counter() - t
    print(f"docs={len(docs)} mentions={mentions} kb_load={load_s:.3f}s spacy={spacy_s:.3f}s "
          f"actors={actor_s:.3f}s ratio={actor_s / spacy_s:.3f}")


if __name__ == "__main__":
    main()
