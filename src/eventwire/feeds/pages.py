"""A fetched page becomes an article: the HTML extractor's item, the feed's hints, ``to_article``.

Above ``ingest`` (it needs both the page extractor and the article cleaner), below ``watch``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from ..errors import ItemError
from ..ingest import to_article
from ..ingest.page import content_hash, decode_html, html_item
from ..schema import Article
from ..settings import Options


class FeedHint(Protocol):
    """What a feed entry says about the page it links to (``feeds.FeedItem``)."""

    title: str | None
    published: dt.date | None
    author: str | None


@dataclass
class PageArticle:
    """A page that became an article, with the metadata the store's URL row keeps."""

    article: Article
    author: str | None = None
    content_hash: str = ""


def page_article(body: bytes, content_type: str | None, url: str, final_url: str,
                 hint: FeedHint | None, options: Options) -> PageArticle | ItemError:
    """Turn a fetched page into a cleaned Article (or the ItemError saying why not).

    The feed fills what the page leaves out (title, date, author); the page wins where both
    speak, because the feed is often truncated or late.

    url (str): the URL as listed (the article's origin). final_url (str): after redirects;
        a relative canonical link resolves against it.
    hint (FeedHint | None): what the feed said about the item.
    """
    item = html_item(decode_html(body, content_type), url, url=final_url)
    if isinstance(item, ItemError):
        return item
    author = item.metadata.get("author")
    if hint is not None:
        item.title = item.title or hint.title
        author = author or hint.author
        if hint.published and not item.metadata.get("published"):
            item.published, item.published_source = hint.published, "metadata"
    article = to_article(item, options)
    if isinstance(article, ItemError):
        return article
    return PageArticle(article=article, author=author, content_hash=content_hash(body))
