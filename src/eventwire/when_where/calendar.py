"""Calendar words and arithmetic shared by the date finder and the publication-date finder."""

from __future__ import annotations

import datetime as dt

# Month names and the abbreviations newsrooms use ("Sept.", "Oct").
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}


def month_number(word: str) -> int | None:
    """The month number of a month name or abbreviation.

    >>> month_number("Sept."), month_number("october"), month_number("We")
    (9, 10, None)
    """
    return MONTHS.get(word.lower().rstrip("."))


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week containing ``day``.

    >>> week_start(dt.date(2024, 2, 22))
    datetime.date(2024, 2, 19)
    """
    return day - dt.timedelta(days=day.weekday())


def weekday_before(anchor: dt.date, weekday: int, *, strict: bool = False) -> dt.date:
    """The latest ``weekday`` on or before ``anchor`` (strictly before when ``strict``).

    >>> weekday_before(dt.date(2024, 2, 19), 5)
    datetime.date(2024, 2, 17)
    >>> weekday_before(dt.date(2024, 2, 19), 0)
    datetime.date(2024, 2, 19)
    """
    back = (anchor.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def weekday_after(anchor: dt.date, weekday: int) -> dt.date:
    """The first ``weekday`` strictly after ``anchor``.

    >>> weekday_after(dt.date(2024, 2, 19), 0)
    datetime.date(2024, 2, 26)
    """
    ahead = (weekday - anchor.weekday()) % 7 or 7
    return anchor + dt.timedelta(days=ahead)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """Shift a (year, month) pair by ``delta`` months.

    >>> add_months(2024, 1, -1)
    (2023, 12)
    """
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def iso_range(start: dt.date, end: dt.date) -> str:
    """An ISO 8601 interval ``start/end``.

    >>> iso_range(dt.date(2024, 2, 26), dt.date(2024, 3, 3))
    '2024-02-26/2024-03-03'
    """
    return f"{start.isoformat()}/{end.isoformat()}"
