"""The record every reader yields: one article as read, before cleaning (``to_article``).

Its own module so that the readers and the HTML page extractor, which both make one,
need not import each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawItem:
    """One article as read, before cleaning."""

    origin: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None
    external_id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    file_mtime: float | None = None
