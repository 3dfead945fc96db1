"""Named schema migrations, applied once each and recorded in ``eventwire_migrations``.

Add a schema change by writing a new function decorated with ``@migration``; never edit
one that has shipped (like sqlite_utils/migrations.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Column, DateTime, MetaData, String, Table, insert, inspect, select
from sqlalchemy.engine import Connection

from . import tables as t
from .current import refresh_review

Migration = Callable[[Connection], None]
MIGRATIONS: list[Migration] = []

_registry_meta = MetaData()
applied = Table(
    "eventwire_migrations", _registry_meta,
    Column("name", String(255), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_initial(conn: Connection) -> None:
    t.metadata.create_all(conn, tables=[
        t.articles, t.actors, t.actor_mentions, t.events, t.event_actors,
        t.quotes, t.places, t.dates, t.ingest_errors,
    ])



@migration
def m002_corrections(conn: Connection) -> None:
    t.metadata.create_all(conn, tables=[t.corrections])

@migration
def m003_stories(conn: Connection) -> None:
    t.metadata.create_all(conn, tables=[t.event_clusters, t.event_cluster_members, t.stories, t.story_articles])


@migration
def m004_feeds_alerts(conn: Connection) -> None:
    t.metadata.create_all(conn, tables=[t.feeds, t.fetched_urls, t.alerts])


@migration
def m005_actor_facts(conn: Connection) -> None:
    t.metadata.create_all(conn, tables=[t.actor_facts])


@migration
def m006_article_sources(conn: Connection) -> None:
    """Every outlet of every article (#18); the articles stored before it get their own outlet."""
    t.metadata.create_all(conn, tables=[t.article_sources])
    a = t.articles
    rows = [{"article_id": r.id, "source_domain": r.source_domain.lower(), "url": r.url, "published": r.published,
             "seen_at": r.ingested_at}
            for r in conn.execute(select(a.c.id, a.c.source_domain, a.c.url, a.c.published, a.c.ingested_at)
                                  .where(a.c.source_domain.is_not(None)))]
    if rows:
        conn.execute(insert(t.article_sources), rows)


@migration
def m007_event_reviews(conn: Connection) -> None:
    """The current corrected values of reviewed events (#19), for corrections recorded before them."""
    t.metadata.create_all(conn, tables=[t.event_reviews, t.event_review_actors])
    c = t.corrections
    for event_id in conn.execute(select(c.c.event_id).where(c.c.event_id.is_not(None)).distinct()).scalars().all():
        refresh_review(conn, event_id)


@migration
def m008_stories_pending(conn: Connection) -> None:
    """Articles awaiting their stories (#19). Those stored before it: ``eventwire stories --update``."""
    t.metadata.create_all(conn, tables=[t.stories_pending])


def migrate(conn: Connection) -> list[str]:
    """Apply every migration not yet recorded; RETURNS the names applied now."""
    _registry_meta.create_all(conn)
    done = {row.name for row in conn.execute(applied.select())}
    ran = []
    for fn in MIGRATIONS:
        if fn.__name__ not in done:
            fn(conn)
            conn.execute(applied.insert().values(name=fn.__name__, applied_at=dt.datetime.now(dt.timezone.utc)))
            ran.append(fn.__name__)
    return ran


def table_names(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())
