"""Measure story assignment and disagreement flags on an own test corpus, ingested in
batches as a feed would deliver it (default: tests/data/stories/lome: eight reports of one
invented meeting, two of them undated, one giving another date, plus one other story).

Usage: PYTHONPATH=src python scripts/measure_stories.py [BATCH.jsonl ...]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

LOME = Path(__file__).resolve().parents[1] / "tests" / "data" / "stories" / "lome"
BATCHES = [LOME / "batch1.jsonl", LOME / "other.jsonl", LOME / "batch2.jsonl", LOME / "batch3.jsonl"]


def ingest_batches(store, batches) -> None:
    """Ingest each file as its own batch, then update stories for it."""
    import eventwire.settings
    from eventwire.jobs import ingest
    from eventwire.stories import update_stories

    options = eventwire.settings.load_options()
    for batch in batches:
        before = {a["id"] for a in store.articles(limit=10_000)}
        ingest([str(batch)], store, options)
        update_stories(store, [a["id"] for a in store.articles(limit=10_000) if a["id"] not in before])


def main() -> None:
    from eventwire.store import Store
    from eventwire.stories import list_stories, story_view

    batches = [Path(p) for p in sys.argv[1:]] or BATCHES
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/m.db")
        ingest_batches(store, batches)
        stories = list_stories(store)
        flags = []
        for s in stories:
            view = story_view(store, s["id"])
            print(f"story {s['title']!r}: {s['num_articles']} articles, {s['num_sources']} outlets, "
                  f"{len(view['events'])} event clusters")
            for e in view["events"]:
                print(f"    {e['event']} {e['status']} {e['date']} {e['loc_name']} articles={e['num_articles']}")
            for d in view["disagreements"]:
                flags.append(d)
                print(f"    flag {d['kind']} {d['event']}: {[(v['value'], v['sources']) for v in d['values']]}")
        print(f"stories: {len(stories)}, flags: {len(flags)} ({', '.join(sorted(d['kind'] for d in flags))})")
        store.close()


if __name__ == "__main__":
    main()
