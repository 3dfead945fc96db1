"""Find temporal expressions in text with regular expressions (NER misses many of them).

Each pattern is data: a name (the kind of expression) and a regex with named groups.
Ambiguous words are guarded: "May"/"March" the verbs need a capital and a date-like
neighbour, "We"/"Sun" are never weekdays, bare four-digit numbers need a preposition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .calendar import MONTHS

# The lookahead on the months' first letters changes no match; it only lets the engine
# skip most word starts without trying each of the month names there.
_MONTH = (r"(?=[" + "".join(sorted({m[0] for m in MONTHS})) + r"])"
          r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_UNIT = r"(?P<unit>week|month|year|weekend)"
_NUMBER = r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Words before a bare month or year that make it a date rather than a verb or a count.
_TIME_PREP = r"(?:in|since|until|till|by|from|during|through|before|after|between|early|late|mid-?|last|next|this|of|around)"
_NOT_NUMBER_AFTER = r"(?![\d:,]\d|\s*(?:%|percent|per cent|people|troops|soldiers|km|kilometres|kilometers|miles|tons|tonnes|dollars))"

# Every pattern opens, right after its \b, with a whole word (\w+ run) from a small set,
# the third field: a month ("Oct"), a preposition ("in"), a number. Its regex is tried only
# where such a word starts (_matches_at), which skips the costly scan of every position.
DIGIT = "<digit>"  # among a pattern's opening words: any word starting with a decimal digit
_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_RELATIVE_MONTH_WORDS = frozenset({"last", "next", "this", "early", "late", "mid"})
_TIME_PREP_WORDS = frozenset({"in", "since", "until", "till", "by", "from", "during", "through", "before",
                              "after", "between", "early", "late", "mid", "last", "next", "this", "of", "around"})

PATTERNS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("iso", r"\b(?P<year>\d{4})-(?P<month_num>\d{2})-(?P<day>\d{2})\b", frozenset({DIGIT})),
    # "Oct. 26", "Oct, 7", "February 26th, 2024", "Sept. 9,  2001"
    ("month_day", rf"\b{_MONTH}(?:,|\s)\s*{_DAY}(?![\d:])(?:,?\s+{_YEAR})?\b(?!\s*(?:%|percent|people))",
     _MONTH_WORDS),
    # "26 February 2024", "the 26th of February"
    ("day_month", rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?\b", frozenset({DIGIT})),
    ("month_year", rf"\b{_MONTH},?\s+{_YEAR}\b", _MONTH_WORDS),
    # "\s*" lets the month join its modifier into one word: "lastMay" opens with "lastmay".
    ("relative_month", rf"\b(?P<rel>last|next|this|early|late|mid-?)\s*{_MONTH}\b",
     _RELATIVE_MONTH_WORDS | {rel + month for rel in _RELATIVE_MONTH_WORDS for month in MONTHS}),
    ("month", rf"\b(?P<prep>in|for|since|until|till|by|from|during|through|before|after|early|late|mid-?|end of|beginning of)\s+{_MONTH}\b(?!\s+\d)",
     frozenset({"in", "for", "since", "until", "till", "by", "from", "during", "through", "before", "after",
                "early", "late", "mid", "end", "beginning"})),
    ("weekday", rf"\b(?:(?P<rel>on|last|next|this|coming|early|late)\s+)?{_WEEKDAY}{_PART_OF_DAY}\b",
     _WEEKDAY_WORDS | {"on", "last", "next", "this", "coming", "early", "late"}),
    ("weekend", r"\b(?P<rel>over the|over|on the|at the|during the|this|last|next|the|past|coming)\s+weekend\b",
     frozenset({"over", "on", "at", "during", "this", "last", "next", "the", "past", "coming"})),
    ("relative_unit", rf"\b(?P<mod>(?:earlier|later)\s+)?(?P<rel>last|next|this|past|coming)\s+{_UNIT}\b",
     frozenset({"earlier", "later", "last", "next", "this", "past", "coming"})),
    ("ago", rf"\b{_NUMBER}\s+(?P<unit>day|week|month|year)s?\s+ago\b",
     frozenset({DIGIT, "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"})),
    ("deictic", r"\b(?P<word>yesterday|today|tomorrow|tonight)\b",
     frozenset({"yesterday", "today", "tomorrow", "tonight"})),
    # The preposition only licenses the year; the expression itself is the year ("core").
    ("year", rf"\b{_TIME_PREP}\s+(?P<core>{_YEAR})\b(?!-|')" + _NOT_NUMBER_AFTER, _TIME_PREP_WORDS),
)
_COMPILED = tuple((name, re.compile(rx, re.IGNORECASE), opens) for name, rx, opens in PATTERNS)
_OPENING_WORDS = frozenset().union(*(opens for _, _, opens in PATTERNS))
# Patterns that open with very common words ("the weekend", "a week ago") but whose every
# match holds a rare one: a text without that word (lower-cased) is not searched, which
# spares a third of the candidates. The other patterns' words are in most articles.
NEEDS = {"weekend": "weekend", "ago": "ago"}
# Words that are months or weekdays only when capitalised ("they may 2", "to march 5 km").
CAPITAL_ONLY = frozenset({"may", "march", "mar", "jan", "sun", "sat", "wed", "dec", "sept", "sep"})


@dataclass(frozen=True)
class DateMatch:
    """A temporal expression found in text: character offsets, kind and its parts."""

    start: int
    end: int
    kind: str
    parts: tuple[tuple[str, str], ...]

    def get(self, key: str) -> str | None:
        return dict(self.parts).get(key)


def _plausible(match: re.Match, kind: str) -> bool:
    month = match.groupdict().get("month")
    if month and month.lower().rstrip(".") in CAPITAL_ONLY and not month[0].isupper():
        return False
    day = match.groupdict().get("day")
    if day and not 1 <= int(day) <= 31:
        return False
    if kind == "month" and month and month.lower() in ("may", "march") and match["prep"].lower() == "by":
        return False
    return True


_WORD = re.compile(r"\w+")
# Characters re.IGNORECASE matches to an ASCII letter ("ı" to "i", "ſ" to "s") that
# str.lower() leaves different: a text holding one is scanned in full.
_FOLD_ONLY_IN_REGEX = ("\u0130", "\u0131", "\u017f")


def _word_starts(lower: str) -> dict[str, list[int]]:
    """Where each word (DIGIT for numbers) starts in ``lower``, a text's ``_lower``."""
    starts: dict[str, list[int]] = {}
    for match in _WORD.finditer(lower):
        word = match[0]
        if word in _OPENING_WORDS or word[0].isdecimal():
            starts.setdefault(word, []).append(match.start())
    digits = [i for word, at in starts.items() if word[0].isdecimal() for i in at]
    if digits:
        starts[DIGIT] = digits
    return starts


