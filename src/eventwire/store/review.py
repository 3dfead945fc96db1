"""The review loop: human corrections of coded events, stored as an audit trail.

A correction never overwrites the original coding. Each one is a row in the
``corrections`` table (who, when, which event, what changed); the same transaction
refreshes the event's current corrected values, which reads apply in SQL
(``store.current``, #19): a corrected event comes back with
``reviewed: true``, a rejected one is dropped from ``Store.events`` (but shown, struck
through, by ``article_events``, until a ``restore`` undoes the reject), and an added one appears as a new event whose id ends
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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from ..schema import EVENT_TYPES, STATUSES
from . import tables as t
from .current import current_events, current_query, refresh_review
from .filters import DATE
from .rows import now


class EventStore(Protocol):
    """What review needs of ``store.db.Store`` (which imports this module to apply corrections)."""

    engine: Engine

    def with_actors(self, conn: Connection, rows: list[dict[str, Any]],
                    event_dict: Callable[..., dict[str, Any]] | None = None) -> list[dict[str, Any]]: ...

log = logging.getLogger(__name__)

ACTIONS = ("reject", "restore", "modify", "add")
# Fields a reviewer may change; everything else (evidence, rule, spans) is provenance.
EDITABLE = ("event", "mode", "status", "actor", "recipient", "date")
# Reviewer-added actors are "review:<slug>"; the id column holds 255 characters.
REVIEW_SLUG_MAX = 255 - len("review:")
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
            # Only a restore may name a rejected event: the others act on the current record.
            current = current_event(store, conn, c.event_id, include_rejected=c.action == "restore")
            if current is None:
                raise ReviewError(f"no event {c.event_id!r}", 404)
            article_id, event_id = current["article_id"], current["id"]
            if c.action == "reject":
                changes = {"rejected": {"from": False, "to": True}}
            elif c.action == "restore":  # the undo of a reject (#19), audited like it
                if not current.get("rejected"):
                    raise ReviewError(f"event {event_id!r} is not rejected")
                changes = {"rejected": {"from": True, "to": False}}
            else:
                new = _validated(conn, c.changes)
                changes = {k: {"from": current.get(k), "to": v} for k, v in new.items() if current.get(k) != v}
                if not changes:
                    raise ReviewError("nothing changed")
        result = conn.execute(insert(t.corrections).values(
            event_id=event_id, article_id=article_id, action=c.action, changes=json.dumps(changes),
            reviewer=c.reviewer.strip(), created_at=now()))
        cid = result.inserted_primary_key[0]
        if event_id is None:  # an added event gets its id from the correction that made it
            event_id = f"{article_id[:12]}-r{cid:03d}"
            conn.execute(update(t.corrections).where(t.corrections.c.id == cid).values(event_id=event_id))
        refresh_review(conn, event_id)
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
        rows = [dict(r._mapping) for r in conn.execute(current_query(conn, article_id=article_id,
                                                                    include_rejected=True))]
        out = current_events(conn, rows, store.with_actors)
    return sorted(out, key=lambda e: (e["evidence_span"][0], e["id"]))


def reviewer_actor(store: EventStore, actor_id: str) -> dict[str, Any] | None:
    """An actor known only from corrections (a reviewer's new ``review:...`` actor).

    Such an actor has no row in ``actors``; what is known of it is what the corrected
    events say (#19: its links used to answer 404).
    RETURNS (dict | None): the ``Store.actor`` shape (columns the reviewer cannot give are
    None; ``aliases`` are the texts it was entered as) plus ``reviewed: true``; None when
    no current correction names it.
    """
    ra = t.event_review_actors
    with store.engine.connect() as conn:
        rows = conn.execute(select(ra.c.name, ra.c.country, ra.c.sector, ra.c.text)
                            .where(ra.c.actor_id == actor_id).order_by(ra.c.id)).all()
    if not rows:
        return None
    latest = rows[-1]  # names may differ in case between corrections: the newest one wins
    aliases: dict[str, int] = {}
    for r in rows:
        if r.text:
            aliases[r.text] = aliases.get(r.text, 0) + 1
    actor: dict[str, Any] = {c.name: None for c in t.actors.columns}
    actor.update(id=actor_id, name=latest.name or actor_id, country=latest.country, sector=latest.sector,
                 aliases=[{"text": k, "count": n} for k, n in sorted(aliases.items(), key=lambda kv: -kv[1])],
                 reviewed=True)
    return actor


# ---------------------------------------------------------------- helpers
def _row_dict(row: Any) -> dict[str, Any]:
    d = dict(row)
    d["changes"] = json.loads(d["changes"] or "{}")
    if isinstance(d.get("created_at"), (dt.date, dt.datetime)):
        d["created_at"] = d["created_at"].isoformat()
    return d


def current_event(store: EventStore, conn: Connection, event_id: str | None,
                  include_rejected: bool = False) -> dict[str, Any] | None:
    """The event ``event_id`` as reviewed: stored coding plus corrections, or an added one."""
    if not event_id:
        return None
    rows = [dict(r._mapping) for r in conn.execute(current_query(conn, event_id=event_id,
                                                                include_rejected=include_rejected))]
    return current_events(conn, rows, store.with_actors)[0] if rows else None


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
            if not DATE.match(value):
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
        # Capped so that "review:" + slug fits the 255-character id column (and the web
        # app's actor id pattern), however long the name a reviewer typed.
        slug = re.sub(r"[^\w]+", "-", value.lower()).strip("-")[:REVIEW_SLUG_MAX].strip("-") or "actor"
        return {"name": value, "code": None, "country": None, "sector": None, "text": value, "id": f"review:{slug}"}
    code = "".join(p for p in (row.country, row.sector) if p) or None
    if row.country == "IGO" and row.sector == "IGO":
        code = "IGO"
    return {"name": row.name, "code": code, "country": row.country, "sector": row.sector, "text": row.name, "id": row.id}
