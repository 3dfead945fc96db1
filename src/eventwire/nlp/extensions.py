"""The Doc attributes eventwire's components read and write.

Each component writes only its own attribute (spaCy processing-pipelines best practice):

=========================  ==========================  ============================
attribute                  written by                  type
=========================  ==========================  ============================
``eventwire_published``    ``make_docs`` (input)       ``datetime.date | None``
``eventwire_actors``       ``eventwire_actors``        ``list[schema.Actor]``
``eventwire_dates``        ``eventwire_dates``         ``list[schema.DateRef]``
``eventwire_places``       ``eventwire_places``        ``list[schema.Place]``
``eventwire_quotes``       ``eventwire_quotes``        ``list[schema.Quote]``
``eventwire_events``       ``eventwire_events``        ``list[schema.Event]``
``eventwire_event_candidates`` ``eventwire_events``    ``list[TypeCandidate]`` (eval only)
``eventwire_warnings``     any component (appends)     ``list[str]``
=========================  ==========================  ============================

Defaults are ``None`` (never a shared mutable list); read lists through ``get_list``.
Values derived from a Doc's tokens are cached in ``doc.user_data`` (``nlp.columns.per_doc``).
"""

from __future__ import annotations

from spacy.tokens import Doc

ATTRIBUTES = (
    "eventwire_published",
    "eventwire_actors",
    "eventwire_dates",
    "eventwire_places",
    "eventwire_quotes",
    "eventwire_events",
    "eventwire_event_candidates",
    "eventwire_warnings",
)


def register_extensions() -> None:
    for name in ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def get_list(doc: Doc, name: str) -> list:
    """The list stored in ``doc._.<name>``, or an empty list when the stage has not run."""
    return getattr(doc._, name) or []


def add_warning(doc: Doc, message: str) -> None:
    """Append a human-readable warning to the document (kept in the JSON output)."""
    doc._.eventwire_warnings = get_list(doc, "eventwire_warnings") + [message]


register_extensions()
