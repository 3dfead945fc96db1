"""Current events: the stored coding with the reviewers' corrections applied, in SQL.

``corrections`` is the audit trail and is never rewritten; the stored coding is never
changed. Applying the corrections in Python after SQL's LIMIT and OFFSET broke paging
(#19: rows repeated across pages, rejected events shrank pages, added events came at any
offset). So each correction also refreshes, in its own transaction, the event's row of
current corrected values (``event_reviews``, NULL where the stored coding stands) and its
corrected actor lists (``event_review_actors``); ``current_query`` joins them over
``events`` and unions the added events in, so that filters, order, LIMIT and OFFSET all
see the corrected record.

Actor filters (#19) match an actor's id, its name or one of its aliases (a mention's
text) as a whole, case-insensitively; ``actor_contains`` asks for a substring instead,
with ``%`` and ``_`` matched literally.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (and_, case, cast, delete, exists, false, func, insert, literal, null, or_, select, true,
                        union_all)
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement, Select

from ..ingest.outlets import outlet_of
from . import tables as t

# Flags each current event carries besides the ``events`` columns.
FLAGS = ("reviewed", "added", "rejected", "actor_set", "recipient_set")
_SIDES = ("actor", "recipient")


def quad_class(event_type: str | None) -> int | None:
    """The PLOVER quad class of an event type (1-2 cooperation, 3-4 conflict).

    >>> quad_class("REQUEST"), quad_class("ASSAULT")
    (3, 4)
    """
    from ..events.types import CATALOGUE

    entry = CATALOGUE.get(event_type) if event_type else None
    return entry.quad_class if entry else None


# ---------------------------------------------------------------- writes
def refresh_review(conn: Connection, event_id: str) -> None:
    """Rebuild the current corrected values of ``event_id`` from its corrections.

    Called in the transaction that records a correction, and by the migration that
    creates the tables for corrections recorded before them.
    """
    c = t.corrections
    rows = [(r.action, r.reviewer, r.article_id, json.loads(r.changes or "{}")) for r in conn.execute(
        select(c.c.action, c.c.reviewer, c.c.article_id, c.c.changes)
        .where(c.c.event_id == event_id).order_by(c.c.id))]
    conn.execute(delete(t.event_reviews).where(t.event_reviews.c.event_id == event_id))
    conn.execute(delete(t.event_review_actors).where(t.event_review_actors.c.event_id == event_id))
    if not rows:
        return
    values: dict[str, Any] = {}  # later corrections win, field by field
    for _, _, _, changes in rows:
        values.update({key: change["to"] for key, change in changes.items()})
    action, reviewer, article_id, _ = rows[0]
    added = action == "add"
    row: dict[str, Any] = {
        "event_id": event_id, "article_id": article_id, "added": added, "rejected": bool(values.get("rejected")),
        "event": values.get("event"), "quad_class": quad_class(values.get("event")), "mode": values.get("mode"),
        "status": values.get("status"), "date": values.get("date"),
        "actor_set": added or "actor" in values, "recipient_set": added or "recipient" in values,
    }
    if added:
        row.update(_added_fields(conn, article_id, reviewer, values))
    conn.execute(insert(t.event_reviews), [row])
    refs = [{"event_id": event_id, "role": side, "position": i, "actor_id": ref.get("id") or "",
             "name": ref.get("name"), "code": ref.get("code"), "country": ref.get("country"),
             "sector": ref.get("sector"), "text": ref.get("text")}
            for side in _SIDES for i, ref in enumerate(values.get(side) or [])]
    if refs:
        conn.execute(insert(t.event_review_actors), refs)


def _added_fields(conn: Connection, article_id: str, reviewer: str, values: dict[str, Any]) -> dict[str, Any]:
    """What an added event has that a correction may not give: dated by its article, as a blank event."""
    published = conn.execute(select(t.articles.c.published).where(t.articles.c.id == article_id)).scalar()
    if isinstance(published, dt.date):
        published = published.isoformat()
    span, evidence_span = values.get("span") or [0, 0], values.get("evidence_span") or [0, 0]
    return {
        "status": values.get("status") or "occurred", "date": values.get("date") or published,
        "date_precision": "day" if published else None, "text": values.get("text") or "",
        "span_start": span[0], "span_end": span[1], "evidence": values.get("evidence") or "",
        "evidence_start": evidence_span[0], "evidence_end": evidence_span[1], "rule": f"review:{reviewer}",
    }


# ---------------------------------------------------------------- reads
def _null(column: Any) -> ColumnElement:
    # Typed, so that PostgreSQL can union it with the stored column.
    return cast(null(), column.type)


def _source(conn: Connection) -> Any:
    """The current events as a subquery: ``events`` columns plus ``FLAGS``."""
    e, r = t.events, t.event_reviews
    if conn.execute(select(exists().where(r.c.event_id.is_not(None)))).scalar():
        retyped = r.c.event.is_not(None)
        overridden = {"event": func.coalesce(r.c.event, e.c.event), "mode": func.coalesce(r.c.mode, e.c.mode),
                      "status": func.coalesce(r.c.status, e.c.status), "date": func.coalesce(r.c.date, e.c.date),
                      # The CAMEO code belonged to the old type.
                      "cameo": case((retyped, _null(e.c.cameo)), else_=e.c.cameo),
                      "quad_class": case((retyped, r.c.quad_class), else_=e.c.quad_class)}
        stored = select(*[overridden.get(c.name, c).label(c.name) for c in e.columns],
                        true().label("reviewed"), false().label("added"), r.c.rejected, r.c.actor_set,
                        r.c.recipient_set,
                        ).select_from(e.join(r, r.c.event_id == e.c.id))
        # Apart from the few reviewed ones, so that the many others keep their indexes.
        unreviewed = select(e, *[false().label(flag) for flag in FLAGS]).where(
            ~exists().where(r.c.event_id == e.c.id))
        given = {"id": r.c.event_id, "context": literal("[]"), "confidence": literal(1.0)}
        added = select(*[(given.get(c.name) if c.name in given else r.c[c.name] if c.name in r.c else _null(c))
                         .label(c.name) for c in e.columns],
                       true().label("reviewed"), true().label("added"), r.c.rejected,
                       r.c.actor_set, r.c.recipient_set).where(r.c.added == true())
        return union_all(unreviewed, stored, added).subquery("current_events")
    # Nothing reviewed yet (the common case): the plain table, whose indexes serve the order.
    return select(e, *[false().label(flag) for flag in FLAGS]).subquery("current_events")


def current_query(conn: Connection, *, include_rejected: bool = False, event_id: str | None = None,
                  article_ids: Sequence[str] | None = None, **filters: Any) -> Select:
    """The current events matching ``filters`` (``Store.events``'s), newest date first.

    include_rejected (bool): keep rejected events (flag ``rejected``).
    event_id (str | None), article_ids (Sequence[str] | None): restrict to these.
    RETURNS (Select): the query, to be given LIMIT and OFFSET.
    """
    cur = _source(conn)
    conds: list[Any] = [] if include_rejected else [cur.c.rejected == false()]
    if event_id is not None:
        conds.append(cur.c.id == event_id)
    if article_ids is not None:
        conds.append(cur.c.article_id.in_(list(article_ids)))
    if filters.get("article_id"):
        conds.append(cur.c.article_id == filters["article_id"])
    if filters.get("type"):
        conds.append(cur.c.event.in_([x.strip().upper() for x in filters["type"].split(",") if x.strip()]))
    if filters.get("status"):
        conds.append(cur.c.status.in_([x.strip().lower() for x in filters["status"].split(",") if x.strip()]))
    if filters.get("since"):
        conds.append(cur.c.date >= filters["since"])
    if filters.get("until"):
        conds.append(cur.c.date <= filters["until"] + "\uffff")
    if filters.get("source"):
        # Any outlet the article was seen at, named as the user likes ("www.x.org", a URL).
        outlet = outlet_of(filters["source"]) or filters["source"].strip().lower()
        conds.append(or_(
            exists().where(t.article_sources.c.article_id == cur.c.article_id,
                           t.article_sources.c.source_domain == outlet),
            exists().where(t.articles.c.id == cur.c.article_id, func.lower(t.articles.c.source_domain) == outlet)))
    if filters.get("actor"):
        conds.append(_either_side(cur, *_actor_match(conn, filters["actor"], contains=False)))
    if filters.get("actor_contains"):
        conds.append(_either_side(cur, *_actor_match(conn, filters["actor_contains"], contains=True)))
    if filters.get("country"):
        country = filters["country"].upper()
        conds.append(_either_side(cur, lambda ea: ea.c.country == country, lambda ra: ra.c.country == country))
    return select(cur).where(and_(*conds)).order_by(cur.c.date.desc().nulls_last(), cur.c.id)


def _either_side(cur: Any, stored: Any, reviewed: Any) -> ColumnElement:
    """An actor on either side matches: the stored one where that side is not corrected."""
    ea, ra = t.event_actors, t.event_review_actors
    uncorrected = or_(and_(ea.c.role == "actor", cur.c.actor_set == false()),
                      and_(ea.c.role == "recipient", cur.c.recipient_set == false()))
    return or_(exists().where(ea.c.event_id == cur.c.id, uncorrected, stored(ea)),
               exists().where(ra.c.event_id == cur.c.id, reviewed(ra)))


def _actor_match(conn: Connection, needle: str, *, contains: bool) -> tuple[Any, Any]:
    """Conditions on an ``event_actors`` and an ``event_review_actors`` row for the actor filter."""
    needle = needle.strip().lower()
    a, m = t.actors, t.actor_mentions
    if contains:
        # The user's text is matched literally: "%" and "_" are no wildcards (#19).
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

        def text(column: Any) -> ColumnElement:
            return func.lower(column).like(pattern, escape="\\")

        ids: Any = select(a.c.id).where(or_(text(a.c.name), func.lower(a.c.id) == needle))
    else:
        def text(column: Any) -> ColumnElement:
            return func.lower(column) == needle

        # A whole name, id or alias: "us" is not in "Russia" (#19); "Putin" is an alias of
        # Vladimir Putin only where an article called him so.
        # The few actors so named, looked up once: as a subquery PostgreSQL scanned the
        # mentions again and again (0.4 s for a page of 20,000 events).
        ids = sorted(set(conn.execute(union_all(
            select(a.c.id).where(or_(text(a.c.name), func.lower(a.c.id) == needle)),
            select(m.c.actor_id).where(text(m.c.text)))).scalars()))
    return (lambda ea: or_(ea.c.actor_id.in_(ids), text(ea.c.text)),
            lambda ra: or_(ra.c.actor_id.in_(ids), func.lower(ra.c.actor_id) == needle, text(ra.c.name),
                           text(ra.c.text)))


def current_events(conn: Connection, rows: list[dict[str, Any]], with_actors: Any) -> list[dict[str, Any]]:
    """Rows of ``current_query`` as event dicts: corrected actor sides and review flags applied.

    with_actors (callable): ``Store.with_actors``, which joins the stored actors.
    RETURNS (list[dict]): the events; reviewed ones carry ``reviewed: true``, added ones
    ``added: true``, rejected ones ``rejected: true``.
    """
    events = with_actors(conn, rows)
    corrected = [r["id"] for r in rows if r["actor_set"] or r["recipient_set"]]
    sides: dict[str, dict[str, list[dict[str, Any]]]] = {i: {"actor": [], "recipient": []} for i in corrected}
    if corrected:
        ra = t.event_review_actors
        for r in conn.execute(select(ra).where(ra.c.event_id.in_(corrected)).order_by(ra.c.event_id, ra.c.position)):
            sides[r.event_id][r.role].append({"name": r.name, "code": r.code, "country": r.country,
                                              "sector": r.sector, "text": r.text, "id": r.actor_id})
    for row, event in zip(rows, events):
        for side in _SIDES:
            if row[f"{side}_set"]:
                event[side] = sides[row["id"]][side]
        for flag in ("reviewed", "added", "rejected"):
            if row[flag]:
                event[flag] = True
    return events
