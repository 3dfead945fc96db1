"""A fetched page to an Article, through the same HTML reader and cleaning as ``ingest``.

The feed fills what the page leaves out (title, date, author); the page wins where both
speak, because the feed is often truncated or late.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from ..errors import ItemError
from ..ingest import to_article
from ..ingest.html import extract_html
from ..ingest.readers import html_item
from ..schema import Article
from ..settings import Options
from .feeds import FeedItem

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "parsely-author")


@dataclass
class PageArticle:
    """A page that became an article, with the metadata the store's URL row keeps."""

    article: Article
    author: str | None = None
    content_hash: str = ""


def content_hash(body: bytes) -> str:
    """sha256 of the bytes as fetched: the same page under two URLs is fetched, not extracted, twice.

    >>> content_hash(b"x")[:12]
    '2d711642b726'
    """
    return hashlib.sha256(body).hexdigest()


def html_refusal(content_type: str | None, body: bytes) -> str | None:
    """Why a response is not an HTML page, or None when it is one.

    >>> html_refusal("text/html; charset=utf-8", b"<p>x</p>") is None
    True
    >>> html_refusal("application/pdf", b"%PDF-1.7")
    'not an HTML page (content type application/pdf)'
    """
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in _HTML_TYPES:
        return None
    if not mime and body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
        return None
    return f"not an HTML page (content type {mime or 'missing'})"


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode by the header's charset, else the page's meta charset, else UTF-8.

    >>> decode_html("café".encode("latin-1"), "text/html; charset=ISO-8859-1")
    'café'
    """
    match = re.search(r"charset=([\w-]+)", content_type or "", re.I) or _META_CHARSET.search(body[:2048])
    encoding = "utf-8"
    if match:
        name = match.group(1)
        name = name.decode("ascii") if isinstance(name, bytes) else name
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            pass
    return body.decode(encoding, errors="replace")


def page_article(body: bytes, content_type: str | None, url: str, final_url: str,
                 hint: FeedItem | None, options: Options) -> PageArticle | ItemError:
    """Turn a fetched page into a cleaned Article (or the ItemError saying why not).

    url (str): the URL as listed (the article's origin). final_url (str): after redirects;
        a relative canonical link resolves against it.
    hint (FeedItem | None): what the feed said about the item.
    """
    html = decode_html(body, content_type)
    item = html_item(html, url)
    if isinstance(item, ItemError):
        return item
    item.url = urljoin(final_url, item.url) if item.url else final_url
    meta = extract_html(html).meta  # for the byline, which html_item does not carry
    author = next((meta[k] for k in _AUTHOR_META if meta.get(k)), None)
    if hint is not None:
        item.title = item.title or hint.title
        author = author or hint.author
        if hint.published and not item.metadata.get("published"):
            item.published, item.published_source = hint.published, "metadata"
    article = to_article(item, options)
    if isinstance(article, ItemError):
        return article
    return PageArticle(article=article, author=author, content_hash=content_hash(body))
