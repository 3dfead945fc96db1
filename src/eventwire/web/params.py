"""Query parameters shared by the web app's pages and JSON twins.

Module level: with postponed annotations FastAPI resolves these names in module globals,
so each router imports them by name.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
# Bounded so that offset + page size stays a 64-bit integer in SQL (a larger offset was an
# overflow and an HTTP 500, issue #19); far beyond any real store.
MAX_OFFSET = 2**62
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
