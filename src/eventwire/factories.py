"""Every eventwire spaCy component factory and its default config, in one module.

Like spacy/pipeline/factories.py: the components themselves live in their stage
packages (actors, when_where, quotes, events); this module only registers them.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokens import Doc


@Language.component(
    "eventwire_paragraphs",
    assigns=["token.is_sent_start"],
)
def make_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every blank line (paragraph break), before parsing.

    Scraped text keeps titles and datelines as their own paragraphs; the parser
    would otherwise glue them onto the first sentence.
    """
    # spaCy keeps at most one space as a token's trailing whitespace: a newline is always
    # (part of) a whitespace token. Reading the columns finds those few tokens without
    # building a Token object per token.
    attrs = doc.to_array([IS_SPACE, ORTH])
    strings = doc.vocab.strings
    if len(doc) and _dateline_end(doc, 0) is not None:
        _open_paragraph(doc, 0, attrs)  # a text that opens with its dateline, no headline
    for i in numpy.flatnonzero(attrs[:-1, 0]).tolist():
        if "\n" in strings[attrs[i, 1]]:
            doc[i + 1].is_sent_start = True
            _open_paragraph(doc, i + 1, attrs)
    return doc


def _open_paragraph(doc: Doc, start: int, attrs: numpy.ndarray) -> None:
    """Sentence starts inside the paragraph that opens at token ``start``."""
    strings, n = doc.vocab.strings, len(doc)
    # A wire dateline ("ALMATY, March 6, 2025 (Outlet) - X agreed") is a sentence of its
    # own: its city is where the story was filed, never the subject of the report.
    j = _dateline_end(doc, start)
    if j is not None and j < n:
        for k in range(start + 1, j):
            doc[k].is_sent_start = False
        doc[j].is_sent_start = True
    # Forced to start here after a headline with no full stop, the parser splits the
    # paragraph's first sentence at random ("Niger" | "and" | "Benin signed ..."): no
    # sentence starts again before that sentence's own final punctuation or line break.
    j = (j or start) + 1
    while j < n and not attrs[j, 0] and strings[attrs[j - 1, 1]] not in SENTENCE_ENDS:
        doc[j].is_sent_start = False
        j += 1


DATELINE_DASHES = frozenset({"-", "--", "–", "—", ":"})


def _dateline_end(doc: Doc, start: int, limit: int = 16) -> int | None:
    """The token after a dateline opening a paragraph at ``start``, else None.

    A dateline is an upper-case place name, then only capitalised words, numbers, commas
    and a parenthesised outlet, up to a dash or colon: "GAZA CITY, Territories:",
    "CAIRO (Daily Ledger) -", "ALMATY, March 6, 2025 (Steppe Post) -".
    """
    first = doc[start]
    if not (first.is_alpha and first.is_upper and len(first) >= 3):
        return None
    for k in range(start + 1, min(start + limit, len(doc))):
        tok = doc[k]
        if tok.text in DATELINE_DASHES:
            return k + 1 if k > start else None
        if tok.is_space or not (tok.is_punct or tok.like_num or tok.text[:1].isupper()):
            return None
    return None


# Tokens after which a sentence may start inside a paragraph's first sentence: its end, or
# the dash or colon that ends a dateline ("CITY, date (Outlet) - X said").
SENTENCE_ENDS = frozenset({".", "!", "?", "...", "…", ";", '"', "”", "’", "'"}) | DATELINE_DASHES


@Language.factory(
    "eventwire_actors",
    assigns=["doc._.eventwire_actors", "doc._.eventwire_warnings"],
    requires=["doc.ents", "token.dep"],
    default_config={"overrides": None},
)
def make_actor_resolver(nlp: Language, name: str, overrides: str | None):
    from .actors.component import ActorResolver

    return ActorResolver(nlp, name, overrides=overrides)


@Language.factory(
    "eventwire_dates",
    assigns=["doc._.eventwire_dates"],
    requires=["doc.ents"],
)
def make_date_resolver(nlp: Language, name: str):
    from .when_where.dates import DateResolver

    return DateResolver(nlp, name)


@Language.factory(
    "eventwire_places",
    assigns=["doc._.eventwire_places"],
    requires=["doc.ents"],
)
def make_place_resolver(nlp: Language, name: str):
    from .when_where.places import PlaceResolver

    return PlaceResolver(nlp, name)


@Language.factory(
    "eventwire_quotes",
    assigns=["doc._.eventwire_quotes"],
    requires=["doc._.eventwire_actors", "token.dep"],
)
def make_quote_attributor(nlp: Language, name: str):
    from .quotes.attribution import QuoteAttributor

    return QuoteAttributor(nlp, name)


@Language.factory(
    "eventwire_events",
    assigns=["doc._.eventwire_events"],
    requires=["doc._.eventwire_actors", "doc._.eventwire_dates", "doc._.eventwire_places", "token.dep"],
    default_config={"patterns": "", "max_events_per_sentence": 6, "coder": "hybrid"},
)
def make_event_coder(nlp: Language, name: str, patterns: str, max_events_per_sentence: int, coder: str):
    from .events.coder import EventCoder

    return EventCoder(nlp, name, patterns=patterns, max_events_per_sentence=max_events_per_sentence,
                      coder=coder)
