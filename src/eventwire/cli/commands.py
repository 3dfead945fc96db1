"""extract, ingest, events, export, explain, summary."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import ItemError, ItemWarning
from ._util import (
    DbOpt, ModelOpt, PublishedOpt, actor_names, app, console, err_console, open_store, options, parse_date,
    print_json, rich_table,
)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="Article text file, HTML page or JSONL (or - for stdin).", allow_dash=True)],
    published: PublishedOpt = None,
    title: Annotated[str | None, typer.Option(help="Title, if not the first line.")] = None,
    url: Annotated[str | None, typer.Option(help="Article URL (source domain, date in URL).")] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="json (indented; one article) or jsonl (one line per article; the default for several).")] = None,
    model: ModelOpt = None,
) -> None:
    """Extract actors, events, quotes, dates and places from articles; no database.

    A JSONL file gives one result line per record; a bad record is one error line and the
    others go on (exit code 1 if any failed).
    Example: eventwire extract ../shared/seed/moscow-parley.txt --published 2024-02-19 --format json
    """
    from itertools import chain

    from ..errors import ItemWarning, item_error
    from ..extract import extract_documents
    from ..ingest import RawItem, max_input_bytes, to_article
    from ..ingest.readers import read_file, read_stdin
    from ..nlp import load_nlp
    from ..nlp.pipeline import configure_nlp

    if format not in {None, "json", "jsonl"}:
        raise typer.BadParameter("--format must be json or jsonl")
    opts = options(model=model)
    if str(file) == "-":
        stream = read_stdin(max_input_bytes(opts))
    elif not file.is_file():
        err_console.print(f"[red]error:[/red] {file}: no such file")
        raise typer.Exit(2)
    else:
        stream = read_file(file, max_input_bytes(opts))
    # Read ahead to the second article (warnings aside) to know whether there are several;
    # the rest streams.
    stream, head, records = iter(stream), [], 0
    for x in stream:
        head.append(x)
        records += not isinstance(x, ItemWarning)
        if records == 2:
            break
    several = records == 2
    items = chain(head, stream)
    if several and format == "json":
        err_console.print(f"[red]error:[/red] {file}: several records; --format jsonl prints one line per article",
                          highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    if several and (title or url):
        err_console.print(f"[red]error:[/red] {file}: several records; --title and --url describe one article",
                          highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    indent = 2 if (format or ("jsonl" if several else "json")) == "json" else None
    nlp, failed = None, False
    if not head:
        items = iter([item_error(str(file), "E001")])
    for item in items:
        if isinstance(item, ItemWarning):
            err_console.print(f"[yellow]warning[/yellow] {item}", highlight=False, soft_wrap=True)
            continue
        if isinstance(item, RawItem):
            item.title, item.url = title or item.title, url or item.url
            item = to_article(item, opts, parse_date(published))
        if isinstance(item, ItemError):
            err_console.print(f"[red]error:[/red] {item}", highlight=False, soft_wrap=True)
            failed = True
            continue
        try:
            nlp = nlp or configure_nlp(load_nlp(opts.model), opts)
            doc = next(extract_documents([item], nlp=nlp, options=opts))
        except Exception as err:  # a clean one-line error, never a traceback
            err_console.print(f"[red]error:[/red] {item_error(item.origin or str(file), 'E011', reason=f'{type(err).__name__}: {err}')}",
                              highlight=False, soft_wrap=True)
            failed = True
            continue
        typer.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=indent))
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, JSONL files, or - for stdin.")],
    db: DbOpt = None,
    published: PublishedOpt = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per batch/transaction.")] = None,
    model: ModelOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad item.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    engine: Annotated[str | None, typer.Option("--engine", help="local, processes or dask (default: processes when n_process > 1, else local).")] = None,
    n_process: Annotated[int | None, typer.Option("--n-process", help="Worker processes (setting n_process); Dask LocalCluster workers.")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask engine: scheduler address, e.g. tcp://host:8786 (default: a LocalCluster).")] = None,
    parquet_dir: Annotated[Path, typer.Option("--parquet-dir", help="Dask engine: root of the partitioned Parquet (events, actors, quotes, documents).")] = Path("eventwire-parquet"),
    load: Annotated[bool, typer.Option("--load/--no-load", help="Dask engine: load the Parquet into the store, or leave Parquet only.")] = True,
) -> None:
    """Ingest articles into the store; bad items are reported and the batch goes on.

    Exit code 0 when every item was ingested, 1 when any item failed.
    Example: eventwire ingest samples/ --db sqlite:///eventwire.db
    Example: eventwire ingest 'corpus/*.jsonl' --engine dask --n-process 4 --parquet-dir out/
    """
    from ..jobs import ingest as run_ingest
    from ..scale import ENGINES, engine_for, expand_globs, shutdown_engines

    if engine is not None and engine not in ENGINES:
        raise typer.BadParameter(f"--engine must be one of {', '.join(ENGINES)}")
    paths = expand_globs(paths)
    opts = options(model=model, batch_size=batch_size, db=db, n_process=n_process)
    if engine == "dask":
        _ingest_dask(paths, opts, scheduler, parquet_dir, load, parse_date(published))
        return
    store = open_store(opts.db, create=True)
    with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err_console, disable=quiet,
                  transient=False) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_item(item) -> None:
            if not isinstance(item, ItemWarning):
                progress.advance(task)  # a warning is about the item that follows
            if isinstance(item, ItemError):
                progress.console.print(f"[red]error[/red] {item}", highlight=False, soft_wrap=True)
            elif isinstance(item, ItemWarning):
                progress.console.print(f"[yellow]warning[/yellow] {item}", highlight=False, soft_wrap=True)

        try:
            report = run_ingest(paths, store, opts, published=parse_date(published), strict=strict, on_item=on_item,
                                engine=engine_for(opts, engine) if engine else None)
        except SQLAlchemyError as err:  # the store itself failed (locked, disk full): stop cleanly
            err_console.print(f"[red]error:[/red] the store failed: {type(err).__name__}: {getattr(err, 'orig', None) or err}",
                              highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        finally:
            shutdown_engines()
    _ingest_summary(report)


def _ingest_summary(report) -> None:
    w = report.written
    # A stored text seen at a new outlet is not "unchanged": its outlet was added (#18).
    outlets = f", {w.new_outlets} seen at another outlet" if w.new_outlets else ""
    err_console.print(
        f"articles: {w.added} added, {w.replaced} re-processed, "
        f"{report.skipped + w.unchanged - w.new_outlets} unchanged{outlets}; "
        f"events: {w.events}; errors: {len(report.errors)}"
    )
    if not report.ok:
        raise typer.Exit(1)


def _ingest_dask(paths, opts, scheduler, parquet_dir, load, published) -> None:
    from ..scale.dask_engine import ingest_dask

    store = open_store(opts.db, create=True) if load else None
    try:
        report = ingest_dask(paths, store, opts, parquet_dir=parquet_dir, scheduler=scheduler, load=load,
                             published=published)
    except SQLAlchemyError as err:
        err_console.print(f"[red]error:[/red] the store failed: {type(err).__name__}: {getattr(err, 'orig', None) or err}",
                          highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    for warning in report.warnings:
        err_console.print(f"[yellow]warning[/yellow] {warning}", highlight=False, soft_wrap=True)
    for error in report.errors:
        err_console.print(f"[red]error[/red] {error}", highlight=False, soft_wrap=True)
    err_console.print(f"parquet: {len(report.partitions)} partitions under {parquet_dir}")
    _ingest_summary(report)


def _event_filters(actor, actor_contains, type, status, since, until, country, source):
    """The filters as ``Store.events`` takes them; a value that can match nothing is one
    error line naming the valid values (exit 2), as the web app answers 400 (#19)."""
    from ..store.filters import filter_problems

    filters = dict(actor=actor, actor_contains=actor_contains, type=type, status=status, since=since, until=until,
                   country=country, source=source)
    problems = filter_problems(**filters)
    if problems:
        err_console.print(f"[red]error:[/red] {'; '.join(problems)}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    return filters


ActorOpt = Annotated[str | None, typer.Option(
    "--actor", help="Actor id, name or alias, whole and case-insensitive (either side): 'us' is not Russia.")]
ActorContainsOpt = Annotated[str | None, typer.Option(
    "--actor-contains", help="Text within an actor's name or mention, case-insensitive, no wildcards.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER type(s), comma-separated.")]
StatusOpt = Annotated[str | None, typer.Option("--status", help="occurred, planned, hypothetical, negated.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Earliest event date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Latest event date (YYYY-MM-DD).")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="ISO3 country of either side.")]
SourceOpt = Annotated[str | None, typer.Option("--source", help="Source domain of the article.")]


@app.command()
def events(
    db: DbOpt = None, actor: ActorOpt = None, actor_contains: ActorContainsOpt = None, type: TypeOpt = None,
    status: StatusOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, country: CountryOpt = None, source: SourceOpt = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many events (0: all).")] = 100,
    offset: Annotated[int, typer.Option(min=0, max=2**62, help="Skip this many events first (paging).")] = 0,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """List stored events, filtered. A cut list says so on stderr; `export` always writes all.

    Example: eventwire events --actor Hamas --type REQUEST,CONSULT --format json
    """
    from ..store.export import FLAT_COLUMNS, flatten_event

    store = open_store(db)
    # One row more than shown tells whether the list was cut (#19: it stopped silently).
    rows = store.events(limit=limit + 1 if limit else None, offset=offset,
                        **_event_filters(actor, actor_contains, type, status, since, until, country, source))
    cut = bool(limit) and len(rows) > limit
    rows = rows[:limit] if limit else rows
    if cut:
        err_console.print(f"{limit} events shown, more match: --limit 0 shows all", highlight=False)
    if format == "json":
        print_json(rows)
    elif format == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        writer.writerows(flatten_event(e) for e in rows)
        typer.echo(buf.getvalue(), nl=False)
    elif format == "table":
        console.print(rich_table(f"{len(rows)} events" + (" (more match)" if cut else ""), ["id", "date", "event", "mode", "status", "actor", "recipient", "evidence"], [
            [e["id"], e["date"], e["event"], e["mode"], e["status"], actor_names(e["actor"]),
             actor_names(e["recipient"]), e["evidence"]] for e in rows]))
    else:
        raise typer.BadParameter("--format must be table, json or csv")


EXPORT_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet",
                   ".graphml": "graphml", ".gexf": "gexf"}
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "graphml", "gexf")


