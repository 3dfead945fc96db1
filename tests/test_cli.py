"""CLI: exit codes and the rows that commands leave behind (sqlite-utils style)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
runner = CliRunner()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The bundled samples ingested once into a temp SQLite store."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'cli.db'}"
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--db", url, "--quiet"])
    return url, result


def test_cli_ingest_samples_exit_zero(ingested):
    url, result = ingested
    assert result.exit_code == 0, result.output
    counts = Store(url).counts()
    n_inputs = len(list(SAMPLES.glob("*.txt"))) + sum(1 for _ in (SAMPLES / "06-diplomacy.jsonl").open())
    assert counts["articles"] == n_inputs and counts["ingest_errors"] == 0


def test_cli_reingest_is_idempotent(ingested):
    url, _ = ingested
    before = Store(url).counts()
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--db", url, "--quiet"])
    assert result.exit_code == 0
    assert Store(url).counts() == before


def test_cli_events_export_round_trip(ingested, tmp_path):
    url, _ = ingested
    listed = json.loads(runner.invoke(app, ["events", "--db", url, "--format", "json", "--limit", "100000"]).output)
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", str(out), "--format", "csv", "--db", url])
    assert result.exit_code == 0
    rows = list(csv.DictReader(out.open()))
    assert sorted(r["id"] for r in rows) == sorted(e["id"] for e in listed)
    assert len(rows) == Store(url).counts()["events"]


def test_cli_export_format_follows_the_extension(ingested, tmp_path):
    # Regression (#19): "export out.parquet" without --format wrote JSON lines.
    url, _ = ingested
    out = tmp_path / "events.parquet"
    assert runner.invoke(app, ["export", str(out), "--db", url]).exit_code == 0
    assert out.read_bytes()[:4] == b"PAR1"
    csv_out = tmp_path / "events.csv"
    assert runner.invoke(app, ["export", str(csv_out), "--db", url]).exit_code == 0
    assert next(csv.reader(csv_out.open()))[0] != "{"


@pytest.mark.parametrize("args,message", [
    (["out.csv", "--format", "parquet"], "does not match the extension"),
    (["missing-dir/out.jsonl"], "no such directory"),
])
def test_cli_export_refuses_mismatch_and_missing_directory(ingested, tmp_path, args, message):
    url, _ = ingested
    result = runner.invoke(app, ["export", str(tmp_path / args[0]), *args[1:], "--db", url])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_cli_ingest_bad_files_reports_and_continues(tmp_path, db_url):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (inputs / "latin1.txt").write_bytes("Le caf\u00e9 est ferm\u00e9".encode("latin-1"))
    (inputs / "good.txt").write_text("Talks Resume\n\nNorway hosted Colombian negotiators in Oslo on Monday.")
    result = runner.invoke(app, ["ingest", str(inputs), "--db", db_url, "--quiet"])
    assert result.exit_code == 1
    for name, code in (("empty.txt", "E001"), ("binary.txt", "E002"), ("latin1.txt", "E003")):
        assert any(name in line and code in line for line in result.output.splitlines()), result.output
    store = Store(db_url)
    assert store.counts()["articles"] == 1 and store.counts()["ingest_errors"] == 3


def test_cli_extract_missing_file_is_clean_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_cli_error_line_does_not_wrap_in_a_long_directory(tmp_path):
    # Regression (#19): rich wrapped errors at 80 columns ("no\nsuch file") off a terminal.
    deep = tmp_path / ("d" * 120) / "nope.txt"
    result = runner.invoke(app, ["extract", str(deep)])
    assert result.exit_code == 2
    assert f"{deep}: no such file" in result.output.splitlines()[-1], result.output


def test_cli_extract_prints_document_json(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Talks Resume\n\nNorway hosted Colombian negotiators in Oslo on Monday.")
    result = runner.invoke(app, ["extract", str(path), "--published", "2024-03-04", "--format", "jsonl"])
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert set(doc) == {"article", "actors", "events", "quotes", "dates", "places", "warnings"}
    assert doc["article"]["published"] == "2024-03-04" and doc["article"]["title"] == "Talks Resume"


def test_cli_bad_coder_setting_is_one_error_line(tmp_path):
    # A setting from the environment that is no coder: one line, exit 2, no traceback.
    result = runner.invoke(app, ["summary", "--db", f"sqlite:///{tmp_path / 'x.db'}"], env={"EVENTWIRE_CODER": "neural"})
    assert result.exit_code == 2
    assert "setting coder must be one of rules, learned, hybrid" in result.output
    assert "Traceback" not in result.output


def test_cli_events_says_when_the_list_is_cut_and_limit_zero_shows_all(ingested):
    # Regression (#19): --format json silently stopped at --limit rows.
    url, _ = ingested
    total = Store(url).counts()["events"]
    assert total > 2
    cut = runner.invoke(app, ["events", "--db", url, "--format", "json", "--limit", "2"])
    assert cut.exit_code == 0 and "more match: --limit 0 shows all" in cut.output
    every = runner.invoke(app, ["events", "--db", url, "--format", "json", "--limit", "0"])
    assert len(json.loads(every.output)) == total and "more match" not in every.output


@pytest.mark.parametrize("args,message", [
    (["--host", "0.0.0.0", "--token", ""], "--token may not be empty"),
    (["--port", "80000"], "65535"),
])
def test_cli_serve_refuses_empty_token_off_localhost_and_bad_port(tmp_path, args, message):
    # Regression (#19): an empty token off localhost accepted unauthenticated writes.
    result = runner.invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", *args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", [["summary"], ["events"], ["export", "out.jsonl"], ["stories"], ["actors"]])
@pytest.mark.parametrize("db,message", [
    ("x.db", "is not a database URL"),
    ("sqlite:///{tmp}/missing_dir/x.db", "does not exist"),
    ("sqlite:///{tmp}/typo.db", "no database there"),
    ("mysql://u@localhost/x", "driver is not installed"),
])
def test_cli_bad_db_is_one_error_line(tmp_path, command, db, message):
    # Regression (#19): these were SQLAlchemy tracebacks, and a read command with a mistyped
    # path silently created an empty database and reported no events.
    db = db.format(tmp=tmp_path)
    result = runner.invoke(app, command + ["--db", db])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output, result.output
    assert not (tmp_path / "typo.db").exists()


def test_cli_unreachable_postgres_is_one_error_line():
    result = runner.invoke(app, ["summary", "--db", "postgresql+psycopg://u@127.0.0.1:1/x"])
    assert result.exit_code == 2 and "cannot open the database" in result.output, result.output
    assert "Traceback" not in result.output


def test_cli_ingest_creates_a_new_database(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Peru criticized Chile on Monday.\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'new.db'}"
    assert runner.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["summary", "--db", db]).exit_code == 0


def test_cli_extract_jsonl_prints_every_record(tmp_path):
    # Regression (#19): a JSONL file of three records printed the first only, exit code 0.
    f = tmp_path / "three.jsonl"
    f.write_text("\n".join(json.dumps({"id": str(i), "text": t}) for i, t in enumerate(
        ["Peru criticized Chile on Monday.", "Chile denounced Bolivia on Tuesday.", "Bolivia held talks with Peru in Lima on Friday about trade."])) + "\n",
        encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f)])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [d["article"]["external_id"] for d in docs] == ["0", "1", "2"]
    assert any(e["event"] == "ACCUSE" for e in docs[0]["events"])
    refused = runner.invoke(app, ["extract", str(f), "--format", "json"])
    assert refused.exit_code == 2 and "--format jsonl" in refused.output


def test_cli_extract_jsonl_bad_record_is_one_line_and_others_go_on(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_text(json.dumps({"id": "a", "text": 5}) + "\n" + json.dumps({"id": "b", "text": "Peru criticized Chile."}) + "\n",
                 encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f)])
    assert result.exit_code == 1 and "[E007]" in result.output
    assert sum(1 for line in result.stdout.splitlines() if line.startswith("{")) == 1


@pytest.mark.parametrize("args,found", [
    (["--actor", "us"], {"usa"}), (["--actor", "Russia"], {"rus"}), (["--actor-contains", "us"], {"usa", "rus"}),
    (["--actor-contains", "%"], set()),
])
def test_cli_events_actor_matches_whole_names_unless_contains(db_url, args, found):
    # Regression (#19): `--actor us` matched Russia.
    from test_store import _dyad_doc

    Store(db_url).write_documents([_dyad_doc("Russia", "rus", "Russian"), _dyad_doc("United States", "usa", "US")])
    result = runner.invoke(app, ["events", "--db", db_url, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    assert {r["id"] for e in json.loads(result.output) for r in e["recipient"]} == found


def test_cli_events_offset_pages_through_corrected_events(db_url):
    # Regression (#19): pages over corrected events repeated and skipped events.
    from test_store import _reviewed_store

    _reviewed_store(Store(db_url))
    whole = json.loads(runner.invoke(app, ["events", "--db", db_url, "--format", "json", "--limit", "0"]).output)
    pages = [json.loads(runner.invoke(app, ["events", "--db", db_url, "--format", "json", "--limit", "3",
                                            "--offset", str(start)]).stdout) for start in range(0, len(whole), 3)]
    assert [e["id"] for page in pages for e in page] == [e["id"] for e in whole] and len(whole) == 14
