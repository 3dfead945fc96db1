"""Coded error messages, in one place (like spacy/errors.py).

Each input item that cannot be processed yields an ``ItemError`` carrying one of these
codes; the batch goes on, and the error is printed and stored.
"""

from __future__ import annotations

from dataclasses import dataclass


class Errors:
    E001 = "empty input: the item has no text"
    E002 = "binary content ({kind}): not a text article"
    E003 = "undecodable text: not valid UTF-8 (looks like {guess}); re-encode it as UTF-8"
    E004 = "too large: {size} characters, the limit is {limit} (setting max_article_chars)"
    E005 = "not English (detected: {lang}); skipped rather than coded as English"
    E006 = "malformed JSON on line {line}: {reason}"
    E007 = "no article text on line {line}: {reason}"
    E008 = "unreadable file: {reason}"
    E009 = "no such file or directory"
    E010 = "broken HTML: no article text could be extracted"
    E011 = "processing failed: {reason}"
    E012 = "too large: {size} bytes, the limit is {limit} bytes (4 x setting max_article_chars); not read"
    E013 = "no text left after cleaning (only control, invisible or markup characters)"
    E014 = "symbolic link loop (back to {target}): skipped"
    E015 = "broken symbolic link (to {target}): no such file"


class Warnings:
    """Metadata an item carried that could not be used: the item is still ingested."""

    W001 = "field '{field}' ignored: {value!r} is not a date (YYYY-MM-DD or an ISO date-time)"
    W002 = "field '{field}' ignored: a {kind}, not a string"
    W003 = "field 'url' ignored: {value!r} is not an http(s) URL"


class EventwireError(Exception):
    """Base class for errors the CLI turns into a clean message and exit code."""


@dataclass
class ItemNote:
    """A coded message about one input item: where it came from, the code, the words."""

    origin: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: [{self.code}] {self.message}"


class ItemError(ItemNote):
    """One input item that could not be ingested, and why."""


class ItemWarning(ItemNote):
    """Something about an item that was dropped or guessed; the item itself goes on."""


def item_error(origin: str, code: str, **kwargs: object) -> ItemError:
    """Build an ItemError from a code in Errors.

    >>> str(item_error("a.txt", "E001"))
    'a.txt: [E001] empty input: the item has no text'
    """
    return ItemError(origin=origin, code=code, message=getattr(Errors, code).format(**kwargs))


def item_warning(origin: str, code: str, **kwargs: object) -> ItemWarning:
    """Build an ItemWarning from a code in Warnings.

    >>> str(item_warning("a.jsonl:3", "W001", field="published", value="soon"))
    "a.jsonl:3: [W001] field 'published' ignored: 'soon' is not a date (YYYY-MM-DD or an ISO date-time)"
    """
    return ItemWarning(origin=origin, code=code, message=getattr(Warnings, code).format(**kwargs))
