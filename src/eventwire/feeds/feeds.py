"""Feeds with feedparser (RSS 0.9x-2.0, RSS 1.0, Atom) and sitemaps (with Google News tags).

Every document from the network is read by defusedxml first: entity expansion ("billion
laughs"), external entities and DTD tricks are refused before feedparser or ElementTree
see the bytes. A feed that is not well-formed is still read by feedparser's lenient parser
when that recovers items; a sitemap must be well-formed.

One bad item never costs the feed: it is reported in ``Feed.problems`` and the others are
kept. Only a document with nothing readable in it makes the whole feed fail (``FeedError``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import xml.etree.ElementTree as ET  # element types only: parsing goes through defusedxml
from dataclasses import dataclass, field
from typing import Any

import defusedxml
import defusedxml.ElementTree as SafeET
import feedparser

from ..ingest.outlets import web_url


class FeedError(Exception):
    """The document is not a feed we can read (bad XML, unknown root element)."""


@dataclass
class FeedItem:
    """One entry: the article URL plus what the feed says about it."""

    url: str
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None


@dataclass
class Feed:
    """A parsed feed. ``kind`` is rss, atom, sitemap or sitemapindex (whose items are sitemaps)."""

    kind: str
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def parse_date(value: str | None) -> dt.date | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) to a date; None when unreadable.

    >>> parse_date("Tue, 20 Feb 2024 08:15:00 GMT")
    datetime.date(2024, 2, 20)
    >>> parse_date("2024-02-20T08:15:00+01:00")
    datetime.date(2024, 2, 20)
    >>> parse_date("yesterday") is None
    True
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _local(tag: object) -> str:
    """An element's name without its namespace.

    >>> _local("{http://www.w3.org/2005/Atom}entry")
    'entry'
    """
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _text(elem: ET.Element | None) -> str | None:
    if elem is None:
        return None
    text = " ".join("".join(elem.itertext()).split())
    return text or None


def _child(elem: ET.Element, name: str) -> ET.Element | None:
    return next((child for child in elem if _local(child.tag) == name), None)


_FEED_ROOTS = {"rss": "rss", "rdf": "rss", "feed": "atom"}
_SITEMAP_ROOTS = {"urlset": ("sitemap", "url"), "sitemapindex": ("sitemapindex", "sitemap")}


def parse_feed(data: bytes, base_url: str) -> Feed:
    """Parse an RSS, Atom or sitemap document.

    data (bytes): the document as fetched (the XML declaration names its encoding).
    base_url (str): where it came from; relative links resolve against it.
    RETURNS (Feed): items in document order, duplicates dropped, bad items in ``problems``.
    RAISES (FeedError): when the bytes are unsafe XML, not XML, or not a known feed format.
    """
    try:
        root = SafeET.fromstring(data)
    except defusedxml.DefusedXmlException as err:
        raise FeedError(f"unsafe XML refused: {type(err).__name__}") from None
    except ET.ParseError as err:
        # Feeds in the wild are often not well-formed (a bare "&" in a title): feedparser's
        # lenient parser reads what it can, and only a document it finds no link in fails.
        feed = _read_feed(data, base_url, "rss" if b"<feed" not in data[:2048] else "atom")
        if not feed.items:
            raise FeedError(f"malformed XML: {err}") from None
        feed.problems.insert(0, f"malformed XML, read leniently: {err}")
        return feed
    kind = _local(root.tag)
    if kind in _FEED_ROOTS:
        return _read_feed(data, base_url, _FEED_ROOTS[kind])
    if kind in _SITEMAP_ROOTS:
        name, wanted = _SITEMAP_ROOTS[kind]
        feed = Feed(name)
        _collect(feed, [_sitemap_item(e, base_url) for e in root if _local(e.tag) == wanted])
        return feed
    raise FeedError(f"not a feed or sitemap (root element <{kind}>)")


def _read_feed(data: bytes, base_url: str, kind: str) -> Feed:
    # A stream, never a string: feedparser fetches a string that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": base_url},
                              sanitize_html=False)
    feed = Feed(kind, _clean(parsed.feed.get("title")))
    _collect(feed, [_entry_item(e, base_url) for e in parsed.entries])
    return feed


def _clean(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _collect(feed: Feed, items: list[FeedItem | str]) -> None:
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        if isinstance(item, str):
            feed.problems.append(f"item {n}: {item}")
        elif item.url not in seen:
            seen.add(item.url)
            feed.items.append(item)


def _entry_item(entry: Any, base: str) -> FeedItem | str:
    # feedparser puts the article link (RSS <link>, a permalink <guid>, Atom's rel="alternate")
    # in ``link``; enclosures and replies stay in ``links`` only.
    raw = entry.get("link")
    if not raw:
        alternate = [x.get("href") for x in entry.get("links", []) if x.get("rel", "alternate") == "alternate"]
        raw = alternate[0] if alternate else None
    url = web_url(raw, base)
    if url is None:
        return f"no usable link ({raw!r})" if raw else "no link"
    # The date as written, not feedparser's UTC struct: the outlet's own day is the publication day.
    published = parse_date(entry.get("published") or entry.get("updated") or entry.get("dc_date"))
    return FeedItem(url=url, title=_clean(entry.get("title")), published=published,
                    author=_clean(entry.get("author")))


def _sitemap_item(entry: ET.Element, base: str) -> FeedItem | str:
    raw = _text(_child(entry, "loc"))
    url = web_url(raw, base)
    if url is None:
        return f"no usable <loc> ({raw!r})" if raw else "no <loc>"
    news = _child(entry, "news")
    title = published = None
    if news is not None:
        title = _text(_child(news, "title"))
        published = parse_date(_text(_child(news, "publication_date")))
    return FeedItem(url=url, title=title, published=published or parse_date(_text(_child(entry, "lastmod"))))
