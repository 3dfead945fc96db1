"""Find who is speaking: the reporting verb that governs a quote, and that verb's subject.

Speakers are resolved to the article's canonical actors when the actor stage has run
(``doc._.eventwire_actors``), otherwise to the spaCy PERSON/ORG entity named.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..nlp.columns import doc_ents
from ..nlp.extensions import get_list
from ..schema import ActorRef

# Verbs that report speech or a stance put into words ("denounced the decision as ...").
SPEECH_VERBS = frozenset({
    "say", "tell", "declare", "respond", "denounce", "speak", "add", "state", "stress",
    "insist", "warn", "claim", "write", "tweet", "post", "announce", "reply", "note", "explain",
    "argue", "describe", "call", "urge", "ask", "accuse", "vow", "pledge", "promise",
    "suggest", "acknowledge", "admit", "confirm", "deny", "report", "emphasize", "emphasise",
    "recall", "comment", "remark", "condemn", "criticize", "criticise", "praise", "label",
    "brand", "term", "dub", "quote", "cite", "assert", "affirm", "maintain", "predict",
    "threaten", "demand", "charge", "complain", "concede", "observe", "reiterate", "repeat",
    "shout", "chant", "proclaim", "announce", "characterize", "characterise", "hail", "slam",
    "blast", "decry", "lament", "mention", "indicate", "agree", "conclude", "contend",
})
# Verbs whose that-clause is reported speech (indirect quotes).
INDIRECT_VERBS = frozenset({
    "say", "tell", "declare", "state", "stress", "insist", "warn", "claim", "announce", "add",
    "note", "explain", "argue", "confirm", "deny", "report", "emphasize", "emphasise", "assert",
    "affirm", "maintain", "predict", "acknowledge", "admit", "write", "reiterate", "concede",
    "suggest", "indicate", "contend",
})
SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
PRONOUNS = {"he": ("PERSON",), "she": ("PERSON",), "it": ("ORG", "GPE"), "they": ("ORG", "GPE", "PERSON"),
            "we": ("ORG", "GPE"), "i": ("PERSON",)}


def slug(text: str) -> str:
    """A stable id for an actor known only by its name.

    >>> slug("Mikhail Bogdanov's")
    'mikhail-bogdanov'
    """
    text = re.sub(r"'s?$", "", text.strip())
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, inherited from the first conjunct when absent
    ("Bogdanov arrived and said ...")."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head.i != current.i:
            current = current.head
            continue
        break
    for child in verb.children:  # "according to X"
        if child.lower_ == "according":
            for grand in child.children:
                for obj in grand.children:
                    if obj.dep_ == "pobj":
                        return obj
    return None


def _entity_in(doc: Doc, token: Token) -> Span | None:
    """The PERSON (else ORG/GPE) entity in a subject's phrase: "Russia's deputy foreign
    minister, Mikhail Bogdanov" -> "Mikhail Bogdanov"."""
    # Clauses describing the subject ("the ministry, led by Anna Berg") name someone else.
    skipped = {t.i for c in token.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    phrase = {t.i for t in token.subtree} - skipped
    first, last = token.left_edge.i, token.right_edge.i  # the phrase lies within
    ents = [e for e in doc_ents(doc) if first <= e.start and e.end <= last + 1 and e.label_ in SPEAKER_LABELS
            and all(i in phrase for i in range(e.start, e.end))]
    for label in SPEAKER_LABELS:
        # The entity the phrase is about is nearest the subject's head word.
        labelled = [e for e in ents if e.label_ == label]
        if labelled:
            return min(labelled, key=lambda e: 0 if e.start <= token.i < e.end else abs(e.root.i - token.i))
    return None


def _antecedent(doc: Doc, token: Token) -> Span | None:
    """The nearest preceding entity a pronoun can refer to."""
    labels = PRONOUNS.get(token.lower_)
    if not labels:
        return None
    before = [e for e in doc_ents(doc) if e.end <= token.i and e.label_ in labels]
    if not before:
        return None
    preferred = [e for e in before if e.label_ == labels[0]]
    return (preferred or before)[-1]


def speaker_span(doc: Doc, verb: Token) -> tuple[Span | None, str]:
    """The words naming the speaker of a reporting verb and how they were found."""
    subject = subject_of(verb)
    if subject is None:
        return None, "verb"
    if subject.pos_ == "PRON":
        return _antecedent(doc, subject), "pronoun"
    entity = _entity_in(doc, subject)
    if entity is not None:
        return entity, "apposition" if not (entity.start <= subject.i < entity.end) else "verb"
    lo = min(t.i for t in subject.subtree if t.dep_ not in ("relcl", "acl", "punct"))
    return doc[lo:subject.i + 1], "verb"


def actor_ref(doc: Doc, span: Span) -> ActorRef:
    """The canonical actor named by ``span``; a name-only ActorRef when actors are unknown."""
    for actor in get_list(doc, "eventwire_actors"):
        for mention in actor.mentions:
            if mention.start < span.end_char and span.start_char < mention.end:
                return actor.ref(span.text)
    name = re.sub(r"'s?$", "", span.text.strip())
    return ActorRef(name=name, code=None, country=None, sector=None, text=span.text, id=slug(name))
