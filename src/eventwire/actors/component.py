"""The ``eventwire_actors`` spaCy component: actors with all their mentions."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import add_warning
from ..schema import Actor
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


def _parse_date(date: dt.date | str | None) -> dt.date | None:
    if date is None or isinstance(date, dt.date):
        return date
    text = str(date).strip()
    if not text:
        return None
    if text.lower() == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        import dateparser

        parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
        return parsed.date() if parsed else None


def resolve_phrase(text: str, *, date: dt.date | str | None = None, context: str | None = None,
                   nlp: Language | None = None, kb: KnowledgeBase | None = None) -> Actor | None:
    """Resolve one actor phrase ("President Kassym-Jomart Tokayev") with the pipeline's code.

    text (str): the phrase.
    date (date | str | None): the date for time-bounded roles; "today" is today; None = latest role.
    context (str | None): a country hint ("Mexico", "German") used when the phrase has none.
    nlp (Language | None): a loaded pipeline; ``load_nlp()`` when None.
    RETURNS (Actor | None): the actor the phrase's head refers to, or None.
    """
    from ..nlp import load_nlp

    nlp = nlp or load_nlp()
    kb = kb or load_kb(overrides=default_overrides())
    doc = nlp.make_doc(text.strip())
    for name, proc in nlp.pipeline:
        if name.startswith("eventwire_") and name != "eventwire_paragraphs":
            break
        doc = proc(doc)
    actors, _ = resolve_doc(doc, kb, _parse_date(date), phrase=True)
    if not actors:
        return None
    root = max(doc.sents, key=len).root if len(doc) else None
    actor = None
    if root is not None:
        actor = next((a for a in actors for m in a.mentions if m.start <= root.idx < m.end), None)
    actor = actor or max(actors, key=lambda a: max(m.end - m.start for m in a.mentions))
    if context and actor.country is None:
        code = kb.country_code(context)
        if code and len(code) >= 3:
            actor.country = code[:3]
            actor.resolution = f"{actor.resolution}+context"
    return actor
