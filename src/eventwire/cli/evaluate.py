"""``eventwire eval {seed,plover,petr2,actors,locations}``."""

from __future__ import annotations

import importlib
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ._util import app, console, err_console, options, print_json, rich_table


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
    coder: Annotated[str, typer.Option("--coder", help="Event coder to score: rules, learned, hybrid, or all "
                                       "(event suites: all three side by side, details for the setting's coder).")] = "all",
) -> None:
    """Score eventwire against a gold set and print precision/recall tables.

    The gold sets are frozen tests: read their scores, never tune on their sentences.
    The last line is the summary, e.g. `events P=0.93 R=1.00 F1=0.96 quotes=7/7`.
    Example: eventwire eval plover --coder all
    """
    from ..events.learned import CODERS
    from ..nlp import load_nlp

    module = importlib.import_module(f"eventwire.eval.{suite.value}")
    if coder != "all" and coder not in CODERS:
        raise typer.BadParameter(f"--coder must be all, {', '.join(CODERS)}; not {coder!r}")
    nlp = load_nlp()
    pipe = nlp.get_pipe("eventwire_events")
    default = options().coder
    event_suite = suite.value in ("seed", "plover", "petr2")
    runs = list(CODERS) if coder == "all" and event_suite else [default if coder == "all" else coder]
    reports = {}
    saved = pipe.coder
    try:
        for name in runs:
            pipe.coder = name
            with err_console.status(f"scoring eventwire ({name} coder) on the {suite.value} gold set ..."):
                reports[name] = module.evaluate(path, nlp=nlp)
    finally:
        pipe.coder = saved
    main = default if default in reports else runs[0]
    report = reports[main]
    if json_out:
        print_json({"name": report.name, "coder": main, "scores": report.scores, "summary": report.summary,
                    "by_coder": {k: r.scores for k, r in reports.items()}})
        return
    if report.table:
        console.print(rich_table(report.name, report.table[0], report.table[1:]))
    if details:
        for line in report.details:
            console.print(line, highlight=False, markup=False)
    if len(reports) > 1:
        keys = list(report.scores)
        rows = [[k] + [f"{r.scores.get(k, 0):.3f}" for r in reports.values()] for k in keys]
        console.print(rich_table(f"{report.name}: coders side by side (default: {main})",
                                 ["score", *reports], rows))
        for name, r in reports.items():
            typer.echo(f"[{name}] {r.summary}")
    typer.echo(report.summary)
