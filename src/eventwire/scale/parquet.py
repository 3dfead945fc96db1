"""Documents as partitioned Parquet: flat tables for DuckDB/pandas, full JSON for reloading.

One directory per table under the Parquet root, one file per partition:
``documents/`` (the full ``extract`` JSON per article, what the store is loaded from),
``events/`` (the flat columns of ``eventwire export --format parquet``), ``actors/`` and
``quotes/``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..schema import Actor, ActorRef, Article, DateRef, Document, Event, Mention, Place, Quote
from ..store.export import flatten_event, parquet_schema

TABLES: tuple[str, ...] = ("documents", "events", "actors", "quotes")

ACTOR_COLUMNS = ("article_id", "actor_id", "name", "code", "country", "sector", "kind", "role", "kb_id",
                 "resolution", "mentions", "first_mention")
QUOTE_COLUMNS = ("article_id", "speaker_id", "speaker_name", "speaker_text", "text", "start", "end", "kind", "how")


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    def strings(columns: Sequence[str], **types: Any) -> Any:
        return pa.schema([(c, types.get(c, pa.string())) for c in columns])

    return {
        "documents": strings(("article_id", "published", "title", "document")),
        "events": parquet_schema(),
        "actors": strings(ACTOR_COLUMNS, mentions=pa.int64()),
        "quotes": strings(QUOTE_COLUMNS, start=pa.int64(), end=pa.int64()),
    }


def document_rows(docs: Iterable[Document]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for ``docs``."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for doc in docs:
        a = doc.article
        data = doc.to_dict()
        rows["documents"].append({"article_id": a.id, "published": data["article"]["published"],
                                  "title": a.title, "document": json.dumps(data, ensure_ascii=False)})
        rows["events"] += [flatten_event({**e, "article_id": a.id}) for e in data["events"]]
        rows["actors"] += [
            {"article_id": a.id, "actor_id": x.id, "name": x.name, "code": x.code, "country": x.country,
             "sector": x.sector, "kind": x.kind, "role": x.role, "kb_id": x.kb_id, "resolution": x.resolution,
             "mentions": len(x.mentions), "first_mention": x.mentions[0].text if x.mentions else None}
            for x in doc.actors
        ]
        rows["quotes"] += [
            {"article_id": a.id, "speaker_id": q.speaker.id if q.speaker else None,
             "speaker_name": q.speaker.name if q.speaker else None, "speaker_text": q.speaker_text,
             "text": q.text, "start": q.span[0], "end": q.span[1], "kind": q.kind, "how": q.how}
            for q in doc.quotes
        ]
    return rows


def write_partition(docs: Sequence[Document], root: str | Path, name: str) -> dict[str, str]:
    """Write one partition's tables as ``<root>/<table>/<name>.parquet``.

    RETURNS (dict[str, str]): table name -> file written.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = _schemas()
    written = {}
    for table, rows in document_rows(docs).items():
        folder = Path(root) / table
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=schemas[table]), path)
        written[table] = str(path)
    return written


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Documents back from ``documents/`` partition files, file by file (streaming)."""
    import pyarrow.parquet as pq

    for path in paths:
        for record in pq.read_table(path, columns=["document"]).to_pylist():
            yield document_from_dict(json.loads(record["document"]))


def document_from_dict(d: dict[str, Any]) -> Document:
    """Rebuild a Document from its ``to_dict`` form (the ``extract`` JSON shape).

    >>> from eventwire.ingest import make_article
    >>> doc = Document(article=make_article("Talks.\\n\\nNorway hosted talks."))
    >>> document_from_dict(doc.to_dict()) == doc
    True
    """
    a = dict(d["article"])
    a["published"] = dt.date.fromisoformat(a["published"]) if a.get("published") else None

    def ref(r: dict[str, Any] | None) -> ActorRef | None:
        return ActorRef(**r) if r else None

    def place(p: dict[str, Any] | None) -> Place | None:
        return Place(**p) if p else None

    actors = [
        Actor(**{**{k: v for k, v in x.items() if k not in ("code", "mentions")},
                 "mentions": [Mention(**m) for m in x["mentions"]]})
        for x in d["actors"]
    ]
    events = [
        Event(**{**e, "actor": [ref(r) for r in e["actor"]], "recipient": [ref(r) for r in e["recipient"]],
                 "span": tuple(e["span"]), "evidence_span": tuple(e["evidence_span"]),
                 "event_loc": place(e["event_loc"]), "reported_by": ref(e["reported_by"])})
        for e in d["events"]
    ]
    quotes = [Quote(**{**q, "span": tuple(q["span"]), "speaker": ref(q["speaker"])}) for q in d["quotes"]]
    return Document(article=Article(**a), actors=actors, events=events, quotes=quotes,
                    dates=[DateRef(**x) for x in d["dates"]], places=[Place(**p) for p in d["places"]],
                    warnings=list(d["warnings"]))


__all__ = ["TABLES", "document_from_dict", "document_rows", "read_documents", "write_partition"]
