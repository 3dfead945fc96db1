"""Reliability: bad input is reported and skipped, re-runs add nothing, and a run killed
with SIGKILL resumes to the same final content as an uninterrupted one."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from eventwire import jobs
from eventwire.cli import app
from eventwire.errors import ItemError
from eventwire.ingest.readers import read_inputs
from eventwire.settings import load_options
from eventwire.store import Store
from eventwire.store.db import make_engine

runner = CliRunner()
EVENTWIRE = Path(sys.executable).with_name("eventwire")

_WHO = ["Norway", "Kenya", "Chile", "Japan", "Egypt", "Canada", "Brazil", "Poland"]
_WHERE = ["Oslo", "Nairobi", "Geneva", "Cairo", "Lima"]
_DAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def wire_story(i: int) -> str:
    """A short wire-style story, different for every ``i`` (so a different content id)."""
    a, b = _WHO[i % len(_WHO)], _WHO[(i // len(_WHO) + i + 1) % len(_WHO)]
    if a == b:
        b = "Peru"
    where, day = _WHERE[i % len(_WHERE)], _DAY[i % len(_DAY)]
    return (f"{a} and {b} Hold Talks, Round {i}\n\n"
            f"{where.upper()}, March {i % 27 + 1} - Officials from {a} met envoys from {b} in {where} on {day} "
            f"for round {i} of talks on trade and security.\n\n"
            f"The foreign minister of {a} said the meeting had been constructive.")


# ------------------------------------------------------------------ the bad corpus
def _bad_files(root: Path) -> dict[str, str]:
    """Write bad items; returns {item name (origin suffix): expected error code}."""
    rng = random.Random(7)
    nested_json = "[" * 100_000 + "]" * 100_000
    files: dict[str, tuple[bytes, str]] = {
        "empty.txt": (b"", "E001"),
        "whitespace.txt": (b"  \n\t\n   \r\n", "E001"),
        "invisible.txt": ("\u200b\u200b\ufeff\u200b".encode(), "E013"),
        "report.pdf": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n", "E002"),
        "photo.png": (b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(500)), "E002"),
        "noise.bin": (bytes(rng.randrange(256) for _ in range(2000)), "E002"),
        "controls.txt": (bytes(range(1, 9)) * 200, "E002"),
        "latin1.txt": ("Le caf\u00e9 de la r\u00e9publique est ferm\u00e9".encode("latin-1"), "E003"),
        "utf16-bom.txt": (wire_story(900).encode("utf-16"), "E003"),
        "utf16-nobom.txt": (wire_story(901).encode("utf-16-le"), "E003"),
        "french.txt": ("Le ministre a d\u00e9clar\u00e9 lundi que le gouvernement reprendrait les "
                       "n\u00e9gociations avec les rebelles dans la capitale.".encode(), "E005"),
        "russian.txt": ("\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b "
                        "\u0432 \u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a.".encode(), "E005"),
        "huge.txt": (b"The talks went on. " * 2_800_000, "E012"),  # ~50 MB, refused unread
        "oneline.txt": (b"word " * 210_000, "E012"),  # one 1-MB line
        "markup-only.html": (b"<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body>", "E010"),
        # 50,000 nested elements: the HTML parser under trafilatura (libxml2) stops descending
        # long before the text, so the page is one clean E010, never a crash of the batch.
        "nested.html": (("<html><body>" + "<div>" * 50_000 + "<p>" + wire_story(53).replace("\n\n", " ")
                         + "</p>" + "</div>" * 10 + "</body>").encode(), "E010"),
        "empty.jsonl": (b"\n\n", "E001"),
        "image.jsonl": (b"\x89PNG\r\n\x1a\n{\"text\": \"x\"}\n", "E002"),
    }
    lines = [
        (json.dumps({"id": "g1", "text": wire_story(801), "published": "2024-03-01"}), None),
        ("{broken json", "E006"),
        (json.dumps({"id": "no-text", "title": "Missing"}), "E007"),
        (json.dumps({"id": "num", "text": 42}), "E007"),
        (json.dumps(["not", "an", "object"]), "E006"),
        (json.dumps({"id": "blank", "text": "   "}), "E001"),
        (json.dumps({"id": "de", "text": "Der Minister sagte am Montag, dass die Regierung die Gespr\u00e4che "
                                         "mit den Rebellen wieder aufnehmen werde."}), "E005"),
        (nested_json, "E006"),
        (json.dumps({"id": "big", "text": "The talks went on. " * 12_000}), "E004"),
        (json.dumps({"id": "g2", "text": wire_story(802)}), None),
    ]
    body = "\n".join(line for line, _ in lines).encode() + b"\n" + '{"text": "caf\u00e9"}'.encode("latin-1")
    files["feed.jsonl"] = (body, "")
    expected = {name: code for name, (_, code) in files.items() if code}
    expected.update({f"feed.jsonl:{n}": code for n, (_, code) in enumerate(lines, start=1) if code})
    expected[f"feed.jsonl:{len(lines) + 1}"] = "E003"
    for name, (data, _) in files.items():
        (root / name).write_bytes(data)
    return expected


def _good_files(root: Path) -> list[str]:
    """Write good items (text, HTML, dirty text); returns their names."""
    names = []
    for i in range(6):
        (root / f"story-{i}.txt").write_text(wire_story(i), encoding="utf-8")
        names.append(f"story-{i}.txt")
    # Stray control characters inside good text are cleaned, not rejected.
    (root / "dirty.txt").write_bytes(wire_story(50).replace(" met ", " met\x07 ").replace(" on ", "\x0b on ").encode())
    (root / "crlf.txt").write_bytes(wire_story(51).replace("\n", "\r\n").encode("utf-8-sig"))
    (root / "broken.html").write_text(
        f"<html><title>Talks</title><body><div><p>{wire_story(52)}<p><b>unclosed <i>tags</div></span></table>",
        encoding="utf-8")
    return [*names, "dirty.txt", "crlf.txt", "broken.html", "feed.jsonl:1", "feed.jsonl:10"]


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    return root, _bad_files(root), _good_files(root)


# What an ingest writes (migration bookkeeping and other features' tables are not content).
CONTENT_TABLES = ("articles", "actors", "actor_mentions", "events", "event_actors", "quotes", "places", "dates",
                  "ingest_errors")


def _timestamp(column: str) -> bool:
    return column == "at" or column.endswith("_at")


# What the stories update derives from them (#19: a killed run's articles never got stories).
STORY_TABLES = ("event_clusters", "event_cluster_members", "stories", "story_articles", "stories_pending")
# Tables whose "id" is content (a hash), not a surrogate counter.
_CONTENT_IDS = {"articles", "events", "actors", "event_clusters", "stories"}


def table_rows(url: str, drop_ids: bool = False, tables: tuple[str, ...] = CONTENT_TABLES) -> dict[str, list[tuple]]:
    """Every row of every content table, sorted, without timestamps (and surrogate ids on request)."""
    store = Store(url)
    out = {}
    with store.engine.connect() as conn:
        for name in tables:
            result = conn.execute(sql(f'SELECT * FROM "{name}"'))
            keep = [i for i, c in enumerate(result.keys())
                    if not _timestamp(c) and not (drop_ids and c == "id" and name not in _CONTENT_IDS)]
            out[name] = sorted((tuple(str(row[i]) for i in keep) for row in result), key=repr)
    store.close()
    return out


# ------------------------------------------------------------------ bad input
def test_reliability_mixed_corpus_every_good_in_every_bad_reported(corpus, db_url, monkeypatch):
    root, expected, good = corpus
    monkeypatch.setenv("EVENTWIRE_MAX_ARTICLE_CHARS", "200000")
    assert len(expected) >= 20
    missing = str(root.parent / "no-such-dir")
    result = runner.invoke(app, ["ingest", str(root), missing, "--db", db_url, "--quiet"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    error_lines = [line for line in result.output.splitlines() if line.startswith("error ")]
    expected = {**expected, "no-such-dir": "E009"}
    for name, code in expected.items():
        hits = [line for line in error_lines if f"{name}: [" in line]
        assert len(hits) == 1 and f"[{code}]" in hits[0], (name, code, hits)
    assert len(error_lines) == len(expected)
    store = Store(db_url)
    with store.engine.connect() as conn:
        origins = {r[0] for r in conn.execute(sql("SELECT origin FROM articles"))}
        stored_errors = {(r[0].rsplit("/", 1)[-1], r[1]) for r in conn.execute(sql("SELECT origin, code FROM ingest_errors"))}
        texts = [r[0] for r in conn.execute(sql("SELECT text FROM articles"))]
    assert {o.rsplit("/", 1)[-1] for o in origins} == set(good)
    assert stored_errors == set(expected.items())
    assert not any(ch in t for t in texts for ch in "\x07\x0b\r\ufeff")


def test_reliability_reingest_same_corpus_adds_nothing(corpus, db_url, monkeypatch):
    root, _, _ = corpus
    monkeypatch.setenv("EVENTWIRE_MAX_ARTICLE_CHARS", "200000")
    first = runner.invoke(app, ["ingest", str(root), "--db", db_url, "--quiet"])
    before = table_rows(db_url)
    again = runner.invoke(app, ["ingest", str(root), "--db", db_url, "--quiet"])
    assert first.exit_code == again.exit_code == 1
    assert table_rows(db_url) == before
    assert "0 added, 0 re-processed" in again.output


@pytest.mark.parametrize("stdin,code", [
    (b"", "E001"), (b"\x89PNG\r\n\x1a\n\x00\x00", "E002"), ("caf\u00e9 cr\u00e8me".encode("latin-1"), "E003"),
    (b'{"id": 1}\n', "E007"),
])
def test_reliability_stdin_bad_input_reported(stdin, code, db_url):
    result = runner.invoke(app, ["ingest", "-", "--db", db_url, "--quiet"], input=stdin)
    assert result.exit_code == 1 and f"<stdin>" in result.output and f"[{code}]" in result.output
    assert "Traceback" not in result.output


def test_reliability_stdin_jsonl_and_text_ingested(db_url):
    feed = "\n".join(json.dumps({"text": wire_story(i)}) for i in (60, 61)) + "\n"
    assert runner.invoke(app, ["ingest", "-", "--db", db_url, "--quiet"], input=feed).exit_code == 0
    assert runner.invoke(app, ["ingest", "-", "--db", db_url, "--quiet"], input=wire_story(62)).exit_code == 0
    assert Store(db_url).counts()["articles"] == 3


@pytest.mark.parametrize("name,data", [
    ("empty.txt", b""), ("doc.pdf", b"%PDF-1.4 xx"), ("utf16.txt", "Talks resumed in Oslo.".encode("utf-16")),
    ("french.txt", "Le ministre a d\u00e9clar\u00e9 lundi que les n\u00e9gociations reprendraient.".encode()),
])
def test_reliability_extract_bad_input_clean_error(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1 and name in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_reliability_extract_pipeline_failure_is_clean(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(sys.modules["eventwire.extract"], "extract_documents", boom)
    path = tmp_path / "a.txt"
    path.write_text(wire_story(1))
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1 and "[E011]" in result.output and "parser exploded" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("strict,articles,errors,code", [(True, 1, 1, 1), (False, 3, 1, 1)])
def test_reliability_strict_stops_at_first_error(tmp_path, db_url, strict, articles, errors, code):
    for name, text in (("a.txt", wire_story(70)), ("b.txt", ""), ("c.txt", wire_story(71)), ("d.txt", wire_story(72))):
        (tmp_path / name).write_text(text)
    args = ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.txt"), str(tmp_path / "d.txt"),
            "--db", db_url, "--quiet", "--batch-size", "4"]
    result = runner.invoke(app, args + (["--strict"] if strict else []))
    counts = Store(db_url).counts()
    assert (result.exit_code, counts["articles"], counts["ingest_errors"]) == (code, articles, errors)


def test_reliability_all_good_exit_zero(tmp_path, db_url):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"s{i}.txt").write_text(wire_story(80 + i))
    result = runner.invoke(app, ["ingest", str(src), "--db", db_url, "--quiet"])
    assert result.exit_code == 0 and Store(db_url).counts()["ingest_errors"] == 0


def test_reliability_pipeline_exception_is_e011_rest_written(tmp_path, db_url, monkeypatch):
    real = jobs.extract_documents

    def poisoned(articles, **kwargs):
        articles = list(articles)
        if any("Round 91" in a.text for a in articles):
            raise RuntimeError("poisoned article")
        return real(articles, **kwargs)

    monkeypatch.setattr(jobs, "extract_documents", poisoned)
    src = tmp_path / "in"
    src.mkdir()
    for i in (90, 91, 92):
        (src / f"s{i}.txt").write_text(wire_story(i))
    store = Store(db_url)
    report = jobs.ingest([str(src)], store, load_options(batch_size=8))
    assert [(e.origin.rsplit("/", 1)[-1], e.code) for e in report.errors] == [("s91.txt", "E011")]
    assert "poisoned article" in report.errors[0].message
    assert report.written.added == 2 and store.counts()["ingest_errors"] == 1


# ------------------------------------------------------------------ limits and memory
@pytest.mark.parametrize("name,data", [
    ("big.txt", b"The talks went on. " * 2_800_000),  # ~50 MB
    ("big.jsonl", b'{"text": "' + b"x" * 50_000_000 + b'"}\n' + json.dumps({"text": "Talks resumed."}).encode()),
])
def test_reliability_50mb_input_memory_bounded(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    del data
    limit = 1_000_000
    tracemalloc.start()
    items = list(read_inputs([path], max_bytes=limit))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert items[0].code == "E012"
    assert peak < 6 * limit  # bounded by the limit, not by the 50 MB input
    assert name == "big.txt" or items[1].text == "Talks resumed."


def test_reliability_too_large_article_has_clear_error(tmp_path):
    (tmp_path / "long.txt").write_text(wire_story(1) * 20)
    [err] = list(jobs.read_articles([str(tmp_path)], load_options(max_article_chars=2000)))
    assert err.code == "E004" and "2000" in str(err) and "long.txt" in str(err)


def test_reliability_max_events_per_sentence_is_applied(nlp):
    jobs.configure_nlp(nlp, load_options(max_events_per_sentence=1, max_article_chars=3_000_000))
    try:
        assert nlp.get_pipe("eventwire_events").max_events_per_sentence == 1
        assert nlp.max_length >= 3_000_000
    finally:
        jobs.configure_nlp(nlp, load_options())


# ------------------------------------------------------------------ idempotency and versions
def _ingest_stories(tmp_path, url, n=6):
    src = tmp_path / "stories"
    src.mkdir(exist_ok=True)
    for i in range(n):
        (src / f"s{i:02d}.txt").write_text(wire_story(i))
    return jobs.ingest([str(src)], Store(url), load_options(batch_size=2))


def test_reliability_pipeline_version_change_replaces_derived_rows(tmp_path, db_url):
    first = _ingest_stories(tmp_path, db_url)
    before = table_rows(db_url, drop_ids=True)
    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(sql("UPDATE articles SET pipeline_version = '0.0.0-old'"))
    again = _ingest_stories(tmp_path, db_url)
    assert (first.written.added, again.written.replaced, again.written.added) == (6, 6, 0)
    assert table_rows(db_url, drop_ids=True) == before


def test_reliability_replacement_is_one_transaction(tmp_path, db_url, monkeypatch):
    _ingest_stories(tmp_path, db_url, n=2)
    store = Store(db_url)
    before = table_rows(db_url)
    with store.engine.connect() as conn:
        docs = [store.document(r[0]) for r in conn.execute(sql("SELECT id FROM articles"))]

    def fail(*args, **kwargs):
        raise RuntimeError("crash after the delete")

    monkeypatch.setattr(store, "_insert_documents", fail)
    with pytest.raises(RuntimeError):
        store.write_documents(docs, version="9.9.9")
    assert table_rows(db_url) == before


# ------------------------------------------------------------------ kill -9
@pytest.mark.parametrize("kill_after", [4, 40])
def test_reliability_kill_9_resume_equals_uninterrupted(tmp_path, kill_after):
    # kill_after=40: every article is stored, the kill comes around the stories update.
    src = tmp_path / "kill-in"
    src.mkdir()
    for i in range(40):
        (src / f"s{i:02d}.txt").write_text(wire_story(i))
    db_path = tmp_path / "killed.db"
    cmd = [str(EVENTWIRE), "ingest", str(src), "--db", f"sqlite:///{db_path}", "--batch-size", "2", "--quiet"]
    # The uninterrupted run goes through the same command, alongside the one we kill.
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    uninterrupted = subprocess.Popen([*cmd[:3], "--db", reference, *cmd[5:]], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = _wait_for_articles(db_path, at_least=kill_after, proc=proc, finished_ok=kill_after == 40)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert kill_after == 40 or (proc.returncode == -signal.SIGKILL and stored < 40), \
        "the run finished before it could be killed"

    assert uninterrupted.wait(timeout=120) == 0, uninterrupted.stderr.read().decode()
    # Consistent after the kill: whole batches only, in input order, each article complete.
    killed = table_rows(f"sqlite:///{db_path}")
    ref = table_rows(reference)
    origins = sorted(row[_col("articles", "origin", reference)] for row in killed["articles"])
    assert len(origins) % 2 == 0
    assert [Path(o).name for o in origins] == [f"s{i:02d}.txt" for i in range(len(origins))]
    for name in ("events", "actor_mentions", "quotes", "places", "dates"):
        assert set(killed[name]) <= set(ref[name])
    killed_ids = {row[0] for row in killed["articles"]}
    aid = _col("events", "article_id", reference)
    assert {r[aid] for r in killed["events"]} == {r[aid] for r in ref["events"] if r[aid] in killed_ids}

    resumed = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert "Traceback" not in resumed.stderr
    assert table_rows(f"sqlite:///{db_path}") == ref
    # Stories included (#19): the articles stored before the kill get theirs on the re-run.
    stories = table_rows(f"sqlite:///{db_path}", drop_ids=True, tables=STORY_TABLES)
    assert stories == table_rows(reference, drop_ids=True, tables=STORY_TABLES)
    assert len(stories["story_articles"]) == 40 and not stories["stories_pending"]


# kill -9 trials (#19): 5 seeds x 2 backends x 2 process counts. A trial is a killed run and
# its re-run (the clean record is made once); a small corpus keeps each to a few seconds.
KILL_SEEDS = range(5)
KILL_CORPUS = 24


@pytest.fixture(scope="module")
def clean_record(tmp_path_factory) -> tuple[Path, dict[str, list[tuple]]]:
    """The kill trials' corpus and the dump of a run that was never killed."""
    root = tmp_path_factory.mktemp("kill-trials")
    src = root / "in"
    src.mkdir()
    for i in range(KILL_CORPUS):
        (src / f"s{i:02d}.txt").write_text(wire_story(i))
    url = f"sqlite:///{root / 'clean.db'}"
    done = subprocess.run(_ingest_cmd(src, 1, url), capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return src, database_dump(url)


@pytest.mark.parametrize("seed", KILL_SEEDS)
@pytest.mark.parametrize("n_process", [1, 2])
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_reliability_kill_9_at_a_random_point_resumes_to_a_clean_runs_record(tmp_path, clean_record, backend,
                                                                            n_process, seed):
    # Regression (#19): the record after kill -9 and a re-run, stories included, is a clean run's,
    # and no process of the killed run (its workers) outlives it.
    src, clean = clean_record
    if backend == "postgresql":
        from test_store_backends import _empty_postgres, postgres_url

        url = postgres_url()
        _empty_postgres(url)
    else:
        url = f"sqlite:///{tmp_path / 'killed.db'}"
    # The kill comes once `at` articles are stored (0: while starting up), `delay` seconds later:
    # mid-batch, between batches, during the stories update or, rarely, after the end.
    rng = random.Random(f"{backend}-{n_process}-{seed}")
    at, delay = rng.randrange(0, KILL_CORPUS + 1), rng.uniform(0, 0.4)
    proc = subprocess.Popen(_ingest_cmd(src, n_process, url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)  # its own process group: what it leaves behind is findable
    resumed = None
    try:
        _wait_for_count(url, at, proc)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert not _left_behind(proc.pid), "processes of the killed run outlived it"
        resumed = subprocess.Popen(_ingest_cmd(src, n_process, url), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        _, err = resumed.communicate(timeout=180)
        assert resumed.returncode == 0 and "Traceback" not in err, err
        assert not _left_behind(resumed.pid), "processes of the re-run outlived it"
    finally:
        for pid in (proc.pid, *([resumed.pid] if resumed else [])):
            if _left_behind(pid, wait=0):  # only our own process groups, whatever the outcome
                os.killpg(pid, signal.SIGKILL)
    assert database_dump(url) == clean


def _ingest_cmd(src: Path, n_process: int, url: str) -> list[str]:
    return [str(EVENTWIRE), "ingest", str(src), "--batch-size", "2", "--n-process", str(n_process), "--quiet",
            "--db", url]


def database_dump(url: str) -> dict[str, list[tuple]]:
    """Every table's rows (content tables, stories, migrations...), as ``table_rows`` gives them."""
    engine = make_engine(url)
    names = tuple(n for n in inspect(engine).get_table_names() if not n.startswith("sqlite_"))
    engine.dispose()
    assert set(CONTENT_TABLES + STORY_TABLES) <= set(names)
    return table_rows(url, drop_ids=True, tables=names)


def _wait_for_count(url: str, at: int, proc: subprocess.Popen, timeout: float = 90) -> None:
    """Until ``at`` articles are committed (or the run ended)."""
    engine = make_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while at and proc.poll() is None and time.monotonic() < deadline:
            try:
                with engine.connect() as conn:
                    if conn.execute(sql("SELECT count(*) FROM articles")).scalar_one() >= at:
                        return
            except DBAPIError:  # the schema is not created yet
                pass
            time.sleep(0.01)
    finally:
        engine.dispose()


def _left_behind(group: int, wait: float = 2) -> list[int]:
    """Live processes still in process group ``group``, after up to ``wait`` seconds for them to go
    (a worker notices its parent is gone within ``PARENT_CHECK_EVERY``, 0.2 s)."""
    deadline = time.monotonic() + wait
    while True:
        alive = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # it ended meanwhile
                continue
            if int(fields[2]) == group and fields[0] not in ("Z", "X"):
                alive.append(int(stat.parent.name))
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.05)


class _Killed(BaseException):
    """Stands for kill -9: nothing after it runs, not even ``except Exception``."""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("dies,at_update", [("before", 1), ("before", 3), ("after", 2), ("after", 4)])
def test_reliability_crash_around_a_stories_update_then_rerun_equals_clean_run(tmp_path, monkeypatch, backend, dies,
                                                                              at_update):
    # Regression (#19): articles stored before a kill never got their stories. A crash just
    # before an update commits, or just after, then a re-run: the same stories as a run
    # that never crashed, because the re-run starts from the articles the store owes.
    monkeypatch.setattr(jobs, "STORIES_EVERY", 6)  # several updates in one run
    src = tmp_path / "crash-in"
    src.mkdir()
    for i in range(22):
        (src / f"s{i:02d}.txt").write_text(wire_story(i))
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    jobs.ingest([str(src)], Store(clean), load_options(batch_size=2))
    if backend == "postgresql":
        from test_store_backends import _empty_postgres, postgres_url

        crashed = postgres_url()
        _empty_postgres(crashed)
    else:
        crashed = f"sqlite:///{tmp_path / 'crashed.db'}"
    real, calls = jobs.stories_after_batch, []

    def dying(store, ids):
        calls.append(len(ids))
        if dies == "after" and len(calls) == at_update:
            real(store, ids)
        if len(calls) == at_update:
            raise _Killed
        return real(store, ids)

    monkeypatch.setattr(jobs, "stories_after_batch", dying)
    with pytest.raises(_Killed):
        jobs.ingest([str(src)], Store(crashed), load_options(batch_size=2))
    monkeypatch.setattr(jobs, "stories_after_batch", real)
    jobs.ingest([str(src)], Store(crashed), load_options(batch_size=2))
    stories = table_rows(crashed, drop_ids=True, tables=STORY_TABLES)
    assert stories == table_rows(clean, drop_ids=True, tables=STORY_TABLES)
    assert len(stories["story_articles"]) == 22 and not stories["stories_pending"]


def test_reliability_kill_9_of_the_parent_ends_its_workers(tmp_path):
    # Regression (#19): after kill -9 of an ingest with --n-process 2, both workers lived on.
    src = tmp_path / "workers-in"
    src.mkdir()
    for i in range(200):
        (src / f"s{i:03d}.txt").write_text(wire_story(i))
    proc = subprocess.Popen([str(EVENTWIRE), "ingest", str(src), "--db", f"sqlite:///{tmp_path / 'w.db'}",
                             "--batch-size", "4", "--n-process", "2", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(workers := _children(proc.pid)) < 2:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "no worker processes started"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while (alive := [pid for pid in workers if _alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in alive:  # do not leave them behind whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert not alive, f"workers {alive} outlived their parent"


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    tasks = Path(f"/proc/{pid}/task")
    if not tasks.is_dir():
        pytest.skip("needs Linux /proc")
    out = []
    for task in tasks.iterdir():
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:  # the thread ended meanwhile
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its reaper is missing


def _col(table: str, column: str, url: str) -> int:
    store = Store(url)
    with store.engine.connect() as conn:
        keys = [c for c in conn.execute(sql(f'SELECT * FROM "{table}" LIMIT 0')).keys()
                if not _timestamp(c)]
    store.close()
    return keys.index(column)


def _wait_for_articles(db_path: Path, at_least: int, proc: subprocess.Popen, timeout: float = 60,
                       finished_ok: bool = False) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            if finished_ok and proc.returncode == 0:
                return at_least
            raise AssertionError(f"ingest exited early: {proc.stderr.read().decode()}")
        if db_path.exists():
            try:
                con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
                n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                con.close()
                if n >= at_least:
                    return n
            except sqlite3.OperationalError:  # schema not created yet
                pass
        time.sleep(0.005)
    raise AssertionError("no articles were committed in time")
