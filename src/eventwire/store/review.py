"""The review loop: human corrections of coded events, stored as an audit trail.

A correction never overwrites the original coding. Each one is a row in the
``corrections`` table (who, when, which event, what changed), and reads apply the
corrections on top of the stored events: a corrected event comes back with
``reviewed: true``, a rejected one is dropped from ``Store.events`` (but shown, struck
through, by ``article_events``), and an added one appears as a new event whose id ends
in ``-r<correction id>``.

Stored ``changes`` shape: ``{field: {"from": old, "to": new}}`` for every changed field;
``actor``/``recipient`` values are lists of actor-ref dicts (the event JSON shape).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from ..schema import EVENT_TYPES, STATUSES
from . import tables as t


class EventStore(Protocol):
    """What review needs of ``store.db.Store`` (which imports this module to apply corrections)."""

    engine: Engine

    def with_actors(self, conn: Connection, rows: list[dict[str, Any]],
                    event_dict: Callable[..., dict[str, Any]] | None = None) -> list[dict[str, Any]]: ...

log = logging.getLogger(__name__)

ACTIONS = ("reject", "modify", "add")
# Fields a reviewer may change; everything else (evidence, rule, spans) is provenance.
EDITABLE = ("event", "mode", "status", "actor", "recipient", "date")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# SQLite allows one writer at a time; serialising our writes avoids "database is locked"
# when several web requests correct events at once (datasette's single-writer idea).
_write_lock = threading.Lock()


class ReviewError(ValueError):
    """A correction that cannot be applied; ``status`` is the HTTP status it maps to."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Correction:
    """What a reviewer asks for. ``changes`` maps editable fields to new values.

    ``actor``/``recipient`` values may be an actor id, a name, a list of them, or ref dicts.
    """

    action: str
    reviewer: str
    article_id: str | None = None
    event_id: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def quad_class(event_type: str) -> int | None:
    """The PLOVER quad class of an event type (1-2 cooperation, 3-4 conflict).

    >>> quad_class("REQUEST"), quad_class("ASSAULT")
    (3, 4)
    """
    from ..events.types import CATALOGUE

    entry = CATALOGUE.get(event_type)
    return entry.quad_class if entry else None


def add_correction(store: EventStore, correction: Correction) -> dict[str, Any]:
    """Validate and record one correction.

    store (Store): the store to write to.
    correction (Correction): the reviewer's request.
    RETURNS (dict): the stored correction row (``changes`` decoded) plus the corrected ``event``.
    """
    c = correction
    if c.action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}")
    if not (c.reviewer or "").strip():
        raise ReviewError("reviewer is required")
    unknown = set(c.changes) - set(EDITABLE) - ({"evidence"} if c.action == "add" else set())
    if unknown:
        raise ReviewError(f"cannot change {sorted(unknown)}; editable fields: {', '.join(EDITABLE)}")
    with _write_lock, store.engine.begin() as conn:
        if c.action == "add":
            article_id = c.article_id
            text = conn.execute(select(t.articles.c.text).where(t.articles.c.id == article_id)).scalar()
            if text is None:
                raise ReviewError(f"no article {article_id!r}", 404)
            changes_in = dict(c.changes)
            evidence = str(changes_in.pop("evidence", "") or "").strip()
            new = _validated(conn, changes_in)
            if "event" not in new:
                raise ReviewError("an added event needs an event type")
            new.update(_evidence_fields(text, evidence))
            changes = {k: {"from": None, "to": v} for k, v in new.items()}
            event_id = None
        else:
            current = current_event(store, conn, c.event_id)
            if current is None:
                raise ReviewError(f"no event {c.event_id!r}", 404)
            article_id, event_id = current["article_id"], current["id"]
            if c.action == "reject":
                changes = {"rejected": {"from": False, "to": True}}
            else:
                new = _validated(conn, c.changes)
                changes = {k: {"from": current.get(k), "to": v} for k, v in new.items() if current.get(k) != v}
                if not changes:
                    raise ReviewError("nothing changed")
        result = conn.execute(insert(t.corrections).values(
            event_id=event_id, article_id=article_id, action=c.action, changes=json.dumps(changes),
            reviewer=c.reviewer.strip(), created_at=_now()))
        cid = result.inserted_primary_key[0]
        if event_id is None:  # an added event gets its id from the correction that made it
            event_id = f"{article_id[:12]}-r{cid:03d}"
            conn.execute(update(t.corrections).where(t.corrections.c.id == cid).values(event_id=event_id))
        row = conn.execute(select(t.corrections).where(t.corrections.c.id == cid)).one()
        log.info("correction %s: %s %s by %s", cid, c.action, event_id, c.reviewer)
        stored = _row_dict(row._mapping)
        stored["event"] = current_event(store, conn, event_id, include_rejected=True)
        return stored


