"""Parquet output: partitioned tables and exports read back in one line (pyarrow, pandas)."""

from __future__ import annotations

import pytest
from test_store import make_doc

from eventwire.scale.parquet import TABLES, read_documents, write_partition
from eventwire.store.export import FLAT_COLUMNS, export_events


@pytest.fixture()
def parquet_root(tmp_path):
    docs = [make_doc(), make_doc("Talks in Bogota\n\nNorway hosted a Colombian delegation in Oslo on Monday. Colombia thanked Norway.")]
    for i, doc in enumerate(docs):
        write_partition([doc], tmp_path, f"part-{i}")
    return tmp_path, docs


@pytest.mark.parametrize("table,rows", [("documents", 2), ("events", 2), ("actors", 4), ("quotes", 2)])
def test_scale_parquet_partitioned_table_reads_in_one_line(parquet_root, table, rows):
    import pyarrow.parquet as pq

    root, _ = parquet_root
    assert pq.read_table(root / table).num_rows == rows


def test_scale_parquet_documents_reload_equal(parquet_root):
    root, docs = parquet_root
    back = list(read_documents(sorted((root / "documents").glob("*.parquet"))))
    assert back == docs and set(TABLES) == {p.name for p in root.iterdir()}


@pytest.mark.parametrize("source", ["export", "partitioned"])
def test_scale_parquet_pandas_one_liner(memory_store, parquet_root, tmp_path, source):
    pytest.importorskip("pandas")
    import pyarrow.parquet as pq

    root, docs = parquet_root
    path = root / "events"
    if source == "export":
        memory_store.write_documents(docs)
        path = tmp_path / "events.parquet"
        export_events(memory_store.events(), "parquet", path)
    frame = pq.read_table(path).to_pandas()
    assert list(frame.columns) == list(FLAT_COLUMNS) and set(frame["actor_code"]) == {"NOR"}
