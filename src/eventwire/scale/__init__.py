"""Scale: the extraction stage under a swappable map (this process, a process pool, Dask).

See ``engines`` (local and processes), ``dask_engine`` (partitions and Parquet on a
cluster), ``parquet`` (the partitioned output) and ``corpus`` (the benchmark corpus).
"""

from __future__ import annotations

import glob
from collections.abc import Iterable

from .engines import ENGINES, ProcessEngine, engine_for, extract_batch, shutdown_engines

__all__ = ["ENGINES", "ProcessEngine", "engine_for", "expand_globs", "extract_batch", "shutdown_engines"]


def expand_globs(paths: Iterable[str]) -> list[str]:
    """Expand quoted glob patterns (``'corpus/*.jsonl'``) that name no file themselves.

    A pattern that matches nothing is kept, so the reader reports it as missing.

    >>> expand_globs(["-", "no/such/*.jsonl"])
    ['-', 'no/such/*.jsonl']
    """
    out: list[str] = []
    for path in paths:
        matches = sorted(glob.glob(path, recursive=True)) if glob.has_magic(path) else []
        out.extend(matches or [path])
    return out
