"""Page furniture in plain text (#18): detected line by line, kept out of actor and event coding."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from eventwire.extract import drop_headline_repeats, extract_documents
from eventwire.ingest import make_article
from eventwire.ingest.furniture import furniture_kind, furniture_spans, mask_furniture

DATA = Path(__file__).parent / "data" / "furniture"


def _labelled() -> list[tuple[bool, str]]:
    rows = [line.rstrip("\n").split("\t") for line in (DATA / "lines.tsv").open(encoding="utf-8")
            if line.strip() and not line.startswith("#")]
    return [(label == "F", text) for label, text in rows]


def test_ingest_furniture_labelled_lines_precision_and_recall():
    found = [(gold, furniture_kind(text) is not None) for gold, text in _labelled()]
    tp = sum(g and f for g, f in found)
    precision = tp / sum(f for _, f in found)
    recall = tp / sum(g for g, _ in found)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.stem)
def test_ingest_furniture_mask_keeps_every_offset(path):
    text = make_article(path.read_text()).text
    masked = mask_furniture(text)
    assert len(masked) == len(text) and masked != text
    for start, end, _ in furniture_spans(text):
        assert masked[start:end].strip() == ""


def test_ingest_furniture_headline_found_below_leading_furniture():
    article = make_article((DATA / "ledger-copy.txt").read_text())
    assert article.title == "Dock workers in Valmora end strike after port deal"
    assert "Skip to content" in article.text  # kept for the reader; masked for the pipeline


def test_ingest_furniture_yields_no_actor_or_event_issue18(nlp):
    # Before #18 these copies gave 11 of 17 actors (photographers, bylines, "Twitter") and
    # an event from a "Related:" link.
    articles = [make_article(p.read_text()) for p in sorted(DATA.glob("*.txt"))]
    for article, doc in zip(articles, extract_documents(articles, nlp=nlp)):
        spans = furniture_spans(article.text)

        def inside(start: int) -> bool:
            return any(s <= start < e for s, e, _ in spans)

        assert not [a.name for a in doc.actors if any(inside(m.start) for m in a.mentions)]
        assert not [e.text for e in doc.events if inside(e.span[0])]
        assert doc.events  # the body's own events are still coded


def _event(kind, actor, recipient, start):
    return SimpleNamespace(event=kind, actor=[SimpleNamespace(id=actor)], recipient=[SimpleNamespace(id=recipient)],
                           span=(start, start + 10))


def test_ingest_furniture_headline_event_reported_by_the_body_is_dropped_issue18():
    headline, body = _event("AGREE", "GOV", "REB", 0), _event("AGREE", "GOV", "REB", 50)
    only_headline = _event("ASSAULT", "GOV", "REB", 5)
    assert drop_headline_repeats([headline, only_headline, body], body_start=40) == [only_headline, body]


def test_ingest_furniture_outlet_corpus_lines_issue18():
    """tests/data/stories/outlets/lines.tsv: the plain-text copies, what trafilatura returns from
    the pages and each page's pasted copy, labelled by scripts/build_outlet_corpus.py."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "measure_outlet_corpus", Path(__file__).parents[1] / "scripts" / "measure_outlet_corpus.py")
    measure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(measure)
    scores = measure.score_furniture()
    assert (scores["all"]["n"] >= 400, scores["all"]["p"] >= 0.95, scores["all"]["r"] >= 0.95) == (True, True, True)
