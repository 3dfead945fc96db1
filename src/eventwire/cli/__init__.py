"""The ``eventwire`` command line: thin commands over the library API.

Each command parses its arguments, calls one library function and turns library
errors into clean messages and exit codes.
"""

from . import actors, commands, evaluate, feeds, serve, stories  # noqa: F401  (register commands on the app)
from ._util import app

__all__ = ["app"]
