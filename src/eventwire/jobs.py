"""Jobs: the long-running library operations the CLI and engines call (ingest).

Ingest reads inputs lazily, skips articles already stored by this pipeline version
(so a re-run after a crash resumes instead of redoing work), runs the NLP pipeline in
batches and writes each batch in one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .errors import ItemError, item_error
from .extract import extract_documents
from .ingest import read_articles
from .schema import Article
from .settings import Options
from .store import PIPELINE_VERSION, Store, WriteResult

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What an ingest did: counts plus every per-item error, in order."""

    written: WriteResult = field(default_factory=WriteResult)
    skipped: int = 0  # already stored by this pipeline version: not re-processed
    errors: list[ItemError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` items.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(
    paths: Iterable[str],
    store: Store,
    options: Options,
    *,
    published: dt.date | None = None,
    strict: bool = False,
    on_item: Callable[[Article | ItemError], None] | None = None,
) -> IngestReport:
    """Ingest files/directories/JSONL into the store.

    paths (Iterable[str]): inputs; ``-`` reads stdin.
    store (Store): where to write.
    options (Options): batch size, model, limits.
    published (date | None): publication date for every item (overrides metadata).
    strict (bool): stop at the first bad item instead of reporting and going on.
    on_item (callable): called once per item read (progress bars, error printing).
    RETURNS (IngestReport): counts and errors.
    """
    report = IngestReport()
    from .nlp import load_nlp

    nlp = None
    for batch in batched(read_articles(paths, options, published), options.batch_size):
        errors = [x for x in batch if isinstance(x, ItemError)]
        articles = [x for x in batch if isinstance(x, Article)]
        for item in batch:
            if on_item:
                on_item(item)
        if errors:
            report.errors.extend(errors)
            store.write_errors(errors)
            if strict:
                break
        stored = store.article_versions(a.id for a in articles)
        todo = [a for a in articles if stored.get(a.id) != PIPELINE_VERSION]
        report.skipped += len(articles) - len(todo)
        if not todo:
            continue
        nlp = nlp or load_nlp(options.model)
        docs, failed = [], []
        try:
            docs = list(extract_documents(todo, nlp=nlp, options=options))
        except Exception as err:  # one poisoned article must not sink the batch
            log.exception("batch failed; retrying its articles one by one")
            docs, failed = _one_by_one(todo, nlp, options)
        if failed:
            report.errors.extend(failed)
            store.write_errors(failed)
        report.written += store.write_documents(docs)
        if failed and strict:
            break
    return report


def _one_by_one(articles: list[Article], nlp, options: Options):
    docs, failed = [], []
    for article in articles:
        try:
            docs.extend(extract_documents([article], nlp=nlp, options=options))
        except Exception as err:
            failed.append(item_error(article.origin or article.id, "E011", reason=f"{type(err).__name__}: {err}"))
    return docs, failed
