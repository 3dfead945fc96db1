"""A bounded memo for pure functions that hot loops ask the same question many times."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
T = TypeVar("T")


class Memo(dict, Generic[K, T]):
    """``compute(key)`` by key, computed on the first ask (None answers too).

    A dict whose ``__missing__`` computes: a repeated ask is one C-level lookup (``memo[key]``,
    or ``map(memo.__getitem__, keys)`` over a whole column), with no Python call around it;
    ``functools.lru_cache`` costs a Python-level call per ask. It starts over once it holds
    ``limit`` answers, as a firehose keeps meeting new names: only for pure functions,
    whose answers never go stale.

    >>> squares = Memo(lambda n: n * n, limit=2)
    >>> squares[3], squares[4], dict(squares)
    (9, 16, {3: 9, 4: 16})
    >>> squares[5], dict(squares)
    (25, {5: 25})
    """

    def __init__(self, compute: Callable[[K], T], limit: int = 100_000):
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key: K) -> T:
        if len(self) >= self.limit:
            self.clear()
        found = self[key] = self.compute(key)
        return found
