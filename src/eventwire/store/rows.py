"""Rows and dicts: a Document as table rows, a stored row as the ``extract`` JSON shape and back.

Pure conversions the Store's reads and writes share (no queries of their own, bar the
outlets lookup that stories read too).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..schema import Actor, ActorRef, Article, DateRef, Document, Event, Mention, Place, Quote
from . import tables as t


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def actors_of(doc: Document) -> list[Actor | ActorRef]:
    """The document's actors, then those its events and quotes refer to (first one wins)."""
    refs = [r for e in doc.events for r in (*e.actor, *e.recipient)]
    refs += [q.speaker for q in doc.quotes if q.speaker]
    return [*doc.actors, *refs]


def article_outlets(conn: Connection, article_ids: Iterable[str]) -> dict[str, list[str]]:
    """Article id -> the outlets it was seen at (``article_sources``, else its own ``source_domain``).

    An article with no known outlet is absent: callers count it as an outlet of its own.
    """
    ids = sorted(set(article_ids))
    out: dict[str, list[str]] = defaultdict(list)
    s, a = t.article_sources, t.articles
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for aid, domain in conn.execute(select(s.c.article_id, s.c.source_domain)
                                        .where(s.c.article_id.in_(chunk)).order_by(s.c.seen_at, s.c.id)).tuples():
            out[aid].append(domain)
        for aid, domain in conn.execute(select(a.c.id, a.c.source_domain)
                                        .where(a.c.id.in_(chunk), a.c.source_domain.is_not(None))).tuples():
            if domain.lower() not in out[aid]:
                out[aid].insert(0, domain.lower())
    return dict(out)


def document_rows(doc: Document, version: str, rows: dict[Any, list[dict[str, Any]]]) -> None:
    """Append the document's rows, table by table, to ``rows``."""
    a = doc.article
    rows[t.articles].append(dict(
        id=a.id, title=a.title, text=a.text, url=a.url, source_domain=a.source_domain,
        published=a.published, published_source=a.published_source, language=a.language,
        origin=a.origin, external_id=a.external_id, body_start=a.body_start,
        warnings=json.dumps(doc.warnings), pipeline_version=version, ingested_at=now(),
    ))
    rows[t.actor_mentions] += [
        {"article_id": a.id, "actor_id": actor.id, "text": m.text, "start": m.start, "end": m.end,
         "resolution": actor.resolution, "country": actor.country, "sector": actor.sector, "role": actor.role}
        for actor in doc.actors for m in actor.mentions
    ]
    rows[t.actor_facts] += [
        {"article_id": a.id, "actor_id": actor.id, "role": actor.role, "country": actor.country,
         "sector": actor.sector, "organization": actor.organization, "how": actor.resolution,
         "evidence": "; ".join(m.text for m in actor.mentions)}
        for actor in doc.actors if learned_from_text(actor)
    ]
    rows[t.events] += [event_row(a.id, e) for e in doc.events]
    rows[t.event_actors] += [
        {"event_id": e.id, "role": role, "actor_id": r.id, "text": r.text, "code": r.code,
         "country": r.country, "sector": r.sector, "position": i}
        for e in doc.events
        for role, refs_ in (("actor", e.actor), ("recipient", e.recipient))
        for i, r in enumerate(refs_)
    ]
    rows[t.quotes] += [
        {"article_id": a.id, "speaker_id": q.speaker.id if q.speaker else None,
         "speaker_name": q.speaker.name if q.speaker else None, "speaker_text": q.speaker_text,
         "text": q.text, "start": q.span[0], "end": q.span[1], "kind": q.kind, "how": q.how}
        for q in doc.quotes
    ]
    rows[t.places] += [
        {"article_id": a.id, "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
         "geonameid": p.geonameid, "feature": p.feature, "text": p.text, "start": p.start, "end": p.end}
        for p in doc.places
    ]
    rows[t.dates] += [
        {"article_id": a.id, "text": d.text, "start": d.start, "end": d.end, "value": d.value,
         "precision": d.precision, "note": d.note}
        for d in doc.dates
    ]


def learned_from_text(actor: Actor) -> bool:
    """Whether the article itself taught us this actor's role or organisation.

    >>> learned_from_text(Actor(id="x", name="X", role="Mayor", resolution="kb-alias+apposition"))
    True
    >>> learned_from_text(Actor(id="x", name="X", resolution="kb-alias"))
    False
    """
    how = actor.resolution or ""
    return bool(actor.role or actor.organization) and ("apposition" in how or "title" in how)


def speaker_ref(actors: dict[str, Actor], sid: str | None, name: str | None, text: str | None) -> ActorRef | None:
    if sid is None:
        return None
    if sid in actors:
        return actors[sid].ref(text)
    return ActorRef(name=name or sid, code=None, country=None, sector=None, text=text or name or sid, id=sid)


def event_row(article_id: str, e: Event) -> dict[str, Any]:
    loc = e.event_loc
    return {
        "id": e.id, "article_id": article_id, "event": e.event, "mode": e.mode, "context": json.dumps(e.context),
        "status": e.status, "cameo": e.cameo, "quad_class": e.quad_class, "intensity": e.intensity,
        "date": e.date, "date_precision": e.date_precision, "date_text": e.date_text,
        "loc_name": loc.name if loc else None, "loc_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None, "geonameid": loc.geonameid if loc else None,
        "text": e.text, "span_start": e.span[0], "span_end": e.span[1], "evidence": e.evidence,
        "evidence_start": e.evidence_span[0], "evidence_end": e.evidence_span[1], "rule": e.rule,
        "confidence": e.confidence, "reported_by": e.reported_by.id if e.reported_by else None,
        "status_cue": e.status_cue,
    }