def corrections(store: EventStore, *, article_id: str | None = None, event_id: str | None = None) -> list[dict[str, Any]]:
    """The audit trail, oldest first, optionally for one article or event."""
    q = select(t.corrections).order_by(t.corrections.c.id)
    if article_id:
        q = q.where(t.corrections.c.article_id == article_id)
    if event_id:
        q = q.where(t.corrections.c.event_id == event_id)
    with store.engine.connect() as conn:
        return [_row_dict(r._mapping) for r in conn.execute(q)]


def article_events(store: EventStore, article_id: str) -> list[dict[str, Any]]:
    """Every event of an article with corrections applied, rejected ones included.

    RETURNS (list[dict]): event dicts ordered by evidence position; rejected events carry
    ``rejected: true``, added ones ``added: true``.
    """
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(
            select(t.events).where(t.events.c.article_id == article_id)
            .order_by(t.events.c.evidence_start, t.events.c.id))]
        events = store.with_actors(conn, rows)
        out = apply_corrections(conn, events, {"article_id": article_id}, include_rejected=True,
                                with_actors=store.with_actors)
    return sorted(out, key=lambda e: (e["evidence_span"][0], e["id"]))


def apply_corrections(
    conn: Connection,
    events: list[dict[str, Any]],
    filters: dict[str, Any] | None = None,
    *,
    include_rejected: bool = False,
    limit: int | None = None,
    with_actors: Callable[[Connection, list[dict[str, Any]]], list[dict[str, Any]]] | None = None,
) -> list[dict[str, Any]]:
    """Apply stored corrections to event dicts read by ``Store.events``.

    conn (Connection): an open connection.
    events (list[dict]): events in the store's JSON shape.
    filters (dict): the ``Store.events`` filters; re-checked on corrected values, and used
        to select added events (appended while the page has room).
    include_rejected (bool): keep rejected events, flagged ``rejected: true``.
    limit (int | None): the page size the events were read with.
    with_actors (callable): ``Store.with_actors``; lets events that only match the filters
        *after* correction (e.g. retyped REQUEST -> CONSULT) be found for a ``type=CONSULT`` read.
    RETURNS (list[dict]): the corrected events.
    """
    filters = {k: v for k, v in (filters or {}).items() if v}
    if conn.execute(select(func.count()).select_from(t.corrections)).scalar_one() == 0:
        return events  # the common case: nothing reviewed yet, nothing to do
    ids = [e["id"] for e in events]
    by_event: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(select(t.corrections).where(t.corrections.c.event_id.in_(ids)).order_by(t.corrections.c.id)):
        by_event.setdefault(r.event_id, []).append(_row_dict(r._mapping))
    out = []
    for e in events:
        e = _corrected(e, by_event.get(e["id"], []))
        if e.get("rejected") and not include_rejected:
            continue
        if e.get("reviewed") and not _matches(conn, e, filters):
            continue
        out.append(e)
    # Events the SQL could not see (added ones, or ones that match only once corrected)
    # come after the stored ones, on the page that still has room.
    if limit is None or len(out) < limit:
        room = None if limit is None else limit - len(out)
        if with_actors is not None:
            out.extend(_moved_into_filter(conn, filters, set(ids), with_actors)[:room])
        if room is None or len(out) < limit:
            out.extend(_added_events(conn, filters, include_rejected, None if limit is None else limit - len(out)))
    return out


