"""The ``eventwire_actors`` spaCy component: actors with all their mentions.

One actor phrase outside an article is resolved by ``actors.phrase.resolve_phrase``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import add_warning
from .kb import KnowledgeBase, load_kb
from .resolve import resolve_doc

log = logging.getLogger(__name__)


def default_overrides() -> str | None:
    """The overrides file from the settings (``eventwire-actors.yaml`` in cwd), if it exists."""
    from ..settings import load_options

    path = Path(load_options().overrides or "")
    return str(path) if str(path) and path.is_file() else None


class ActorResolver:
    """Write ``doc._.eventwire_actors``: canonical actors with non-overlapping mentions.

    nlp (Language): the pipeline (unused; kept for the factory signature).
    name (str): the component name.
    overrides (str | None): a user YAML file of actor additions/corrections; the
        ``overrides`` setting's file when None and it exists.
    """

    def __init__(self, nlp: Language, name: str, *, overrides: str | None = None):
        self.name = name
        self.overrides = overrides if overrides is not None else default_overrides()
        self.kb: KnowledgeBase = load_kb(overrides=self.overrides)

    def __call__(self, doc: Doc) -> Doc:
        actors, warnings = resolve_doc(doc, self.kb, doc._.eventwire_published)
        doc._.eventwire_actors = actors
        for message in warnings:
            add_warning(doc, message)
        return doc
