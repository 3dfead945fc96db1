"""Batched store reads and writes return what the one-by-one versions return."""

from __future__ import annotations

from test_store import TEXT, make_doc


def _docs():
    return [make_doc(TEXT + f" Update {n}.") for n in range(3)]


def test_store_events_of_articles_equals_per_article_reads(memory_store):
    docs = _docs()
    memory_store.write_documents(docs)
    ids = [docs[2].article.id, docs[0].article.id, docs[1].article.id]
    expected = [e for i in ids for e in memory_store.events(article_id=i)]
    assert len(expected) == 3
    assert memory_store.events_of_articles(ids) == expected


def test_store_brief_events_of_articles_are_the_events_cut_down(memory_store):
    """The brief read gives the fields it keeps as the full read does (a place by its name
    and country: stories compare stated places, #18)."""
    docs = _docs()
    memory_store.write_documents(docs)
    ids = [docs[1].article.id, docs[2].article.id, docs[0].article.id]
    full = memory_store.events_of_articles(ids)
    brief = memory_store.events_of_articles(ids, brief=True)
    assert len(brief) == len(full) == 3
    for b, e in zip(brief, full):
        assert {"id", "article_id", "event", "actor", "recipient", "date", "span", "text"} <= b.keys()
        loc = e["event_loc"] and {k: e["event_loc"][k] for k in ("name", "country")}
        assert b == {**{k: e[k] for k in b}, "event_loc": loc}


def test_store_batch_write_equals_one_by_one(memory_store):
    from eventwire.store import Store

    docs = _docs()
    memory_store.write_documents(docs)
    one_by_one = Store("sqlite://")
    for doc in docs:
        one_by_one.write_documents([doc])
    assert memory_store.counts() == one_by_one.counts()
    assert memory_store.events() == one_by_one.events()
    one_by_one.close()


def test_bulk_insert_stores_what_sqlalchemy_stores():
    """The SQLite fast path converts values with SQLAlchemy's own type processors."""
    import datetime as dt

    from sqlalchemy import Column, Date, DateTime, Float, Integer, MetaData, String, Table, create_engine, insert, text

    from eventwire.store.bulk import _driver_plan, insert_rows

    def table(name):
        return Table(name, MetaData(), Column("id", Integer, primary_key=True), Column("name", String),
                     Column("day", Date), Column("at", DateTime(timezone=True)), Column("score", Float))

    rows = [{"id": 1, "name": "Hamas", "day": dt.date(2024, 2, 26), "score": 0.5,
             "at": dt.datetime(2024, 2, 19, 9, 30, 5, 123, tzinfo=dt.timezone.utc)},
            {"id": 2, "name": None, "day": None, "at": None, "score": None}]
    engine = create_engine("sqlite://")
    fast, slow = table("fast"), table("slow")
    fast.metadata.create_all(engine)
    slow.metadata.create_all(engine)
    with engine.begin() as conn:
        insert_rows(conn, fast, rows)
        conn.execute(insert(slow), rows)
        stored = {name: conn.execute(text(f"SELECT * FROM {name} ORDER BY id")).all() for name in ("fast", "slow")}
    assert _driver_plan(fast, tuple(rows[0]), engine.dialect) is not None  # the fast path did run
    assert stored["fast"] == stored["slow"]
    assert stored["fast"][0][2] == "2024-02-26"


def test_bulk_insert_leaves_defaults_to_sqlalchemy():
    """Rows that omit a column with a Python-side default take SQLAlchemy's path, which fills it."""
    from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select

    from eventwire.store.bulk import _driver_plan, insert_rows

    t = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("name", String),
              Column("position", Integer, nullable=False, default=0))
    engine = create_engine("sqlite://")
    t.metadata.create_all(engine)
    with engine.begin() as conn:
        insert_rows(conn, t, [{"id": 1, "name": "Fatah"}])
        assert _driver_plan(t, ("id", "name"), conn.dialect) is None
        assert conn.execute(select(t.c.position)).scalar_one() == 0
