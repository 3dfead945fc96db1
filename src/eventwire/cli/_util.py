"""Shared CLI plumbing: the app, option aliases, consoles and output helpers."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ..settings import load_options

app = typer.Typer(
    name="eventwire",
    help="News articles in, verifiable PLOVER political event data out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
# Off a terminal (pipes, CI logs) rich assumes 80 columns; tables of events need more.
console = Console(width=None if sys.stdout.isatty() else 160)
# Error lines never wrap: one line per error, whatever the terminal width (a wrapped
# "no\nsuch file" breaks grep and tests alike).
err_console = Console(stderr=True, soft_wrap=True)

DbOpt = Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL of the store (default: sqlite:///eventwire.db or EVENTWIRE_DB).")]
PublishedOpt = Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD; relative dates resolve against it.")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy model name (setting `model`).")]


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def options(**overrides: Any):
    """The resolved settings; a bad value (file, environment or option) is one error line."""
    try:
        return load_options(**overrides)
    except (ValueError, KeyError) as err:
        err_console.print(f"[red]error:[/red] {err}", highlight=False)
        raise typer.Exit(2) from None


def open_store(db: str | None, create: bool = False):
    """The store at ``--db`` (or the setting), or one error line and exit code 2.

    create (bool): a command that writes (ingest, fetch, watch) may create a new SQLite file;
        a command that reads refuses one that does not exist, since opening it would create an
        empty database and answer "no events" for a mistyped path.
    """
    from pathlib import Path

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    from ..store import Store

    url = options(db=db).db

    def fail(message: str):
        err_console.print(f"[red]error:[/red] {message}", highlight=False)
        raise typer.Exit(2)

    try:
        parsed = make_url(url)
    except ArgumentError:
        fail(f"--db {url!r} is not a database URL (a file is sqlite:///{url})")
    path = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if path and path != ":memory:" and not path.startswith("file:"):
        if not Path(path).parent.is_dir():
            fail(f"--db {url!r}: the directory {str(Path(path).parent)!r} does not exist")
        if not create and not Path(path).exists():
            fail(f"--db {url!r}: no database there (ingest articles first, or check the path)")
    try:
        return Store(url)
    except (NoSuchModuleError, ModuleNotFoundError) as err:
        fail(f"--db {url!r}: the database driver is not installed ({err}); for PostgreSQL: pip install 'psycopg[binary]'")
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        fail(f"--db {url!r}: cannot open the database: {reason}")


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def rich_table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    return table


def actor_names(side: list[dict[str, Any]]) -> str:
    return "; ".join(f"{a['name']} ({a['code']})" if a.get("code") else a["name"] for a in side)
