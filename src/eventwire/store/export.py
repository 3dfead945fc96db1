"""Export stored events as JSONL, CSV or Parquet, flat enough for pandas, R and DuckDB.

Flat columns: one row per event; ``actor_*``/``recipient_*`` hold ';'-joined values when
an event has several actors (ordered as coded).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FLAT_COLUMNS = (
    "id", "article_id", "event", "mode", "status", "date", "date_precision", "date_text",
    "actor_name", "actor_id", "actor_code", "actor_country", "actor_sector",
    "recipient_name", "recipient_id", "recipient_code", "recipient_country", "recipient_sector",
    "cameo", "quad_class", "intensity", "loc_name", "loc_country", "lat", "lon", "geonameid",
    "context", "text", "span_start", "span_end", "evidence", "rule", "confidence", "reviewed",
)


def flatten_event(e: dict[str, Any]) -> dict[str, Any]:
    """One event dict (Store.events shape) as a flat row of FLAT_COLUMNS."""
    def join(side: str, key: str) -> str | None:
        values = [str(r.get(key) or "") for r in e[side]]
        return ";".join(values) if values else None

    loc = e.get("event_loc") or {}
    row = {
        **{k: e.get(k) for k in ("id", "article_id", "event", "mode", "status", "date", "date_precision",
                                 "date_text", "cameo", "quad_class", "intensity", "text", "evidence", "rule", "confidence")},
        "context": ";".join(e.get("context") or []) or None,
        "span_start": e["span"][0], "span_end": e["span"][1],
        "loc_name": loc.get("name"), "loc_country": loc.get("country"), "lat": loc.get("lat"),
        "lon": loc.get("lon"), "geonameid": loc.get("geonameid"),
        "reviewed": bool(e.get("reviewed", False)),
    }
    for side in ("actor", "recipient"):
        for key in ("name", "id", "code", "country", "sector"):
            row[f"{side}_{key}"] = join(side, key)
    return {c: row.get(c) for c in FLAT_COLUMNS}


def export_events(events: Iterable[dict[str, Any]], fmt: str, out: str | Path) -> int:
    """Write events to ``out`` as ``jsonl`` (nested, the JSON shape), ``csv`` or ``parquet`` (flat).

    RETURNS (int): the number of events written.
    """
    out = Path(out)
    events = list(events)
    if fmt == "jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for e in events:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=FLAT_COLUMNS)
            writer.writeheader()
            writer.writerows(flatten_event(e) for e in events)
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [flatten_event(e) for e in events]
        table = pa.Table.from_pylist(rows, schema=parquet_schema())
        pq.write_table(table, out)
    else:
        raise ValueError(f"unknown export format {fmt!r}: use jsonl, csv or parquet")
    return len(events)


def parquet_schema():
    """The documented Parquet schema of flat event rows."""
    import pyarrow as pa

    types = {"quad_class": pa.int32(), "intensity": pa.float64(), "lat": pa.float64(), "lon": pa.float64(),
             "geonameid": pa.int64(), "span_start": pa.int64(), "span_end": pa.int64(),
             "confidence": pa.float64(), "reviewed": pa.bool_()}
    return pa.schema([(c, types.get(c, pa.string())) for c in FLAT_COLUMNS])
