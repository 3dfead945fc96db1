"""Find the text between quotation marks (the cleaner leaves only straight ``"`` and ``'``).

Pure string work, so it can be fuzzed: every span returned lies inside the text and
excludes the marks themselves.
"""

from __future__ import annotations

import re

# Quotes never run across more than one paragraph without being reopened, and a
# runaway single quote (an apostrophe) must not swallow an article.
MAX_SINGLE_QUOTE_CHARS = 300
_PARAGRAPH = re.compile(r"[^\n]+")
_DOUBLE = re.compile('"')


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _double_quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    marks = [m.start() for m in _DOUBLE.finditer(text, start, end)]
    spans = []
    for a, b in zip(marks[0::2], marks[1::2]):
        span = _trim(text, a + 1, b)
        if span:
            spans.append(span)
    if len(marks) % 2 == 1:
        # An unclosed quote at a paragraph's end continues into the next paragraph
        # (newsroom convention); keep what this paragraph holds of it.
        last = marks[-1]
        opening = last == start or not text[last - 1].isalnum()
        span = _trim(text, last + 1, end) if opening else None
        if span:
            spans.append(span)
    return spans


def _single_quoted(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    i = text.find("'", start, end)  # only a mark can open a quote: jump from mark to mark
    while i != -1:
        if (i == start or text[i - 1] in " \t([{-/") and i + 1 < end and text[i + 1].isalnum():
            # A closing mark follows a non-space and is not inside a word ("Russia's").
            limit = min(end, i + MAX_SINGLE_QUOTE_CHARS)
            close = text.find("'", i + 1, limit)
            while close != -1 and (text[close - 1].isspace() or (close + 1 < end and text[close + 1].isalnum())):
                close = text.find("'", close + 1, limit)
            if close != -1:
                span = _trim(text, i + 1, close)
                # Single quotes nest inside double ones, never across them.
                if span and '"' not in text[span[0]:span[1]] and not any(s <= span[0] < e for s, e in taken):
                    spans.append(span)
                i = text.find("'", close + 1, end)
                continue
        i = text.find("'", i + 1, end)
    return spans


def find_quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted text (without the marks), in text order.

    text (str): cleaned article text with straight quotes.
    RETURNS (list[tuple[int, int]]): non-empty ``(start, end)`` spans.

    >>> t = 'He said "we are ready" and called it a \\'farce\\', Russia\\'s envoy noted.'
    >>> [t[s:e] for s, e in find_quoted_spans(t)]
    ['we are ready', 'farce']
    """
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        doubles = _double_quoted(text, para.start(), para.end())
        spans.extend(doubles)
        spans.extend(_single_quoted(text, para.start(), para.end(), doubles))
    return sorted(spans)
