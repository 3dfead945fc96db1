"""Scale engines: stages pickle, chunks balance, a process pool returns what this process does."""

from __future__ import annotations

import json
import pickle

import pytest
from conftest import needs_shared, SHARED
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.ingest import make_article
from eventwire.scale import ProcessEngine, engine_for, expand_globs, extract_batch
from eventwire.scale.corpus import corpus_records, group_articles, read_sentences, EVENT_LOCATION_ZIP
from eventwire.scale.engines import chunked, worker_nlp
from eventwire.scale.parquet import document_from_dict
from eventwire.settings import load_options
from eventwire.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def options():
    opts = load_options(batch_size=4)
    # Loaded under the same cache key the workers use, so forked workers inherit it.
    worker_nlp(opts)
    return opts


@pytest.fixture(scope="module")
def short_records():
    if not (SHARED / EVENT_LOCATION_ZIP).is_file():
        pytest.skip("../shared event-location data not available")
    return corpus_records(SHARED, articles=6, sentences=200, words=60, seed=False)


@pytest.fixture(scope="module")
def short_articles(short_records):
    return [make_article(r["text"], title=r["title"]) for r in short_records]


@pytest.mark.parametrize("n,chunks,sizes", [(10, 4, [3, 3, 3, 1]), (3, 8, [1, 1, 1]), (4, 1, [4])])
def test_scale_chunked_splits_in_order(n, chunks, sizes):
    parts = chunked(list(range(n)), chunks)
    assert [len(p) for p in parts] == sizes and [x for p in parts for x in p] == list(range(n))


@pytest.mark.parametrize("obj", ["stage", "options", "article"])
def test_scale_stage_config_and_data_pickle(obj, short_articles, options):
    value = {"stage": extract_batch, "options": options.values, "article": short_articles[0]}[obj]
    assert pickle.loads(pickle.dumps(value)) == value


def test_scale_document_pickles_and_round_trips_through_json(seed_doc):
    assert pickle.loads(pickle.dumps(seed_doc)) == seed_doc
    assert document_from_dict(json.loads(json.dumps(seed_doc.to_dict()))) == seed_doc


@pytest.mark.parametrize("n_process,kind", [(1, "function"), (2, "ProcessEngine")])
def test_scale_engine_for_default_follows_n_process(n_process, kind):
    assert type(engine_for(load_options(n_process=n_process))).__name__ == kind


def test_scale_engine_for_unknown_name_raises():
    with pytest.raises(ValueError):
        engine_for(load_options(), "threads")


def test_scale_processes_engine_equals_local(short_articles, options):
    local = extract_batch(short_articles, options)
    with ProcessEngine(2, options) as engine:
        pooled = engine(short_articles, options=options)
    assert [d.to_dict() for d in pooled] == [d.to_dict() for d in local]
    assert sum(len(d.events) for d in local) > 0


@needs_shared
def test_scale_cli_ingest_processes_engine_writes_same_rows(tmp_path, short_records, options):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in short_records[:4]))
    counts = {}
    for engine, n in (("local", "1"), ("processes", "2")):
        db = f"sqlite:///{tmp_path / engine}.db"
        result = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--quiet", "--engine", engine,
                                     "--n-process", n, "--batch-size", "4"])
        assert result.exit_code == 0, result.output
        counts[engine] = Store(db).counts()
    assert counts["processes"] == counts["local"] and counts["local"]["articles"] == 4


def test_scale_corpus_dedupes_and_groups():
    if not (SHARED / EVENT_LOCATION_ZIP).is_file():
        pytest.skip("../shared event-location data not available")
    sentences = read_sentences(SHARED / EVENT_LOCATION_ZIP, 300)
    articles = list(group_articles(sentences, words=500))
    assert len(set(sentences)) == len(sentences) == 300
    assert all(len(a.split()) >= 500 for a in articles[:-1])


@pytest.mark.parametrize("pattern,expected", [("*.jsonl", ["a.jsonl", "b.jsonl"]), ("c.jsonl", ["c.jsonl"])])
def test_scale_expand_globs(tmp_path, pattern, expected):
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text("{}\n")
    assert [p.rsplit("/", 1)[-1] for p in expand_globs([str(tmp_path / pattern)])] == expected
