"""``eventwire stories`` and ``eventwire story ID``: stories across sources, with disagreements."""

from __future__ import annotations

from typing import Annotated

import typer

from ._util import DbOpt, app, console, err_console, open_store, print_json, rich_table


@app.command("stories")
def stories_list(
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    update: Annotated[bool, typer.Option("--update", help="First assign stored articles that have no story yet.")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List stories (articles about one story, across outlets), most recent first.

    Example: eventwire stories --update
    """
    from ..stories.store import update_unassigned
    from ..stories.views import list_stories

    store = open_store(db)
    if update:
        done = update_unassigned(store)
        err_console.print(f"assigned {done.articles} articles: {done.stories_new} new stories, {done.clusters} event clusters")
    rows = list_stories(store, limit=limit)
    if format == "json":
        print_json(rows)
        return
    console.print(rich_table(f"{len(rows)} stories", ["id", "title", "first", "last", "articles", "sources", "events", "actors"], [
        [s["id"], s["title"], s["first_date"], s["last_date"], s["num_articles"], s["num_sources"], s["events"],
         ", ".join(s["actors"][:5])] for s in rows]))


@app.command("story")
def story_show(
    story_id: Annotated[str, typer.Argument(help="A story id from `eventwire stories`.")],
    db: DbOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Show one story's timeline: its events in time order, who reported what, and where outlets disagree.

    Example: eventwire story st-66410f95cd1d6e43
    """
    from ..stories.views import story_view

    data = story_view(open_store(db), story_id)
    if data is None:
        err_console.print(f"[red]error:[/red] no story {story_id!r}")
        raise typer.Exit(1)
    if format == "json":
        print_json(data)
        return
    s = data["story"]
    console.print(f"[bold]{s['title'] or s['id']}[/bold]  {s['first_date']} – {s['last_date']}, "
                  f"{s['num_articles']} articles from {s['num_sources']} sources")
    rows = []
    for e in data["events"]:
        for i, r in enumerate(e["reports"]):
            head = [e["date"], e["event"], " / ".join(a["name"] for a in e["actors"]),
                    f"{e['num_sources']} src / {e['num_articles']} art"] if i == 0 else ["", "", "", ""]
            rows.append([*head, r["source"], r["published"], r["status"], r["date"], r["loc_name"], r["evidence"]])
    console.print(rich_table("Timeline", ["date", "type", "actors", "reports", "source", "published", "status",
                                          "says date", "says place", "evidence"], rows))
    for d in data["disagreements"]:
        says = "; ".join(f"{v['value']} ({', '.join(v['sources'])})" for v in d["values"])
        console.print(f"[yellow]disagree[/yellow] {d['event']} {d['date']}: {d['kind']}: {says}")