def _moved_into_filter(conn: Connection, filters: dict[str, Any], seen: set[str], with_actors) -> list[dict]:
    """Modified events whose original coding fails the filters but whose corrected one passes."""
    if not filters:
        return []  # without filters the SQL already returned every stored event
    q = (select(t.corrections.c.event_id).where(t.corrections.c.action == "modify")
         .where(t.corrections.c.event_id.not_in(seen)).distinct())
    ids = [r.event_id for r in conn.execute(q)]
    if not ids:
        return []
    rows = [dict(r._mapping) for r in conn.execute(select(t.events).where(t.events.c.id.in_(ids)))]
    originals = with_actors(conn, rows)
    by_event: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(select(t.corrections).where(t.corrections.c.event_id.in_(ids)).order_by(t.corrections.c.id)):
        by_event.setdefault(r.event_id, []).append(_row_dict(r._mapping))
    out = []
    for e in originals:
        fixed = _corrected(e, by_event.get(e["id"], []))
        if not _matches(conn, e, filters) and not fixed.get("rejected") and _matches(conn, fixed, filters):
            out.append(fixed)
    return out


# ---------------------------------------------------------------- helpers
def _row_dict(row: Any) -> dict[str, Any]:
    d = dict(row)
    d["changes"] = json.loads(d["changes"] or "{}")
    if isinstance(d.get("created_at"), (dt.date, dt.datetime)):
        d["created_at"] = d["created_at"].isoformat()
    return d


