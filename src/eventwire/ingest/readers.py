"""Readers: files, directories, JSONL, HTML and stdin in; RawItems or ItemErrors out.

A reader never raises for a bad item: it yields an ``ItemError`` naming the item and the
reason, and goes on with the next one, so one broken file never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import ItemError, ItemWarning, item_error, item_warning
from .items import RawItem
from .outlets import web_url
from .page import declared_charset, html_item, looks_like_html

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
# Control characters no text file holds (all below 32 except tab, newline, form feed, CR).
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode_bytes(data: bytes, origin: str) -> str | ItemError:
    """Decode UTF-8 text, or explain why the bytes are not an article.

    >>> decode_bytes(b"caf\\xc3\\xa9", "a.txt")
    'café'
    >>> decode_bytes(b"%PDF-1.7 ...", "a.pdf").code
    'E002'
    >>> decode_bytes(b"caf\\xe9", "a.txt").message
    'undecodable text: not valid UTF-8 (looks like Latin-1); re-encode it as UTF-8'
    >>> decode_bytes("Talks".encode("utf-16-le"), "a.txt").message
    'undecodable text: not valid UTF-8 (looks like UTF-16 without BOM); re-encode it as UTF-8'
    """
    if not data.strip():
        return item_error(origin, "E001")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return item_error(origin, "E002", kind=kind)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return item_error(origin, "E003", guess="UTF-16 with BOM")
    if b"\x00" in data[:4096]:
        if _utf16_plausible(data[:4096]):
            return item_error(origin, "E003", guess="UTF-16 without BOM")
        return item_error(origin, "E002", kind="NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return item_error(origin, "E003", guess="Latin-1" if _latin1_plausible(data) else "unknown encoding")
    if not text.strip():  # a byte-order mark and nothing else
        return item_error(origin, "E001")
    # Text full of control characters is binary in disguise; a few stray ones inside
    # good text are removed by cleaning instead.
    controls = len(_BINARY_CONTROLS.findall(text, 0, 4096))
    if controls > 0.05 * min(len(text), 4096):
        return item_error(origin, "E002", kind="control characters")
    return text


def _utf16_plausible(head: bytes) -> bool:
    # ASCII-heavy UTF-16 has a NUL in every other byte, all on the same parity.
    pairs = len(head) // 2
    if pairs < 2:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) > 0.6 * pairs and min(even, odd) < 0.1 * pairs


def _latin1_plausible(data: bytes) -> bool:
    high = [b for b in data if b >= 0x80]
    return bool(high) and sum(0xC0 <= b <= 0xFF for b in high) > 0.5 * len(high)


def read_file(path: Path, max_bytes: int | None = None) -> Iterator[RawItem | ItemError]:
    """Yield the article(s) in one file: one for text/HTML, one per line for JSONL.

    path (Path): the file.
    max_bytes (int | None): a text/HTML file larger than this is rejected before it is
        read, and a longer JSONL line is skipped, so memory stays bounded on huge inputs.
    RETURNS (Iterator[RawItem | ItemError]): the items, or why they could not be read.
    """
    origin = str(path)
    try:
        stat = path.stat()
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from read_jsonl_stream(fh, origin, max_bytes)
            return
        if max_bytes is not None and stat.st_size > max_bytes:
            yield item_error(origin, "E012", size=stat.st_size, limit=max_bytes)
            return
        with path.open("rb") as fh:
            data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    except OSError as err:
        yield item_error(origin, "E008", reason=err.strerror or str(err))
        return
    if max_bytes is not None and len(data) > max_bytes:  # the file grew while we looked
        yield item_error(origin, "E012", size=len(data), limit=max_bytes)
        return
    if suffix in HTML_SUFFIXES or looks_like_html(data):
        text = decode_page(data, origin)
        yield text if isinstance(text, ItemError) else html_item(text, origin, stat.st_mtime)
        return
    text = decode_bytes(data, origin)
    yield text if isinstance(text, ItemError) else RawItem(origin=origin, text=text, file_mtime=stat.st_mtime)


def decode_page(data: bytes, origin: str) -> str | ItemError:
    """Decode an HTML file as ``fetch`` decodes a page: by the charset it declares, else as UTF-8.

    >>> decode_page(b'<meta charset="iso-8859-1"><p>caf\\xe9 \\x93talks\\x94</p>', "a.html")[-19:]
    '<p>café “talks”</p>'
    >>> decode_page(b"<p>caf\\xe9</p>", "a.html").code
    'E003'
    """
    encoding = declared_charset(data)
    if encoding is None or encoding == "utf-8":
        return decode_bytes(data, origin)  # the same checks and messages as a text file
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return item_error(origin, "E002", kind=kind)
    return data.decode(encoding, errors="replace")


def read_jsonl_bytes(data: bytes, origin: str) -> Iterator[RawItem | ItemError]:
    """Yield one RawItem per JSONL line ``{"id","title","text","url","published"}``."""
    yield from read_jsonl_stream(io.BytesIO(data), origin)


def _lines(fh: BinaryIO, max_bytes: int | None) -> Iterator[tuple[int, bytes | int]]:
    """Numbered lines of a binary stream; a line over ``max_bytes`` is drained unread
    and given as its length instead, so one huge line never sits in memory."""
    n = 0
    while True:
        line = fh.readline() if max_bytes is None else fh.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if max_bytes is not None and len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while (chunk := fh.readline(1 << 16)):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield n, size
        else:
            yield n, line


def read_jsonl_stream(fh: BinaryIO, origin: str, max_bytes: int | None = None) -> Iterator[RawItem | ItemError]:
    """Yield one item per line of a JSONL stream, read line by line (never whole).

    fh (BinaryIO): the open stream.
    origin (str): the file name; items are named ``origin:line``.
    max_bytes (int | None): longer lines are reported (E012) and skipped.
    RETURNS (Iterator[RawItem | ItemError]): items and per-line errors, in order.
    """
    seen_text = False
    for n, line in _lines(fh, max_bytes):
        where = f"{origin}:{n}"
        if isinstance(line, int):
            seen_text = True
            yield item_error(where, "E012", size=line, limit=max_bytes)
            continue
        if n == 1:
            # A binary or UTF-16 file named .jsonl is one error, not one per "line".
            head = decode_bytes(line, origin) if line.strip() else None
            if isinstance(head, ItemError) and (head.code == "E002" or "UTF-16" in head.message):
                yield head
                return
        if not line.strip():
            continue
        seen_text = True
        text = decode_bytes(line, where)
        if isinstance(text, ItemError):
            yield text
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as err:
            # The decoder's message alone stops mid-sentence ("Invalid control character at").
            yield item_error(where, "E006", line=n, reason=f"{err.msg.removesuffix(' at')} at column {err.colno}")
            continue
        except RecursionError:  # "[[[[...]]]]" nested beyond the parser's stack
            yield item_error(where, "E006", line=n, reason="nested too deeply")
            continue
        if not isinstance(record, dict):
            yield item_error(where, "E006", line=n, reason="not a JSON object")
            continue
        yield from _record_item(record, where, n)
    if not seen_text:
        yield item_error(origin, "E001")


def _record_item(record: dict[str, Any], where: str, n: int) -> Iterator[RawItem | ItemError | ItemWarning]:
    body = record.get("text")
    if not isinstance(body, str):
        reason = "missing field 'text'" if body is None else f"field 'text' is a {_kind(body)}, not a string"
        yield item_error(where, "E007", line=n, reason=reason)
        return
    if not body.strip():
        yield item_error(where, "E001")
        return
    # Metadata that cannot be used is dropped with one warning each, never stored mangled
    # ("['a list']" as a title) or silently lost (a date that does not parse).
    fields: dict[str, str | None] = {}
    for name in ("title", "url", "id"):
        value = record.get(name)
        if value in (None, ""):
            fields[name] = None
        elif isinstance(value, str) or (name == "id" and isinstance(value, int) and not isinstance(value, bool)):
            fields[name] = str(value)
        else:
            fields[name] = None
            yield item_warning(where, "W002", field=name, kind=_kind(value))
    if fields["url"] is not None and web_url(fields["url"]) is None:
        yield item_warning(where, "W003", value=fields["url"])
        fields["url"] = None
    raw_date = record.get("published")
    published = _parse_date(raw_date)
    if published is None and raw_date not in (None, ""):
        yield item_warning(where, "W001", field="published", value=raw_date)
    yield RawItem(
        origin=where, text=body, title=fields["title"], url=fields["url"], published=published,
        published_source="metadata" if published else None, external_id=fields["id"],
        metadata={k: v for k, v in record.items() if k not in {"text"}},
    )


def _kind(value: Any) -> str:
    """The JSON kind of a value, for messages ("a number", "a list")."""
    return {bool: "boolean", int: "number", float: "number", list: "list", dict: "object"}.get(type(value), type(value).__name__)


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
    """Expand directories (recursively, sorted, hidden files skipped) into files.

    Symbolic links are followed, but a link back into a directory being read (a loop) and
    a link to nothing are one error each, never silently skipped or read forever.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: list[tuple[str, Path | ItemError]] = []
            _walk(path, path, {path.resolve()}, found)
            yield from (item for _, item in sorted(found, key=lambda kv: kv[0]))
        elif path.is_file():
            yield path
        elif path.is_symlink():
            yield _link_error(path)
        else:
            yield item_error(str(path), "E009")


