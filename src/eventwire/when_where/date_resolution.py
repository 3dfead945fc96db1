"""Resolve a found temporal expression against the publication date.

Pure functions over (DateMatch, publication date, tense): no spaCy here, so every rule
is testable alone. Tense decides the direction of an underspecified date: a weekday in a
past-tense clause is the one on or before publication, in a future clause the one after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import add_months, iso_range, month_number, week_start, weekday_after, weekday_before, WEEKDAYS
from .date_patterns import DateMatch

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
NO_ANCHOR = "relative date left unresolved: no publication date"


@dataclass(frozen=True)
class Resolution:
    """What a temporal expression means: an ISO value (or None), its precision and a note."""

    value: str | None
    precision: str
    note: str | None = None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _pick(candidates: list[dt.date], anchor: dt.date, tense: str | None) -> dt.date:
    """Choose among a date's possible years: past tense looks back, future ahead, else nearest."""
    before = [c for c in candidates if c <= anchor]
    after = [c for c in candidates if c >= anchor]
    if tense == "past" and before:
        return max(before)
    if tense == "future" and after:
        return min(after)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def _month_day(match: DateMatch, anchor: dt.date | None, tense: str | None) -> Resolution:
    month = int(match.get("month_num") or 0) or month_number(match.get("month") or "")
    day = int(match.get("day") or 0)
    if match.get("year"):
        found = _day(int(match.get("year")), month, day)
        return Resolution(found.isoformat(), "day") if found else Resolution(None, "unknown", "no such day")
    if anchor is None:
        return Resolution(None, "day", NO_ANCHOR)
    candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _day(y, month, day))]
    if not candidates:
        return Resolution(None, "unknown", "no such day")
    note = "year inferred from the publication date and tense"
    return Resolution(_pick(candidates, anchor, tense).isoformat(), "day", note)


def _month(match: DateMatch, anchor: dt.date | None, tense: str | None) -> Resolution:
    month = month_number(match.get("month") or "")
    if match.get("year"):
        return Resolution(f"{int(match.get('year')):04d}-{month:02d}", "month")
    if anchor is None:
        return Resolution(None, "month", NO_ANCHOR)
    rel = (match.get("rel") or "").lower()
    if rel == "last":
        tense = "past"
    elif rel == "next":
        tense = "future"
    if rel == "this":
        year = anchor.year
    else:
        firsts = [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        month_anchor = anchor.replace(day=1)
        year = _pick(firsts, month_anchor, tense).year
    return Resolution(f"{year:04d}-{month:02d}", "month")


def _weekday(match: DateMatch, anchor: dt.date | None, tense: str | None) -> Resolution:
    if anchor is None:
        return Resolution(None, "day", NO_ANCHOR)
    weekday = WEEKDAYS[match.get("weekday").lower()]
    rel = (match.get("rel") or "").lower()
    if rel == "last":
        return Resolution(weekday_before(anchor, weekday, strict=True).isoformat(), "day")
    if rel in ("next", "coming") or (tense == "future" and rel != "this"):
        return Resolution(weekday_after(anchor, weekday).isoformat(), "day")
    if rel == "this" and tense == "future":
        return Resolution(weekday_after(anchor - dt.timedelta(days=1), weekday).isoformat(), "day")
    # News reports mostly what has happened: a bare weekday is the latest one.
    return Resolution(weekday_before(anchor, weekday).isoformat(), "day")


def _weekend(match: DateMatch, anchor: dt.date | None, tense: str | None) -> Resolution:
    if anchor is None:
        return Resolution(None, "range", NO_ANCHOR)
    rel = (match.get("rel") or "").lower()
    future = rel in ("next", "coming") or (tense == "future" and rel != "last")
    if rel == "this" and anchor.weekday() < 5:
        future = True
    saturday = weekday_after(anchor, 5) if future else weekday_before(anchor, 5)
    if future and anchor.weekday() == 5 and rel == "this":
        saturday = anchor
    return Resolution(iso_range(saturday, saturday + dt.timedelta(days=1)), "range")


def _relative_unit(match: DateMatch, anchor: dt.date | None) -> Resolution:
    if anchor is None:
        return Resolution(None, "unknown", NO_ANCHOR)
    unit = match.get("unit").lower()
    if unit == "weekend":
        return _weekend(match, anchor, None)
    rel = match.get("rel").lower()
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "week":
        start = week_start(anchor) + dt.timedelta(weeks=step)
        return Resolution(iso_range(start, start + dt.timedelta(days=6)), "week")
    if unit == "month":
        year, month = add_months(anchor.year, anchor.month, step)
        return Resolution(f"{year:04d}-{month:02d}", "month")
    return Resolution(f"{anchor.year + step:04d}", "year")


def _ago(match: DateMatch, anchor: dt.date | None) -> Resolution:
    if anchor is None:
        return Resolution(None, "unknown", NO_ANCHOR)
    raw = match.get("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
    unit = match.get("unit").lower()
    if unit == "day":
        return Resolution((anchor - dt.timedelta(days=n)).isoformat(), "day")
    if unit == "week":
        start = week_start(anchor - dt.timedelta(weeks=n))
        return Resolution(iso_range(start, start + dt.timedelta(days=6)), "week")
    if unit == "month":
        year, month = add_months(anchor.year, anchor.month, -n)
        return Resolution(f"{year:04d}-{month:02d}", "month")
    return Resolution(f"{anchor.year - n:04d}", "year")


def _deictic(match: DateMatch, anchor: dt.date | None) -> Resolution:
    if anchor is None:
        return Resolution(None, "day", NO_ANCHOR)
    shift = {"yesterday": -1, "tomorrow": 1}.get(match.get("word").lower(), 0)
    return Resolution((anchor + dt.timedelta(days=shift)).isoformat(), "day")


def resolve_match(match: DateMatch, anchor: dt.date | None, tense: str | None = None) -> Resolution:
    """Resolve one temporal expression.

    match (DateMatch): the expression found in text.
    anchor (date | None): the publication date.
    tense (str | None): "past", "future", "present" or None, from the governing verb.
    RETURNS (Resolution): ISO value, precision and an explanatory note.

    >>> from eventwire.when_where.date_patterns import find_date_matches
    >>> m = find_date_matches("on Saturday")[0]
    >>> resolve_match(m, dt.date(2024, 2, 19), "past").value
    '2024-02-17'
    >>> resolve_match(m, None, "past").note
    'relative date left unresolved: no publication date'
    """
    kind = match.kind
    if kind in ("iso", "month_day", "day_month"):
        return _month_day(match, anchor, tense)
    if kind in ("month", "month_year", "relative_month"):
        return _month(match, anchor, tense)
    if kind == "weekday":
        return _weekday(match, anchor, tense)
    if kind == "weekend":
        return _weekend(match, anchor, tense)
    if kind == "relative_unit":
        return _relative_unit(match, anchor)
    if kind == "ago":
        return _ago(match, anchor)
    if kind == "deictic":
        return _deictic(match, anchor)
    if kind == "year":
        return Resolution(match.get("year"), "year")
    return Resolution(None, "unknown", f"no rule for {kind}")
