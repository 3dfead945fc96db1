"""Every command, fed bad arguments, answers with one error line and a non-zero exit (#19).

The console script (``eventwire.cli.main``) is run in-process: usage errors (a value of the
wrong kind, an unknown option) and the commands' own checks must both be one line on
stderr, never a traceback or a framed box that wraps with the terminal.
"""

from __future__ import annotations

import pytest

from eventwire.cli import main
from eventwire.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("badargs") / "x.db"
    Store(f"sqlite:///{path}").close()
    return f"sqlite:///{path}"


BAD = [
    # (arguments; {db} is an existing empty store, {tmp} a scratch directory), a word of the error
    (["extract", "{tmp}/nope.txt"], "no such file"),
    (["extract", "{tmp}/a.txt", "--format", "xml"], "--format"),
    (["ingest", "{tmp}/a.txt", "--db", "{db}", "--engine", "rocket"], "--engine"),
    (["ingest", "{tmp}/a.txt", "--db", "{db}", "--batch-size", "many"], "--batch-size"),
    (["ingest", "{tmp}/a.txt", "--db", "x.db"], "not a database URL"),
    (["events", "--db", "{db}", "--type", "ASSUALT"], "not a PLOVER type"),
    (["events", "--db", "{db}", "--since", "yesterday"], "not a date"),
    (["events", "--db", "{db}", "--status", "happened"], "not a status"),
    (["events", "--db", "{db}", "--country", "Kenya"], "alpha-3"),
    (["events", "--db", "{db}", "--limit", "lots"], "--limit"),
    (["events", "--db", "{db}", "--bogus"], "No such option"),
    (["events", "--db", "{tmp}/typo.db"], "not a database URL"),
    (["events", "--db", "sqlite:///{tmp}/typo.db"], "no database there"),
    (["export", "{tmp}/out.parquet", "--db", "{db}", "--format", "csv"], "format"),
    (["export", "{tmp}/missing/out.jsonl", "--db", "{db}"], "no such directory"),
    (["export", "{tmp}/out.jsonl", "--db", "{db}", "--type", "ASSUALT"], "not a PLOVER type"),
    (["explain", "no-such-event", "--db", "{db}"], "no event"),
    (["summary", "--db", "sqlite:///{tmp}/missing_dir/x.db"], "does not exist"),
    (["eval", "nosuchsuite"], "suite"),
    (["eval", "plover", "--coder", "oracle"], "coder"),
    (["fetch", "not a url", "--db", "{db}"], "URL"),
    (["alerts", "--db", "x.db"], "not a database URL"),
    (["serve", "--db", "{db}", "--port", "80000"], "--port"),
    (["serve", "--db", "{db}", "--host", "0.0.0.0", "--token", ""], "token"),
    (["stories", "--db", "mysql://u@localhost/x"], "driver"),
    (["story", "no-such-story", "--db", "{db}"], "no story"),
    (["actors", "show", "Nobody Atall Xyzzy", "--db", "{db}"], "Nobody Atall Xyzzy"),
    (["nosuchcommand"], "No such command"),
]


@pytest.mark.parametrize("args,word", BAD, ids=[" ".join(a[:3]) for a, _ in BAD])
def test_cli_bad_arguments_are_one_error_line(tmp_path, capsys, db, args, word):
    (tmp_path / "a.txt").write_text("Peru criticized Chile on Monday.", encoding="utf-8")
    args = [a.format(db=db, tmp=tmp_path) for a in args]
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out = capsys.readouterr()
    text = out.out + out.err
    lines = [line for line in out.err.splitlines() if line.strip()]
    assert exit_info.value.code not in (0, None), text
    assert "Traceback" not in text, text
    assert len(lines) == 1 and "error" in lines[0].lower() and word.lower() in lines[0].lower(), text
