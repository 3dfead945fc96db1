"""Feed parsing on xml.etree: RSS 2.0, Atom, sitemaps (with Google News tags) and sitemap indexes.

One bad item never costs the feed: it is reported in ``Feed.problems`` and the others are
kept. Only XML that does not parse at all makes the whole feed fail (``FeedError``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit


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


def _local(tag: object) -> str:
    """An element's name without its namespace.

    >>> _local("{http://www.w3.org/2005/Atom}entry")
    'entry'
    """
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child(elem: ET.Element, *names: str) -> ET.Element | None:
    for child in elem:
        if _local(child.tag) in names:
            return child
    return None


def _text(elem: ET.Element | None) -> str | None:
    if elem is None:
        return None
    text = " ".join("".join(elem.itertext()).split())
    return text or None


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


def _web_url(raw: str | None, base: str) -> str | None:
    """An absolute http(s) URL, or None for anything else (mailto:, javascript:, junk).

    >>> _web_url("/a/1.html", "https://news.test/feed.xml")
    'https://news.test/a/1.html'
    >>> _web_url("javascript:alert(1)", "https://news.test/") is None
    True
    """
    if not raw or not raw.strip():
        return None
    url = urljoin(base, raw.strip())
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def parse_feed(data: bytes, base_url: str) -> Feed:
    """Parse an RSS, Atom or sitemap document.

    data (bytes): the document as fetched (the XML declaration names its encoding).
    base_url (str): where it came from; relative links resolve against it.
    RETURNS (Feed): items in document order, duplicates dropped, bad items in ``problems``.
    RAISES (FeedError): when the bytes are not XML or not a known feed format.
    """
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise FeedError(f"malformed XML: {err}") from None
    kind = _local(root.tag)
    if kind == "rss" or kind == "rdf":
        channel = _child(root, "channel")
        entries = list(channel) if channel is not None else []
        if kind == "rdf":  # RSS 1.0 puts items beside the channel
            entries = list(root)
        feed = Feed("rss", _text(_child(channel, "title")) if channel is not None else None)
        _collect(feed, [e for e in entries if _local(e.tag) == "item"], _rss_item, base_url)
    elif kind == "feed":
        feed = Feed("atom", _text(_child(root, "title")))
        _collect(feed, [e for e in root if _local(e.tag) == "entry"], _atom_item, base_url)
    elif kind in ("urlset", "sitemapindex"):
        feed = Feed("sitemap" if kind == "urlset" else "sitemapindex")
        wanted = "url" if kind == "urlset" else "sitemap"
        _collect(feed, [e for e in root if _local(e.tag) == wanted], _sitemap_item, base_url)
    else:
        raise FeedError(f"not a feed or sitemap (root element <{kind}>)")
    return feed


def _collect(feed: Feed, entries: list[ET.Element], read, base_url: str) -> None:
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        item = read(entry, base_url)
        if isinstance(item, str):
            feed.problems.append(f"item {n}: {item}")
        elif item.url not in seen:
            seen.add(item.url)
            feed.items.append(item)


def _rss_item(entry: ET.Element, base: str) -> FeedItem | str:
    raw = _text(_child(entry, "link"))
    guid = _child(entry, "guid")
    if not raw and guid is not None and guid.get("isPermaLink", "true") == "true":
        raw = _text(guid)
    url = _web_url(raw, base)
    if url is None:
        return f"no usable link ({raw!r})" if raw else "no link"
    return FeedItem(url=url, title=_text(_child(entry, "title")),
                    published=parse_date(_text(_child(entry, "pubdate", "date"))),
                    author=_text(_child(entry, "author", "creator")))


def _atom_item(entry: ET.Element, base: str) -> FeedItem | str:
    links = [e for e in entry if _local(e.tag) == "link"]
    # rel="alternate" (the default) is the article itself; others are enclosures, replies...
    href = next((e.get("href") for e in links if e.get("rel", "alternate") == "alternate"), None)
    url = _web_url(href, base)
    if url is None:
        return f"no usable link ({href!r})" if href else "no link"
    author = _child(entry, "author")
    return FeedItem(url=url, title=_text(_child(entry, "title")),
                    published=parse_date(_text(_child(entry, "published", "updated"))),
                    author=_text(_child(author, "name")) if author is not None else None)


def _sitemap_item(entry: ET.Element, base: str) -> FeedItem | str:
    raw = _text(_child(entry, "loc"))
    url = _web_url(raw, base)
    if url is None:
        return f"no usable <loc> ({raw!r})" if raw else "no <loc>"
    news = _child(entry, "news")
    title = published = None
    if news is not None:
        title = _text(_child(news, "title"))
        published = parse_date(_text(_child(news, "publication_date")))
    return FeedItem(url=url, title=title, published=published or parse_date(_text(_child(entry, "lastmod"))))