def _lower(text: str) -> str | None:
    """``text.lower()``, with the same offsets and matched by the regexes (IGNORECASE)
    where it holds their words; None when ``text`` holds a character that breaks that."""
    if any(c in text for c in _FOLD_ONLY_IN_REGEX):
        return None
    return text.lower()  # lower() keeps offsets: none of the above


def _matches_at(regex: re.Pattern, text: str, word_starts: dict[str, list[int]], opens: frozenset[str]):
    """``regex.finditer(text)``, trying only the starts of ``opens`` words.

    Same matches: a match opens with \\b and one of those words, so no other position can
    start one; trying the candidates in order and skipping those inside the previous
    match is what finditer does. ``match(text, pos)`` sees the text before ``pos`` for \\b.
    """
    candidates = sorted(i for word in opens & word_starts.keys() for i in word_starts[word])
    end = 0
    for pos in candidates:
        if pos >= end and (match := regex.match(text, pos)):
            end = match.end()
            yield match


def find_date_matches(text: str) -> list[DateMatch]:
    """All non-overlapping temporal expressions in ``text``, longest first, in text order.

    text (str): any text.
    RETURNS (list[DateMatch]): the matches.

    >>> text = "We met on Monday and will meet again on Feb 26 or in March."
    >>> [(m.kind, text[m.start:m.end]) for m in find_date_matches(text)]
    [('weekday', 'on Monday'), ('month_day', 'Feb 26'), ('month', 'in March')]
    >>> find_date_matches("They may march on the capital.")
    []
    """
    found: list[DateMatch] = []
    lower = _lower(text)
    # Without a usable lower-cased text, every pattern scans the whole text.
    word_starts = None if lower is None else _word_starts(lower)
    for kind, regex, opens in _COMPILED:
        if word_starts is None:
            matches = regex.finditer(text)
        elif kind not in NEEDS or NEEDS[kind] in lower:
            matches = _matches_at(regex, text, word_starts, opens)
        else:
            continue
        for match in matches:
            if not _plausible(match, kind):
                continue
            parts = tuple((k, v) for k, v in match.groupdict().items() if v is not None and k != "core")
            start, end = match.span("core") if match.groupdict().get("core") else match.span()
            found.append(DateMatch(start, end, kind, parts))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[DateMatch] = []
    for match in sorted(found, key=lambda m: -(m.end - m.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)
