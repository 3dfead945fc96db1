"""Query parameters shared by the web app's pages and JSON twins: paging and the event filters.

Module level: with postponed annotations FastAPI resolves these names in module globals,
so each router imports them by name.
"""

from __future__ import annotations

from typing import Annotated

from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from ..store.filters import filter_problems

Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
# Bounded so that offset + page size stays a 64-bit integer in SQL (a larger offset was an
# overflow and an HTTP 500, issue #19); far beyond any real store.
MAX_OFFSET = 2**62
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]

# The CLI's --actor and --actor-contains say the same (#19: "us" matched Russia).
ACTOR_HELP = "Actor id, name or alias, whole and case-insensitive (either side)."
ACTOR_CONTAINS_HELP = "Text within an actor's name or mention, case-insensitive, no wildcards (either side)."


class EventFilters(BaseModel):
    """The ``Store.events`` filters, as the CLI's ``events`` command takes them."""

    actor: str | None = Field(None, max_length=255, description=ACTOR_HELP)
    actor_contains: str | None = Field(None, max_length=255, description=ACTOR_CONTAINS_HELP)
    type: str | None = Field(None, description="PLOVER type(s), comma-separated.")
    status: str | None = Field(None, description="occurred, planned, hypothetical, negated (comma-separated).")
    since: str | None = Field(None, description="Earliest event date, YYYY-MM-DD.")
    until: str | None = Field(None, description="Latest event date, YYYY-MM-DD.")
    country: str | None = Field(None, description="ISO3 country of either side.")
    source: str | None = Field(None, description="Source domain of the article.")

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if v}


def event_filters(
    actor: Annotated[str | None, Query(max_length=255, description=ACTOR_HELP)] = None,
    actor_contains: Annotated[str | None, Query(max_length=255, description=ACTOR_CONTAINS_HELP)] = None,
    type: Annotated[str | None, Query(description="PLOVER type(s), comma-separated.")] = None,
    status: Annotated[str | None, Query(description="Status(es), comma-separated.")] = None,
    since: Annotated[str | None, Query(description="Earliest event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Latest event date, YYYY-MM-DD.")] = None,
    country: Annotated[str | None, Query(description="ISO3 country of either side.")] = None,
    source: Annotated[str | None, Query(description="Source domain of the article.")] = None,
) -> EventFilters:
    """Parse and check the filters; an empty form field means "no filter"."""
    f = EventFilters(**{k: (v.strip() or None) if isinstance(v, str) else v for k, v in dict(
        actor=actor, actor_contains=actor_contains, type=type, status=status, since=since, until=until,
        country=country, source=source).items()})
    problems = filter_problems(**f.active())
    if problems:
        raise HTTPException(400, "; ".join(problems))
    return f


Filters = Annotated[EventFilters, Depends(event_filters)]


def twin_url(request: Request, path: str) -> str:
    """``path`` with the request's query string: a page's ``.json`` twin keeps its filters."""
    query = urlencode(dict(request.query_params))
    return f"{path}?{query}" if query else path
