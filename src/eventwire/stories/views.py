"""Reading stories back: the story list and one story's timeline, reports and flags.

The writes (``store.update_stories``) keep the tables these read; nothing here changes them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import func, select

from ..store import Store
from ..store import tables as t
from ..store.rows import jsonable


def list_stories(store: Store, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, most recently reported first, with their event and disagreement counts."""
    s, c = t.stories, t.event_clusters
    counts = (select(c.c.story_id, func.count().label("events")).group_by(c.c.story_id).subquery())
    q = (select(s, func.coalesce(counts.c.events, 0).label("events")).outerjoin(counts, counts.c.story_id == s.c.id)
         .order_by(s.c.last_date.desc().nulls_last(), s.c.id).limit(limit).offset(offset))
    with store.engine.connect() as conn:
        return [_story_row(r._mapping) for r in conn.execute(q)]


def story_view(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story: its articles and its event clusters in time order, with every report.

    RETURNS (dict | None): ``{"story", "articles", "events", "disagreements"}``; None if unknown.
    """
    s, sa, a, c, m = t.stories, t.story_articles, t.articles, t.event_clusters, t.event_cluster_members
    with store.engine.connect() as conn:
        row = conn.execute(select(s).where(s.c.id == story_id)).first()
        if row is None:
            return None
        articles = [jsonable(dict(r._mapping)) for r in conn.execute(
            select(a.c.id, a.c.title, a.c.source_domain, a.c.published, a.c.url, sa.c.score)
            .join(sa, sa.c.article_id == a.c.id).where(sa.c.story_id == story_id).order_by(a.c.published, a.c.id))]
        reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in conn.execute(select(m.c.cluster_id, m.c.report).join(c, c.c.id == m.c.cluster_id)
                              .where(c.c.story_id == story_id).order_by(m.c.id)):
            reports[r.cluster_id].append(json.loads(r.report))
        events = []
        for r in conn.execute(select(c).where(c.c.story_id == story_id)):
            extra = json.loads(r.flags or "{}")
            events.append({**jsonable({k: v for k, v in r._mapping.items() if k not in ("actors", "flags")}),
                           "actors": json.loads(r.actors or "[]"), "flags": extra.get("flags", []),
                           "lifecycle": extra.get("lifecycle", []),
                           "reports": sorted(reports[r.id], key=lambda x: (x["published"] or "", x["article_id"]))})
    events.sort(key=lambda e: (e["date"] or "9999", -e["num_articles"], e["id"]))
    disagreements = [{"cluster_id": e["id"], "event": e["event"], "date": e["date"], **f} for e in events for f in e["flags"]]
    return {"story": _story_row(row._mapping), "articles": articles, "events": events, "disagreements": disagreements}


def _story_row(row: Any) -> dict[str, Any]:
    d = jsonable(dict(row))
    d["actors"] = json.loads(d.get("actors") or "[]")
    return d
