"""watch, fetch, alerts: live ingestion from feeds and the watchlist alerts it raises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import EventwireError
from ._util import DbOpt, ModelOpt, app, console, err_console, open_store, options, print_json, rich_table

RulesOpt = Annotated[Path | None, typer.Option("--rules", help="Watchlist YAML; adds to the config's rules.")]
JsonlOpt = Annotated[Path | None, typer.Option("--alerts-jsonl", help="Append each new alert to this JSONL file.")]
WebhookOpt = Annotated[str | None, typer.Option("--webhook", help="POST each new alert as JSON to this URL.")]
TimeoutOpt = Annotated[float | None, typer.Option("--timeout", help="Seconds before a request is abandoned.")]


def _print_alert(alert: dict[str, Any]) -> None:
    typer.echo(f"ALERT {alert['rule']}: {alert['event']} {alert['event_id']} - {alert['sentence']} "
               f"[{alert['evidence']}] {alert.get('url') or alert['article_id']}")


def _print_report(report: Any) -> None:
    err_console.print(report.summary(), highlight=False)
    for where, reason in {**report.feed_failures, **report.failures}.items():
        err_console.print(f"  [yellow]failed[/yellow] {where}: {reason}", highlight=False, soft_wrap=True)
    for problem in report.feed_problems:
        err_console.print(f"  [yellow]skipped item[/yellow] {problem}", highlight=False, soft_wrap=True)


def _poll_options(model: str | None, timeout: float | None, fetch: Any, sinks: list) -> Any:
    from ..feeds import PollOptions

    if timeout is not None:
        fetch.timeout = timeout
    return PollOptions(options=options(model=model), fetch=fetch, sinks=[_print_alert, *sinks])


@app.command()
def watch(
    feeds: Annotated[Path, typer.Argument(help="FEEDS.yaml: feeds, interval, watchlist, alert sinks.")],
    db: DbOpt = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    interval: Annotated[float | None, typer.Option(help="Seconds between polls (overrides the config).")] = None,
    rules: RulesOpt = None,
    alerts_jsonl: JsonlOpt = None,
    webhook: WebhookOpt = None,
    timeout: TimeoutOpt = None,
    model: ModelOpt = None,
) -> None:
    """Poll RSS/Atom feeds and sitemaps, ingest new articles, print watchlist alerts; Ctrl-C stops.

    Example: eventwire watch feeds.yaml --once --rules watchlist.yaml --alerts-jsonl alerts.jsonl
    """
    from ..feeds import load_config, load_rules
    from ..feeds import watch as watch_loop
    from ..feeds.watch import sinks_for

    try:
        config = load_config(feeds)
        if rules:
            config.rules += load_rules(rules)
    except EventwireError as err:
        err_console.print(f"[red]error:[/red] {err}", highlight=False)
        raise typer.Exit(2) from None
    config.alerts_jsonl = str(alerts_jsonl) if alerts_jsonl else config.alerts_jsonl
    config.webhook = webhook or config.webhook
    config.interval = interval if interval is not None else config.interval
    store = open_store(db, create=True)
    opts = _poll_options(model, timeout, config.fetch, sinks_for(config))
    try:
        watch_loop(config, store, opts, max_polls=1 if once else None, on_report=_print_report)
    except KeyboardInterrupt:
        err_console.print("stopped; the next run resumes where this one stopped")
    finally:
        store.close()


@app.command()
def fetch(
    urls: Annotated[list[str], typer.Argument(help="Article page URLs.")],
    db: DbOpt = None,
    rules: RulesOpt = None,
    alerts_jsonl: JsonlOpt = None,
    webhook: WebhookOpt = None,
    timeout: TimeoutOpt = None,
    model: ModelOpt = None,
) -> None:
    """Fetch article pages once and ingest them (ingested URLs are skipped). Exit 1 if any failed.

    Example: eventwire fetch https://example.org/news/talks.html --rules watchlist.yaml
    """
    from ..feeds import FetchOptions, WatchConfig, fetch_urls, load_rules
    from ..feeds.watch import sinks_for

    # Anything but a web address is a typo, not a page that failed to load: refuse it first.
    from ..ingest.outlets import web_url

    bad = [u for u in urls if web_url(u) is None]
    if bad:
        err_console.print(f"[red]error:[/red] not an http(s) URL: {', '.join(repr(u) for u in bad)}",
                          highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    try:
        rule_list = load_rules(rules) if rules else []
    except EventwireError as err:
        err_console.print(f"[red]error:[/red] {err}", highlight=False)
        raise typer.Exit(2) from None
    config = WatchConfig(alerts_jsonl=str(alerts_jsonl) if alerts_jsonl else None, webhook=webhook)
    store = open_store(db, create=True)
    try:
        report = fetch_urls(urls, store, _poll_options(model, timeout, FetchOptions(), sinks_for(config)), rule_list)
    finally:
        store.close()
    _print_report(report)
    if report.failures:
        raise typer.Exit(1)


@app.command()
def alerts(
    db: DbOpt = None,
    rule: Annotated[str | None, typer.Option(help="Only this rule's alerts.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many, newest first.")] = 50,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or jsonl.")] = "table",
) -> None:
    """List past watchlist alerts, newest first, with the evidence of each.

    Example: eventwire alerts --rule hamas-talks --format jsonl
    """
    from ..feeds.state import list_alerts

    if format not in {"table", "json", "jsonl"}:
        raise typer.BadParameter("--format must be table, json or jsonl")
    store = open_store(db)
    try:
        rows = list_alerts(store, rule=rule, limit=limit)
    finally:
        store.close()
    if format == "json":
        print_json(rows)
    elif format == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        console.print(rich_table(f"{len(rows)} alert(s)", ["when", "rule", "event", "sentence", "evidence", "url"], [
            [r["created_at"][:19], r["rule"], f"{r['event']} {r['event_id']}", r["sentence"], r["evidence"],
             r.get("url") or r["article_id"]] for r in rows]))
