"""The quote stage: direct quotes, quoted fragments and reported speech, with speakers.

A quote's speaker is the subject of the reporting verb that governs it in the parse
("X said", "X denounced the decision as '...'"). Full-sentence quotes with no verb of
their own continue the nearest preceding speaker; quoted fragments with no reporting
verb (scare quotes) get no speaker: we do not invent one.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp.columns import columns, doc_text
from ..schema import Quote
from .marks import find_quoted_spans
from .speakers import INDIRECT_VERBS, actor_ref, is_speech_verb, speaker_span

log = logging.getLogger(__name__)

# Distance (tokens) within which a speech verb next to a quote introduces it.
NEAR_VERB_TOKENS = 12


def opens_sentence(text: str, start: int) -> bool:
    """Whether a quote opening at ``start`` (after its mark) stands where a sentence or a
    reported utterance begins: paragraph start, after ``:``, ``,`` or a full stop.

    >>> opens_sentence('He said: "We go."', 9), opens_sentence('the "sole" party', 5)
    (True, False)
    """
    i = start - 2  # skip the opening mark
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n:,.!?;-"


def quote_kind(text: str, tokens: Span, opens: bool = True) -> str:
    """``"direct"`` for quoted sentences, ``"fragment"`` for quoted words inside a sentence.

    >>> quote_kind("collective punishment", [])
    'fragment'
    """
    starts_sentence = opens and (text[:1].isupper() or text[:1].isdigit())
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
    return "direct" if starts_sentence and has_verb and len(tokens) >= 3 else "fragment"


def _governing_speech_verb(inside: Span) -> Token | None:
    """The reporting verb that governs the quote in the parse, or introduces it nearby."""
    lo, hi = inside.start, inside.end
    # 1) up from the quote's roots: '"...," he said' or 'denounced X as "..."'
    for token in inside:
        if lo <= token.head.i < hi:
            continue
        current = token.head
        for _ in range(12):
            if current.i == current.head.i and not is_speech_verb(current):
                break
            if not lo <= current.i < hi and is_speech_verb(current):
                return current
            current = current.head
    # 2) a speech verb outside the quote hanging from it (parses like '"...," she said')
    for sent in {inside[0].sent, inside[-1].sent}:
        for token in sent:
            if not lo <= token.i < hi and is_speech_verb(token) and lo <= token.head.i < hi:
                return token
    # 3) a speech verb just before or after the quote in the same sentence
    near = [t for sent in {inside[0].sent, inside[-1].sent} for t in sent
            if not lo <= t.i < hi and is_speech_verb(t)
            and min(abs(t.i - lo), abs(t.i - hi)) <= NEAR_VERB_TOKENS]
    if near:
        return min(near, key=lambda t: min(abs(t.i - lo), abs(t.i - hi)))
    return None


def _clean_fragment(text: str, start: int, end: int) -> tuple[int, int]:
    # A fragment's trailing comma or full stop belongs to the surrounding sentence.
    while end > start and text[end - 1] in ",.;:":
        end -= 1
    return start, end


def direct_quotes(doc: Doc) -> list[Quote]:
    """Quotes between quotation marks with their speakers."""
    quotes: list[Quote] = []
    previous: Quote | None = None
    text = doc_text(doc)
    for start, end in find_quoted_spans(text):
        inside = doc.char_span(start, end, alignment_mode="expand")
        if inside is None or len(inside) == 0:
            continue
        kind = quote_kind(text[start:end], inside, opens_sentence(text, start))
        if kind == "fragment":
            start, end = _clean_fragment(text, start, end)
            if end <= start:
                continue
        quote = Quote(text=text[start:end], span=(start, end), kind=kind)
        verb = _governing_speech_verb(inside)
        if verb is not None:
            words, how = speaker_span(doc, verb)
            if words is not None:
                quote.speaker, quote.speaker_text, quote.how = actor_ref(doc, words), words.text, how
        elif kind == "direct" and previous is not None and previous.speaker is not None:
            # A quoted sentence standing alone continues the last speaker.
            quote.speaker, quote.speaker_text, quote.how = previous.speaker, previous.speaker_text, "preceding"
        quotes.append(quote)
        if quote.speaker is not None:
            previous = quote
    return quotes


def indirect_quotes(doc: Doc, taken: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech ("X said that ..."): the that-clause of a saying verb."""
    quotes = []
    text = doc_text(doc)
    cols = columns(doc)
    for i, lemma in enumerate(cols.lemma):
        if cols.pos[i] != "VERB" or lemma.lower() not in INDIRECT_VERBS:
            continue
        token = doc[i]
        clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
        if clause is None:
            continue
        tokens = [t for t in clause.subtree if t.dep_ != "mark" or t.head.i != clause.i]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if any(s < end and start < e for s, e in taken):
            continue  # the direct quote inside it is the better record
        while end > start and text[end - 1] in ",.;:":
            end -= 1
        words, how = speaker_span(doc, token)
        if words is None or end <= start:
            continue
        quotes.append(Quote(text=text[start:end], span=(start, end), speaker=actor_ref(doc, words),
                            kind="indirect", speaker_text=words.text, how=how))
    return quotes


def attribute_quotes(doc: Doc) -> list[Quote]:
    """All quotes of a parsed Doc, in text order.

    doc (Doc): a parsed Doc (actors from ``doc._.eventwire_actors`` are used when present).
    RETURNS (list[Quote]): direct quotes, fragments and indirect speech.
    """
    direct = direct_quotes(doc)
    indirect = indirect_quotes(doc, [q.span for q in direct])
    return sorted(direct + indirect, key=lambda q: q.span)


class QuoteAttributor:
    """spaCy component writing ``doc._.eventwire_quotes`` (list[Quote])."""

    def __init__(self, nlp: Language, name: str = "eventwire_quotes") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_quotes = attribute_quotes(doc)
        return doc
