"""Ingest: read inputs, reject bad items with reasons, clean good ones into Articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ..errors import ItemError, item_error
from .clean import clean_article, content_id
from ..schema import Article
from ..settings import Options
from .language import is_english
from .readers import RawItem, read_inputs

__all__ = ["RawItem", "make_article", "read_articles", "read_inputs", "to_article"]


def make_article(
    raw: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    published_source: str | None = None,
    origin: str | None = None,
    external_id: str | None = None,
) -> Article:
    """Clean raw text into an Article whose id is the content hash."""
    cleaned = clean_article(raw, title=title)
    return Article(
        id=content_id(cleaned.text), text=cleaned.text, title=cleaned.title, url=url,
        source_domain=cleaned.source_domain, published=published,
        published_source=published_source if published else None,
        origin=origin, external_id=external_id, body_start=cleaned.body_start,
    )


def _find_published(item: RawItem) -> tuple[dt.date | None, str | None]:
    if item.published:
        return item.published, item.published_source or "metadata"
    from ..when_where import published as pub  # late: the date stage owns this logic

    finder = getattr(pub, "find_published", None)
    if finder is None:
        return None, None
    return finder(item.text, url=item.url, metadata=item.metadata, file_mtime=item.file_mtime)


def to_article(item: RawItem, options: Options, published: dt.date | None = None) -> Article | ItemError:
    """Check and clean one RawItem.

    item (RawItem): as read.
    options (Options): for ``max_article_chars``.
    published (date | None): an explicit date (``--published``), which always wins.
    RETURNS (Article | ItemError): the article, or why it cannot be one.
    """
    if not item.text.strip():
        return item_error(item.origin, "E001")
    if len(item.text) > options.max_article_chars:
        return item_error(item.origin, "E004", size=len(item.text), limit=options.max_article_chars)
    english, lang = is_english(item.text)
    if not english:
        return item_error(item.origin, "E005", lang=lang)
    if published is not None:
        date, source = published, "argument"
    else:
        date, source = _find_published(item)
    return make_article(item.text, title=item.title, url=item.url, published=date,
                        published_source=source, origin=item.origin, external_id=item.external_id)


def read_articles(
    paths: Iterable[str], options: Options, published: dt.date | None = None
) -> Iterator[Article | ItemError]:
    """Read and clean every input: Articles and ItemErrors, in input order."""
    for item in read_inputs(paths):
        yield item if isinstance(item, ItemError) else to_article(item, options, published)