def event_dict(row: dict[str, Any], roles: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A stored event row in the ``extract`` JSON event shape."""
    loc = None
    if row["loc_name"]:
        loc = {"name": row["loc_name"], "country": row["loc_country"], "lat": row["lat"], "lon": row["lon"],
               "geonameid": row["geonameid"]}
    return {
        "id": row["id"], "article_id": row["article_id"], "event": row["event"], "mode": row["mode"],
        "context": json.loads(row["context"] or "[]"), "actor": roles["actor"], "recipient": roles["recipient"],
        "date": row["date"], "date_precision": row["date_precision"], "date_text": row["date_text"],
        "event_loc": loc, "status": row["status"], "cameo": row["cameo"], "quad_class": row["quad_class"],
        "intensity": row["intensity"], "text": row["text"], "span": [row["span_start"], row["span_end"]],
        "evidence": row["evidence"], "evidence_span": [row["evidence_start"], row["evidence_end"]],
        "rule": row["rule"], "confidence": row["confidence"], "reported_by": row["reported_by"],
        "status_cue": row["status_cue"],
    }


# The event columns ``events_of_articles(brief=True)`` reads: what event clustering
# (eventwire.stories.dedup.build_reports) looks at.
BRIEF_COLUMNS = ("id", "article_id", "event", "status", "date", "date_text", "loc_name", "loc_country", "text",
                  "evidence", "span_start", "span_end")


def brief_event_dict(row: dict[str, Any], roles: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The ``BRIEF_COLUMNS`` of an event row, with the keys and values ``event_dict`` gives them."""
    return {
        "id": row["id"], "article_id": row["article_id"], "event": row["event"], "actor": roles["actor"],
        "recipient": roles["recipient"], "date": row["date"], "date_text": row["date_text"],
        "event_loc": {"name": row["loc_name"], "country": row["loc_country"]} if row["loc_name"] else None,
        "status": row["status"],
        "text": row["text"], "span": [row["span_start"], row["span_end"]], "evidence": row["evidence"],
    }


def event_from_dict(d: dict[str, Any]) -> Event:
    loc = Place(**{k: d["event_loc"][k] for k in ("name", "country", "lat", "lon", "geonameid")}) if d["event_loc"] else None
    return Event(
        event=d["event"], actor=[ActorRef(**r) for r in d["actor"]], recipient=[ActorRef(**r) for r in d["recipient"]],
        text=d["text"], span=tuple(d["span"]), evidence=d["evidence"], evidence_span=tuple(d["evidence_span"]),
        rule=d["rule"], mode=d["mode"], context=d["context"], status=d["status"], cameo=d["cameo"],
        quad_class=d["quad_class"], intensity=d["intensity"], date=d["date"], date_precision=d["date_precision"],
        date_text=d["date_text"], event_loc=loc, confidence=d["confidence"], id=d["id"], status_cue=d["status_cue"],
    )


def dicts(result: Any) -> list[dict[str, Any]]:
    """The rows of a result as dicts (what ``dict(row._mapping)`` gives), fetched at once:
    per-row fetching and mapping access cost more than the query on large reads."""
    keys = list(result.keys())
    return [dict(zip(keys, r)) for r in result.all()]


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in row.items()}


def read_document(conn: Connection, article_id: str, with_actors) -> Document | None:
    """Rebuild the Document of a stored article from its rows (``Store.document``).

    with_actors (callable): ``Store.with_actors``, the event-actor join.
    """
    row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).first()
    if row is None:
        return None
    article = Article(
        id=row.id, text=row.text, title=row.title, url=row.url, source_domain=row.source_domain,
        published=row.published, published_source=row.published_source, language=row.language or "en",
        origin=row.origin, external_id=row.external_id, body_start=row.body_start or 0,
    )
    actors: dict[str, Actor] = {}
    mq = (select(t.actor_mentions, t.actors.c.name, t.actors.c.kind, t.actors.c.kb_id)
          .join(t.actors, t.actors.c.id == t.actor_mentions.c.actor_id)
          .where(t.actor_mentions.c.article_id == article_id).order_by(t.actor_mentions.c.start))
    for m in conn.execute(mq):
        actor = actors.setdefault(m.actor_id, Actor(
            id=m.actor_id, name=m.name, country=m.country, sector=m.sector, kind=m.kind,
            role=m.role, kb_id=m.kb_id, resolution=m.resolution))
        actor.mentions.append(Mention(text=m.text, start=m.start, end=m.end))
    events = [event_from_dict(d) for d in with_actors(conn, [
        dict(r._mapping) for r in conn.execute(select(t.events).where(t.events.c.article_id == article_id)
                                               .order_by(t.events.c.evidence_start, t.events.c.id))])]
    quotes = [
        Quote(text=q.text, span=(q.start, q.end), kind=q.kind, how=q.how, speaker_text=q.speaker_text,
              speaker=speaker_ref(actors, q.speaker_id, q.speaker_name, q.speaker_text))
        for q in conn.execute(select(t.quotes).where(t.quotes.c.article_id == article_id).order_by(t.quotes.c.start))
    ]
    places = [
        Place(name=p.name, country=p.country, lat=p.lat, lon=p.lon, geonameid=p.geonameid,
              text=p.text, start=p.start, end=p.end, feature=p.feature)
        for p in conn.execute(select(t.places).where(t.places.c.article_id == article_id).order_by(t.places.c.start))
    ]
    dates = [
        DateRef(text=d.text, start=d.start, end=d.end, value=d.value, precision=d.precision, note=d.note)
        for d in conn.execute(select(t.dates).where(t.dates.c.article_id == article_id).order_by(t.dates.c.start))
    ]
    return Document(article=article, actors=list(actors.values()), events=events, quotes=quotes,
                    dates=dates, places=places, warnings=json.loads(row.warnings or "[]"))
