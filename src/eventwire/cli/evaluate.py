"""``eventwire eval {seed,plover,petr2,actors,locations}``."""

from __future__ import annotations

import importlib
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ._util import app, console, err_console, print_json, rich_table


class Suite(str, Enum):
    seed = "seed"
    plover = "plover"
    petr2 = "petr2"
    actors = "actors"
    locations = "locations"


@app.command("eval")
def evaluate(
    suite: Annotated[Suite, typer.Argument(help="Which gold set to score against.")],
    path: Annotated[Path | None, typer.Option("--path", help="Gold file (defaults to the one in ../shared).")] = None,
    details: Annotated[bool, typer.Option("--details/--no-details", help="Print per-item lines.")] = True,
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score eventwire against a gold set and print precision/recall tables.

    The last line is the summary, e.g. `events P=0.93 R=1.00 F1=0.96 quotes=7/7`.
    Example: eventwire eval seed
    """
    module = importlib.import_module(f"eventwire.eval.{suite.value}")
    with err_console.status(f"scoring eventwire on the {suite.value} gold set ..."):
        report = module.evaluate(path)
    if json_out:
        print_json({"name": report.name, "scores": report.scores, "summary": report.summary})
        return
    if report.table:
        console.print(rich_table(report.name, report.table[0], report.table[1:]))
    if details:
        for line in report.details:
            console.print(line, highlight=False, markup=False)
    typer.echo(report.summary)
