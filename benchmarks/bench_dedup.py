"""Benchmark: event deduplication over synthetic events (not a test; run by hand).

    .venv/bin/python benchmarks/bench_dedup.py [--events 100000]

Synthetic events: 500 actors (300 resolved states/organisations, 100 NER-only names,
each under two spellings), 8 event types, dates over two years, 3-6 reports per real event
spread over a few days. Prints time, peak memory (RSS) and cluster counts against the real-event count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time

from eventwire.stories.dedup import cluster_events

TYPES = ["CONSULT", "AGREE", "ACCUSE", "REQUEST", "THREATEN", "SUPPORT", "PROTEST", "ASSAULT"]


def synthetic(n_events: int, seed: int = 7) -> tuple[list[dict], dict[str, dict], int]:
    rng = random.Random(seed)
    resolved = [{"id": f"actor-{i}", "name": f"Actor {i}", "country": f"C{i % 150:02d}", "sector": "GOV" if i % 2 else None}
                for i in range(300)]
    syllables = ["ka", "mo", "ri", "tes", "lan", "dor", "vu", "zel", "pa", "nik", "sho", "ber"]
    # Distinct invented names; each is reported under two spellings (a doubled letter).
    unresolved = []
    for i in range(100):
        name = "".join(rng.choice(syllables) for _ in range(4)).title() + " " + "".join(
            rng.choice(syllables) for _ in range(3)).title()
        for variant in (name, name[:-1] + name[-1] * 2):
            unresolved.append({"id": f"ent:{variant.lower()}", "name": variant, "country": None, "sector": None})
    actors = resolved + unresolved
    start = dt.date(2023, 1, 1)
    events, articles = [], {}
    eid = real = 0
    while eid < n_events:
        real += 1
        etype = rng.choice(TYPES)
        a, b = rng.sample(actors, 2)
        day = start + dt.timedelta(days=rng.randrange(730))
        for _ in range(rng.randint(3, 6)):
            art = f"art-{len(articles)}"
            published = day + dt.timedelta(days=rng.randint(0, 2))
            articles[art] = {"source_domain": f"outlet{rng.randrange(200)}.example", "published": published}
            date = (day + dt.timedelta(days=rng.choice([0, 0, 0, 1, -1]))).isoformat()
            events.append({"id": f"ev-{eid}", "article_id": art, "event": etype, "status": "occurred",
                           "date": date, "actor": [a], "recipient": [b], "span": [0, 10],
                           "evidence": "met", "text": "sentence", "event_loc": None})
            eid += 1
    return events[:n_events], articles, real


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    events, articles, real = synthetic(args.events)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    clusters = cluster_events(events, articles)
    took = time.perf_counter() - t0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sizes = [c.num_articles for c in clusters]
    print(f"{len(events):,} events ({real:,} real events) -> {len(clusters):,} clusters in {took:.1f} s; "
          f"peak RSS {rss_after / 1024:.0f} MiB ({(rss_after - rss_before) / 1024:.0f} MiB above the input); "
          f"mean {sum(sizes) / len(sizes):.1f} articles per cluster, max {max(sizes)}")


if __name__ == "__main__":
    main()
