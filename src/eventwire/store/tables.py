"""The store's tables, in SQLAlchemy Core (portable between SQLite and PostgreSQL).

Every derived row (mentions, events, quotes, places, dates) hangs off an article with
``ON DELETE CASCADE``, so re-processing an article replaces its rows in one transaction.
Actors are shared across articles and deduplicated by their canonical id.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint,
)

metadata = MetaData()


def _article_fk() -> Column:
    return Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)


articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("source_domain", String(255), index=True),
    Column("published", Date, index=True),
    Column("published_source", String(32)),
    Column("language", String(16)),
    Column("origin", Text),
    Column("external_id", Text),
    Column("body_start", Integer, nullable=False, default=0),
    Column("warnings", Text),  # JSON list of strings
    Column("pipeline_version", String(32), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

actors = Table(
    "actors", metadata,
    Column("id", String(255), primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", String(8), index=True),
    Column("sector", String(8)),
    Column("kind", String(32)),
    Column("role", Text),
    Column("kb_id", String(255)),
)

actor_mentions = Table(
    "actor_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("actor_id", String(255), ForeignKey("actors.id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("resolution", Text),
    # The actor's attributes as resolved in *this* article (roles change over time).
    Column("country", String(8)),
    Column("sector", String(8)),
    Column("role", Text),
)

events = Table(
    "events", metadata,
    Column("id", String(64), primary_key=True),
    _article_fk(),
    Column("event", String(16), nullable=False, index=True),
    Column("mode", String(32)),
    Column("context", Text),  # JSON list
    Column("status", String(16), nullable=False, index=True),
    Column("cameo", String(8)),
    Column("quad_class", Integer),
    Column("intensity", Float),
    Column("date", String(32), index=True),
    Column("date_precision", String(16)),
    Column("date_text", Text),
    Column("loc_name", Text),
    Column("loc_country", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("rule", String(255), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("reported_by", String(255)),
    Column("status_cue", Text),
)

event_actors = Table(
    "event_actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(16), nullable=False),  # "actor" | "recipient"
    Column("actor_id", String(255), ForeignKey("actors.id"), nullable=False, index=True),
    Column("text", Text),
    Column("code", String(16)),
    Column("country", String(8)),
    Column("sector", String(8)),
    Column("position", Integer, nullable=False, default=0),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("speaker_id", String(255)),
    Column("speaker_name", Text),
    Column("speaker_text", Text),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("how", String(32)),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("name", Text, nullable=False),
    Column("country", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
    Column("feature", String(32)),
    Column("text", Text),
    Column("start", Integer),
    Column("end", Integer),
)

dates = Table(
    "dates", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", String(32)),
    Column("precision", String(16)),
    Column("note", Text),
)

ingest_errors = Table(
    "ingest_errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# The review audit trail: one row per human correction. No foreign keys on purpose:
# re-processing an article replaces its events, and the corrections must outlive that.
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), index=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("action", String(16), nullable=False),  # "reject" | "restore" | "modify" | "add"
    Column("changes", Text, nullable=False),  # JSON {field: {"from": old, "to": new}}
    Column("reviewer", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Live ingestion state (eventwire.feeds): what each feed returned last, so a restarted
# watcher sends conditional GETs and never fetches an ingested URL again.
feeds = Table(
    "feeds", metadata,
    Column("url", String(2048), primary_key=True),
    Column("kind", String(16)),  # "rss" | "atom" | "sitemap"
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("seen_items", Text),  # JSON list of the item URLs in the last good response
    Column("last_status", Integer),
    Column("last_checked_at", DateTime(timezone=True)),
    Column("last_ok_at", DateTime(timezone=True)),
    Column("failures", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("next_retry_at", DateTime(timezone=True)),
)

fetched_urls = Table(
    "fetched_urls", metadata,
    Column("url", String(2048), primary_key=True),
    Column("feed_url", String(2048), index=True),
    Column("state", String(16), nullable=False, index=True),  # ingested | duplicate | failed | rejected
    Column("final_url", Text),
    Column("http_status", Integer),
    Column("content_hash", String(64), index=True),  # sha256 of the body as fetched
    Column("article_id", String(64), index=True),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(32)),
    Column("error", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("fetched_at", DateTime(timezone=True)),
    Column("next_retry_at", DateTime(timezone=True)),
)

# Watchlist matches. No foreign keys, like corrections: an alert is a record of what was
# sent and must outlive re-processing of its article. (rule, event_id) makes firing idempotent.
alerts = Table(
    "alerts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule", String(255), nullable=False),
    Column("event_id", String(64), nullable=False, index=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("url", Text),
    Column("event", String(16)),
    Column("sentence", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("payload", Text, nullable=False),  # the alert as sent, JSON
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("rule", "event_id", name="uq_alerts_rule_event"),
)

# The current corrected values of each reviewed event (m007), derived from ``corrections``
# by ``store.current.refresh_review`` in the correction's transaction: reads apply them in
# SQL, before LIMIT and OFFSET. NULL means "as stored"; an added event has every value.
event_reviews = Table(
    "event_reviews", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("added", Boolean, nullable=False),
    Column("rejected", Boolean, nullable=False),
    Column("event", String(16)),
    Column("quad_class", Integer),  # of the corrected type; set with ``event``
    Column("mode", String(32)),
    Column("status", String(16)),
    Column("date", String(32)),
    Column("actor_set", Boolean, nullable=False),  # the actor side is in event_review_actors
    Column("recipient_set", Boolean, nullable=False),
    # Added events only (a stored event keeps its provenance):
    Column("date_precision", String(16)),
    Column("text", Text),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("evidence", Text),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("rule", String(255)),
)

# The corrected actor lists of reviewed events, one row per actor ref (names kept: a
# reviewer's new actor, "review:...", has no row in ``actors``).
event_review_actors = Table(
    "event_review_actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False, index=True),
    Column("role", String(16), nullable=False),
    Column("position", Integer, nullable=False),
    Column("actor_id", String(255), nullable=False, index=True),
    Column("name", Text),
    Column("code", String(16)),
    Column("country", String(8)),
    Column("sector", String(8)),
    Column("text", Text),
)

# Stories (m003): event clusters merge the reports of one real-world event across
# articles; stories group the articles. No foreign keys on purpose: they are derived and
# recomputed by ``eventwire.stories.update_stories`` after an article is (re)processed.
event_clusters = Table(
    "event_clusters", metadata,
    Column("id", String(64), primary_key=True),
    Column("story_id", String(64), index=True),
    Column("event", String(16), nullable=False),
    Column("status", String(16)),
    Column("date", String(32), index=True),
    Column("date_end", String(32)),
    Column("loc_name", Text),
    Column("actors", Text),  # JSON [{"key","name","reports"}]
    Column("num_sources", Integer, nullable=False),
    Column("num_articles", Integer, nullable=False),
    Column("first_report", Date),
    Column("last_report", Date),
    Column("flags", Text),  # JSON list of disagreements
)

event_cluster_members = Table(
    "event_cluster_members", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("cluster_id", String(64), nullable=False, index=True),
    Column("event_id", String(64), nullable=False, index=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("report", Text, nullable=False),  # JSON: what this article said (date, place, participants, ...)
)

stories = Table(
    "stories", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("first_date", Date, index=True),
    Column("last_date", Date, index=True),
    Column("num_articles", Integer, nullable=False),
    Column("num_sources", Integer, nullable=False),
    Column("actors", Text),  # JSON list of actor keys, most reported first
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

story_articles = Table(
    "story_articles", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("story_id", String(64), nullable=False, index=True),
    Column("score", Float),
)

# Articles written but not yet assigned to stories (m008): recorded in the transaction
# that writes the article and deleted in the one that assigns it, so that a run killed
# between the two leaves them for the next run instead of storyless for ever (#19).
stories_pending = Table(
    "stories_pending", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("written_at", DateTime(timezone=True), nullable=False),
)

# What an article taught us about an actor (appositions and titles: "Russia's deputy
# foreign minister, Mikhail Bogdanov"): candidate knowledge-base facts, each with the
# article it came from, for a curator to accept into the override file.
actor_facts = Table(
    "actor_facts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("actor_id", String(255), nullable=False, index=True),
    Column("role", Text),
    Column("country", String(8)),
    Column("sector", String(8)),
    Column("organization", String(255)),
    Column("how", Text),
    Column("evidence", Text),
)

Index("ix_event_actors_actor_role", event_actors.c.actor_id, event_actors.c.role)

# Order to delete an article's derived rows in (children first) when cascades are off.
# Every outlet an article was seen at (#18): the same text from a second outlet adds a row
# here instead of being "unchanged" and lost. Not derived data and not tied to the article row
# by a foreign key: re-processing an article (a new pipeline version) deletes and rewrites
# the article row, and the outlets it was seen at must survive that.
article_sources = Table(
    "article_sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("source_domain", String(255), nullable=False, index=True),
    Column("url", Text),
    Column("published", Date),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("article_id", "source_domain", name="uq_article_sources_article_outlet"),
)

DERIVED = (event_actors, events, actor_mentions, quotes, places, dates, actor_facts)
