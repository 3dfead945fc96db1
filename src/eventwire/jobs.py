"""Jobs: the long-running library operations the CLI and engines call (ingest).

Ingest reads inputs lazily, skips articles already stored by this pipeline version
(so a re-run after a crash resumes instead of redoing work), runs the NLP pipeline in
batches and writes each batch in one transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from spacy.language import Language
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from .errors import ItemError, ItemWarning, item_error
from .extract import extract_documents
from .ingest import read_articles
from .nlp import load_nlp
from .nlp.pipeline import configure_nlp
from .scale.engines import engine_for
from .schema import Article, Document
from .settings import Options
from .store import PIPELINE_VERSION, Store, WriteResult
from .stories.store import MAX_NEIGHBOURHOOD
from .stories.store import after_batch as stories_after_batch

log = logging.getLogger(__name__)

# Each stories update re-clusters a neighbourhood of up to MAX_NEIGHBOURHOOD stored
# articles, however few are new: updating once per batch made stories cost more than
# parsing on the benchmark corpus. They are updated once per this many written articles
# and at the end of the run (a killed run leaves its last articles in ``stories_pending``,
# and the next run assigns them first; stories are derived data, articles are never lost).
# At twice the neighbourhood, a long run re-clusters at most half again as many articles
# as it writes (at 256 it was three times as many; stories CPU on the 409-article
# benchmark, which now takes one update instead of two: 0.98 -> 0.74 s).
STORIES_EVERY = 2 * MAX_NEIGHBOURHOOD
# Batches extracted ahead of the one being written, with worker processes.
AHEAD_BATCHES = 2
# While ingesting, the young generation is collected once per this many new tracked
# objects rather than Python's default 700 (see ``_fewer_young_collections``).
YOUNG_COLLECTION_EVERY = 5000
_LOCAL_NLP = threading.Lock()


@dataclass
class IngestReport:
    """What an ingest did: counts plus every per-item error, in order."""

    written: WriteResult = field(default_factory=WriteResult)
    skipped: int = 0  # already stored by this pipeline version: not re-processed
    errors: list[ItemError] = field(default_factory=list)
    warnings: list[ItemWarning] = field(default_factory=list)  # metadata dropped; items kept

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


def _fewer_young_collections(func: Callable[..., IngestReport]) -> Callable[..., IngestReport]:
    """Run ``func`` with the young generation collected less often.

    Every article allocates thousands of short-lived containers (token columns, pattern
    candidates, rows) that reference counting frees by itself; at the default threshold
    the collector still ran ~650 times over the 409 benchmark articles, finding almost
    nothing (garbage collection 0.35 s -> 0.10 s of CPU at 5000). The older generations
    keep their thresholds, and the setting is restored when ``func`` returns.
    """
    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> IngestReport:
        before = gc.get_threshold()
        gc.set_threshold(max(before[0], YOUNG_COLLECTION_EVERY), *before[1:])
        try:
            return func(*args, **kwargs)
        finally:
            gc.set_threshold(*before)
    return run


@_fewer_young_collections
def ingest(
    paths: Iterable[str],
    store: Store,
    options: Options,
    *,
    published: dt.date | None = None,
    strict: bool = False,
    on_item: Callable[[Article | ItemError], None] | None = None,
    engine: Callable[..., Iterable[Document]] | None = None,
) -> IngestReport:
    """Ingest files/directories/JSONL into the store.

    Each batch is written in one transaction, so a crash (even ``kill -9``) leaves whole
    batches only, and running the same command again skips what is stored and finishes.

    paths (Iterable[str]): inputs; ``-`` reads stdin.
    store (Store): where to write.
    options (Options): batch size, model, limits.
    published (date | None): publication date for every item (overrides metadata).
    strict (bool): stop at the first bad item: what came before it is written, nothing
        after it is read.
    on_item (callable): called once per item read (progress bars, error printing).
    engine (callable): maps a batch of Articles to Documents (see ``eventwire.scale.engines``);
        default: a process pool when ``n_process > 1``, else this process.
    RETURNS (IngestReport): counts and errors.
    """
    report = IngestReport()
    nlp = None
    items: Iterable[Article | ItemError] = read_articles(paths, options, published)
    if strict:
        items = until_first_error(items)
    # With worker processes, the next batches are extracted while this process writes the
    # last one (and updates stories); otherwise the workers would idle during writes. Our
    # process pool takes two batches in flight, so its workers always have a queued chunk;
    # an engine passed in gets one (it need not be thread-safe). Writes stay in input
    # order, one transaction per batch.
    depth = 1 if engine is not None else AHEAD_BATCHES
    ahead = ThreadPoolExecutor(max_workers=depth) if engine is not None or options.n_process > 1 else None
    pending: deque[Future] = deque()
    # Written, not yet assigned to stories: first those a killed run left (the store owes
    # them their stories), so that the updates cover the same articles as a clean run's (#19).
    storyless: list[str] = store.stories_pending()

    def assign_stories(at_least: int) -> None:
        if storyless and len(storyless) >= at_least:
            stories_after_batch(store, storyless)  # logs and never fails the batch
            storyless.clear()

    def finish(extracted: tuple[list[Document], list[ItemError]]) -> None:
        storyless.extend(_finish(store, extracted, report))
        assign_stories(STORIES_EVERY)

    try:
        assign_stories(STORIES_EVERY)  # a killed run may have owed a whole update
        for batch in batched(items, options.batch_size):
            for item in batch:
                if on_item:
                    on_item(item)
            report.warnings.extend(x for x in batch if isinstance(x, ItemWarning))
            errors = [x for x in batch if isinstance(x, ItemError)]
            if errors:
                report.errors.extend(errors)
                store.write_errors(errors)
            todo = _not_stored(store, [x for x in batch if isinstance(x, Article)], report)
            if todo:
                nlp = nlp or configure_nlp(load_nlp(options.model), options)
                if ahead is None:
                    finish(_extract(todo, nlp, options, engine))
                else:
                    pending.append(ahead.submit(_extract, todo, nlp, options, engine))
                    if len(pending) > depth:
                        finish(pending.popleft().result())
            if strict and report.errors:
                break
        while pending:
            finish(pending.popleft().result())
        assign_stories(1)
    finally:
        if ahead is not None:
            ahead.shutdown(wait=True, cancel_futures=True)
    return report


def _finish(store: Store, extracted: tuple[list[Document], list[ItemError]], report: IngestReport) -> list[str]:
    """Write one extracted batch and record the articles that failed; RETURNS the ids sent to the store."""
    docs, failed = extracted
    failed += _write(store, docs, report)
    if failed:
        report.errors.extend(failed)
        store.write_errors(failed)
    return [d.article.id for d in docs]


def until_first_error(items: Iterable) -> Iterator:
    """Items up to and including the first ItemError; nothing after it is read.

    >>> from eventwire.errors import item_error
    >>> list(until_first_error([1, 2, item_error("x", "E001"), 3]))[-1].code
    'E001'
    """
    for item in items:
        yield item
        if isinstance(item, ItemError):
            return


def _not_stored(store: Store, articles: list[Article], report: IngestReport) -> list[Article]:
    # Skipping what this pipeline version already stored is what makes a re-run resume.
    stored = store.article_versions(a.id for a in articles)
    todo: dict[str, Article] = {}
    skipped = []
    for a in articles:
        if stored.get(a.id) != PIPELINE_VERSION and a.id not in todo:
            todo[a.id] = a
        else:
            skipped.append(a)
    report.skipped += len(skipped)
    # The same text from another outlet is not re-processed, but its outlet is kept (#18).
    report.written.new_outlets += store.add_sources(skipped)
    return list(todo.values())


def _extract(articles: list[Article], nlp: Language, options: Options,
             engine: Callable[..., Iterable[Document]] | None = None) -> tuple[list[Document], list[ItemError]]:
    run = engine or (engine_for(options) if options.n_process > 1 else extract_documents)
    try:
        return list(run(articles, nlp=nlp, options=options)), []
    except Exception as err:  # one poisoned article must not sink the batch
        log.warning("batch failed (%s: %s); retrying its articles one by one", type(err).__name__, err)
        return _one_by_one(articles, nlp, options)


def _one_by_one(articles: list[Article], nlp: Language, options: Options) -> tuple[list[Document], list[ItemError]]:
    with _LOCAL_NLP:  # batches run ahead in threads: this process's pipeline is not thread-safe
        return _each(articles, nlp, options)


def _each(articles: list[Article], nlp: Language, options: Options) -> tuple[list[Document], list[ItemError]]:
    docs, failed = [], []
    for article in articles:
        try:
            docs.extend(extract_documents([article], nlp=nlp, options=options))
        except Exception as err:  # noqa: BLE001
            log.debug("extracting %s failed", article.origin, exc_info=True)
            failed.append(item_error(article.origin or article.id, "E011", reason=f"{type(err).__name__}: {err}"))
    return docs, failed


def _write(store: Store, docs: list[Document], report: IngestReport) -> list[ItemError]:
    """Write a batch in one transaction; if one document breaks it, write one by one."""
    try:
        report.written += store.write_documents(docs)
        return []
    except OperationalError:  # locked, disk full, read-only: the store's problem, not an item's
        raise
    except SQLAlchemyError as err:
        log.warning("batch write failed (%s); writing its documents one by one", type(err).__name__)
    failed = []
    for doc in docs:
        try:
            report.written += store.write_documents([doc])
        except OperationalError:
            raise
        except SQLAlchemyError as err:
            failed.append(item_error(doc.article.origin or doc.article.id, "E011",
                                     reason=f"store rejected it: {type(err).__name__}"))
    return failed
