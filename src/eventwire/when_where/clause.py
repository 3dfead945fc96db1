"""Dependency-parse helpers: which clause a phrase belongs to, and that clause's tense.

Both the date and the place stages need to know whether a modifier ("on Monday", "in
Moscow") belongs to an event trigger's clause or to some other clause of the sentence.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import MORPH
from spacy.tokens import Doc, MorphAnalysis, Span
from spacy.vocab import Vocab

from ..nlp.columns import Columns, per_doc, sentence_spans

VERBAL_POS = frozenset({"VERB", "AUX"})
# Auxiliaries and catenatives that put a clause in the future.
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_CATENATIVES = frozenset({"plan", "expect", "schedule", "due", "set", "intend", "aim", "prepare"})
# Dependencies through which a clause passes its time and place to a dependent verb:
# "will seek to unify X next week" -> unify happens next week too.
SHARED_DEPS = frozenset({"xcomp", "conj"})
# Dependencies by which a clause describes a noun: "the meeting, which convenes on Feb 26".
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
# A noun trigger's time and place often hang on its light verb: "held talks in Moscow".
LIGHT_VERB_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj"})


def span_root_at(cols: Columns, start: int, end: int) -> int:
    """The token of ``start:end`` (a non-empty range) whose head lies outside it (the
    span's syntactic root), by token index."""
    # Heads read from the Doc's columns: iterating the span built a Token (and its head) per word.
    head = cols.head
    for i in range(start, end):
        if head[i] < start or head[i] >= end or head[i] == i:
            return i
    return start


def governing_verb_at(cols: Columns, i: int) -> int | None:
    """The nearest verb at or above token ``i`` in the parse (None when there is none)."""
    pos, dep, tag, head = cols.pos, cols.dep, cols.tag, cols.head
    for _ in range(64):  # parse trees are shallow; the bound guards odd parses
        if pos[i] in VERBAL_POS or (dep[i] == "ROOT" and tag[i].startswith("VB")):
            return i
        if head[i] == i:
            return None
        i = head[i]
    return None


def _has_future_aux(cols: Columns, verb: int) -> bool:
    return any(cols.dep[c] in ("aux", "aux:pass") and cols.lower[c] in FUTURE_AUX for c in cols.children[verb])


def tense_at(doc: Doc, cols: Columns, verb: int) -> str | None:
    """``"past"``, ``"future"`` or ``"present"`` for the verb at token index ``verb`` from its
    auxiliaries and morphology (``cols``: the Doc's columns; Tokens cost too much per date).

    Walks up xcomp chains ("will seek to unify", "is expected to meet", "going to meet"),
    since the infinitive carries no tense of its own. ``None`` when unknown.
    """
    lemma, tag, dep, head = cols.lemma, cols.tag, cols.dep, cols.head
    current = verb
    for _ in range(8):
        if _has_future_aux(cols, current):
            return "future"
        if dep[current] == "xcomp" and head[current] != current:
            up = head[current]
            if lemma[up] == "go" and tag[up] == "VBG":
                return "future"
            if lemma[up] in FUTURE_CATENATIVES:
                return "future"
            current = up
            continue
        break
    aux = [c for c in cols.children[current] if dep[c] in ("aux", "auxpass", "aux:pass")]
    if lemma[current] in FUTURE_CATENATIVES and tag[current] == "VBN" and any(tag[a] in ("VBZ", "VBP") for a in aux):
        return "future"  # "talks are planned for March"
    if any(lemma[a] == "have" for a in aux):
        return "past"  # present perfect reports something that already happened
    if any(_past_tense(doc, t) for t in (current, *aux)):
        # A bare past participle ("the atrocities carried out") is past too.
        return "past"
    if tag[current] in ("VBZ", "VBP") or any(tag[a] in ("VBZ", "VBP") for a in aux):
        return "present"
    return None


def _past_tense(doc: Doc, i: int) -> bool:
    """Whether ``doc[i].morph`` has Tense=Past, read from the Doc's morphology ids: a
    Token per verb cost more than the rest of the tense test."""
    morphs = per_doc(doc, "morph_ids", lambda: doc.to_array(MORPH).tolist())
    return _has_past_tense(doc.vocab, morphs[i])


# A vocabulary only adds analyses, so an id's features never change: one answer per id.
@lru_cache(maxsize=4096)
def _has_past_tense(vocab: Vocab, morph_id: int) -> bool:
    return "Past" in MorphAnalysis.from_id(vocab, morph_id).get("Tense")


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})


