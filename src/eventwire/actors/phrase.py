"""Resolve one actor phrase outside an article ("President Kassym-Jomart Tokayev").

The same code as the ``eventwire_actors`` component, on a Doc that is one phrase (used by
``eventwire eval actors``). It loads the pipeline (``nlp``), which
is why it lives above the component rather than in it: the pipeline registers the
component, so the component cannot import the pipeline.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from ..nlp import load_nlp
from ..schema import Actor
from .component import default_overrides
from .kb import KnowledgeBase, load_kb
from .resolve import resolve_doc


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
