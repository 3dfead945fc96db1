"""Ingest: read inputs, reject bad items with reasons, clean good ones into Articles."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator

from ..errors import ItemError, ItemWarning, item_error
from .clean import clean_article, content_id
from ..schema import Article
from ..settings import Options
from .language import is_english
from .outlets import outlet_of
from .readers import RawItem, read_inputs

log = logging.getLogger(__name__)

__all__ = ["RawItem", "make_article", "max_input_bytes", "outlet_of", "read_articles", "read_inputs", "to_article"]


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
    """Clean raw text into an Article whose id is the content hash.

    The outlet (``source_domain``) is the registered domain of ``url``, else of the text's
    ``Source » domain`` trailer.
    """
    cleaned = clean_article(raw, title=title)
    return Article(
        id=content_id(cleaned.text), text=cleaned.text, title=cleaned.title, url=url,
        source_domain=outlet_of(url) or outlet_of(cleaned.source_domain), published=published,
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
    article = make_article(item.text, title=item.title, url=item.url, published=date,
                           published_source=source, origin=item.origin, external_id=item.external_id)
    if not article.text.strip():
        return item_error(item.origin, "E013")
    if len(article.text) > options.max_article_chars:  # a long metadata title can tip it over
        return item_error(item.origin, "E004", size=len(article.text), limit=options.max_article_chars)
    return article


def max_input_bytes(options: Options) -> int:
    """The byte limit per input file or JSONL line: 4 bytes per allowed character
    (UTF-8's widest), so no article within ``max_article_chars`` is refused unread.

    >>> from eventwire.settings import load_options
    >>> max_input_bytes(load_options(max_article_chars=1000))
    4000
    """
    return options.max_article_chars * 4


def read_articles(
    paths: Iterable[str], options: Options, published: dt.date | None = None
) -> Iterator[Article | ItemError | ItemWarning]:
    """Read and clean every input: Articles and ItemErrors (and ItemWarnings about an
    item's metadata, just before it), in input order.

    Never raises for one bad item: an unexpected failure while cleaning an item becomes
    that item's E011 error and the rest go on.
    """
    for item in read_inputs(paths, max_input_bytes(options)):
        if isinstance(item, (ItemError, ItemWarning)):
            yield item  # a warning precedes its item, which follows
            continue
        try:
            yield to_article(item, options, published)
        except Exception as err:  # noqa: BLE001
            log.debug("cleaning %s failed", item.origin, exc_info=True)
            yield item_error(item.origin, "E011", reason=f"{type(err).__name__}: {err}")
