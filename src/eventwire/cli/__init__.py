"""The ``eventwire`` command line: thin commands over the library API.

Each command parses its arguments, calls one library function and turns library
errors into clean messages and exit codes.
"""

from __future__ import annotations

import importlib
import sys

from . import actors, commands, evaluate, feeds, serve, stories  # noqa: F401  (register commands on the app)
from ._util import app, err_console

__all__ = ["app", "main"]


def _click_errors(name: str) -> tuple[type[BaseException], ...]:
    """The click exception class ``name``: typer >= 0.20 raises its vendored click's, older
    typer click's own; both are caught."""
    found = []
    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            found.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError):
            continue
    return tuple(found)


USAGE_ERRORS, NO_ARGS, ABORT = _click_errors("UsageError"), _click_errors("NoArgsIsHelpError"), _click_errors("Abort")


def main(args: list[str] | None = None) -> None:
    """The console script. A usage error (unknown option, a value of the wrong kind) is one
    line on stderr and exit code 2, like every other error: typer's framed box wraps at the
    terminal's width and spreads one error over five lines (#19)."""
    try:
        code = app(args=args, standalone_mode=False)
    except NO_ARGS as err:
        print(err.ctx.get_help() if err.ctx else str(err), file=sys.stderr)
        sys.exit(2)
    except USAGE_ERRORS as err:
        where = err.ctx.command_path if err.ctx else "eventwire"
        err_console.print(f"[red]error:[/red] {err.format_message()} (see '{where} --help')",
                          highlight=False, soft_wrap=True)
        sys.exit(2)
    except ABORT:
        err_console.print("aborted", highlight=False)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
