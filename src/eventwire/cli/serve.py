"""``eventwire serve``: the web app over the store."""

from __future__ import annotations

import ipaddress
import secrets
from typing import Annotated

import typer

from ._util import DbOpt, app, err_console, open_store

LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_local(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    >>> is_local("127.0.0.1"), is_local("0.0.0.0"), is_local("localhost")
    (True, False, True)
    """
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind; anything but localhost requires a write token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(help="Write token for corrections (generated when binding beyond localhost).")] = None,
) -> None:
    """Serve the web app: browse articles, events, actors, network and map; correct events.

    Example: eventwire serve --db sqlite:///eventwire.db --port 8000
    """
    import uvicorn

    from ..web.app import create_app

    if token == "" and not is_local(host):
        # An empty token would let anyone on the network post corrections (#19).
        err_console.print(f"[red]error:[/red] --token may not be empty when serving on {host}", highlight=False)
        raise typer.Exit(2)
    if token is None and not is_local(host):
        # Anyone on the network could otherwise rewrite the record.
        token = secrets.token_urlsafe(24)
        err_console.print(f"write token (give it to reviewers): [bold]{token}[/bold]", highlight=False)
    web = create_app(open_store(db), token=token)
    if is_local(host):
        # A local server answers only to local names, so a web page on another site cannot
        # reach it through DNS rebinding.
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        web.add_middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost", "[::1]", "::1", host])
    err_console.print(f"eventwire web on http://{host}:{port}/  (schema at /openapi.json)")
    uvicorn.run(web, host=host, port=port, log_level="info")