def _walk(folder: Path, top: Path, ancestors: set[Path], found: list) -> None:
    """Collect (sort key, file or error) under ``folder``; ``ancestors``: the real paths above."""
    try:
        children = list(folder.iterdir())
    except OSError as err:
        found.append((str(folder), item_error(str(folder), "E008", reason=err.strerror or str(err))))
        return
    for child in children:
        if any(part.startswith(".") for part in child.relative_to(top).parts):
            continue
        key = str(child)
        if child.is_symlink() and not child.exists():
            found.append((key, _link_error(child)))
        elif child.is_dir():
            real = child.resolve()
            if real in ancestors:
                found.append((key, item_error(key, "E014", target=str(real))))
            else:
                _walk(child, top, ancestors | {real}, found)
        elif child.is_file():
            found.append((key, child))


def _link_error(link: Path) -> ItemError:
    """A symbolic link that leads nowhere: to a missing file, or round in a circle."""
    try:
        link.resolve(strict=True)
    except RuntimeError:  # Python 3.11 raises this for a circle of links
        return item_error(str(link), "E014", target=str(link))
    except OSError as err:
        if err.errno == errno.ELOOP:
            return item_error(str(link), "E014", target=str(link))
    return item_error(str(link), "E015", target=os.readlink(link))


def read_stdin(max_bytes: int | None = None, stream: BinaryIO | None = None) -> Iterator[RawItem | ItemError]:
    """Read stdin: JSONL when it starts with ``{``, otherwise one text article."""
    fh = stream if stream is not None else sys.stdin.buffer
    head = fh.read(4096)
    rest = io.BufferedReader(_Prepend(head, fh)) if head else io.BytesIO()
    if head.lstrip().startswith(b"{"):
        yield from read_jsonl_stream(rest, "<stdin>", max_bytes)
        return
    data = rest.read() if max_bytes is None else rest.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        yield item_error("<stdin>", "E012", size=f"more than {max_bytes}", limit=max_bytes)
        return
    text = decode_bytes(data, "<stdin>")
    yield text if isinstance(text, ItemError) else RawItem(origin="<stdin>", text=text)


