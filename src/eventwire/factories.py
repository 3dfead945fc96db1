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
    for i in numpy.flatnonzero(attrs[:-1, 0]).tolist():
        if "\n" in doc.vocab.strings[attrs[i, 1]]:
            doc[i + 1].is_sent_start = True
    return doc


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