def _corrected(event: dict[str, Any], rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    event = dict(event)
    for row in rows:
        event["reviewed"] = True
        for key, change in row["changes"].items():
            event[key] = change["to"]
        if "event" in row["changes"]:
            event["quad_class"] = quad_class(event["event"])
            event["cameo"] = None  # the CAMEO code belonged to the old type
    return event


def _added_events(conn: Connection, filters: dict[str, Any], include_rejected: bool, room: int | None) -> list[dict]:
    q = select(t.corrections).where(t.corrections.c.action == "add").order_by(t.corrections.c.id)
    if filters.get("article_id"):
        q = q.where(t.corrections.c.article_id == filters["article_id"])
    out = []
    for r in conn.execute(q):
        row = _row_dict(r._mapping)
        base = _blank_event(conn, row)
        later = conn.execute(select(t.corrections).where(t.corrections.c.event_id == row["event_id"],
                                                        t.corrections.c.id > row["id"]).order_by(t.corrections.c.id))
        e = _corrected(base, [row, *(_row_dict(x._mapping) for x in later)])
        e["added"] = True
        if (e.get("rejected") and not include_rejected) or not _matches(conn, e, filters):
            continue
        out.append(e)
        if room is not None and len(out) >= room:
            break
    return out


def _blank_event(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    published = conn.execute(select(t.articles.c.published).where(t.articles.c.id == row["article_id"])).scalar()
    return {
        "id": row["event_id"], "article_id": row["article_id"], "event": None, "mode": None, "context": [],
        "actor": [], "recipient": [], "date": published.isoformat() if published else None,
        "date_precision": "day" if published else None, "date_text": None, "event_loc": None,
        "status": "occurred", "cameo": None, "quad_class": None, "intensity": None, "text": "",
        "span": [0, 0], "evidence": "", "evidence_span": [0, 0], "rule": f"review:{row['reviewer']}",
        "confidence": 1.0, "reported_by": None, "status_cue": None,
    }


def _matches(conn: Connection, e: dict[str, Any], f: dict[str, Any]) -> bool:
    """Re-check ``Store.events`` filters against a corrected event (the SQL saw the original)."""
    if f.get("type") and e["event"] not in {x.strip().upper() for x in f["type"].split(",")}:
        return False
    if f.get("status") and e["status"] not in {x.strip().lower() for x in f["status"].split(",")}:
        return False
    if f.get("since") and (e.get("date") or "") < f["since"]:
        return False
    if f.get("until") and (e.get("date") or "\uffff") > f["until"] + "\uffff":
        return False
    if f.get("article_id") and e["article_id"] != f["article_id"]:
        return False
    sides = e["actor"] + e["recipient"]
    if f.get("actor"):
        needle = f["actor"].lower()
        if not any(needle in (a.get("name") or "").lower() or needle == (a.get("id") or "").lower()
                   or needle in (a.get("text") or "").lower() for a in sides):
            return False
    if f.get("country") and not any((a.get("country") or "") == f["country"].upper() for a in sides):
        return False
    if f.get("source"):
        domain = conn.execute(select(t.articles.c.source_domain).where(t.articles.c.id == e["article_id"])).scalar()
        if (domain or "").lower() != f["source"].lower():
            return False
    return True


def current_event(store: EventStore, conn: Connection, event_id: str | None,
                  include_rejected: bool = False) -> dict[str, Any] | None:
    """The event ``event_id`` as reviewed: stored coding plus corrections, or an added one."""
    if not event_id:
        return None
    rows = [dict(r._mapping) for r in conn.execute(select(t.events).where(t.events.c.id == event_id))]
    if rows:
        events = apply_corrections(conn, store.with_actors(conn, rows), include_rejected=True,
                                   with_actors=store.with_actors)
        events = [e for e in events if e["id"] == event_id]
    else:
        events = [e for e in _added_events(conn, {}, True, None) if e["id"] == event_id]
    if not events or (events[0].get("rejected") and not include_rejected):
        return None
    return events[0]


def _evidence_fields(text: str, evidence: str) -> dict[str, Any]:
    """Where the reviewer's evidence words sit in the article, and the sentence around them.

    >>> _evidence_fields("One. Two met Three. Four.", "met")["text"]
    'Two met Three.'
    """
    start = text.find(evidence) if evidence else -1
    if start < 0:
        return {}
    end = start + len(evidence)
    # A plain punctuation split is enough here: the span only guides the reader's eye.
    s0 = max(text.rfind(p, 0, start) for p in (". ", "\n", "? ", "! "))
    s0 = 0 if s0 < 0 else s0 + 1
    while s0 < start and text[s0].isspace():
        s0 += 1
    ends = [i for i in (text.find(p, end) for p in (".", "\n", "?", "!")) if i >= 0]
    s1 = min(ends) + 1 if ends else len(text)
    return {"evidence": evidence, "evidence_span": [start, end], "text": text[s0:s1].strip(), "span": [s0, s1]}


def _validated(conn: Connection, changes: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if value is None or value == "":
            continue
        if key == "event":
            value = str(value).strip().upper()
            if value not in EVENT_TYPES:
                raise ReviewError(f"unknown event type {value!r}")
        elif key == "status":
            value = str(value).strip().lower()
            if value not in STATUSES:
                raise ReviewError(f"status must be one of {', '.join(STATUSES)}")
        elif key == "date":
            value = str(value).strip()
            if not _DATE.match(value):
                raise ReviewError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
        elif key in ("actor", "recipient"):
            value = [_actor_ref(conn, v) for v in (value if isinstance(value, list) else str(value).split(";"))
                     if v and (not isinstance(v, str) or v.strip())]
        elif key == "mode":
            value = str(value).strip().lower()[:32]
        out[key] = value
    return out


def _actor_ref(conn: Connection, value: Any) -> dict[str, Any]:
    """An actor ref for a stored actor id or name; an unknown name becomes a new actor ref."""
    if isinstance(value, dict):
        value = value.get("id") or value.get("name") or ""
    value = str(value).strip()[:255]
    a = t.actors
    row = conn.execute(select(a).where(a.c.id == value)).first() or conn.execute(
        select(a).where(func.lower(a.c.name) == value.lower())).first()
    if row is None:
        slug = re.sub(r"[^\w]+", "-", value.lower()).strip("-") or "actor"
        return {"name": value, "code": None, "country": None, "sector": None, "text": value, "id": f"review:{slug}"}
    code = "".join(p for p in (row.country, row.sector) if p) or None
    if row.country == "IGO" and row.sector == "IGO":
        code = "IGO"
    return {"name": row.name, "code": code, "country": row.country, "sector": row.sector, "text": row.name, "id": row.id}