class _Prepend(io.RawIOBase):
    """A stream that replays bytes already read (to sniff the format) before the rest."""

    def __init__(self, head: bytes, fh: BinaryIO) -> None:
        self.head, self.fh = head, fh

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self.head:
            n = min(len(buf), len(self.head))
            buf[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.fh.read(len(buf))
        buf[: len(data)] = data
        return len(data)


def read_inputs(paths: Iterable[str | Path], max_bytes: int | None = None) -> Iterator[RawItem | ItemError]:
    """Read every article from files, directories and ``-`` (stdin, JSONL or text).

    paths (Iterable[str | Path]): inputs as given on the command line.
    max_bytes (int | None): size limit per text file or JSONL line (see ``read_file``).
    RETURNS (Iterator[RawItem | ItemError]): items in a stable order, errors in place.
    """
    for path in paths:
        if str(path) == "-":
            yield from _guarded(read_stdin(max_bytes), "<stdin>")
            continue
        for item in iter_paths([path]):
            if isinstance(item, ItemError):
                yield item
            else:
                yield from _guarded(read_file(item, max_bytes), str(item))


def _guarded(items: Iterator[RawItem | ItemError], origin: str) -> Iterator[RawItem | ItemError]:
    # A bug in a reader must cost one input, not the whole batch.
    try:
        yield from items
    except Exception as err:  # noqa: BLE001
        log.debug("reading %s failed", origin, exc_info=True)
        yield item_error(origin, "E011", reason=f"{type(err).__name__}: {err}")
