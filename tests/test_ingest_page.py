"""HTML pages to articles (trafilatura + htmldate), declared charsets, and feeds read safely (#18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.feeds import FeedError, parse_feed
from eventwire.ingest import read_articles, read_inputs
from eventwire.ingest.page import extract_page
from eventwire.settings import load_options

PAGES = Path(__file__).parent / "data" / "pages"
PAGE_FILES = sorted(PAGES.glob("*.html"))


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.stem)
def test_ingest_page_main_text_is_the_planted_body(path):
    # Navigation, share bars, captions, related links, comments and footers stay out.
    page = extract_page(path.read_text(encoding="utf-8"), "https://outlet.example/story")
    body = path.with_suffix(".body.txt").read_text(encoding="utf-8").strip()
    paras = [p for p in page.text.split("\n\n") if p != page.title]
    assert "\n\n".join(paras) == body


def test_ingest_page_metadata_from_the_page():
    page = extract_page((PAGES / "harbour-ledger-strike.html").read_text(), "https://outlet.example/x")
    assert (page.title, page.published, page.author, page.site_name) == (
        "Dock workers in Valmora end strike after port deal", "2024-05-14", "Petra Ilves", "The Harbour Ledger")
    assert page.url == "https://www.harbourledger.co.uk/business/2024/05/14/valmora-dock-strike-ends"


@pytest.mark.parametrize("base,href,expected", [
    ("https://news.example/a?id=3", "/world/talks", "https://news.example/world/talks"),
    (None, "/world/talks", None),  # relative, and nothing to resolve it against
    ("https://news.example/a", "javascript:void(0)", None),
])
def test_ingest_page_canonical_link_is_absolute_http(base, href, expected):
    html = (f"<html><head><link rel='canonical' href='{href}'></head><body><article>"
            "<p>The mayor of the port city resigned on Tuesday after a week of protests.</p></article></body></html>")
    assert extract_page(html, base).url == expected


@pytest.mark.parametrize("declared", ["windows-1252", "ISO-8859-1", "latin1"])
def test_ingest_page_declared_single_byte_charset_is_read_issue18(tmp_path, declared):
    # Before #18 an HTML file in a declared single-byte charset was refused as non-UTF-8 (E003).
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}">'
            "<title>Caf\xe9 talks</title></head><body><article><p>The minister said the caf\xe9 owners' "
            "strike was \x93unacceptable\x94 and called for talks with the union on Monday.</p>"
            "</article></body></html>")
    (tmp_path / "page.html").write_bytes(html.encode("latin-1"))
    [article] = list(read_articles([str(tmp_path)], load_options()))
    assert "café owners' strike was \"unacceptable\"" in article.text


def test_ingest_page_undeclared_non_utf8_html_is_still_an_item_error(tmp_path):
    (tmp_path / "page.html").write_bytes(b"<html><body><p>caf\xe9 talks resumed on Monday.</p></body></html>")
    [err] = list(read_inputs([tmp_path]))
    assert err.code == "E003"


def test_ingest_page_without_article_is_e010(tmp_path):
    (tmp_path / "empty.html").write_text("<html><head><title></title></head><body><script>go()</script></body></html>")
    [err] = list(read_inputs([tmp_path]))
    assert err.code == "E010"


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title></channel></rss>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&x;</title><link>http://a.example/1</link></item></channel></rss>"""


@pytest.mark.parametrize("data", [BOMB, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_feeds_parse_refuses_unsafe_xml_issue18(data):
    with pytest.raises(FeedError, match="unsafe XML refused"):
        parse_feed(data, "http://a.example/feed")


def test_feeds_parse_reads_a_feed_that_is_not_well_formed_issue18():
    data = (b"<rss version='2.0'><channel><title>Desk</title><item><title>Talks & votes</title>"
            b"<link>/n/1</link><pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate></item></channel></rss>")
    feed = parse_feed(data, "http://a.example/feed.xml")
    [item] = feed.items
    assert (item.url, item.title, item.published.isoformat()) == ("http://a.example/n/1", "Talks & votes", "2024-03-05")
    assert feed.problems[0].startswith("malformed XML, read leniently")


def test_ingest_page_outlet_corpus_main_text_is_the_planted_body_issue18():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "measure_outlet_corpus", Path(__file__).parents[1] / "scripts" / "measure_outlet_corpus.py")
    measure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(measure)
    scores = measure.score_extraction(measure.load_gold())
    assert scores["pages"] >= 25 and scores["equal"] / scores["pages"] >= 0.95
