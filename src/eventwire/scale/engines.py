"""Engines: the same extraction stage under a swappable ``map``.

An engine is a callable with the signature of ``extract_documents``:
``engine(articles, nlp=None, options=None) -> Iterable[Document]``. ``jobs.ingest`` calls
it once per batch and writes what it returns in one transaction, so the store is only
ever written by the main process, whatever runs the NLP.

- ``local``: ``extract_documents`` itself, in this process (``nlp.pipe``).
- ``processes``: a ``ProcessPoolExecutor`` whose workers load ``nlp`` once each (the
  initializer) and turn chunks of Articles into Documents; dataclasses pickle cheaply,
  spaCy Docs never cross a process boundary.
- ``dask``: see ``eventwire.scale.dask_engine`` (partitions, Parquet, then the store).
"""

from __future__ import annotations

import atexit
import logging
import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat

from spacy.language import Language

from ..extract import extract_documents
from ..schema import Article, Document
from ..settings import Options, load_options

log = logging.getLogger(__name__)

Engine = Callable[..., Iterable[Document]]
ENGINES: tuple[str, ...] = ("local", "processes", "dask")
# Chunks per worker and batch. One: ingest keeps two batches in flight, so a worker that
# finishes its chunk early takes one of the next batch instead of idling; every further
# chunk would be another pickle round trip through the main process (which also reads,
# writes and updates stories) and a smaller ``nlp.pipe`` call in the worker.
CHUNKS_PER_WORKER = 1
# How often a worker checks that the process that started it is alive (seconds).
PARENT_CHECK_EVERY = 0.2


def worker_nlp(options: Options) -> Language:
    """This process's pipeline, loaded once (``load_nlp`` is cached) and configured.

    options (Options): model name and run-time limits.
    RETURNS (Language): the ready pipeline.
    """
    from ..nlp import load_nlp
    from ..nlp.pipeline import configure_nlp

    return configure_nlp(load_nlp(options.model), options)


def extract_batch(articles: Sequence[Article], options: Options) -> list[Document]:
    """The stage every engine maps: a list of Articles in, their Documents out (in order).

    Pure in the toolz sense: plain picklable data in and out; the model is a per-process
    cache, never an argument, so it is never pickled.
    """
    return list(extract_documents(articles, nlp=worker_nlp(options), options=options))


def _extract_values(articles: Sequence[Article], values: dict) -> list[Document]:
    # Options travel as their plain dict: an Options instance does not unpickle (its
    # __getattr__ recurses before ``values`` is set).
    return extract_batch(articles, Options(values))


def chunked(items: Sequence, n: int) -> list[Sequence]:
    """Split ``items`` into consecutive chunks, about ``n`` of them.

    >>> chunked(list(range(5)), 2)
    [[0, 1, 2], [3, 4]]
    >>> chunked([], 3)
    []
    """
    size = max(1, math.ceil(len(items) / max(1, n)))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _init_worker(values: dict, parent: int) -> None:
    die_with_parent(parent)
    # Load the model when the worker starts, not inside the first task. Under ``fork``
    # the parent's already loaded pipeline is inherited and the cache hit is free.
    worker_nlp(Options(values))


def die_with_parent(parent: int) -> None:
    """Exit this process as soon as ``parent`` (the process that started it) is gone.

    After ``kill -9`` of an ingest its workers lived on, each holding a model (#19). A
    thread watches for the worker being re-parented. Not ``prctl(PR_SET_PDEATHSIG)``:
    Linux sends that signal when the parent *thread* that forked the worker ends, and the
    pool is started from a thread of ``jobs.ingest`` that ends with the ingest, while the
    pool lives on for the next one.

    parent (int): the pid of the process that started this one.
    """
    if os.getppid() != parent:  # already gone before we could watch
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="eventwire-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_EVERY)
    os._exit(1)  # no clean-up, no logging (stderr went with the parent): it owned the work and the store


class ProcessEngine:
    """Run ``extract_batch`` on a pool of worker processes.

    n_process (int): worker processes.
    options (Options): passed to the initializer (model) and with every chunk.
    """

    def __init__(self, n_process: int, options: Options | None = None) -> None:
        self.n_process = max(1, n_process)
        self.options = options or load_options()
        self._pool: ProcessPoolExecutor | None = None
        self._starting = threading.Lock()  # ingest calls from two threads (batches in flight)

    def _start(self) -> ProcessPoolExecutor:
        # fork (as spaCy's own n_process does) shares the parent's loaded model
        # copy-on-write and starts in milliseconds; elsewhere each worker loads it once.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        log.info("starting %d worker processes", self.n_process)
        return ProcessPoolExecutor(self.n_process, mp_context=context, initializer=_init_worker,
                                   initargs=(self.options.values, os.getpid()))

    def __call__(self, articles: Iterable[Article], nlp: Language | None = None,
                 options: Options | None = None) -> list[Document]:
        """Documents for ``articles``, in order (``nlp`` is ignored: workers have their own)."""
        articles = list(articles)
        if not articles:
            return []
        with self._starting:
            self._pool = self._pool or self._start()
        chunks = chunked(articles, self.n_process * CHUNKS_PER_WORKER)
        try:
            parts = list(self._pool.map(_extract_values, chunks, repeat((options or self.options).values)))
        except BrokenProcessPool:
            # A worker died (OOM, segfault): the next batch gets a fresh pool; this one
            # is retried by the caller article by article.
            self.close()
            raise
        return [doc for part in parts for doc in part]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "ProcessEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_POOLS: dict[tuple[str, int], ProcessEngine] = {}


def engine_for(options: Options, name: str | None = None) -> Engine:
    """The engine ``name``, or the default for the settings (``processes`` when
    ``n_process > 1``, else ``local``).

    Process pools are kept per (model, n_process) and reused by later ingests in the
    same process, so workers load the model once per process lifetime.

    >>> from eventwire.settings import load_options
    >>> engine_for(load_options(n_process=1)).__name__
    'extract_documents'
    """
    name = name or ("processes" if options.n_process > 1 else "local")
    if name == "local":
        return extract_documents
    if name == "processes":
        key = (options.model, options.n_process)
        if key not in _POOLS:
            _POOLS[key] = ProcessEngine(options.n_process, options)
        return _POOLS[key]
    raise ValueError(f"engine {name!r} maps batches in this process's ingest loop only for "
                     f"'local' or 'processes'; use eventwire.scale.dask_engine for 'dask'")


@atexit.register
def shutdown_engines() -> None:
    """Stop every cached worker pool (also runs at interpreter exit)."""
    while _POOLS:
        _POOLS.popitem()[1].close()
