"""The store: schema, migrations and the Store class (SQLite by default, PostgreSQL by URL)."""

from .db import PIPELINE_VERSION, Store, WriteResult

__all__ = ["PIPELINE_VERSION", "Store", "WriteResult"]