def export_format(out: Path, given: str | None) -> str:
    """The export format: ``--format`` when given, else the file's extension, else JSONL.

    A ``--format`` that contradicts a known extension is refused (a "out.csv" full of JSON
    lines fools every reader).

    >>> export_format(Path("e.parquet"), None), export_format(Path("e.txt"), None), export_format(Path("g.GEXF"), None)
    ('parquet', 'jsonl', 'gexf')
    >>> export_format(Path("e.csv"), "parquet")
    Traceback (most recent call last):
    ...
    ValueError: --format parquet does not match the extension of e.csv (csv)
    """
    implied = EXPORT_SUFFIXES.get(out.suffix.lower())
    if given is None:
        return implied or "jsonl"
    if given not in EXPORT_FORMATS:
        raise ValueError("--format must be jsonl, csv, parquet, graphml or gexf")
    if implied and implied != given:
        raise ValueError(f"--format {given} does not match the extension of {out.name} ({implied})")
    return given


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="Output file (.jsonl, .csv, .parquet, .graphml or .gexf: the format follows the extension).")],
    format: Annotated[str | None, typer.Option("--format", "-f", help="jsonl, csv, parquet, graphml or gexf (default: from the extension, else jsonl).")] = None,
    db: DbOpt = None, actor: ActorOpt = None, actor_contains: ActorContainsOpt = None, type: TypeOpt = None,
    status: StatusOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, country: CountryOpt = None, source: SourceOpt = None,
    min_weight: Annotated[int, typer.Option("--min-weight", min=1, help="graphml/gexf: fewest events a dyad needs to be an edge.")] = 1,
    top: Annotated[int, typer.Option("--top", min=0, help="graphml/gexf: keep only the N most active actors (0: all).")] = 0,
) -> None:
    """Export stored events (all, or filtered) to JSONL, CSV or Parquet, or their actor network
    to GraphML or GEXF (Gephi, networkx, igraph): one edge per dyad, with event counts by type
    and quad class and the first and last date.

    Example: eventwire export events.parquet; eventwire export network.gexf --min-weight 2
    """
    from ..network import GRAPH_FORMATS, export_graph
    from ..store.export import export_events

    try:
        format = export_format(out, format)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    if not out.parent.is_dir():
        err_console.print(f"[red]error:[/red] {out.parent}: no such directory", highlight=False)
        raise typer.Exit(2)
    store = open_store(db)
    events = store.events(**_event_filters(actor, actor_contains, type, status, since, until, country, source))
    if format in GRAPH_FORMATS:
        nodes, edges = export_graph(store, events, format, out, min_weight=min_weight, top=top or None)
        err_console.print(f"wrote {nodes} actors and {edges} links from {len(events)} events to {out}")
        return
    n = export_events(events, format, out)
    err_console.print(f"wrote {n} events to {out}")


