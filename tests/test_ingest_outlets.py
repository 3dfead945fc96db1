"""Outlets (#18): source_domain from the URL everywhere, every outlet of an article kept and counted."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.ingest import make_article, outlet_of
from eventwire.store import Store

runner = CliRunner()

STORY = ("Port Strike Ends\n\nDock workers at the port of Valmora voted on Monday to end a nine-day strike "
         "after the port authority agreed to raise night-shift pay.\n\nTransport minister Aldo Ferrant "
         "welcomed the agreement.")


@pytest.mark.parametrize("url,outlet", [
    ("https://www.harbourledger.co.uk/business/2024/05/14/strike", "harbourledger.co.uk"),
    ("https://edition.meridianpost.com/world/truce", "meridianpost.com"),
    ("http://press.valmora.gov.uk/release/12", "valmora.gov.uk"),
    ("HTTPS://WWW.Example.ORG:8443/a", "example.org"),
    ("http://localhost:8000/a", "localhost"),
    ("", None),
    ("javascript:void(0)", None),
])
def test_ingest_outlets_registered_domain(url, outlet):
    assert outlet_of(url) == outlet


def test_ingest_outlets_url_wins_over_the_trailer():
    article = make_article(STORY + "\n\nSource » wirecopy.net", url="https://www.harbourledger.co.uk/a")
    assert article.source_domain == "harbourledger.co.uk"
    assert make_article(STORY + "\n\nSource » www.WireCopy.net").source_domain == "wirecopy.net"


def _jsonl(path, url):
    path.write_text(json.dumps({"id": url, "title": "Port Strike Ends", "text": STORY, "url": url,
                                "published": "2024-05-14"}) + "\n")
    return path


def test_ingest_outlets_jsonl_url_gives_the_outlet_and_source_filter_finds_it_issue18(tmp_path, db_url):
    # Before #18 source_domain stayed null for JSONL with a url, and --source found nothing.
    result = runner.invoke(app, ["ingest", str(_jsonl(tmp_path / "a.jsonl", "https://www.harbourledger.co.uk/s/1")),
                                 "--db", db_url, "--quiet"])
    assert result.exit_code == 0, result.output
    store = Store(db_url)
    [article] = store.articles()
    assert article["source_domain"] == "harbourledger.co.uk"
    assert store.events(source="https://harbourledger.co.uk") and store.events(source="www.harbourledger.co.uk")
    assert store.events(source="meridianpost.com") == []


def test_ingest_outlets_same_text_from_a_second_outlet_is_recorded_issue18(tmp_path, db_url):
    # Before #18 the second copy was "unchanged" and its outlet was lost.
    first = _jsonl(tmp_path / "a.jsonl", "https://www.harbourledger.co.uk/s/1")
    second = _jsonl(tmp_path / "b.jsonl", "https://edition.meridianpost.com/w/9")
    runner.invoke(app, ["ingest", str(first), "--db", db_url, "--quiet"])
    result = runner.invoke(app, ["ingest", str(second), "--db", db_url, "--quiet"])
    assert result.exit_code == 0 and "1 seen at another outlet" in result.output and "0 unchanged" in result.output
    again = runner.invoke(app, ["ingest", str(second), "--db", db_url, "--quiet"])
    assert "1 unchanged" in again.output and "another outlet" not in again.output
    store = Store(db_url)
    [article] = store.articles()
    assert store.outlets([article["id"]]) == {article["id"]: ["harbourledger.co.uk", "meridianpost.com"]}
    assert len(store.events(source="meridianpost.com")) == len(store.events(source="harbourledger.co.uk")) > 0


def test_ingest_outlets_num_sources_counts_outlets_not_articles_issue18(tmp_path, db_url):
    texts = [STORY, STORY.replace("voted on Monday", "voted late on Monday"), STORY.replace("welcomed", "praised")]
    urls = ["https://www.harbourledger.co.uk/s/1", "https://harbourledger.co.uk/s/2", "https://meridianpost.com/w/9"]
    with (tmp_path / "in.jsonl").open("w") as fh:
        for n, (text, url) in enumerate(zip(texts, urls)):
            fh.write(json.dumps({"id": str(n), "title": "Port Strike Ends", "text": text, "url": url,
                                 "published": "2024-05-14"}) + "\n")
    assert runner.invoke(app, ["ingest", str(tmp_path / "in.jsonl"), "--db", db_url, "--quiet"]).exit_code == 0
    from eventwire.stories import list_stories

    stories = list_stories(Store(db_url))
    assert [(s["num_articles"], s["num_sources"]) for s in stories] == [(3, 2)]


def test_ingest_outlets_extract_url_sets_the_outlet(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--url", "https://www.meridianpost.com/w/9"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["article"]["source_domain"] == "meridianpost.com"


def test_ingest_outlets_migration_backfills_stored_articles(db_url):
    from sqlalchemy import delete, insert

    from eventwire.store import tables as t
    from eventwire.store.migrations import applied, migrate

    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(insert(t.articles).values(id="x1", text="t", source_domain="Wirecopy.net", pipeline_version="0",
                                               body_start=0, ingested_at=__import__("datetime").datetime(2024, 1, 1)))
        conn.execute(delete(applied).where(applied.c.name == "m006_article_sources"))
        t.article_sources.drop(conn)
        assert migrate(conn) == ["m006_article_sources"]
    assert store.outlets(["x1"]) == {"x1": ["wirecopy.net"]}
