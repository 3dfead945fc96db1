"""Find an article's publication date from what came with it, never from today's date.

Sources, most trusted first: input metadata, a dateline in the text ("MOSCOW, Feb 19
(Reuters) -", "date 2024-02-16"), a date in the URL path (``/2024/02/19/``), the file's
modification time. Without any of them relative dates stay unresolved downstream,
which is better than silently anchoring them to the day the pipeline ran.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from .calendar import MONTHS, month_number

log = logging.getLogger(__name__)

# Metadata keys that carry the publication date in the feeds and HTML we read.
METADATA_KEYS = (
    "published", "published_at", "publication_date", "date_published", "datePublished",
    "pubdate", "pub_date", "date", "created_at", "article:published_time", "dc.date",
)
# Datelines live in the first lines of a story.
DATELINE_WINDOW = 400

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# "MOSCOW, Feb 19 (Reuters) -"  /  "Paris, 19 February 2024 (AFP) -"
_DATELINE_MD = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,40}},\s*(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})"
    rf"(?:,?\s+(?P<year>\d{{4}}))?\s*(?:\([A-Za-z .]+\))?\s*[-\u2013\u2014]",
    re.IGNORECASE | re.MULTILINE,
)
_DATELINE_DM = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,40}},\s*(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_RE})\.?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?\s*(?:\([A-Za-z .]+\))?\s*[-\u2013\u2014]",
    re.IGNORECASE | re.MULTILINE,
)
# "date 2024-02-16", "Published: 2024-02-16", "Updated on 2024-02-16"
_LABELLED_ISO = re.compile(
    r"\b(?:date|published|posted|updated)(?:\s+on)?\s*:?\s*(\d{4})-(\d{2})-(\d{2})\b", re.IGNORECASE
)
# A date written out, on a line of its own or after a label, in a page's header: "Published:
# 5 April 2025", "Posted on March 5, 2025", or "20 March 2025" alone under the headline.
# Plain-text copies of pages carry their date this way and no other (#18): read as a
# dateline it needs no year hint, since it states the year. A date inside a sentence is
# not matched (the line must hold the date alone), so an event date is never taken for it.
_WRITTEN = (rf"(?:(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_RE})\.?|(?P<month2>{_MONTH_RE})\.?\s+(?P<day2>\d{{1,2}}),?)"
            rf"\s+(?P<year>\d{{4}})")
_LABELLED_WRITTEN = re.compile(
    rf"^[ \t]*(?:(?:date|published|posted|updated)(?:\s+on)?\s*:?\s*)?(?:[A-Z][a-z]+day,?\s+)?{_WRITTEN}"
    rf"(?:[ \t]+\d{{1,2}}:\d{{2}}.*)?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_URL = re.compile(r"/(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_]|$)|/(\d{4})(\d{2})(\d{2})/")


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_from_value(value: Any) -> dt.date | None:
    """A date from a metadata value: a date, a datetime, or an ISO-like string.

    value (Any): what the metadata held.
    RETURNS (date | None): the date, or None when the value is not a recognisable date.

    >>> date_from_value("2024-02-19T08:30:00Z")
    datetime.date(2024, 2, 19)
    >>> date_from_value("yesterday") is None
    True
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _ISO.search(value)
        if match:
            return _date(*map(int, match.groups()))
    return None


def date_from_dateline(text: str, year_hint: int | None = None) -> dt.date | None:
    """The date in a wire dateline or a labelled ISO date near the top of the text.

    A dateline without a year ("MOSCOW, Feb 19 (Reuters) -") needs ``year_hint``.

    >>> date_from_dateline("MOSCOW, Feb 19, 2024 (Reuters) - Russia said")
    datetime.date(2024, 2, 19)
    >>> date_from_dateline("Posted date 2024-02-16 by staff")
    datetime.date(2024, 2, 16)
    >>> date_from_dateline("Published: 5 April 2025\\n\\nBorder deal signed")
    datetime.date(2025, 4, 5)
    >>> date_from_dateline("Talks end\\n20 March 2025\\nThe men came home.")
    datetime.date(2025, 3, 20)
    >>> date_from_dateline("They met on 5 April 2025 in Lome.") is None
    True
    """
    head = text[:DATELINE_WINDOW]
    labelled = _LABELLED_ISO.search(head)
    if labelled:
        return _date(*map(int, labelled.groups()))
    written = _LABELLED_WRITTEN.search(head)
    if written:
        month = month_number(written["month"] or written["month2"])
        if month:
            return _date(int(written["year"]), month, int(written["day"] or written["day2"]))
    for pattern in (_DATELINE_MD, _DATELINE_DM):
        match = pattern.search(head)
        if match:
            year = int(match["year"]) if match["year"] else year_hint
            month = month_number(match["month"])
            if year and month:
                return _date(year, month, int(match["day"]))
    return None


def date_from_url(url: str | None) -> dt.date | None:
    """The date in a URL path such as ``/2024/02/19/`` or ``/20240219/``.

    >>> date_from_url("https://example.org/news/2024/02/19/story-title")
    datetime.date(2024, 2, 19)
    >>> date_from_url("https://example.org/story-2024") is None
    True
    """
    if not url:
        return None
    match = _URL.search(url)
    if not match:
        return None
    parts = [int(g) for g in match.groups() if g is not None]
    return _date(*parts)


def find_published(
    text: str,
    *,
    url: str | None = None,
    metadata: dict | None = None,
    file_mtime: float | None = None,
) -> tuple[dt.date | None, str | None]:
    """Find the publication date of an article and say where it came from.

    text (str): the article text.
    url (str | None): the article URL.
    metadata (dict | None): fields that came with the article (JSONL record, HTML meta).
    file_mtime (float | None): the source file's modification time (POSIX seconds).
    RETURNS (tuple[date | None, str | None]): the date and its source ("metadata",
        "dateline", "url", "file"), or ``(None, None)``.

    >>> find_published("No date here.", url="https://x.org/2024/02/19/a")
    (datetime.date(2024, 2, 19), 'url')
    """
    for key in METADATA_KEYS:
        value = (metadata or {}).get(key)
        found = date_from_value(value) if value is not None else None
        if found:
            return found, "metadata"
    from_url = date_from_url(url)
    year_hint = from_url.year if from_url else None
    if year_hint is None and file_mtime is not None:
        year_hint = dt.datetime.fromtimestamp(file_mtime, tz=dt.timezone.utc).year
    from_text = date_from_dateline(text or "", year_hint)
    if from_text:
        return from_text, "dateline"
    if from_url:
        return from_url, "url"
    if file_mtime is not None:
        try:
            return dt.datetime.fromtimestamp(file_mtime, tz=dt.timezone.utc).date(), "file"
        except (OverflowError, OSError, ValueError):
            log.debug("unusable file mtime %r", file_mtime)
    return None, None
