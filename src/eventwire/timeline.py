"""Events per week by PLOVER quad class: for the whole record, an actor, a dyad or a story.

``weekly_counts`` is a pure function over event dicts (the ``Store.events`` shape);
``scope_events`` picks the events of one scope from a store. Weeks start on Monday
(ISO weeks); an event dated by a month, year or range counts in the week its first day
falls in, and undated or unclassified events are counted apart, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
# The whole record is read up to this many events (newest first); more is said, not hidden.
MAX_TIMELINE_EVENTS = 100_000


def first_day(value: str | None) -> dt.date | None:
    """The first day an ISO date, month, year or range starts on; None if unreadable.

    >>> first_day("2024-02"), first_day("2024-02-26/2024-03-03"), first_day("soon")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 26), None)
    """
    if not value:
        return None
    parts = value.split("/")[0].split("-") + ["01", "01"]
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except (ValueError, IndexError):
        return None


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts ``day``'s ISO week.

    >>> week_of(dt.date(2024, 3, 3))
    datetime.date(2024, 2, 26)
    """
    return day - dt.timedelta(days=day.weekday())


def weekly_counts(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Events per week, one series per quad class (1-4), every week from the first to the last.

    RETURNS (dict): ``{"weeks": [ISO Monday], "series": [{"quad_class", "label", "counts", "total"}],
        "total", "undated", "unclassified"}``; ``counts[i]`` belongs to ``weeks[i]``.

    >>> data = weekly_counts([{"date": "2024-01-01", "quad_class": 1}, {"date": "2024-01-15", "quad_class": 4},
    ...                       {"date": None, "quad_class": 2}])
    >>> data["weeks"], data["series"][0]["counts"], data["series"][3]["counts"], data["undated"]
    (['2024-01-01', '2024-01-08', '2024-01-15'], [1, 0, 0], [0, 0, 1], 1)
    """
    counts: Counter[tuple[dt.date, int]] = Counter()
    undated = unclassified = total = 0
    for e in events:
        total += 1
        day = first_day(e.get("date"))
        if day is None:
            undated += 1
        elif e.get("quad_class") not in QUAD_LABELS:
            unclassified += 1
        else:
            counts[week_of(day), e["quad_class"]] += 1
    weeks: list[dt.date] = []
    if counts:
        week, last = min(w for w, _ in counts), max(w for w, _ in counts)
        while week <= last:
            weeks.append(week)
            week += dt.timedelta(days=7)
    series = []
    for quad, label in QUAD_LABELS.items():
        row = [counts[w, quad] for w in weeks]
        series.append({"quad_class": quad, "label": label, "counts": row, "total": sum(row)})
    return {"weeks": [w.isoformat() for w in weeks], "series": series, "total": total,
            "undated": undated, "unclassified": unclassified}


def involves(event: Mapping[str, Any], actor_id: str, partner_id: str | None = None) -> bool:
    """Whether ``actor_id`` is on either side of ``event`` (with ``partner_id`` on the other, if given).

    >>> e = {"actor": [{"id": "a"}], "recipient": [{"id": "b"}]}
    >>> involves(e, "b"), involves(e, "b", "a"), involves(e, "a", "c")
    (True, True, False)
    """
    sources = {a["id"] for a in event["actor"]}
    targets = {a["id"] for a in event["recipient"]}
    if partner_id is None:
        return actor_id in sources or actor_id in targets
    return (actor_id in sources and partner_id in targets) or (actor_id in targets and partner_id in sources)


def scope_events(store: Any, *, actor_id: str | None = None, partner_id: str | None = None,
                 story_id: str | None = None, filters: Mapping[str, str] | None = None,
                 limit: int = MAX_TIMELINE_EVENTS) -> list[dict[str, Any]]:
    """The events of one scope: a story's, an actor's, a dyad's (``actor_id`` with ``partner_id``,
    either direction), else the whole record; ``filters`` are ``Store.events`` filters.

    RETURNS (list[dict]): events in the ``Store.events`` shape, at most ``limit`` of them.
    """
    filters = dict(filters or {})
    if story_id is not None:
        from .store import tables as t

        with store.engine.connect() as conn:
            ids = [r[0] for r in conn.execute(select(t.story_articles.c.article_id)
                                              .where(t.story_articles.c.story_id == story_id))]
        events = store.events_of_articles(ids)
        if filters:  # the story's events that also pass the filters
            wanted = {e["id"] for e in store.events(**filters, limit=limit)}
            events = [e for e in events if e["id"] in wanted]
        return events[:limit]
    if actor_id is not None:
        # The store's actor filter also matches names; keep only this actor's (and partner's) events.
        events = store.events(**{**filters, "actor": actor_id}, limit=limit)
        return [e for e in events if involves(e, actor_id, partner_id)]
    return store.events(**filters, limit=limit)
