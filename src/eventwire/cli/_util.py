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


def open_store(db: str | None):
    from ..store import Store

    return Store(options(db=db).db)


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