@app.command()
def explain(event_id: Annotated[str, typer.Argument(help="Event id, as printed by `eventwire events`.")], db: DbOpt = None) -> None:
    """Explain why an event was coded: sentence, evidence, rule, actors, status, date and place.

    Example: eventwire explain 8fa7523561ed-003
    """
    store = open_store(db)
    e = store.event(event_id)
    if e is None:
        err_console.print(f"[red]error:[/red] no event {event_id!r}")
        raise typer.Exit(1)
    s0 = e["span"][0]
    ev0, ev1 = e["evidence_span"][0] - s0, e["evidence_span"][1] - s0
    sentence = e["text"]
    console.print(f"[bold]{e['event']}[/bold] {e['mode'] or ''}  status={e['status']}  cameo={e['cameo']}  confidence={e['confidence']:.2f}")
    console.print(f"sentence : {sentence[:ev0]}[reverse]{sentence[ev0:ev1]}[/reverse]{sentence[ev1:]}", highlight=False)
    console.print(f"evidence : {e['evidence']!r} at chars {e['evidence_span']} of article {e['article_id']}")
    console.print(f"rule     : {e['rule']}")
    console.print(f"actor    : {actor_names(e['actor']) or '-'}")
    console.print(f"recipient: {actor_names(e['recipient']) or '-'}")
    if e.get("reported_by"):
        console.print(f"reported by: {e['reported_by']}")
    console.print(f"status   : {e['status']}" + (f" (cue: {e['status_cue']!r})" if e.get("status_cue") else ""))
    console.print(f"date     : {e['date'] or '-'} ({e['date_precision'] or '-'})" + (f" from {e['date_text']!r}" if e.get("date_text") else " (publication date)"))
    loc = e.get("event_loc")
    console.print(f"place    : {loc['name']} {loc['country']} ({loc['lat']}, {loc['lon']})" if loc else "place    : -")


@app.command()
def summary(db: DbOpt = None, limit: Annotated[int, typer.Option(help="Rows per table.")] = 15) -> None:
    """Print a summary of the store: counts, top actors and recent events.

    Example: eventwire summary --db sqlite:///eventwire.db
    """
    store = open_store(db)
    counts = store.counts()
    console.print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    console.print(rich_table("Top actors", ["actor", "country", "sector", "articles", "mentions", "events"], [
        [a["name"], a["country"], a["sector"], a["articles"], a["mentions"], a["events"]]
        for a in store.actors(limit=limit)]))
    console.print(rich_table("Events", ["date", "event", "mode", "status", "actor", "recipient", "evidence"], [
        [e["date"], e["event"], e["mode"], e["status"], actor_names(e["actor"]), actor_names(e["recipient"]), e["evidence"]]
        for e in store.events(limit=limit)]))
