"""Persistence of event clusters and stories, updated incrementally after each ingest batch.

``update_stories`` never re-reads the whole store: it takes the events of the new
articles, fetches the stored events that share an actor (or a country) with them within
a date window, re-clusters that neighbourhood and replaces only the clusters it touched.
Stories are then assigned article by article against the stories of that neighbourhood.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import and_, bindparam, delete, func, or_, select, true, update

from ..store import Store
from ..store.rows import article_outlets
from ..store import tables as t
from ..store.bulk import insert_rows
from .clustering import (MAX_STORY_TEXTS, ArticleFeatures, StoryState, article_idf, assign, new_story_id,
                         shares_actor_or_event, story_title)
from .dedup import cluster_events, date_range
from .disagreements import lifecycle
from .reports import EventCluster

log = logging.getLogger(__name__)
_F = TypeVar("_F", bound=Callable[..., Any])

# Stored events this many days around the new ones are re-clustered with them.
NEIGHBOURHOOD_DAYS = 10
# At most this many stored articles are re-clustered with one batch.
MAX_NEIGHBOURHOOD = 500
# Article text is cut here for story similarity: the lead carries the story.
TEXT_CHARS = 3000


@dataclass
class StoriesUpdate:
    """What one ``update_stories`` call changed."""

    articles: int = 0
    clusters: int = 0
    stories_new: int = 0
    stories_joined: int = 0


def _collector_paused(func: _F) -> _F:
    """Run ``func`` with Python's cyclic garbage collector paused, then restore it.

    An update builds tens of thousands of container objects (event dicts, reports,
    clusters, rows) that stay alive until it returns, so collections during it free
    nothing; yet each walks them, and the survivors they promote trigger full
    collections of the whole process heap: a fifth of the update's CPU on the benchmark corpus.
    Reference counting frees them when the update returns; a cycle, if any, waits for
    the next collection. The collector is process-wide, so it is re-enabled only if it
    was enabled before (another thread's allocations also wait for that moment).
    """
    @functools.wraps(func)
    def paused(*args: Any, **kwargs: Any) -> Any:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return paused  # type: ignore[return-value]


@_collector_paused
def update_stories(store: Store, article_ids: Iterable[str]) -> StoriesUpdate:
    """Re-cluster the events around newly stored articles and assign them to stories.

    store (Store): the event store (its tables include m003_stories).
    article_ids (Iterable[str]): the articles just written (re-processed ones too).
    RETURNS (StoriesUpdate): counts of what changed.

    DOCS: call after ``Store.write_documents`` (``eventwire.jobs.ingest`` does).
    """
    new_ids = sorted(set(article_ids))
    result = StoriesUpdate(articles=len(new_ids))
    if not new_ids:
        return result
    with store.engine.connect() as conn:
        affected = _neighbourhood(conn, new_ids)
    events = store.events_of_articles(sorted(affected), brief=True)
    with store.engine.begin() as conn:
        meta = _article_meta(conn, affected)
        kinds = _kinds(conn, {r["id"] for e in events for r in (*e["actor"], *e["recipient"])})
        clusters = cluster_events(events, meta, kinds=kinds)
        _delete_clusters(conn, affected)
        result.clusters = len(clusters)
        written = _Written.of(affected, clusters)
        touched = _assign_stories(conn, new_ids, affected, written, meta, result)
        # Re-clustered neighbours keep their stories: refresh those too, so their
        # (re-created) clusters are tagged again.
        touched |= set(conn.execute(select(t.story_articles.c.story_id)
                                    .where(t.story_articles.c.article_id.in_(sorted(affected)))).scalars())
        story_of_cluster = _refresh_stories(conn, touched, written)
        # The new clusters are written with their story; nothing above reads them back
        # (``written`` stands for them), so writing them last spares updating each one.
        _insert_clusters(conn, clusters, story_of_cluster)
        _tag_clusters(conn, {cid: sid for cid, sid in story_of_cluster.items() if cid not in written.actors_of})
        # Owed no more, in the transaction that assigned them (see ``tables.stories_pending``).
        for start in range(0, len(new_ids), 500):
            conn.execute(delete(t.stories_pending).where(t.stories_pending.c.article_id.in_(new_ids[start:start + 500])))
    log.info("stories: %d articles, %d clusters, %d new stories", len(new_ids), result.clusters, result.stories_new)
    return result


def after_batch(store: Store, written: Iterable[Any]) -> StoriesUpdate | None:
    """The ingest hook: ``update_stories`` for written articles, never failing the ingest.

    written (Iterable): article ids, or Documents.
    Stories are derived data: if they cannot be updated now, the articles are safely
    stored and ``eventwire stories --update`` assigns them later.
    """
    try:
        return update_stories(store, [w if isinstance(w, str) else w.article.id for w in written])
    except Exception:  # noqa: BLE001 - a stories bug must not lose an ingest batch
        log.exception("updating stories failed; the batch is stored, run `eventwire stories --update` later")
        return None


def update_unassigned(store: Store, *, batch_size: int = 200) -> StoriesUpdate:
    """Run ``update_stories`` over stored articles that have no story yet or still await
    an update (``stories_pending``), oldest first.

    For stores filled before stories existed, or by an ingest without the hook.
    """
    a, sa, p = t.articles, t.story_articles, t.stories_pending
    with store.engine.connect() as conn:
        ids = list(conn.execute(select(a.c.id).where(or_(a.c.id.notin_(select(sa.c.article_id)),
                                                         a.c.id.in_(select(p.c.article_id))))
                                .order_by(a.c.published, a.c.id)).scalars())
    total = StoriesUpdate()
    for start in range(0, len(ids), batch_size):
        done = update_stories(store, ids[start:start + batch_size])
        total.articles += done.articles
        total.clusters += done.clusters
        total.stories_new += done.stories_new
        total.stories_joined += done.stories_joined
    return total


# ---------------------------------------------------------------- neighbourhood
def _neighbourhood(conn: Any, new_ids: list[str]) -> set[str]:
    """The new articles plus stored articles that could share an event or story with them.

    Only events of the same PLOVER type within the date window can merge, so only those
    are fetched: sharing an actor, or a country (a state and its government merge). When
    that is still more than MAX_NEIGHBOURHOOD articles (a firehose of "United States"
    events), country sharing is dropped and then the most recent articles are kept, so
    the cost of a batch stays bounded however large the store grows.
    """
    e, ea, a = t.events, t.event_actors, t.articles
    rows = conn.execute(select(e.c.date, e.c.event, ea.c.actor_id, ea.c.country, a.c.published)
                        .join(ea, ea.c.event_id == e.c.id).join(a, a.c.id == e.c.article_id)
                        .where(e.c.article_id.in_(new_ids))).all()
    affected = set(new_ids)
    # Columns, not rows: one row per event actor (thousands), and only sets are needed.
    columns = list(zip(*rows)) or [()] * 5
    dates, events, actors, countries, published = (set(column) for column in columns)
    days = [d for date in dates for d in (date_range(date) or ())] + [p for p in published if p]
    if rows:
        if days:
            lo = min(days) - dt.timedelta(days=NEIGHBOURHOOD_DAYS)
            hi = max(days) + dt.timedelta(days=NEIGHBOURHOOD_DAYS)
            in_window = or_(and_(e.c.date >= lo.isoformat(), e.c.date <= hi.isoformat() + "\uffff"),
                            and_(a.c.published >= lo, a.c.published <= hi))
        else:
            # Nothing dates these articles (no publication date, no date in the text): the
            # most recent articles sharing their actors stand for the window, so an
            # undated article still meets its story (#18) at the same bounded cost.
            in_window = true()
        types = sorted(events)
        actor_ids = sorted(actors)
        countries = sorted(c for c in countries if c)
        for shares in ([ea.c.actor_id.in_(actor_ids), ea.c.country.in_(countries)], [ea.c.actor_id.in_(actor_ids)]):
            query = (select(e.c.article_id, func.max(a.c.published).label("published"))
                     .join(ea, ea.c.event_id == e.c.id).join(a, a.c.id == e.c.article_id)
                     .where(or_(*shares), e.c.event.in_(types), in_window)
                     .group_by(e.c.article_id)
                     .order_by(func.max(a.c.published).desc().nulls_last(), e.c.article_id)
                     .limit(MAX_NEIGHBOURHOOD + 1))
            found = list(conn.execute(query).scalars())
            if len(found) <= MAX_NEIGHBOURHOOD:
                break
        affected |= set(found[:MAX_NEIGHBOURHOOD])
    # Whole clusters are recomputed, so pull in every article of a cluster we touch.
    m = t.event_cluster_members
    for _ in range(4):  # clusters share articles, so this converges; the bound keeps it cheap
        more = set(conn.execute(select(m.c.article_id).distinct().where(m.c.cluster_id.in_(
            select(m.c.cluster_id).where(m.c.article_id.in_(sorted(affected)))))).scalars())
        if more <= affected:
            break
        affected |= more
    return affected


def _article_meta(conn: Any, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    a = t.articles
    rows = conn.execute(select(a.c.id, a.c.source_domain, a.c.published, a.c.title, a.c.text)
                        .where(a.c.id.in_(sorted(ids))))
    keys = list(rows.keys())
    meta = {r.id: dict(zip(keys, r)) for r in rows.all()}
    for aid, outlets in article_outlets(conn, meta).items():
        meta[aid]["sources"] = outlets
    return meta


def _kinds(conn: Any, ids: set[str]) -> dict[str, str | None]:
    if not ids:
        return {}
    return dict(conn.execute(select(t.actors.c.id, t.actors.c.kind).where(t.actors.c.id.in_(sorted(ids)))).all())


# ---------------------------------------------------------------- writes
def _delete_clusters(conn: Any, affected: set[str]) -> None:
    """Delete the clusters of the affected articles, with all their memberships."""
    m, c = t.event_cluster_members, t.event_clusters
    old = select(m.c.cluster_id).where(m.c.article_id.in_(sorted(affected))).scalar_subquery()
    conn.execute(delete(c).where(c.c.id.in_(old)))
    conn.execute(delete(m).where(m.c.cluster_id.notin_(select(c.c.id))))
    conn.execute(delete(m).where(m.c.article_id.in_(sorted(affected))))


def _insert_clusters(conn: Any, clusters: list[EventCluster], story_of_cluster: dict[str, str]) -> None:
    """Insert clusters and their memberships (one per report), tagged with their story if any."""
    m, c = t.event_cluster_members, t.event_clusters
    if not clusters:
        return
    insert_rows(conn, c, [{
        "id": cl.id, "story_id": story_of_cluster.get(cl.id), "event": cl.event, "status": cl.status,
        "date": cl.date, "date_end": cl.date_end, "loc_name": cl.loc_name, "actors": json.dumps(cl.actors),
        "num_sources": cl.num_sources, "num_articles": cl.num_articles, "first_report": cl.first_report,
        "last_report": cl.last_report,
        "flags": json.dumps({"flags": cl.flags, "lifecycle": lifecycle(cl)}),
    } for cl in clusters])
    insert_rows(conn, m, [
        {"cluster_id": cl.id, "event_id": eid, "article_id": r.article_id, "report": json.dumps(r.to_dict())}
        for cl in clusters for r in cl.reports for eid in r.event_ids[:1]
    ])


def _tag_clusters(conn: Any, story_of_cluster: dict[str, str]) -> None:
    """Set the story of stored clusters."""
    if story_of_cluster:
        c = t.event_clusters
        conn.execute(update(c).where(c.c.id == bindparam("cluster")).values(story_id=bindparam("story")),
                     [{"cluster": cid, "story": sid} for cid, sid in story_of_cluster.items()])


@dataclass
class _Written:
    """The event clusters an update stores, indexed as the story steps would read them back.

    Every membership row of an affected article is (re)written from these clusters (one
    row per report, holding its participants; see ``_insert_clusters``), so for those
    articles this is what the rows hold, without writing them first and decoding
    thousands of report and actor JSONs back.
    """

    clusters_of: dict[str, set[str]]  # affected article -> ids of its clusters
    participants_of: dict[str, set[str]]  # affected article -> participants of its reports
    actors_of: dict[str, list[dict[str, Any]]]  # cluster id -> its actors, as stored

    @classmethod
    def of(cls, affected: set[str], clusters: list[EventCluster]) -> "_Written":
        written = cls({i: set() for i in affected}, {i: set() for i in affected}, {})
        for cl in clusters:
            written.actors_of[cl.id] = cl.actors
            for r in cl.reports:
                written.clusters_of[r.article_id].add(cl.id)
                written.participants_of[r.article_id].update(r.participants)
        return written


def _features(conn: Any, ids: Iterable[str], meta: dict[str, dict[str, Any]],
              written: _Written) -> dict[str, ArticleFeatures]:
    """Story features of stored articles: their clusters and those clusters' participants
    (of the articles being re-clustered: from ``written``, of others: read)."""
    ids = sorted(set(ids))
    clusters: dict[str, set[str]] = defaultdict(set)
    actors: dict[str, set[str]] = defaultdict(set)
    for i in ids:
        if i in written.clusters_of:
            clusters[i], actors[i] = written.clusters_of[i], written.participants_of[i]
    stored = [i for i in ids if i not in written.clusters_of]
    if stored:
        m = t.event_cluster_members
        for article_id, cluster_id, report in conn.execute(
                select(m.c.article_id, m.c.cluster_id, m.c.report).where(m.c.article_id.in_(stored))).all():
            clusters[article_id].add(cluster_id)
            actors[article_id].update(json.loads(report)["participants"])
    missing = [i for i in ids if i not in meta]
    meta = {**meta, **(_article_meta(conn, missing) if missing else {})}
    out = {}
    for i in ids:
        info = meta.get(i)
        if info is None:
            continue
        published = info["published"]
        out[i] = ArticleFeatures(
            article_id=i, published=published if isinstance(published, dt.date) else None,
            source=info["source_domain"], actors=frozenset(actors[i]), clusters=frozenset(clusters[i]),
            text=((info["title"] or "") + "\n" + (info["text"] or ""))[:TEXT_CHARS], title=info["title"])
    return out


def _assign_stories(conn: Any, new_ids: list[str], affected: set[str],
                    written: _Written, meta: dict[str, dict[str, Any]],
                    result: StoriesUpdate) -> set[str]:
    sa = t.story_articles
    previous = set(conn.execute(select(sa.c.story_id).where(sa.c.article_id.in_(new_ids))).scalars())
    conn.execute(delete(sa).where(sa.c.article_id.in_(new_ids)))
    # Candidate stories: those of the neighbourhood (shared actor, date window) only.
    members: dict[str, list[str]] = defaultdict(list)
    for story_id, article_id in conn.execute(
            select(sa.c.story_id, sa.c.article_id).where(sa.c.article_id.in_(sorted(affected - set(new_ids))))).all():
        members[story_id].append(article_id)
    recent: dict[str, list[str]] = {}
    if members:
        a = t.articles
        q = (select(sa.c.story_id, sa.c.article_id).join(a, a.c.id == sa.c.article_id)
             .where(sa.c.story_id.in_(sorted(members))).order_by(a.c.published, a.c.id))
        for story_id, article_id in conn.execute(q).all():
            recent.setdefault(story_id, []).append(article_id)
    feats = _features(conn, {*new_ids, *(i for ids in recent.values() for i in ids[-MAX_STORY_TEXTS:])}, meta, written)
    stories = {sid: StoryState(id=sid, articles=[feats[i] for i in ids[-MAX_STORY_TEXTS:] if i in feats])
               for sid, ids in recent.items()}
    touched = set(previous)
    idf = article_idf(feats.values())
    rows = []
    for art in sorted((feats[i] for i in new_ids if i in feats), key=lambda f: (f.published or dt.date.max, f.article_id)):
        candidates = [s for s in stories.values() if shares_actor_or_event(art, s)]
        best, score = assign(art, candidates, idf=idf)
        if best is None:
            best = StoryState(id=new_story_id(art.article_id))
            stories[best.id] = best
            result.stories_new += 1
        else:
            result.stories_joined += 1
        best.add(art)
        rows.append({"article_id": art.article_id, "story_id": best.id, "score": round(score, 3)})
        touched.add(best.id)
    if rows:  # one executemany: nothing above reads story_articles back
        insert_rows(conn, sa, rows)
    return touched


def _refresh_stories(conn: Any, story_ids: set[str], written: _Written) -> dict[str, str]:
    """Recompute the summary row of each touched story; return the story of each of their
    event clusters (for the caller to tag them).

    Reads are done for all touched stories at once (a batch touches hundreds of them):
    their articles, their articles' clusters and those clusters' actors (all but those
    ``written`` holds).
    """
    sa, a, s, c, m = t.story_articles, t.articles, t.stories, t.event_clusters, t.event_cluster_members
    sids = sorted(story_ids)
    if not sids:
        return {}
    articles: dict[str, list[Any]] = defaultdict(list)
    for r in conn.execute(select(sa.c.story_id, a.c.id, a.c.title, a.c.published, a.c.source_domain)
                          .join(sa, sa.c.article_id == a.c.id).where(sa.c.story_id.in_(sids))
                          .order_by(sa.c.story_id, a.c.published, a.c.id)):
        articles[r.story_id].append(r)
    conn.execute(delete(s).where(s.c.id.in_(sids)))
    article_ids = {r.id for rows in articles.values() for r in rows}
    clusters_of: dict[str, set[str]] = defaultdict(set)
    clusters_of.update((i, written.clusters_of[i]) for i in article_ids & written.clusters_of.keys())
    stored = sorted(article_ids - written.clusters_of.keys())
    if stored:
        for article_id, cluster_id in conn.execute(select(m.c.article_id, m.c.cluster_id)
                                                   .where(m.c.article_id.in_(stored))).all():
            clusters_of[article_id].add(cluster_id)
    actors_of = dict(written.actors_of)
    unwritten = sorted({cid for cids in clusters_of.values() for cid in cids} - actors_of.keys())
    if unwritten:
        actors_of.update((cid, json.loads(actors or "[]")) for cid, actors in conn.execute(
            select(c.c.id, c.c.actors).where(c.c.id.in_(unwritten))).all())
    outlets = article_outlets(conn, article_ids)
    summaries, story_of_cluster = [], {}
    now = dt.datetime.now(dt.timezone.utc)
    for sid in sids:
        rows = articles.get(sid)
        if not rows:
            continue
        dates = [r.published for r in rows if r.published]
        cluster_ids = sorted({cid for r in rows for cid in clusters_of.get(r.id, ())})
        keys: Counter[str] = Counter()
        names: dict[str, str] = {}
        for cid in cluster_ids:
            for actor in actors_of.get(cid, ()):
                keys[actor["key"]] += actor["reports"]
                names.setdefault(actor["key"], actor["name"])
        summaries.append(dict(
            id=sid, title=story_title(rows), first_date=min(dates) if dates else None,
            last_date=max(dates) if dates else None, num_articles=len(rows),
            num_sources=len({o for r in rows for o in outlets.get(r.id) or [f"article:{r.id}"]}),
            actors=json.dumps([names[k] for k, _ in keys.most_common(10)]), updated_at=now))
        # A cluster shared by two stories ends up tagged with the later one, as before.
        story_of_cluster.update(dict.fromkeys(cluster_ids, sid))
    if summaries:
        insert_rows(conn, s, summaries)
    return story_of_cluster