# Prepositions that keep a noun phrase about the same thing ("a meeting in Cairo", "the
# talks of the factions"). Others ("invitations to the meeting", "calls for a truce")
# introduce a second event, whose own clause must not date or place the first.
SAME_PHRASE_PREPS = frozenset({"in", "at", "on", "near", "of", "inside", "outside"})


def _noun_chain_reaches(cols: Columns, token: int, target: int, *, same_phrase_only: bool = False) -> bool:
    """Whether ``token`` is ``target`` or hangs under it through nouns and same-phrase
    prepositions only ("a meeting in Cairo, which convenes ...": the clause describes the
    meeting's phrase; but in "invitations to the meeting, which convenes on Feb 26" the
    date belongs to the meeting, not to the invitations). Token indices into ``cols``."""
    for _ in range(8):
        if token == target:
            return True
        if cols.pos[token] in VERBAL_POS or cols.head[token] == token:
            return False
        if same_phrase_only and cols.dep[token] == "prep" and cols.lower[token] not in SAME_PHRASE_PREPS:
            return False
        token = cols.head[token]
    return False


def sentence_of(doc: Doc, i: int) -> Span:
    """``doc[i].sent``, from a per-Doc table: ``Token.sent`` builds a new Span on each
    access, walking back to the sentence start, and clause_distance_at runs per candidate."""
    return sentences(doc)[i]


def sentences(doc: Doc) -> list[Span]:
    """The table ``sentence_of`` reads: each token's sentence, by token index (for
    callers that look up many tokens of one Doc: one cache lookup instead of one each)."""
    return per_doc(doc, "sentence_of", lambda: [sent for sent in sentence_spans(doc) for _ in range(len(sent))])


def clause_distance_at(
    cols: Columns, sents: list[Span], t: int, m: int, *, through_subjects: bool = True, same_phrase_only: bool = False
) -> int | None:
    """How closely a modifier ("on Monday", "in Moscow") attaches to the trigger's clause.

    cols (Columns), sents (list[Span]): the Doc's columns and ``sentences`` table (walked
        on the columns: the date and place stages call this for every candidate of every
        trigger, and each Token attribute read builds Token objects).
    t (int): the token index of the event's verb or noun (the trigger).
    m (int): the token index of the modifier's root (usually its preposition).
    RETURNS (int | None): 0 when the modifier's own chain of heads reaches the trigger
        before any other verb; 1 when it attaches to a verb tied to the trigger (a clause
        describing the trigger noun, "the meeting, which convenes on Feb 26"; a
        coordinated or catenative verb, "will seek to unify ... next week"; the light verb
        of a noun trigger, "held talks in Moscow"); 2 when it sits in an adverbial clause
        of the trigger ("killed when a bomb exploded near their patrol"); None when it
        belongs to another clause.
    through_subjects (bool): whether a modifier of the trigger's subject counts ("a
        driver from Abidjan was shot" does not place the shooting in Abidjan).
    same_phrase_only (bool): a clause describing a noun counts only when the noun is in
        the trigger's own phrase. Dates need this ("invitations to the meeting, which
        convenes on Feb 26" are not dated Feb 26); places do not (the invitations are to
        a meeting in that place).
    """
    if t == m or sents[t] is not sents[m]:
        return None
    head, dep, pos = cols.head, cols.dep, cols.pos
    current = head[m]
    verb = None
    for _ in range(64):
        if current == t:
            return 0
        if pos[current] in VERBAL_POS or head[current] == current:
            verb = current
            break
        if not through_subjects and dep[current] in SUBJECT_DEPS:
            return None
        current = head[current]
    if verb is None:
        return None
    if dep[verb] in NOUN_CLAUSE_DEPS and _noun_chain_reaches(cols, head[verb], t, same_phrase_only=same_phrase_only):
        return 1
    if dep[verb] == "conj" and head[verb] == t:
        return 1
    if dep[t] in SHARED_DEPS and head[t] == verb:
        return 1
    if pos[t] not in VERBAL_POS and head[t] == verb and dep[t] in LIGHT_VERB_DEPS:
        return 1
    if dep[verb] == "advcl" and head[verb] == t:
        return 2
    return None
