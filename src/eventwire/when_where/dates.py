"""The date stage: every temporal expression in a Doc, resolved against the publication date.

Our own patterns (date_patterns) and rules (date_resolution) do the work because they
are fast and follow the clause's tense; dateparser is only a cached fallback for spaCy
DATE entities our patterns do not cover (it is slow and happily reads "We" as Wednesday).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from bisect import bisect_left
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp.columns import Columns, columns, covered_tokens, doc_ents, doc_text, per_doc, span_text
from ..nlp.extensions import get_list
from ..schema import DateRef
from .clause import clause_distance_at, governing_verb_at, sentences, span_root_at, tense_at
from .date_patterns import DateMatch, find_date_matches
from .date_resolution import NO_ANCHOR, resolve_match

log = logging.getLogger(__name__)

# DATE entities that are ages or durations name no point in time.
_NOT_A_DATE = re.compile(r"-year-old|\byears? old\b|^\d+$|^(?:the )?(?:age|ages) ", re.IGNORECASE)
# A length of time ("30 years", "17-day", "8 1/2 months"), a clock time ("6 A.M"), a
# score or range ("10-12") or bare ordinals ("43rd and") name no day, yet dateparser reads
# them as one: "30 years" as 30 years ago, "40-year" as 1940, "6 A.M" as yesterday
# morning, "10-12" as October 12, "1st" as January.
_NO_DAY = re.compile(
    r"^(?:(?:about|some|nearly|almost|over|under|more than|less than|at least|up to)\s+)?"
    r"\d+(?:\s*(?:-|to)\s*\d+)?(?:[\s-]*\d/\d)?\s*-?\s*"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|century|centuries)$"
    r"|^\d{1,2}\s*-\s*\d{1,2}$"
    r"|^\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\.?$"
    r"|^(?:\d+(?:st|nd|rd|th)\b[\s,]*(?:and\b\s*)?)+$",
    re.IGNORECASE,
)
# Only entities that carry a calendar cue are worth dateparser's time.
_CALENDAR_CUE = re.compile(r"\d|january|february|march|april|june|july|august|september|october|november|december", re.I)
# The years a phrase writes out: dateparser's answer must fall in one of them (it read
# "the 1990s" as the day before the publication date).
_YEAR_WRITTEN = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


@lru_cache(maxsize=64)
def _date_parser(anchor: dt.date, prefer: str):
    from dateparser.date import DateDataParser  # slow import: only when needed

    settings = {"RELATIVE_BASE": dt.datetime.combine(anchor, dt.time()), "PREFER_DATES_FROM": prefer}
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def parse_with_dateparser(text: str, anchor: dt.date | None, prefer: str) -> tuple[str | None, str]:
    """Resolve a date phrase with dateparser (cached): ``(ISO value or None, precision)``."""
    if anchor is None:
        return None, "unknown"
    try:
        data = _date_parser(anchor, prefer).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd strings
        log.debug("dateparser failed on %r", text, exc_info=True)
        return None, "unknown"
    if data is None or data.date_obj is None:
        return None, "unknown"
    day = data.date_obj.date()
    written = _YEAR_WRITTEN.findall(text)
    if written and str(day.year) not in written:
        return None, "unknown"
    if data.period == "year":
        return f"{day.year:04d}", "year"
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}", "month"
    return day.isoformat(), "day"


def clause_tense(doc: Doc, cols: Columns, length: int, start: int, end: int) -> str | None:
    """The tense of the clause governing the characters ``start:end`` of ``doc`` (``cols``
    its columns and ``length`` its text's length, read once per Doc by the caller)."""
    tokens = covered_tokens(cols, length, start, end)
    return None if tokens is None else _tense_of(doc, cols, *tokens)


def _tense_of(doc: Doc, cols: Columns, start: int, end: int) -> str | None:
    """The tense of the clause governing the tokens ``start:end`` (a non-empty range)."""
    verb = governing_verb_at(cols, span_root_at(cols, start, end))
    return None if verb is None else tense_at(doc, cols, verb)


def _from_match(doc: Doc, cols: Columns, text: str, match: DateMatch, anchor: dt.date | None) -> DateRef:
    resolution = resolve_match(match, anchor, clause_tense(doc, cols, len(text), match.start, match.end))
    return DateRef(text=text[match.start:match.end], start=match.start, end=match.end,
                   value=resolution.value, precision=resolution.precision, note=resolution.note)


def _from_entity(ent: Span, anchor: dt.date | None) -> DateRef | None:
    name = span_text(ent.doc, ent.start, ent.end)  # Span.text builds a Token per word
    words = name.strip()  # an entity can end in a paragraph break ("6\n\n")
    if _NOT_A_DATE.search(words):
        return None
    if not _CALENDAR_CUE.search(words) or _NO_DAY.match(words):
        return DateRef(name, ent.start_char, ent.end_char, None, "unknown", "vague or a duration")
    prefer = "future" if _tense_of(ent.doc, columns(ent.doc), ent.start, ent.end) == "future" else "past"
    value, precision = parse_with_dateparser(name, anchor, prefer)
    note = NO_ANCHOR if anchor is None else ("dateparser" if value else "not resolvable")
    return DateRef(name, ent.start_char, ent.end_char, value, precision, note)


def find_dates(doc: Doc) -> list[DateRef]:
    """Every temporal expression in ``doc``: our patterns first, then leftover DATE entities.

    doc (Doc): a parsed Doc with ``doc._.eventwire_published`` set (or None).
    RETURNS (list[DateRef]): the expressions in text order.
    """
    anchor = doc._.eventwire_published
    # Doc.text rebuilds the string from every token on each access: read it once.
    text = doc_text(doc)
    cols = columns(doc)
    refs = [_from_match(doc, cols, text, m, anchor) for m in find_date_matches(text)]
    # The matches come sorted and never overlap, so their ends are sorted too: an entity
    # overlaps one exactly when the last match starting before the entity ends after it starts.
    starts, ends = [r.start for r in refs], [r.end for r in refs]
    for ent in doc_ents(doc):
        if ent.label_ != "DATE":
            continue
        before = bisect_left(starts, ent.end_char)
        if before and ends[before - 1] > ent.start_char:
            continue
        ref = _from_entity(ent, anchor)
        if ref is not None:
            refs.append(ref)
    return sorted(refs, key=lambda r: r.start)


def date_for_event(doc: Doc, trigger: Token, dates: list[DateRef] | None = None) -> DateRef | None:
    """The date expression attached to the trigger's clause in the dependency parse.

    doc (Doc): a Doc the date stage has run on.
    trigger (Token): the event's verb or noun.
    dates (list[DateRef] | None): the Doc's dates when the caller has read them (default
        ``doc._.eventwire_dates``; each ``doc._`` read costs microseconds, per trigger).
    RETURNS (DateRef | None): the closest attached date, or None when no date modifies
        the trigger's clause (a date of another clause does not count). Of two dates as
        close, one that resolved wins: "bombed for 78 days in 1999" happened in 1999.
    """
    sents = sentences(doc)
    refs = get_list(doc, "eventwire_dates") if dates is None else dates
    candidates = _dates_by_sentence(doc, refs).get(sents[trigger.i].start)
    if not candidates:  # most sentences hold no date
        return None
    best: tuple[int, bool, int, DateRef] | None = None
    cols = columns(doc)  # read once per trigger, not once per date
    for ref, start, root in candidates:
        distance = clause_distance_at(cols, sents, trigger.i, root, same_phrase_only=True)
        if distance is None:
            continue
        key = (distance, ref.value is None, abs(start - trigger.i))
        if best is None or key < best[:3]:
            best = (*key, ref)
    return best[3] if best else None


def _dates_by_sentence(doc: Doc, refs: list[DateRef]) -> dict[int, list[tuple[DateRef, int, int]]]:
    """(date, its first token, its root token) of the dates lying within each sentence,
    by the sentence's first token, in the Doc's order (so ties still go to the earlier
    date): a date elsewhere cannot be the trigger's.

    The same for every trigger of the Doc: found once per Doc (and dates list), not per
    date and trigger (each lookup builds a Span and a Token per word); grouped by each
    date's first token (a date within a sentence starts in it), not by testing every
    date against every sentence."""
    return per_doc(doc, "dates_by_sentence", lambda: _group_by_sentence(doc, refs), depends=(refs,))


def _group_by_sentence(doc: Doc, refs: list[DateRef]) -> dict[int, list[tuple[DateRef, int, int]]]:
    sents = sentences(doc)
    groups: dict[int, list[tuple[DateRef, int, int]]] = {}
    for ref, first, root in _token_positions(doc, refs):
        sent = sents[first]
        if sent.start_char <= ref.start and ref.end <= sent.end_char:
            groups.setdefault(sent.start, []).append((ref, first, root))
    return groups


def _token_positions(doc: Doc, refs: list[DateRef]) -> list[tuple[DateRef, int, int]]:
    out = []
    cols, length = columns(doc), len(doc_text(doc))
    for ref in refs:
        tokens = covered_tokens(cols, length, ref.start, ref.end)
        if tokens is not None:
            out.append((ref, tokens[0], span_root_at(cols, *tokens)))
    return out


class DateResolver:
    """spaCy component writing ``doc._.eventwire_dates`` (list[DateRef])."""

    def __init__(self, nlp: Language, name: str = "eventwire_dates") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_dates = find_dates(doc)
        return doc
