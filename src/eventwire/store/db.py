"""The Store: write Documents transactionally, query events and actors back.

SQLite (the default, in WAL mode) and PostgreSQL through the same SQLAlchemy Core
statements. All writes of one batch happen in one transaction, so a crash leaves either
the whole batch or none of it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, delete, event, exists, func, insert, or_, select
from sqlalchemy.engine import Connection, Engine

from .. import __version__
from ..errors import ItemError
from ..schema import Actor, ActorRef, Article, Document
from . import tables as t
from .bulk import insert_rows
from .migrations import migrate
from .rows import (BRIEF_COLUMNS, actors_of, article_outlets, brief_event_dict, dicts, document_rows, event_dict,
                   jsonable, now, read_document)
from .current import current_events, current_query
from .review import current_event

log = logging.getLogger(__name__)

# Stored with each article: a changed pipeline re-processes the article on re-ingest.
PIPELINE_VERSION = __version__


@dataclass
class WriteResult:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    new_outlets: int = 0  # stored articles seen now at an outlet they had not been seen at (#18)

    def __iadd__(self, other: "WriteResult") -> "WriteResult":
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.events += other.events
        self.new_outlets += other.new_outlets
        return self


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            if ":memory:" not in url and url != "sqlite://":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class Store:
    """The event store behind the CLI, the web app and the engines.

    url (str): SQLAlchemy URL, e.g. ``sqlite:///eventwire.db`` or ``postgresql+psycopg://...``.
    """

    def __init__(self, url: str = "sqlite:///eventwire.db") -> None:
        self.url = url
        self.engine = make_engine(url)
        with self.engine.begin() as conn:
            migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ writes
    def article_versions(self, ids: Iterable[str]) -> dict[str, str]:
        """The stored pipeline version of each of ``ids`` that is already in the store."""
        ids = list(ids)
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.articles.c.id, t.articles.c.pipeline_version).where(t.articles.c.id.in_(ids)))
            return {r.id: r.pipeline_version for r in rows}

    def write_documents(self, docs: Sequence[Document], version: str = PIPELINE_VERSION) -> WriteResult:
        """Write a batch of Documents in one transaction (idempotent by article id).

        An article already stored with the same pipeline version is left untouched; one
        stored by another version has its derived rows replaced.
        RETURNS (WriteResult): counts of added, replaced and unchanged articles.
        """
        result = WriteResult()
        seen: set[str] = set()
        with self.engine.begin() as conn:
            stored = self._versions(conn, [d.article.id for d in docs])
            todo, unchanged = [], []
            for doc in docs:
                aid = doc.article.id
                if aid in seen or stored.get(aid) == version:
                    result.unchanged += 1
                    unchanged.append(doc.article)
                    continue
                seen.add(aid)
                if aid in stored:
                    self._delete_article(conn, aid)
                    result.replaced += 1
                else:
                    result.added += 1
                todo.append(doc)
                result.events += len(doc.events)
            self._insert_documents(conn, todo, version)
            # In this transaction: an article is never stored without being owed its stories.
            self._owe_stories(conn, [d.article.id for d in todo])
            self._add_sources(conn, [d.article for d in todo])
            result.new_outlets += len(self._add_sources(conn, unchanged))
        return result

    def _owe_stories(self, conn: Connection, article_ids: list[str]) -> None:
        if not article_ids:
            return
        p = t.stories_pending
        known = set(conn.execute(select(p.c.article_id).where(p.c.article_id.in_(article_ids))).scalars())
        at = now()
        rows = [{"article_id": aid, "written_at": at} for aid in article_ids if aid not in known]
        if rows:
            insert_rows(conn, p, rows)

    def stories_pending(self) -> list[str]:
        """Articles written but not yet assigned to stories (a killed run's), first written first."""
        p = t.stories_pending
        with self.engine.connect() as conn:
            return list(conn.execute(select(p.c.article_id).order_by(p.c.written_at, p.c.article_id)).scalars())

    def add_sources(self, articles: Iterable[Article]) -> int:
        """Record the outlet each article was seen at, once per (article, outlet).

        The same text from a second outlet is the same article (its id is a hash of the
        text), so instead of being skipped as already stored it adds its outlet here.
        articles (Iterable[Article]): articles as read; those without an outlet are ignored.
        RETURNS (int): the number of (article, outlet) pairs new to the store.
        """
        with self.engine.begin() as conn:
            return len(self._add_sources(conn, list(articles)))

    def _add_sources(self, conn: Connection, articles: Sequence[Article]) -> set[tuple[str, str]]:
        wanted: dict[tuple[str, str], Article] = {}
        for a in articles:
            if a.source_domain:
                wanted.setdefault((a.id, a.source_domain.lower()), a)
        if not wanted:
            return set()
        s = t.article_sources
        ids = sorted({aid for aid, _ in wanted})
        known: set[tuple[str, str]] = set()
        for start in range(0, len(ids), 500):  # stay under SQL parameter limits
            known.update(conn.execute(select(s.c.article_id, s.c.source_domain)
                                      .where(s.c.article_id.in_(ids[start:start + 500]))).tuples())
        new = {key: a for key, a in wanted.items() if key not in known}
        if new:
            at = now()
            insert_rows(conn, s, [{"article_id": aid, "source_domain": domain, "url": a.url,
                                   "published": a.published, "seen_at": at} for (aid, domain), a in new.items()])
        return set(new)

    def outlets(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        """The outlets each article was seen at, first seen first (see ``article_outlets``)."""
        with self.engine.connect() as conn:
            return article_outlets(conn, article_ids)

    def write_errors(self, errors: Iterable[ItemError]) -> int:
        """Record per-item errors; the same error for the same item is recorded once.

        RETURNS (int): the number of new error rows.
        """
        errors = list(errors)
        if not errors:
            return 0
        with self.engine.begin() as conn:
            known = {
                (r.origin, r.code) for r in conn.execute(
                    select(t.ingest_errors.c.origin, t.ingest_errors.c.code)
                    .where(t.ingest_errors.c.origin.in_([e.origin for e in errors])))
            }
            rows, seen = [], set(known)
            for e in errors:
                if (e.origin, e.code) not in seen:
                    seen.add((e.origin, e.code))
                    rows.append({"origin": e.origin, "code": e.code, "message": e.message, "at": now()})
            if rows:
                conn.execute(insert(t.ingest_errors), rows)
        return len(rows)

    def _versions(self, conn: Connection, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = conn.execute(select(t.articles.c.id, t.articles.c.pipeline_version).where(t.articles.c.id.in_(ids)))
        return {r.id: r.pipeline_version for r in rows}

    def _delete_article(self, conn: Connection, article_id: str) -> None:
        # Explicit deletes rather than relying on ON DELETE CASCADE, which SQLite only
        # honours with foreign_keys=ON on every connection.
        event_ids = select(t.events.c.id).where(t.events.c.article_id == article_id)
        conn.execute(delete(t.event_actors).where(t.event_actors.c.event_id.in_(event_ids)))
        for table in t.DERIVED[1:]:
            conn.execute(delete(table).where(table.c.article_id == article_id))
        conn.execute(delete(t.articles).where(t.articles.c.id == article_id))

    def _upsert_actors(self, conn: Connection, actors: Iterable[Actor | ActorRef]) -> None:
        by_id: dict[str, dict[str, Any]] = {}
        for a in actors:
            if a.id not in by_id:  # the first one wins; most are repeats, not worth a row dict
                by_id[a.id] = {
                    "id": a.id, "name": a.name, "country": a.country, "sector": a.sector,
                    "kind": getattr(a, "kind", None), "role": getattr(a, "role", None),
                    "kb_id": getattr(a, "kb_id", None),
                }
        if not by_id:
            return
        existing = {r.id for r in conn.execute(select(t.actors.c.id).where(t.actors.c.id.in_(list(by_id))))}
        new = [row for key, row in by_id.items() if key not in existing]
        if new:
            insert_rows(conn, t.actors, new)

    def _insert_documents(self, conn: Connection, docs: Sequence[Document], version: str) -> None:
        # One executemany per table for the whole batch, not several statements per
        # document: under n_process > 1 this process writes while the workers parse.
        if not docs:
            return
        rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for doc in docs:
            document_rows(doc, version, rows)
        insert_rows(conn, t.articles, rows.pop(t.articles))
        self._upsert_actors(conn, [actor for doc in docs for actor in actors_of(doc)])
        for table in (t.actor_mentions, t.actor_facts, t.events, t.event_actors, t.quotes, t.places, t.dates):
            if rows.get(table):
                insert_rows(conn, table, rows[table])

    # ------------------------------------------------------------------ reads
    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (what a summary or a test compares)."""
        with self.engine.connect() as conn:
            return {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (t.articles, t.actors, t.actor_mentions, t.events, t.event_actors,
                              t.quotes, t.places, t.dates, t.ingest_errors)
            }

    def events(
        self,
        *,
        actor: str | None = None,
        actor_contains: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        source: str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events matching every given filter, newest date first, as JSON-ready dicts.

        Reviewers' corrections apply in the query (``store.current``), before LIMIT and
        OFFSET: pages of any size give each corrected event once; the stored coding is
        never changed.

        actor (str): an actor's id, name or alias, whole and case-insensitive, either side.
        actor_contains (str): a substring of an actor's name or mention, either side.
        type (str): PLOVER type(s), comma-separated. country (str): ISO3 of either side.
        since/until (str): ISO dates, inclusive. source (str): the article's source domain.
        RETURNS (list[dict]): events in the ``extract`` JSON shape plus ``article_id``.
        """
        filters = dict(actor=actor, actor_contains=actor_contains, type=type, status=status, since=since,
                       until=until, country=country, source=source, article_id=article_id)
        with self.engine.connect() as conn:
            query = current_query(conn, **filters).offset(offset)
            if limit is not None:
                query = query.limit(limit)
            return current_events(conn, [dict(r._mapping) for r in conn.execute(query)], self.with_actors)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event by id, with its corrections applied (added "-rN" events too).

        RETURNS (dict | None): the event in the ``events`` shape; None if unknown or rejected.
        """
        with self.engine.connect() as conn:
            return current_event(self, conn, event_id)

    def events_of_articles(self, article_ids: Iterable[str], *, brief: bool = False) -> list[dict[str, Any]]:
        """``events(article_id=i)`` for each id in turn, concatenated, in one query.

        The stories update re-reads hundreds of neighbouring articles per batch; one
        query per article was most of its cost. With corrections stored, they apply in
        the query as in ``events``.

        article_ids (Iterable[str]): the articles, in the order wanted.
        brief (bool): only the fields event clustering reads (``BRIEF_COLUMNS``, as
            ``event_loc`` its name only, and the actors): a third of the columns to read
            and convert. With corrections stored, whole events all the same.
        RETURNS (list[dict]): their events, article by article, newest date first within one.
        """
        ids = list(dict.fromkeys(article_ids))
        e = t.events
        columns = [e.c[name] for name in BRIEF_COLUMNS] if brief else [e]
        order = {aid: n for n, aid in enumerate(ids)}
        with self.engine.connect() as conn:
            reviewed = conn.execute(select(exists().where(t.event_reviews.c.event_id.is_not(None)))).scalar()
            rows: list[dict[str, Any]] = []
            for start in range(0, len(ids), 500):  # stay under SQL parameter limits
                chunk = ids[start:start + 500]
                if reviewed:
                    rows += current_events(conn, dicts(conn.execute(current_query(conn, article_ids=chunk))),
                                           self.with_actors)
                else:
                    rows += dicts(conn.execute(select(*columns).where(e.c.article_id.in_(chunk))
                                                .order_by(e.c.date.desc().nulls_last(), e.c.id)))
            rows.sort(key=lambda r: order[r["article_id"]])  # stable: keeps the date order
            return rows if reviewed else self.with_actors(conn, rows, brief_event_dict if brief else event_dict)

    def with_actors(self, conn: Connection, rows: list[dict[str, Any]],
                    build: Callable[..., dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Join event rows with their actors: the actor-join the event reads and the review share.

        conn (Connection): an open connection.
        rows (list[dict]): ``events`` table rows.
        build (callable | None): builds an event from ``(row, roles)``; default ``rows.event_dict``.
        RETURNS (list[dict]): the events, in the rows' order, with ``actor`` and ``recipient`` lists.
        """
        ids = [r["id"] for r in rows]
        roles: dict[str, dict[str, list[dict[str, Any]]]] = {i: {"actor": [], "recipient": []} for i in ids}
        if ids:
            ea = t.event_actors
            q = (select(ea.c.event_id, ea.c.role, t.actors.c.name, ea.c.code, ea.c.country, ea.c.sector,
                        ea.c.text, ea.c.actor_id)
                 .join(t.actors, t.actors.c.id == ea.c.actor_id)
                 .where(ea.c.event_id.in_(ids))
                 .order_by(ea.c.event_id, ea.c.position))
            # Unpacked as tuples: Row attribute access cost more than the query (stories
            # read thousands of event actors per update).
            for event_id, role, name, code, country, sector, text, actor_id in conn.execute(q).all():
                roles[event_id][role].append({
                    "name": name, "code": code, "country": country, "sector": sector, "text": text, "id": actor_id,
                })
        build = build or event_dict
        return [build(r, roles[r["id"]]) for r in rows]

    def actors(self, *, query: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Actors with their mention and event counts, most mentioned first."""
        m_count = (select(t.actor_mentions.c.actor_id, func.count().label("mentions"),
                          func.count(func.distinct(t.actor_mentions.c.article_id)).label("articles"))
                   .group_by(t.actor_mentions.c.actor_id).subquery())
        e_count = (select(t.event_actors.c.actor_id, func.count(func.distinct(t.event_actors.c.event_id)).label("events"))
                   .group_by(t.event_actors.c.actor_id).subquery())
        q = (select(t.actors, func.coalesce(m_count.c.mentions, 0).label("mentions"),
                    func.coalesce(m_count.c.articles, 0).label("articles"),
                    func.coalesce(e_count.c.events, 0).label("events"))
             .outerjoin(m_count, m_count.c.actor_id == t.actors.c.id)
             .outerjoin(e_count, e_count.c.actor_id == t.actors.c.id)
             .order_by(func.coalesce(e_count.c.events, 0).desc(), func.coalesce(m_count.c.mentions, 0).desc(), t.actors.c.name))
        if query:
            q = q.where(or_(func.lower(t.actors.c.name).like(f"%{query.lower()}%"), t.actors.c.id == query.lower()))
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One actor with all aliases seen and per-article attributes."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.actors).where(t.actors.c.id == actor_id)).first()
            if row is None:
                return None
            aliases = conn.execute(
                select(t.actor_mentions.c.text, func.count().label("n"))
                .where(t.actor_mentions.c.actor_id == actor_id)
                .group_by(t.actor_mentions.c.text).order_by(func.count().desc())
            )
            return {**dict(row._mapping), "aliases": [{"text": a.text, "count": a.n} for a in aliases]}

    def actor_facts(self, actor_id: str) -> list[dict[str, Any]]:
        """Candidate facts about an actor learned from article text, with their articles."""
        q = (select(t.actor_facts, t.articles.c.title, t.articles.c.published)
             .join(t.articles, t.articles.c.id == t.actor_facts.c.article_id)
             .where(t.actor_facts.c.actor_id == actor_id).order_by(t.articles.c.published, t.actor_facts.c.id))
        with self.engine.connect() as conn:
            return [jsonable(dict(r._mapping)) for r in conn.execute(q)]

    def articles(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        q = (select(t.articles.c.id, t.articles.c.title, t.articles.c.url, t.articles.c.source_domain,
                    t.articles.c.published, t.articles.c.origin)
             .order_by(t.articles.c.published.desc().nulls_last(), t.articles.c.id).offset(offset))
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [jsonable(dict(r._mapping)) for r in conn.execute(q)]

    def errors(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [jsonable(dict(r._mapping)) for r in conn.execute(select(t.ingest_errors).order_by(t.ingest_errors.c.id))]

    def document(self, article_id: str) -> Document | None:
        """Rebuild the Document of a stored article (what ``extract`` printed for it)."""
        with self.engine.connect() as conn:
            return read_document(conn, article_id, self.with_actors)
