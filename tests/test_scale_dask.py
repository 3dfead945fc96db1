"""Dask engine: a LocalCluster ingest writes the same events as this process, then loads them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import SHARED

from eventwire.ingest import make_article
from eventwire.scale import extract_batch
from eventwire.scale.corpus import EVENT_LOCATION_ZIP, corpus_records
from eventwire.scale.dask_engine import ingest_dask
from eventwire.scale.parquet import document_rows
from eventwire.settings import load_options
from eventwire.store import Store

pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if not (SHARED / EVENT_LOCATION_ZIP).is_file():
        pytest.skip("../shared event-location data not available")
    records = corpus_records(SHARED, articles=10, sentences=300, words=60, seed=False)
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return records, path


def test_scale_dask_local_cluster_parquet_equals_single_process(corpus, tmp_path):
    import pyarrow.parquet as pq

    records, path = corpus
    options = load_options(n_process=2, batch_size=4)
    store = Store(f"sqlite:///{tmp_path / 'dask.db'}")
    report = ingest_dask([str(path)], store, options, parquet_dir=tmp_path / "pq")
    local = extract_batch([make_article(r["text"], title=r["title"], published=dt.date.fromisoformat(r["published"]),
                                        published_source="metadata") for r in records], options)
    expected = sorted(document_rows(local)["events"], key=lambda e: e["id"])
    events = sorted(pq.read_table(tmp_path / "pq" / "events").to_pylist(), key=lambda e: e["id"])
    assert report.ok and len(report.partitions) == 3
    assert events == expected and len(events) > 0
    assert store.counts()["articles"] == 10 and store.counts()["events"] == len(events)
