"""What each page shows, as plain JSON-ready dicts (the ``.json`` twins return these).

Stable shapes (keys are only ever added, never renamed or removed):

- ``/articles.json``: ``{"articles": [article], "limit", "offset", "next"}``
- ``/articles/{id}.json``: ``{"article", "events", "actors", "quotes", "places", "dates",
  "warnings", "corrections"}``; events carry corrections (``reviewed``/``rejected``/``added``).
- ``/events.json``: ``{"events": [event], "count", "limit", "offset", "filters", "next"}``
- ``/actors.json``: ``{"actors": [actor with counts], "query", "limit"}``
- ``/actors/{id}.json``: ``{"actor", "roles", "events", "timeline", "partners"}``
- ``/network.json``: ``{"nodes": [{id, name, code, country, sector, kind, events}], "edges":
  [{source, target, events, cooperation, conflict, quad, quads, types, first, last}],
  "filters", "min_weight", "top", "events_read", "truncated"}`` (``eventwire.network``)
- ``/map.json``: ``{"points": [{event_id, article_id, event, quad_class, date, place,
  country, lat, lon, text, actor, recipient}], "filters", "basemap"}``
- ``/timeline.json``: ``{"scope", "title", "weeks", "series": [{quad_class, label, counts,
  total}], "total", "undated", "unclassified", "filters", "truncated"}`` (``eventwire.timeline``)

``event`` is the ``Store.events`` shape (the ``extract`` JSON event plus ``article_id``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select

from ..network import quad_family
from ..schema import to_dict
from ..store import Store
from ..store import review
from ..store import tables as t

# Enough for a page's graph or map without pulling a whole national archive into memory.
MAX_GRAPH_EVENTS = 5000


def article_view(store: Store, article_id: str) -> dict[str, Any] | None:
    """The article page: document, corrected events and the audit trail; None when unknown."""
    doc = store.document(article_id)
    if doc is None:
        return None
    data = doc.to_dict()
    data["events"] = review.article_events(store, article_id)
    data["corrections"] = review.corrections(store, article_id=article_id)
    return {k: data[k] for k in ("article", "events", "actors", "quotes", "places", "dates", "warnings", "corrections")}


def actor_view(store: Store, actor_id: str) -> dict[str, Any] | None:
    """The actor page: who it is, its events on either side, a timeline and top partners."""
    # An actor a reviewer added in a correction lives only in the corrected events (#19).
    actor = store.actor(actor_id) or review.reviewer_actor(store, actor_id)
    if actor is None:
        return None
    events = store.events(actor=actor_id, limit=MAX_GRAPH_EVENTS)
    # The actor filter is a substring match on names too; keep only this actor's events.
    events = [e for e in events if any(a["id"] == actor_id for a in e["actor"] + e["recipient"])]
    timeline, partners = [], defaultdict(lambda: {"events": 0, "cooperation": 0, "conflict": 0})
    names: dict[str, str] = {}
    for e in events:
        side = "source" if any(a["id"] == actor_id for a in e["actor"]) else "target"
        timeline.append({"event_id": e["id"], "date": e["date"], "event": e["event"], "quad_class": e["quad_class"],
                         "side": side, "article_id": e["article_id"]})
        others = e["recipient"] if side == "source" else e["actor"]
        for other in others:
            if other["id"] == actor_id:
                continue
            names[other["id"]] = other["name"]
            p = partners[other["id"]]
            p["events"] += 1
            p[quad_family(e["quad_class"])] += 1
    top = sorted(({"id": k, "name": names[k], **v} for k, v in partners.items()), key=lambda p: (-p["events"], p["name"]))
    return {"actor": to_dict(actor), "roles": _roles(store, actor_id), "events": events,
            "timeline": timeline, "partners": top[:20]}


def _roles(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """The country/sector/role the actor had in each article (roles change over time)."""
    m, a = t.actor_mentions, t.articles
    q = (select(m.c.country, m.c.sector, m.c.role, func.count(func.distinct(m.c.article_id)).label("articles"),
                func.min(a.c.published).label("first"), func.max(a.c.published).label("last"))
         .join(a, a.c.id == m.c.article_id).where(m.c.actor_id == actor_id)
         .group_by(m.c.country, m.c.sector, m.c.role).order_by(func.min(a.c.published)))
    with store.engine.connect() as conn:
        return [to_dict(dict(r._mapping)) for r in conn.execute(q)]


def map_points(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events that carry coordinates, one point each, with what a popup shows."""
    return [
        {"event_id": e["id"], "article_id": e["article_id"], "event": e["event"], "quad_class": e["quad_class"],
         "date": e["date"], "place": e["event_loc"]["name"], "country": e["event_loc"]["country"],
         "lat": e["event_loc"]["lat"], "lon": e["event_loc"]["lon"], "text": e["text"],
         "actor": "; ".join(a["name"] for a in e["actor"]), "recipient": "; ".join(a["name"] for a in e["recipient"])}
        for e in events
        if e.get("event_loc") and e["event_loc"].get("lat") is not None and e["event_loc"].get("lon") is not None
    ]


def highlight_segments(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Cut the article text into runs that share the same highlights.

    Overlapping spans (a quote holding an actor and an event's evidence) cannot nest
    cleanly in HTML, so the text is split at every span boundary and each run lists
    what covers it. The template escapes every run.
    RETURNS (list[dict]): ``{"text", "actor", "events", "quote"}`` runs covering the text.
    """
    text = data["article"]["text"]
    spans: list[tuple[int, int, str, Any]] = []
    for a in data["actors"]:
        for m in a["mentions"]:
            spans.append((m["start"], m["end"], "actor", a))
    for e in data["events"]:
        s0, s1 = e["evidence_span"]
        if s1 > s0 and not e.get("rejected"):
            spans.append((s0, s1, "event", e))
    for q in data["quotes"]:
        spans.append((q["span"][0], q["span"][1], "quote", q))
    spans = [(max(0, s), min(len(text), e), k, v) for s, e, k, v in spans if e > s]
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    runs = []
    for s, e in zip(cuts, cuts[1:]):
        cover = [(k, v) for s0, e0, k, v in spans if s0 <= s and e <= e0]
        runs.append({
            "text": text[s:e],
            "actor": next((v for k, v in cover if k == "actor"), None),
            "events": [v for k, v in cover if k == "event"],
            "quote": next((v for k, v in cover if k == "quote"), None),
        })
    return runs
