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
