"""The Dask engine: the extraction stage under ``dask.bag`` on a cluster.

The client reads and cleans the inputs, skips articles the store already holds, and
partitions the rest into a bag. Each worker runs ``extract_batch`` over a whole partition
(the model is loaded once per worker process and cached) and writes that partition's
Parquet files; the client then loads the ``documents`` Parquet into the store in batch
transactions, or leaves the Parquet for DuckDB/pandas users (``load=False``).

The Parquet directory must be visible to the workers and the client alike (a shared
filesystem on a real cluster).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ItemError, ItemWarning
from ..ingest import read_articles
from ..schema import Article
from ..settings import Options
from ..store import PIPELINE_VERSION, Store, WriteResult
from .engines import extract_batch
from .parquet import read_documents, write_partition

log = logging.getLogger(__name__)

DEFAULT_PARQUET_DIR = "eventwire-parquet"


@dataclass
class DaskReport:
    """What a Dask ingest did: partitions and files written, store counts, errors."""

    partitions: list[dict[str, Any]] = field(default_factory=list)
    written: WriteResult = field(default_factory=WriteResult)
    skipped: int = 0
    errors: list[ItemError] = field(default_factory=list)
    warnings: list[ItemWarning] = field(default_factory=list)  # metadata dropped; items kept

    @property
    def ok(self) -> bool:
        return not self.errors

    def files(self, table: str) -> list[str]:
        return [p["files"][table] for p in self.partitions]


def partition_name(articles: Sequence[Article]) -> str:
    """A file name that depends only on the partition's articles, so a re-run of the
    same corpus overwrites its own files instead of adding duplicates.

    >>> from eventwire.schema import Article
    >>> partition_name([Article(id="a", text="x")]) == partition_name([Article(id="a", text="y")])
    True
    """
    digest = hashlib.sha1("\n".join(a.id for a in articles).encode()).hexdigest()
    return f"part-{digest[:16]}"


def run_partition(articles: Iterable[Article], values: dict[str, Any], parquet_dir: str) -> list[dict[str, Any]]:
    """Extract a partition and write its Parquet files (runs on a worker).

    values (dict): the Options' values (plain data pickles everywhere).
    RETURNS (list[dict]): one summary (name, articles, events, files) - a bag partition.
    """
    start = time.perf_counter()
    articles = list(articles)
    if not articles:
        return []
    docs = extract_batch(articles, Options(values))
    name = partition_name(articles)
    files = write_partition(docs, parquet_dir, name)
    return [{"name": name, "articles": len(docs), "events": sum(len(d.events) for d in docs), "files": files,
             "seconds": round(time.perf_counter() - start, 3), "worker_pid": os.getpid()}]


def make_client(scheduler: str | None = None, n_workers: int = 1) -> Any:
    """A distributed Client: on ``scheduler`` (``tcp://host:8786``) or a LocalCluster of
    ``n_workers`` single-threaded processes (spaCy releases no GIL worth sharing)."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=max(1, n_workers), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster)


def ingest_dask(
    paths: Iterable[str],
    store: Store | None,
    options: Options,
    *,
    parquet_dir: str | Path = DEFAULT_PARQUET_DIR,
    scheduler: str | None = None,
    load: bool = True,
    published: dt.date | None = None,
    partition_size: int | None = None,
    client: Any = None,
) -> DaskReport:
    """Ingest with Dask: partitioned extraction on workers, Parquet out, then the store.

    paths (Iterable[str]): inputs, as for ``jobs.ingest``.
    store (Store | None): where to load the results (and record errors); None with ``load=False``.
    options (Options): model, batch size (the store's transaction size), ``n_process``
        (LocalCluster workers).
    parquet_dir (str | Path): root of the partitioned Parquet output.
    scheduler (str | None): address of a running scheduler; None starts a LocalCluster.
    load (bool): load the Parquet into the store; False leaves only the Parquet.
    partition_size (int | None): articles per partition (default: ``batch_size``).
    client: an existing ``dask.distributed.Client`` to use (not closed here).
    RETURNS (DaskReport): partitions written, store counts and per-item errors.
    """
    import dask.bag as db

    report = DaskReport()
    articles: list[Article] = []
    for item in read_articles(paths, options, published):
        if isinstance(item, ItemWarning):
            report.warnings.append(item)
        else:
            (report.errors if isinstance(item, ItemError) else articles).append(item)
    if store is not None:
        if report.errors:
            store.write_errors(report.errors)
        articles = _not_stored(store, articles, report)
    if articles:
        size = partition_size or options.batch_size
        bag = db.from_sequence(articles, partition_size=size)
        job = bag.map_partitions(run_partition, dict(options.values), str(Path(parquet_dir).resolve()))
        own = client is None
        client = client or make_client(scheduler, options.n_process)
        try:
            report.partitions = client.compute(job).result()
        finally:
            if own:
                _close(client)
    if load and store is not None:
        report.written += load_parquet(store, report.files("documents"), options.batch_size)
    return report


def load_parquet(store: Store, files: Iterable[str | Path], batch_size: int = 32) -> WriteResult:
    """Load ``documents`` Parquet files into the store, ``batch_size`` per transaction."""
    from ..jobs import batched

    result = WriteResult()
    for batch in batched(read_documents(files), batch_size):
        result += store.write_documents(batch)
    return result


def _not_stored(store: Store, articles: list[Article], report: DaskReport) -> list[Article]:
    stored = store.article_versions(a.id for a in articles)
    todo = {a.id: a for a in articles if stored.get(a.id) != PIPELINE_VERSION}
    report.skipped += len(articles) - len(todo)
    return list(todo.values())


def _close(client: Any) -> None:
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()
