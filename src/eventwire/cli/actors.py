"""``eventwire actors``: list stored actors; add/show/search the knowledge base."""

from __future__ import annotations

from typing import Annotated

import typer

from ._util import DbOpt, app, console, err_console, open_store, options, print_json, rich_table

actors_app = typer.Typer(
    help="Stored actors and the actor knowledge base.\n\nExample: eventwire actors search Lavrov",
    invoke_without_command=True,
)
app.add_typer(actors_app, name="actors")


@actors_app.callback()
def actors_list(
    ctx: typer.Context,
    db: DbOpt = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Name substring.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List stored actors with mention and event counts (without a subcommand).

    Example: eventwire actors --query putin
    """
    if ctx.invoked_subcommand is not None:
        return
    rows = open_store(db).actors(query=query, limit=limit)
    if format == "json":
        print_json(rows)
        return
    console.print(rich_table(f"{len(rows)} actors", ["id", "name", "country", "sector", "kind", "articles", "mentions", "events"], [
        [a["id"], a["name"], a["country"], a["sector"], a["kind"], a["articles"], a["mentions"], a["events"]] for a in rows]))


@actors_app.command("search")
def actors_search(
    query: Annotated[str, typer.Argument(help="A name or alias, fuzzy.")],
    limit: Annotated[int, typer.Option(help="At most this many.")] = 10,
) -> None:
    """Search the actor knowledge base (aliases, fuzzy).

    Example: eventwire actors search "Marzook"
    """
    from ..actors import kb

    rows = kb.search_kb(query, limit=limit)
    print_json(rows)


@actors_app.command("show")
def actors_show(name: Annotated[str, typer.Argument(help="Canonical name, alias or id.")], db: DbOpt = None) -> None:
    """Show a knowledge-base entry (roles over time), what the store has seen of it, and the
    candidate facts articles taught us (appositions, titles) with their source articles.

    Example: eventwire actors show "Vladimir Putin"
    """
    from ..actors import kb

    entry = kb.show_actor(name)
    store = open_store(db)
    stored = store.actors(query=name, limit=5)
    if entry is None and not stored:
        err_console.print(f"[red]error:[/red] no actor {name!r}")
        raise typer.Exit(1)
    learned = {a["id"]: store.actor_facts(a["id"]) for a in stored}
    print_json({"knowledge_base": entry, "store": stored, "learned_from_articles": learned})


@actors_app.command("add")
def actors_add(
    name: Annotated[str, typer.Argument(help="Canonical name.")],
    country: Annotated[str | None, typer.Option(help="ISO3 or IGO.")] = None,
    sector: Annotated[str | None, typer.Option(help="Agent code, e.g. GOV, REB, OPP.")] = None,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Another name (repeatable).")] = None,
    kind: Annotated[str | None, typer.Option(help="PERSON, ORG, ARMED_GROUP, IGO, ...")] = None,
    role: Annotated[str | None, typer.Option(help="Office, e.g. 'Prime Minister'.")] = None,
    start: Annotated[str | None, typer.Option(help="Role start YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="Role end YYYY-MM-DD.")] = None,
    file: Annotated[str | None, typer.Option("--file", help="Override YAML file (setting `overrides`).")] = None,
) -> None:
    """Add or correct an actor in the user override file (used by every later run).

    Example: eventwire actors add "Mohammad Mustafa" --country PSE --sector GOV --alias "Mustafa" --start 2024-03-31
    """
    from ..actors.overrides import add_override

    path = file or options().overrides
    add_override(path, name, country=country, sector=sector, aliases=list(alias or []), kind=kind,
                    role=role, start=start, end=end)
    err_console.print(f"saved {name!r} to {path}")
