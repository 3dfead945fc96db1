"""Obligation clauses: "Egypt said that Israel must withdraw" is a REQUEST from Egypt to Israel.

A speech verb (or a statement noun: "a note to Chad that it should comply") whose clause
complement says, with "must" or "should", that another party has to act is a demand on that
party (CAMEO 10), whatever the clause's own verb: no pattern codes it.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span, Token

from ..nlp.columns import Columns, columns
from ..schema import Event
from ..when_where.dates import date_for_event
from ..when_where.places import place_for_event
from .construction import INCOMPLETE_PENALTY, TypeCandidate, date_fields
from .lexicon import SPEECH_VERBS
from .phrases import resolve
from .references import ActorIndex
from .syntax import subject_of
from .types import CATALOGUE, intensity_for

# Speech verbs whose "that Y must Z" complement is a demand on Y.
OBLIGATION_VERBS = SPEECH_VERBS | {"conclude", "insist", "remind", "reiterate", "demand", "stress"}
OBLIGATION_MODALS = frozenset({"must", "should"})
# Nouns of a statement whose "that" clause can say another party must act.
OBLIGATION_NOUNS = frozenset({"reminder", "warning", "message", "statement", "ultimatum", "letter", "note"})


def obligation_clauses(sent: Span, cols: Columns | None = None) -> list[tuple[Token, Token]]:
    """(speech verb, clause) pairs where a speaker says another party must act.

    "Egypt said that Israel must withdraw": a REQUEST from Egypt to Israel (CAMEO 10).
    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    """
    out = []
    doc, cols = sent.doc, cols or columns(sent.doc)
    # The modal is a word of the sentence (a parse tree never crosses one).
    if OBLIGATION_MODALS.isdisjoint(cols.lower[sent.start:sent.end]):
        return out
    for i in range(sent.start, sent.end):
        if cols.pos[i] == "VERB" and cols.lemma[i] in OBLIGATION_VERBS:
            links = ("ccomp",)
        elif cols.pos[i] == "NOUN" and cols.lemma[i] in OBLIGATION_NOUNS and cols.dep[i] == "dobj":
            links = ("acl", "ccomp")  # "sent a note to Chad that it should comply"
        else:
            continue
        t = doc[i]
        for c in t.children:
            if c.dep_ in links and any(a.dep_ == "aux" and a.lower_ in OBLIGATION_MODALS for a in c.children):
                out.append((t, c))
    return out


def _addressee(speech: Token, clause: Token) -> Token | None:
    """Who must act: the clause's subject, or, when that is "it"/"they", whom the speech
    act is addressed to ("a note to Chad that it should ...")."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ not in ("it", "they"):
        return subj
    verb = speech if speech.pos_ == "VERB" else speech.head
    return next((p for h in (speech, verb) for c in h.children if c.dep_ in ("dative", "prep") and c.lower_ == "to"
                 for p in c.children if p.dep_ == "pobj"), None)


def obligation_events(doc: Doc, sent: Span, speech: Token, clause: Token, actors: ActorIndex,
                      published: dt.date | None) -> tuple[list[Event], TypeCandidate | None]:
    """The REQUEST events of one obligation clause and its type candidate."""
    speaker = subject_of(speech if speech.pos_ == "VERB" else speech.head)
    addressee = _addressee(speech, clause)
    if speaker is None or addressee is None or addressee.lower_ in ("it", "one", "we", "i", "you"):
        return [], None
    sources, targets = resolve(speaker, actors), resolve(addressee, actors)
    targets = [r for r in targets if r.id not in {a.id for a in sources}]
    base = 0.55
    complete = bool(sources and targets)
    candidate = TypeCandidate(event="REQUEST", score=round(base - (0.0 if complete else INCOMPLETE_PENALTY), 3),
                              trigger=(speech.idx, speech.idx + len(speech)), rule="construction:obligation",
                              complete=complete, sentence=sent.start_char)
    if not complete:
        return [], candidate
    date = date_for_event(doc, speech, actors.dates)
    span = doc[speech.i: speech.i + 1]
    out = [Event(
        event="REQUEST", actor=[a], recipient=[r], text=sent.text, span=(sent.start_char, sent.end_char),
        evidence=span.text, evidence_span=(span.start_char, span.end_char), rule="construction:obligation",
        mode="change", status="occurred", status_cue=None, cameo="100",
        quad_class=CATALOGUE["REQUEST"].quad_class, intensity=intensity_for("REQUEST", "100"),
        **date_fields(date, published), event_loc=place_for_event(doc, speech, actors.places, actors.actors),
        confidence=round(base + (0.05 if a.country else 0.0), 2), reported_by=None)
        for a in sources for r in targets]
    return out, candidate
