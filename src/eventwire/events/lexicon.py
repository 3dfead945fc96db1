"""Word lists and per-Doc lemma reads that the argument finder and the patterns share.

They live below both, so that the matcher (``matcher``, ``complement``) and the
argument rules (``syntax``, ``phrases``, ``references``) read them without importing
one another.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..nlp.columns import Columns, per_doc

SPEECH_VERBS = frozenset("""say tell declare announce state claim add report stress note insist
confirm assert affirm explain warn write allege suggest argue maintain reiterate indicate
disclose reveal acknowledge admit conclude""".split())


def lower_lemmas(doc: Doc, cols: Columns) -> list[str]:
    """Each token's lemma lowercased (as patterns and argument tests compare lemmas),
    once per Doc instead of once per test."""
    return per_doc(doc, "lower_lemmas", lambda: list(map(str.lower, cols.lemma)))
