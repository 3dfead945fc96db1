"""Per-token columns of a parsed Doc, read once and shared by eventwire's components.

Every ``doc[i]`` or ``for token in doc`` builds a new spaCy ``Token`` object; the
components scan each document many times (names, quotes, triggers), and building those
objects was a large part of eventwire's own time. ``columns(doc)`` reads the attributes
the scans need in one vectorised ``Doc.to_array`` call into plain lists, so a scan only
builds a Token where it found something.

The columns are cached on the Doc after the first call (``per_doc``, a scratch cache
other derived values share); they describe the parse the spaCy components wrote and
must not be read before those have run.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SPACY, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from ..memo import Memo

T = TypeVar("T")
CACHE_KEY = "eventwire_cache"  # per_doc's dict in doc.user_data
_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, ENT_TYPE, IS_PUNCT, IS_SPACE, DEP, IDX, HEAD]


@dataclass(frozen=True)
class Columns:
    """One list per attribute, indexed like the Doc's tokens (strings as spaCy gives them)."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    ent_type: list[str]
    is_punct: list[bool]
    is_space: list[bool]
    dep: list[str]
    idx: list[int]  # the token's first character in the Doc's text
    head: list[int]  # the head's index (a root is its own head)
    # Dependents' indices, in order (as ``Token.children``); read-only: leaves share one
    # empty tuple.
    children: list[Sequence[int]]


def columns(doc: Doc) -> Columns:
    """The Doc's columns, built on first use and cached on the Doc.

    >>> import spacy
    >>> columns(spacy.blank("en")("Hamas will attend.")).lower
    ['hamas', 'will', 'attend', '.']
    """
    return per_doc(doc, "columns", lambda: _read_columns(doc))


def per_doc(doc: Doc, key: object, make: Callable[[], T], depends: tuple = ()) -> T:
    """``make()``, computed once per Doc and ``key`` (a scratch cache on the Doc).

    For derived values several components or many triggers of one Doc ask for.
    depends (tuple): objects the value is derived from beyond the Doc's tokens (e.g. the
        actor list), matched by identity; the entry keeps them alive, so a later object
        can never take over one's ``id()`` and be served its value.
    """
    # In ``doc.user_data`` (spaCy's dict for user data) rather than a ``doc._`` extension:
    # every ``doc._`` access builds an Underscore object, and this runs per argument head.
    cache = doc.user_data.get(CACHE_KEY)
    if cache is None or cache.get("_length") != len(doc):
        cache = doc.user_data[CACHE_KEY] = {"_length": len(doc)}
    full = (key, *map(id, depends))
    if full not in cache:
        cache[full] = (depends, make())
    return cache[full][1]


def _read_columns(doc: Doc) -> Columns:
    as_strings = _strings_of(doc.vocab.strings).__getitem__
    n = len(doc)
    array = doc.to_array(_ATTRS) if n else numpy.zeros((0, len(_ATTRS)), dtype="uint64")
    rows = array.T.tolist()
    orth, lower, lemma, pos, tag, ent, punct, space, dep, idx, _ = rows
    # HEAD is an offset stored unsigned: reinterpret it as signed before adding.
    head = (array[:, -1].view("int64") + numpy.arange(n, dtype="int64")).tolist()
    # Over half the tokens are leaves: they share one empty tuple rather than each holding
    # a list of its own (fewer objects to build and for the collector to track).
    children: list[Sequence[int]] = [()] * n
    for i, h in enumerate(head):
        if h != i:
            if children[h]:
                children[h].append(i)  # type: ignore[union-attr]  (only lists are non-empty)
            else:
                children[h] = [i]
    # ``map`` over a dict's lookup runs in C; only a hash never seen before calls Python.
    return Columns(*[list(map(as_strings, ids)) for ids in (orth, lower, lemma, pos, tag, ent)],
                   list(map(bool, punct)), list(map(bool, space)), list(map(as_strings, dep)),
                   idx, head, children)


@lru_cache(maxsize=4)  # one per loaded vocabulary (StringStores hash by identity)
def _strings_of(store: StringStore) -> Memo[int, str]:
    """Hash -> string for one StringStore, each string looked up on first sight only.

    Converting every token's ids through the StringStore was most of the time of reading
    the columns; a Doc repeats its words, and a corpus repeats its vocabulary. A firehose
    keeps meeting new names: past this many the memo starts over.
    """
    return Memo(store.__getitem__, limit=500_000)


def doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds from every token on each access, read once."""
    return per_doc(doc, "text", lambda: _join_tokens(doc))


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, sliced from the cached text instead of built from Tokens."""
    return text_between(doc_text(doc), columns(doc), start, end)


def text_between(text: str, cols: Columns, start: int, end: int) -> str:
    """``span_text`` for a caller that holds the Doc's text and columns (no cache lookups)."""
    if start >= end:
        return ""
    return text[cols.idx[start]:cols.idx[end - 1] + len(cols.text[end - 1])]


def char_tokens(cols: Columns, length: int, start: int, end: int) -> tuple[int, int] | None:
    """The token range ``(first, last + 1)`` of ``doc.char_span(start, end,
    alignment_mode="expand")`` (empty where that Span is), or None where it is None.

    ``cols`` and ``length`` are the Doc's columns and the length of its text. Found by
    bisecting the token offsets: building the Span (and its Tokens) cost more than the
    callers' own work, per actor mention and per date.
    """
    if not (0 <= start < length and 0 < end <= length):
        return None
    # As spaCy's token_by_char: a token owns its characters and its trailing whitespace,
    # so the tokens tile the text and a character's owner is the last token starting at
    # or before it.
    idx = cols.idx
    first, last = bisect_right(idx, start) - 1, bisect_right(idx, end - 1) - 1
    if start == idx[first] + len(cols.text[first]):
        first += 1  # "expand" does not count the first token's trailing whitespace
    return first, last + 1


def covered_tokens(cols: Columns, length: int, start: int, end: int) -> tuple[int, int] | None:
    """``char_tokens``, but None for an empty range too: for a date or place mention, which
    must cover a token to be placed in the parse."""
    tokens = char_tokens(cols, length, start, end)
    return tokens if tokens is not None and tokens[0] < tokens[1] else None


def _join_tokens(doc: Doc) -> str:
    # As ``doc.text`` joins each token's text and trailing whitespace (at most one space),
    # from the cached columns and one array instead of a Token object per token.
    spaced = doc.to_array([SPACY]).tolist() if len(doc) else []
    texts = columns(doc).text
    return "".join([t + " " if s else t for t, s in zip(texts, spaced)])


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` (spaCy builds new Spans from every token on each access), read once."""
    return per_doc(doc, "ents", lambda: tuple(doc.ents))


def sentence_spans(doc: Doc) -> list[Span]:
    """``list(doc.sents)`` (spaCy builds each sentence Span anew on each access), read once."""
    return per_doc(doc, "sentence_spans", lambda: list(doc.sents))


def span_ents(span: Span) -> list[Span]:
    """``span.ents`` (the entities inside a sentence or phrase) from the cached ``doc_ents``."""
    return [e for e in doc_ents(span.doc) if span.start <= e.start and e.end <= span.end]


def ent_at(doc: Doc, i: int) -> Span | None:
    """The entity covering token ``i``, or None."""
    index = per_doc(doc, "ent_at", lambda: {j: e for e in doc_ents(doc) for j in range(e.start, e.end)})
    return index.get(i)
