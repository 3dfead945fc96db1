"""Store: idempotent transactional writes, re-processing, queries and Document round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from eventwire.errors import item_error
from eventwire.ingest import make_article
from eventwire.schema import Actor, DateRef, Document, Event, Mention, Place, Quote
from eventwire.store import tables as t
from eventwire.store.export import FLAT_COLUMNS, export_events
from eventwire.store.review import Correction, add_correction

TEXT = "Talks in Oslo\n\nNorway hosted a Colombian delegation in Oslo on Monday. Colombia thanked Norway."


def make_doc(text: str = TEXT) -> Document:
    article = make_article(text, published=dt.date(2024, 3, 4), published_source="argument")
    norway = Actor(id="norway", name="Norway", country="NOR", kind="GPE", resolution="kb-alias",
                   mentions=[Mention("Norway", text.index("Norway"), text.index("Norway") + 6)])
    colombia = Actor(id="colombia", name="Colombia", country="COL", kind="GPE", resolution="demonym",
                     mentions=[Mention("Colombian", text.index("Colombian"), text.index("Colombian") + 9)])
    s0 = text.index("Norway hosted")
    sentence = text[s0:text.index(".", s0) + 1]
    ev0 = text.index("hosted")
    event = Event(event="CONSULT", mode="visit", actor=[norway.ref("Norway")], recipient=[colombia.ref("Colombian")],
                  text=sentence, span=(s0, s0 + len(sentence)), evidence="hosted", evidence_span=(ev0, ev0 + 6),
                  rule="manual.host_delegation", cameo="042", quad_class=1, intensity=1.9, date="2024-03-04",
                  date_precision="day", date_text="on Monday",
                  event_loc=Place(name="Oslo", country="NOR", lat=59.91, lon=10.75, geonameid=3143244),
                  confidence=0.9, id=f"{article.id[:12]}-000")
    return Document(
        article=article, actors=[norway, colombia], events=[event],
        quotes=[Quote(text="thanks", span=(0, 6), speaker=colombia.ref(), kind="fragment")],
        dates=[DateRef(text="on Monday", start=text.index("on Monday"), end=text.index("on Monday") + 9, value="2024-03-04")],
        places=[Place(name="Oslo", country="NOR", lat=59.91, lon=10.75, text="Oslo", start=text.index("in Oslo") + 3, end=text.index("in Oslo") + 7)],
        warnings=["a warning"],
    )


def test_store_write_then_read_document_round_trip(memory_store):
    doc = make_doc()
    result = memory_store.write_documents([doc])
    assert (result.added, result.events) == (1, 1)
    back = memory_store.document(doc.article.id)
    assert back.to_dict()["events"][0] == {**doc.to_dict()["events"][0]}
    assert [a.id for a in back.actors] == ["norway", "colombia"]
    assert back.warnings == ["a warning"] and back.places[0].name == "Oslo" and back.dates[0].value == "2024-03-04"


def test_store_rewrite_same_version_adds_nothing(memory_store):
    doc = make_doc()
    memory_store.write_documents([doc])
    before = memory_store.counts()
    result = memory_store.write_documents([doc, doc])
    assert result.unchanged == 2 and memory_store.counts() == before


def test_store_new_pipeline_version_replaces_derived_rows(memory_store):
    doc = make_doc()
    memory_store.write_documents([doc], version="0.0.1")
    before = memory_store.counts()
    result = memory_store.write_documents([doc], version="0.0.2")
    assert result.replaced == 1 and memory_store.counts() == before


def test_store_failed_batch_writes_nothing(memory_store):
    good = make_doc()
    bad = make_doc(TEXT.replace("Talks in Oslo", "More talks in Oslo"))
    bad.events[0].id = good.events[0].id  # duplicate primary key: the batch must roll back
    with pytest.raises(Exception):
        memory_store.write_documents([good, bad])
    assert memory_store.counts()["articles"] == 0


@pytest.mark.parametrize("filters,n", [
    ({}, 1), ({"actor": "norway"}, 1), ({"actor": "COLOMBIA"}, 1), ({"actor": "Colombian"}, 1),
    ({"actor": "Colomb"}, 0), ({"actor_contains": "Colomb"}, 1), ({"actor": "Peru"}, 0),
    ({"type": "CONSULT,AID"}, 1), ({"type": "ASSAULT"}, 0), ({"status": "occurred"}, 1),
    ({"since": "2024-03-04"}, 1), ({"since": "2024-03-05"}, 0), ({"until": "2024-03-04"}, 1),
    ({"country": "COL"}, 1), ({"country": "PER"}, 0), ({"source": "nowhere.example"}, 0),
])
def test_store_event_filters(memory_store, filters, n):
    memory_store.write_documents([make_doc()])
    assert len(memory_store.events(**filters)) == n


def test_store_actor_counts_and_aliases(memory_store):
    memory_store.write_documents([make_doc()])
    rows = {a["id"]: a for a in memory_store.actors()}
    assert rows["norway"]["events"] == 1 and rows["norway"]["mentions"] == 1
    assert memory_store.actor("colombia")["aliases"] == [{"text": "Colombian", "count": 1}]


def test_store_errors_recorded_once(memory_store):
    err = item_error("bad.pdf", "E002", kind="PDF")
    assert memory_store.write_errors([err, err]) == 1
    assert memory_store.write_errors([err]) == 0
    assert memory_store.errors()[0]["code"] == "E002"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_store_export_formats_read_back(memory_store, tmp_path, fmt):
    memory_store.write_documents([make_doc()])
    out = tmp_path / f"events.{fmt}"
    assert export_events(memory_store.events(), fmt, out) == 1
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert table.column_names == list(FLAT_COLUMNS)
        assert table.to_pylist()[0]["actor_code"] == "NOR"
    else:
        assert "CONSULT" in out.read_text()


def test_store_actor_facts_learned_from_appositions_keep_their_article(memory_store):
    doc = make_doc()
    doc.actors[0].role, doc.actors[0].resolution = "Host of the talks", "kb-alias+apposition"
    memory_store.write_documents([doc])
    [fact] = memory_store.actor_facts("norway")
    assert (fact["role"], fact["article_id"], fact["title"]) == ("Host of the talks", doc.article.id, "Talks in Oslo")
    assert memory_store.actor_facts("colombia") == []


# ------------------------------------------------------------------ corrections in the query (#19)
def _reviewed_store(store, n: int = 14) -> list[str]:
    """``n`` one-event articles (some sharing a date, one undated) under modify, retype,
    re-actor, reject and add corrections; RETURNS the stored event ids."""
    docs = []
    for i in range(n):
        doc = make_doc(TEXT.replace("Talks in Oslo", f"Talks in Oslo, round {i}"))
        doc.events[0].date = None if i == 5 else f"2024-03-{1 + i % 4:02d}"
        docs.append(doc)
    store.write_documents(docs)
    ids = [d.events[0].id for d in docs]
    for c in (Correction("modify", "r", event_id=ids[0], changes={"date": "2024-04-01"}),
              Correction("modify", "r", event_id=ids[1], changes={"event": "ASSAULT", "actor": "colombia"}),
              Correction("reject", "r", event_id=ids[2]), Correction("reject", "r", event_id=ids[3]),
              Correction("add", "r", article_id=docs[4].article.id,
                         changes={"event": "AID", "date": "2024-02-01", "evidence": "thanked", "actor": "norway"}),
              Correction("add", "r", article_id=docs[6].article.id, changes={"event": "CONSULT", "evidence": "hosted"}),
              Correction("modify", "r", event_id=ids[7], changes={"status": "planned"}),
              Correction("modify", "r", event_id=ids[7], changes={"date": "2024-03-09"})):
        add_correction(store, c)
    return ids


def _date_order(events: list[dict]) -> list[dict]:
    """Newest date first, undated last, then by id (stable sorts: the id order holds within a date)."""
    return sorted(sorted(events, key=lambda e: e["id"]), key=lambda e: e["date"] or "", reverse=True)


@pytest.mark.parametrize("filters", [{}, {"type": "CONSULT"}, {"actor": "norway"}, {"status": "occurred"}])
def test_store_paging_with_corrections_gives_each_event_once_in_date_order(memory_store, filters):
    # Regression (#19): corrections applied after LIMIT/OFFSET repeated rows across pages,
    # shrank pages by the rejected events and put added events at any offset.
    ids = _reviewed_store(memory_store)
    whole = memory_store.events(**filters)
    assert whole == _date_order(whole) and len({e["id"] for e in whole}) == len(whole)
    assert not {ids[2], ids[3]} & {e["id"] for e in whole}
    for size in (1, 3, 7):
        pages = [memory_store.events(**filters, limit=size, offset=start) for start in range(0, len(whole) + 1, size)]
        assert [e for page in pages for e in page] == whole, size
        assert all(len(page) == size for page in pages[:len(whole) // size])


def test_store_corrections_apply_in_the_query_not_to_the_stored_coding(memory_store):
    ids = _reviewed_store(memory_store)
    events = {e["id"]: e for e in memory_store.events()}
    assert len(events) == 14 - 2 + 2
    retyped = events[ids[1]]
    assert (retyped["event"], retyped["quad_class"], retyped["cameo"], retyped["reviewed"]) == ("ASSAULT", 4, None, True)
    assert [a["id"] for a in retyped["actor"]] == ["colombia"] and [a["id"] for a in retyped["recipient"]] == ["colombia"]
    assert (events[ids[7]]["status"], events[ids[7]]["date"]) == ("planned", "2024-03-09")
    added = [e for e in events.values() if e.get("added")]
    assert sorted((e["event"], e["date"], e["evidence"]) for e in added) == [
        ("AID", "2024-02-01", "thanked"), ("CONSULT", "2024-03-04", "hosted")]
    assert [e["id"] for e in memory_store.events(type="ASSAULT")] == [ids[1]]
    assert memory_store.events(type="CONSULT", actor="norway", since="2024-03-02", until="2024-03-02")
    assert memory_store.event(ids[2]) is None and memory_store.event(ids[1])["event"] == "ASSAULT"
    with memory_store.engine.connect() as conn:  # the stored coding is never changed
        stored = dict(conn.execute(select(t.events.c.id, t.events.c.event)).tuples().all())
    assert stored[ids[1]] == "CONSULT" and ids[2] in stored


def _dyad_doc(name: str, aid: str, mention: str) -> Document:
    """Norway hosting ``mention`` (actor ``aid`` named ``name``): one event."""
    text = f"Talks with {name}\n\nNorway hosted a {mention} delegation in Oslo on Monday."
    doc = make_doc(text.replace(mention, "Colombian"))
    doc.article = make_article(text, published=dt.date(2024, 3, 4))
    start = text.index(f"a {mention}") + 2
    other = Actor(id=aid, name=name, country=aid[:3].upper(), kind="GPE",
                  mentions=[Mention(mention, start, start + len(mention))])
    doc.actors[1] = other
    doc.events[0].recipient = [other.ref(mention)]
    doc.events[0].id = f"{doc.article.id[:12]}-000"
    return doc


@pytest.mark.parametrize("actor,contains,found", [
    ("us", False, {"usa"}), ("US", False, {"usa"}), ("russia", False, {"rus"}), ("United States", False, {"usa"}),
    ("united", False, set()), ("norway", False, {"usa", "rus"}), ("nor", False, set()),
    ("uss", True, {"rus"}), ("us", True, {"usa", "rus"}), ("%", True, set()), ("_", True, set()), ("%", False, set()),
])
def test_store_actor_filter_matches_whole_names_unless_asked(memory_store, actor, contains, found):
    # Regression (#19): "--actor us" matched Russia; a substring search is asked for by name.
    memory_store.write_documents([_dyad_doc("Russia", "rus", "Russian"), _dyad_doc("United States", "usa", "US")])
    events = memory_store.events(**{"actor_contains" if contains else "actor": actor})
    assert {r["id"] for e in events for r in e["recipient"]} == found
