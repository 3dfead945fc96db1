"""``python -m eventwire`` runs the CLI."""

from .cli import app

app()
