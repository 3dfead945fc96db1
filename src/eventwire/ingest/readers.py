"""Readers: files, directories, JSONL, HTML and stdin in; RawItems or ItemErrors out.

A reader never raises for a bad item: it yields an ``ItemError`` naming the item and the
reason, and goes on with the next one, so one broken file never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ItemError, item_error
from .html import extract_html

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Magic numbers of binary formats people drop into news folders by mistake.
_MAGIC = {
    b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF",
    b"PK\x03\x04": "ZIP/Office", b"\x1f\x8b": "gzip", b"\x7fELF": "executable",
    b"BZh": "bzip2", b"\xfd7zXZ": "xz", b"Rar!": "RAR", b"SQLite format 3": "SQLite",
}


@dataclass
class RawItem:
    """One article as read, before cleaning."""

    origin: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None
    external_id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    file_mtime: float | None = None


def decode_bytes(data: bytes, origin: str) -> str | ItemError:
    """Decode UTF-8 text, or explain why the bytes are not an article.

    >>> decode_bytes(b"caf\\xc3\\xa9", "a.txt")
    'café'
    >>> decode_bytes(b"%PDF-1.7 ...", "a.pdf").code
    'E002'
    >>> decode_bytes(b"caf\\xe9", "a.txt").message
    'undecodable text: not valid UTF-8 (looks like Latin-1); re-encode it as UTF-8'
    """
    if not data.strip():
        return item_error(origin, "E001")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return item_error(origin, "E002", kind=kind)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return item_error(origin, "E003", guess="UTF-16 with BOM")
    if b"\x00" in data[:4096]:
        return item_error(origin, "E002", kind="NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return item_error(origin, "E003", guess="Latin-1" if _latin1_plausible(data) else "unknown encoding")
    # Text full of control characters is binary in disguise.
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 4096):
        return item_error(origin, "E002", kind="control characters")
    return text


def _latin1_plausible(data: bytes) -> bool:
    high = [b for b in data if b >= 0x80]
    return bool(high) and sum(0xC0 <= b <= 0xFF for b in high) > 0.5 * len(high)


def read_file(path: Path) -> Iterator[RawItem | ItemError]:
    """Yield the article(s) in one file: one for text/HTML, one per line for JSONL."""
    origin = str(path)
    try:
        data = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError as err:
        yield item_error(origin, "E008", reason=err.strerror or str(err))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_bytes(data, origin)
        return
    text = decode_bytes(data, origin)
    if isinstance(text, ItemError):
        yield text
    elif suffix in HTML_SUFFIXES or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        yield html_item(text, origin, mtime)
    else:
        yield RawItem(origin=origin, text=text, file_mtime=mtime)


def html_item(html: str, origin: str, mtime: float | None = None) -> RawItem | ItemError:
    page = extract_html(html)
    if not page.text.strip():
        return item_error(origin, "E010")
    return RawItem(origin=origin, text=page.text, title=page.title, url=page.url,
                   metadata={"published": page.published} if page.published else {}, file_mtime=mtime)


def read_jsonl_bytes(data: bytes, origin: str) -> Iterator[RawItem | ItemError]:
    """Yield one RawItem per JSONL line ``{"id","title","text","url","published"}``."""
    text = decode_bytes(data, origin)
    if isinstance(text, ItemError):
        yield text
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield item_error(where, "E006", line=n, reason=err.msg)
            continue
        if not isinstance(record, dict):
            yield item_error(where, "E006", line=n, reason="not a JSON object")
            continue
        yield from _record_item(record, where, n)


def _record_item(record: dict[str, Any], where: str, n: int) -> Iterator[RawItem | ItemError]:
    body = record.get("text")
    if not isinstance(body, str):
        yield item_error(where, "E007", line=n)
        return
    if not body.strip():
        yield item_error(where, "E001")
        return
    published, source = _parse_date(record.get("published")), "metadata"
    yield RawItem(
        origin=where, text=body, title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")), published=published,
        published_source=source if published else None,
        external_id=_str_or_none(record.get("id")),
        metadata={k: v for k, v in record.items() if k not in {"text"}},
    )


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _parse_date(value: Any) -> dt.date | None:
    """ISO dates and datetimes from metadata; anything else is ignored, not guessed.

    >>> _parse_date("2024-02-19T10:00:00Z")
    datetime.date(2024, 2, 19)
    >>> _parse_date("soon") is None
    True
    """
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | ItemError]:
    """Expand directories (recursively, sorted, hidden files skipped) into files."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(p.startswith(".") for p in rel.parts):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield item_error(str(path), "E009")


def read_inputs(paths: Iterable[str | Path]) -> Iterator[RawItem | ItemError]:
    """Read every article from files, directories and ``-`` (stdin, JSONL or text).

    paths (Iterable[str | Path]): inputs as given on the command line.
    RETURNS (Iterator[RawItem | ItemError]): items in a stable order, errors in place.
    """
    for path in paths:
        if str(path) == "-":
            data = sys.stdin.buffer.read()
            if data.lstrip().startswith(b"{"):
                yield from read_jsonl_bytes(data, "<stdin>")
            else:
                text = decode_bytes(data, "<stdin>")
                yield text if isinstance(text, ItemError) else RawItem(origin="<stdin>", text=text)
            continue
        for item in iter_paths([path]):
            if isinstance(item, ItemError):
                yield item
            else:
                yield from read_file(item)
