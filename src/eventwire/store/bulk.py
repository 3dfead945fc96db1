"""Insert many rows at once, as fast as the database driver allows.

SQLAlchemy's ``conn.execute(insert(table), rows)`` rebuilds the parameters of every row
in Python (one ``construct_params`` call per row): for an ingest that writes ~170 rows
per article, that was most of the time spent writing. On SQLite, whose driver runs
``executemany`` in C, this module compiles the statement once per table and column set
and hands the driver plain tuples; the values are converted by the same SQLAlchemy type
processors, so what is stored is identical. PostgreSQL keeps SQLAlchemy's path, which
batches rows into multi-row ``VALUES`` (its driver's own ``executemany`` is slower).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection, Dialect


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """``INSERT`` ``rows`` (dicts with the same keys, as for ``conn.execute``) into ``table``.

    >>> from sqlalchemy import Column, Integer, MetaData, String, create_engine, select
    >>> table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("name", String))
    >>> engine = create_engine("sqlite://")
    >>> table.metadata.create_all(engine)
    >>> with engine.begin() as conn:
    ...     insert_rows(conn, table, [{"id": 1, "name": "Hamas"}, {"id": 2, "name": "Fatah"}])
    ...     conn.execute(select(table.c.name).order_by(table.c.id)).scalars().all()
    ['Hamas', 'Fatah']
    """
    if not rows:
        return
    plan = _driver_plan(table, tuple(rows[0]), conn.dialect) if conn.dialect.name == "sqlite" else None
    if plan is None:
        conn.execute(insert(table), list(rows))
        return
    sql, values_of = plan
    conn.exec_driver_sql(sql, list(map(values_of, rows)))


@lru_cache(maxsize=64)  # a handful of tables, each written with one set of columns
def _driver_plan(table: Table, keys: tuple[str, ...], dialect: Dialect
                 ) -> tuple[str, Callable[[dict[str, Any]], tuple]] | None:
    """The positional SQL and a row -> parameter tuple function, or None to use SQLAlchemy."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    order = compiled.positiontup
    # A column default SQLAlchemy would fill in, or a renamed parameter: its path, not ours.
    if not compiled.positional or order is None or sorted(order) != sorted(keys):
        return None
    getter = itemgetter(*order) if len(order) > 1 else (lambda row: (row[order[0]],))
    processors = [(i, table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
                  for i, name in enumerate(order)]
    processors = [(i, process) for i, process in processors if process is not None]
    if not processors:
        return compiled.string, getter

    def values_of(row: dict[str, Any]) -> tuple:
        values = list(getter(row))
        for i, process in processors:
            values[i] = process(values[i])
        return tuple(values)

    return compiled.string, values_of
