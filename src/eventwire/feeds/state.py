"""Feed, URL and alert state in the store (tables ``feeds``, ``fetched_urls``, ``alerts``).

Everything the watcher knows lives here rather than in memory, so a restarted watcher
resumes: it sends the same conditional GETs, skips ingested URLs and waits out retries.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from ..store import Store
from ..store import tables as t

# A URL in one of these states is never fetched again.
DONE_STATES = frozenset({"ingested", "duplicate", "rejected"})


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands timezone-aware columns back naive; they were written in UTC.

    >>> utc(dt.datetime(2024, 2, 20, 8, 0)).isoformat()
    '2024-02-20T08:00:00+00:00'
    """
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.timezone.utc)


def _row(row: Any) -> dict[str, Any]:
    return {k: utc(v) if isinstance(v, dt.datetime) else v for k, v in row._mapping.items()}


def get_feed(store: Store, url: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.feeds).where(t.feeds.c.url == url)).first()
    return _row(row) if row else None


def save_feed(store: Store, url: str, **fields: Any) -> None:
    """Insert or update one feed's row with ``fields`` (``seen_items`` as a list)."""
    if "seen_items" in fields and not isinstance(fields["seen_items"], str):
        fields["seen_items"] = json.dumps(fields["seen_items"])
    with store.engine.begin() as conn:
        exists = conn.execute(select(t.feeds.c.url).where(t.feeds.c.url == url)).first()
        if exists:
            conn.execute(update(t.feeds).where(t.feeds.c.url == url).values(**fields))
        else:
            conn.execute(insert(t.feeds).values(url=url, **{"failures": 0, **fields}))


def list_feeds(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [_row(r) for r in conn.execute(select(t.feeds).order_by(t.feeds.c.url))]


def get_url(store: Store, url: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.fetched_urls).where(t.fetched_urls.c.url == url)).first()
    return _row(row) if row else None


def save_url(store: Store, url: str, **fields: Any) -> None:
    """Insert or update one URL's row; ``first_seen_at`` is set on insert."""
    with store.engine.begin() as conn:
        exists = conn.execute(select(t.fetched_urls.c.url).where(t.fetched_urls.c.url == url)).first()
        if exists:
            conn.execute(update(t.fetched_urls).where(t.fetched_urls.c.url == url).values(**fields))
        else:
            fields.setdefault("first_seen_at", dt.datetime.now(dt.timezone.utc))
            conn.execute(insert(t.fetched_urls).values(url=url, **fields))


def by_content_hash(store: Store, content_hash: str) -> dict[str, Any] | None:
    """A URL already ingested with exactly these bytes (a mirror, a redirect target)."""
    q = (select(t.fetched_urls)
         .where(t.fetched_urls.c.content_hash == content_hash, t.fetched_urls.c.article_id.is_not(None))
         .limit(1))
    with store.engine.connect() as conn:
        row = conn.execute(q).first()
    return _row(row) if row else None


def list_urls(store: Store, *, state: str | None = None) -> list[dict[str, Any]]:
    q = select(t.fetched_urls).order_by(t.fetched_urls.c.first_seen_at, t.fetched_urls.c.url)
    if state:
        q = q.where(t.fetched_urls.c.state == state)
    with store.engine.connect() as conn:
        return [_row(r) for r in conn.execute(q)]


def add_alert(store: Store, alert: dict[str, Any]) -> bool:
    """Record an alert unless this rule already fired for this event.

    RETURNS (bool): True when the alert is new (and so should be sent).
    """
    row = {
        "rule": alert["rule"], "event_id": alert["event_id"], "article_id": alert["article_id"],
        "url": alert.get("url"), "event": alert.get("event"), "sentence": alert["sentence"],
        "evidence": alert["evidence"], "evidence_start": alert["evidence_span"][0],
        "evidence_end": alert["evidence_span"][1], "payload": json.dumps(alert, ensure_ascii=False, default=str),
        "created_at": dt.datetime.fromisoformat(alert["created_at"]),
    }
    with store.engine.connect() as conn:
        known = conn.execute(select(t.alerts.c.id).where(
            t.alerts.c.rule == row["rule"], t.alerts.c.event_id == row["event_id"])).first()
    if known:
        return False
    try:
        with store.engine.begin() as conn:
            conn.execute(insert(t.alerts).values(**row))
    except IntegrityError:  # another watcher recorded it between our look and our write
        return False
    return True


def list_alerts(store: Store, *, rule: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Past alerts, newest first, each as the JSON payload that was sent."""
    q = select(t.alerts.c.payload).order_by(t.alerts.c.created_at.desc(), t.alerts.c.id.desc())
    if rule:
        q = q.where(t.alerts.c.rule == rule)
    if limit:
        q = q.limit(limit)
    with store.engine.connect() as conn:
        return [json.loads(r.payload) for r in conn.execute(q)]
