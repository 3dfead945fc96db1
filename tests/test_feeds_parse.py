"""Feed parsing and polite-fetching helpers, without a network."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.feeds import FeedError, parse_feed
from eventwire.feeds.fetch import HostRateLimiter
from eventwire.feeds.pages import page_article
from eventwire.ingest.page import html_refusal
from eventwire.feeds.feeds import FeedItem
from eventwire.settings import load_options

DATA = Path(__file__).parent / "data" / "feeds"
BASE = "http://news.test"


def _fixture(name: str) -> bytes:
    return (DATA / name).read_bytes().replace(b"{base}", BASE.encode())


@pytest.mark.parametrize("name,kind,urls,problems", [
    ("rss.xml", "rss", 8, ["item 3: no link", "item 10: no usable link ('javascript:void(0)')"]),
    ("atom.xml", "atom", 1, ["item 2: no link"]),
    ("sitemap.xml", "sitemap", 2, []),
    ("sitemap-index.xml", "sitemapindex", 1, []),
])
def test_feeds_parse_fixture_feeds(name, kind, urls, problems):
    feed = parse_feed(_fixture(name), BASE + "/" + name)
    assert (feed.kind, len(feed.items), feed.problems) == (kind, urls, problems)


def test_feeds_parse_rss_item_fields():
    first, second = parse_feed(_fixture("rss.xml"), BASE + "/rss.xml").items[:2]
    assert first == FeedItem(url=BASE + "/news/talks.html", title="Hamas delegation meets Egyptian mediators",
                             published=dt.date(2024, 3, 4), author="Lina Farouk")
    assert second.url == BASE + "/news/clashes.html"  # relative link resolved


def test_feeds_parse_atom_skips_enclosure_links():
    (entry,) = parse_feed(_fixture("atom.xml"), BASE + "/atom.xml").items
    assert (entry.url, entry.author) == (BASE + "/news/clashes.html", "Omar Haddad")


@pytest.mark.parametrize("data,reason", [
    (b"<rss><channel><item>", "malformed XML"),
    (b"<html><body>not a feed</body></html>", "not a feed or sitemap (root element <html>)"),
])
def test_feeds_parse_rejects_non_feeds(data, reason):
    with pytest.raises(FeedError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_feed(data, BASE)


def test_feeds_rate_limiter_spaces_requests_per_host():
    now, slept = [0.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = HostRateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    waits = [limiter.wait(h) for h in ("http://a", "http://a", "http://b", "http://a")]
    assert waits == [0.0, 2.0, 0.0, 2.0] and slept == [2.0, 2.0]


@pytest.mark.parametrize("ctype,body,refused", [
    ("text/html", b"<p>x</p>", False),
    ("application/xhtml+xml; charset=utf-8", b"<p>x</p>", False),
    (None, b"<!DOCTYPE html><p>x</p>", False),
    ("application/pdf", b"%PDF", True),
    ("application/json", b"{}", True),
])
def test_feeds_page_html_refusal(ctype, body, refused):
    assert (html_refusal(ctype, body) is not None) == refused


def test_feeds_page_article_takes_canonical_url_author_and_feed_date():
    hint = FeedItem(url=BASE + "/a", title="Feed title", published=dt.date(2024, 3, 1), author="Feed Author")
    page = page_article(_fixture("talks.html"), "text/html", BASE + "/a", BASE + "/news/talks.html", hint,
                        load_options())
    article = page.article
    assert article.url == BASE + "/world/hamas-cairo-talks"
    assert (article.title, page.author) == ("Hamas delegation meets Egyptian mediators in Cairo", "Lina Farouk")
    assert article.published == dt.date(2024, 3, 4)  # the page's own date beats the feed's
    assert article.origin == BASE + "/a"
