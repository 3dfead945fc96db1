"""Score the outlet corpus (tests/data/stories/outlets): story assignment, outlet counts,
date-conflict flags, trafilatura extraction and furniture detection, against gold.json.

- Stories: the reports are delivered as a feed would deliver them (batches in publication
  order; an undated report arrives with the report before it in gold.json), each HTML page
  extracted by ``ingest.page.html_item`` as ``ingest`` and ``fetch`` do, each plain-text copy
  as it was pasted, then ingested and assigned to stories batch by batch. Scored with
  B-cubed precision, recall and F1 over reports (Bagga and Baldwin 1998).
- Outlets: each story's ``num_sources`` against the distinct outlets of the reports in it.
- Flags: every planted date conflict must be flagged (a date flag on the story whose values
  include the conflicting dates), and no other flag may be raised.
- Extraction: trafilatura's main text equals the planted body on a page when its
  paragraphs are the body's paragraphs, in order, after whitespace normalisation.
- Furniture: precision and recall of ``furniture_kind`` on lines.tsv, overall and by part
  (tuned on / held out).

Usage: PYTHONPATH=src python scripts/measure_outlet_corpus.py [--verbose]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "stories" / "outlets"
BATCH_SIZE = 6


def load_gold(root: Path = ROOT) -> dict:
    return json.loads((root / "gold.json").read_text(encoding="utf-8"))


def bcubed(gold: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering ``found`` against ``gold`` (item -> cluster).

    Each item's precision is the share of its found cluster that shares its gold cluster,
    its recall the share of its gold cluster that shares its found cluster; both averaged.

    >>> bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"})
    (1.0, 1.0, 1.0)
    >>> [round(x, 3) for x in bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"})]
    [0.556, 1.0, 0.714]
    """
    by_gold, by_found = defaultdict(set), defaultdict(set)
    for item in gold:
        by_gold[gold[item]].add(item)
        by_found[found[item]].add(item)
    p = sum(len(by_found[found[i]] & by_gold[gold[i]]) / len(by_found[found[i]]) for i in gold) / len(gold)
    r = sum(len(by_found[found[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report_path(report: dict, root: Path = ROOT) -> Path:
    page = root / "pages" / f"{report['id']}.html"
    return page if page.exists() else root / "copies" / f"{report['id']}.txt"


def delivery(gold: dict) -> list[list[dict]]:
    """The reports in feed order, in batches: publication order, an undated report with the one before it."""
    last, keyed = "0000-00-00", []
    for n, r in enumerate(gold["reports"]):
        last = r["published"] or last
        keyed.append((last, n, r))
    ordered = [r for _, _, r in sorted(keyed, key=lambda x: (x[0], x[1]))]
    return [ordered[i:i + BATCH_SIZE] for i in range(0, len(ordered), BATCH_SIZE)]


def feed_record(report: dict, root: Path = ROOT) -> dict:
    """The JSONL record a feed reader would write for the report: an HTML page through
    ``html_item`` (text, title, canonical URL, page date); a plain-text copy as is, with
    the address it was found at unless it names its source in a trailer."""
    from eventwire.ingest.page import decode_html, html_item

    path = report_path(report, root)
    if path.suffix == ".html":
        item = html_item(decode_html(path.read_bytes(), None), str(path))
        record = {"id": report["id"], "text": item.text, "title": item.title, "url": item.url}
        if item.metadata.get("published"):
            record["published"] = item.metadata["published"]
        return record
    text = path.read_text(encoding="utf-8")
    record = {"id": report["id"], "text": text}
    if "Source \u00bb" not in text:
        record["url"] = f"https://{report['outlet']}/copy/{report['id']}"
    return record


def run_stories(gold: dict, root: Path = ROOT) -> dict:
    """Ingest the corpus batch by batch; RETURNS report -> story id, the stories and their views."""
    import eventwire.settings
    from eventwire.jobs import ingest
    from eventwire.store import Store
    from eventwire.stories import list_stories, story_view, update_stories
    from eventwire.ingest.clean import clean_article, content_id

    options = eventwire.settings.load_options()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/outlets.db")
        article_of = {}
        for n, batch in enumerate(delivery(gold)):
            path = Path(tmp) / f"batch{n}.jsonl"
            records = [feed_record(r, root) for r in batch]
            path.write_text("".join(json.dumps(x) + "\n" for x in records), encoding="utf-8")
            for r, rec in zip(batch, records):
                article_of[r["id"]] = content_id(clean_article(rec["text"], rec.get("title")).text)
            before = {a["id"] for a in store.articles(limit=100_000)}
            ingest([str(path)], store, options)
            update_stories(store, [a["id"] for a in store.articles(limit=100_000) if a["id"] not in before])
        stories = list_stories(store)
        views = {s["id"]: story_view(store, s["id"]) for s in stories}
        story_of_article = {a["id"]: sid for sid, v in views.items() for a in v["articles"]}
        store.close()
    found = {rid: story_of_article.get(aid, f"none:{rid}") for rid, aid in article_of.items()}
    return {"found": found, "stories": stories, "views": views}


def score_stories(gold: dict, run: dict) -> dict:
    truth = {r["id"]: r["story"] for r in gold["reports"]}
    p, r, f1 = bcubed(truth, run["found"])
    members = defaultdict(list)
    for rep in gold["reports"]:
        members[run["found"][rep["id"]]].append(rep)
    outlets_ok, outlet_errors = 0, []
    for sid, reps in members.items():
        want = len({x["outlet"] for x in reps})
        got = run["views"][sid]["story"]["num_sources"] if sid in run["views"] else None
        if got == want:
            outlets_ok += 1
        else:
            outlet_errors.append((sid, want, got))
    flags = [(sid, d) for sid, v in run["views"].items() for d in v["disagreements"]]
    planted = [(name, c) for name, s in gold["stories"].items() for c in s["date_conflicts"]]
    caught, matched = 0, set()
    for name, conflict in planted:
        sids = {run["found"][x["id"]] for x in gold["reports"] if x["story"] == name}
        for i, (sid, d) in enumerate(flags):
            values = {str(v["value"]) for v in d["values"]}
            if sid in sids and d["kind"] == "date" and set(conflict["dates"]) <= values:
                caught += 1
                matched.add(i)
                break
    spurious = [d for i, (_, d) in enumerate(flags) if i not in matched]
    return {"bcubed": (p, r, f1), "stories": len(members), "outlets_right": (outlets_ok, len(members)),
            "outlet_errors": outlet_errors, "conflicts_flagged": (caught, len(planted)), "spurious": spurious}


def paragraphs(text: str) -> list[str]:
    return [" ".join(x.split()) for x in text.split("\n") if x.strip()]


def score_extraction(gold: dict, root: Path = ROOT) -> dict:
    from eventwire.ingest.furniture import furniture_kind
    from eventwire.ingest.page import decode_html, extract_page

    pages = equal = equal_unmasked = 0
    misses = []
    for report in gold["reports"]:
        path = root / "pages" / f"{report['id']}.html"
        if not path.exists():
            continue
        pages += 1
        got = paragraphs(extract_page(decode_html(path.read_bytes(), None)).text)
        want = [" ".join(x.split()) for x in report["body"]]
        if got == want:
            equal += 1
        else:
            misses.append((report["id"], [x for x in got if x not in want], [x for x in want if x not in got]))
        if [x for x in got if not furniture_kind(x)] == want:
            equal_unmasked += 1
    return {"pages": pages, "equal": equal, "equal_after_furniture": equal_unmasked, "misses": misses}


def score_furniture(root: Path = ROOT) -> dict:
    """Furniture P and R on lines.tsv. Each report's lines are put back together (one
    paragraph a line, as the cleaner writes them) and marked by ``furniture_spans``, the
    same call that masks them in ingest, so rules that look at neighbouring lines count."""
    from eventwire.ingest.furniture import furniture_spans

    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for line in (root / "lines.tsv").open(encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        label, rid, part, source, text = line.rstrip("\n").split("\t")
        groups[(rid, source)].append((label, part, text))
    out: dict = {}
    errors = []
    for (rid, source), rows in groups.items():
        text = "\n\n".join(t for _, _, t in rows)
        starts = [s for s, _, _ in furniture_spans(text)]
        offset, flagged_at = 0, []
        for _, _, t in rows:
            flagged_at.append(offset in starts)
            offset += len(t) + 2
        for (label, part, t), flagged in zip(rows, flagged_at):
            for key in ("all", part, source):
                c = out.setdefault(key, {"tp": 0, "fp": 0, "fn": 0, "n": 0})
                c["n"] += 1
                c["tp"] += flagged and label == "F"
                c["fp"] += flagged and label == "B"
                c["fn"] += (not flagged) and label == "F"
            if flagged != (label == "F"):
                errors.append((label, rid, t))
    for c in out.values():
        c["p"] = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        c["r"] = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    out["errors"] = errors
    return out


def main() -> None:
    verbose = "--verbose" in sys.argv
    gold = load_gold()
    ex = score_extraction(gold)
    print(f"extraction: {ex['equal']}/{ex['pages']} pages equal the planted body "
          f"({ex['equal'] / ex['pages']:.3f}); {ex['equal_after_furniture']}/{ex['pages']} after furniture lines are dropped")
    if verbose:
        for rid, extra, missing in ex["misses"]:
            print(f"   {rid}: extra {extra} missing {missing}")
    fu = score_furniture()
    for key in ("all", "tune", "heldout", "copy", "html"):
        if key in fu:
            c = fu[key]
            print(f"furniture {key}: {c['n']} lines, P {c['p']:.3f} R {c['r']:.3f} (tp {c['tp']} fp {c['fp']} fn {c['fn']})")
    if verbose:
        for label, rid, text in fu["errors"]:
            print(f"   {label} {rid}: {text}")
    run = run_stories(gold)
    st = score_stories(gold, run)
    p, r, f1 = st["bcubed"]
    print(f"stories: {len(gold['stories'])} gold, {st['stories']} found; B-cubed P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    print(f"outlets counted right: {st['outlets_right'][0]}/{st['outlets_right'][1]} stories {st['outlet_errors'] or ''}")
    print(f"date conflicts flagged: {st['conflicts_flagged'][0]}/{st['conflicts_flagged'][1]}; spurious flags: {len(st['spurious'])}")
    if verbose:
        truth = {x["id"]: x["story"] for x in gold["reports"]}
        for sid, v in run["views"].items():
            print(f"  story {v['story']['title']!r} sources={v['story']['num_sources']}: "
                  f"{sorted(truth.get(rid, '?') + ':' + rid for rid, s in run['found'].items() if s == sid)}")
            for e in v["events"]:
                print(f"      {e['event']} {e['status']} {e['date']} {e['loc_name']} articles={e['num_articles']}")
        for d in st["spurious"]:
            print(f"   spurious {d['kind']}: {[(x['value'], x['sources']) for x in d['values']]}")


if __name__ == "__main__":
    main()
