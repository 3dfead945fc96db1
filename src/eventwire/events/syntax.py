"""Grammatical roles on the dependency parse: subjects, objects, passive agents, speakers.

Who is the subject of a verb (inherited through control and raising: "Ghana will try to
reconcile X"), which heads are its objects and target phrases, whether it is passive and
who its agent is, whether it is an errand's purpose ("sent experts to investigate") and
who reports it ("X said Y did Z"). Nothing here knows about actors: each function walks
the Doc's token columns (``nlp.columns``) and returns tokens or token indices.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..nlp.columns import Columns, columns
from .lexicon import SPEECH_VERBS

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
# Prepositions whose object is the target of the action ("sanctions against Russia").
TARGET_PREPS = ("against", "to", "with", "toward", "towards", "on", "at", "into", "upon", "for",
                "of", "over", "between", "among")


def subject_of(verb: Token, cols: Columns | None = None) -> Token | None:
    """The grammatical subject of ``verb``, inherited through xcomp/conj/acl chains.

    "Ghana will try to reconcile X": *reconcile* has no subject of its own and takes *try*'s.
    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    """
    doc = verb.doc
    found = _subject_index(verb.i, doc, cols or columns(doc))
    return doc[found] if found is not None else None


def _subject_index(i: int, doc: Doc, cols: Columns) -> int | None:
    dep, head, children, lower = cols.dep, cols.head, cols.children, cols.lower
    t = i
    for step in range(4):
        # A raising passive governs the clause: "the envoy is due to visit" → the envoy.
        deps = SUBJECT_DEPS if step == 0 else SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS
        subj = next((c for c in children[t] if dep[c] in deps and not _is_dateline(c, doc, cols)), None)
        if subj is not None:
            return subj
        # "is prepared to impose": the adjective's clause takes the copula's subject.
        if dep[t] in ("xcomp", "conj", "advcl", "acomp") and head[t] != t:
            # Object control: "urged Hamas to attend" - attend's subject is Hamas; but an
            # errand's purpose is the sender's ("summoned the envoy to complain").
            if dep[t] == "xcomp" and cols.lemma[head[t]] not in ERRAND_VERBS:
                obj = next((c for c in children[head[t]] if dep[c] == "dobj"), None)
                if obj is not None:
                    return obj
            t = head[t]
        elif dep[t] in ("acl", "relcl") and head[t] != t:
            noun = head[t]
            owner = next((c for c in children[noun] if dep[c] == "poss"), None)
            of = next((p for c in children[noun] if dep[c] == "prep" and lower[c] == "of"
                       for p in children[c] if dep[p] == "pobj"), None)
            if owner is not None or of is not None:
                return owner if owner is not None else of
            if dep[t] == "relcl":
                return noun
            t = head[noun] if dep[noun] in ("dobj", "pobj", "attr") else noun
            if cols.pos[t] != "VERB" and cols.pos[t] != "AUX":
                t = head[t]
        else:
            return None
    return None


# Verbs of sending and summoning: their "to"-infinitive is their purpose, the sender's act.
ERRAND_VERBS = frozenset({"send", "dispatch", "despatch", "summon"})


def errand_of(verb: Token, cols: Columns | None = None) -> Token | None:
    """The sending verb whose purpose ``verb`` is: "sent experts to Bosnia to investigate".

    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    """
    head = errand_head(verb.i, cols or columns(verb.doc))
    return verb.doc[head] if head is not None else None


def errand_head(i: int, cols: Columns) -> int | None:
    """``errand_of`` for token ``i``, by index (read from the columns)."""
    dep, lower = cols.dep, cols.lower
    if dep[i] in ("advcl", "xcomp") and cols.lemma[cols.head[i]] in ERRAND_VERBS and any(
            dep[a] == "aux" and lower[a] == "to" for a in cols.children[i]):
        return cols.head[i]
    return None


def _is_dateline(i: int, doc: Doc, cols: Columns) -> bool:
    """A wire dateline the parser took for an argument (token ``i``): "GAZA CITY, Territories: ...".

    The phrase opens the sentence and ends in a colon.
    """
    return any(cols.dep[c] == "punct" and cols.text[c] == ":" for c in cols.children[i]) \
        and doc[i].left_edge.i == doc[i].sent.start


def passive_agent(verb: Token, cols: Columns | None = None) -> Token | None:
    """The agent of a passive verb: "was arrested by police" → police; "were killed at the
    hands of rebels" → rebels.

    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    """
    cols = cols or columns(verb.doc)
    for c in cols.children[verb.i]:
        if cols.dep[c] == "agent":
            return next((verb.doc[p] for p in cols.children[c] if cols.dep[p] == "pobj"), None)
    for c in cols.children[verb.i]:
        # "were killed at the hands of the militia": the idiom names the agent as well.
        if cols.dep[c] == "prep" and cols.lower[c] == "at":
            hands = next((p for p in cols.children[c] if cols.dep[p] == "pobj" and cols.lower[p] == "hands"), None)
            of = next((q for q in cols.children[hands] if cols.lower[q] == "of"), None) if hands is not None else None
            if of is not None:
                return next((verb.doc[p] for p in cols.children[of] if cols.dep[p] == "pobj"), None)
    return None


# The dependencies that make a verb passive (a set: tested against every dependent at once).
_PASSIVE_MARKS = frozenset(PASSIVE_SUBJECT_DEPS + ("auxpass",))


def is_passive(verb: Token, cols: Columns) -> bool:
    return not _PASSIVE_MARKS.isdisjoint(map(cols.dep.__getitem__, cols.children[verb.i]))


def shares_passive(verb: Token, cols: Columns) -> bool:
    """Whether ``verb`` is a bare participle conjoined with a passive verb ("was shot and
    killed"): no subject or auxiliary of its own, it is passive too."""
    i, head = verb.i, cols.head[verb.i]
    return (cols.dep[i] == "conj" and cols.tag[i] == "VBN" and head != i and is_passive(verb.doc[head], cols)
            and not any(cols.dep[c] in SUBJECT_DEPS + ("aux",) for c in cols.children[i]))


# Verbs whose passive form states what the subject is doing: "troops were engaged in
# fighting", "police were involved in the killing" (the subject is the doer).
ENGAGED_VERBS = frozenset({"engage", "involve"})


def engaged_subject(verb: Token, cols: Columns) -> Token | None:
    """The subject of "be engaged/involved in" (parsed as a passive subject): the doer."""
    return next((verb.doc[c] for c in cols.children[verb.i] if cols.dep[c] in PASSIVE_SUBJECT_DEPS), None)


def is_engaged(verb: Token, cols: Columns) -> bool:
    """Whether ``verb`` is "be engaged/involved in ..." with no agent: the subject acts."""
    kids = [(cols.dep[c], cols.lower[c]) for c in cols.children[verb.i]]
    return (cols.lemma[verb.i].lower() in ENGAGED_VERBS and ("prep", "in") in kids
            and any(d in _PASSIVE_MARKS for d, _ in kids) and not any(d == "agent" for d, _ in kids))


def is_misparsed_main_verb(verb: Token) -> bool:
    """A participle parsed inside the subject of a sentence that has no verb of its own.

    "Doctors from two aid groups donated ...": the root is a noun and the verb hangs
    on a noun of the root's phrase, with no agent; a real reduced relative ("aid sent
    to Gaza") modifies the root itself or has its agent.
    """
    if verb.dep_ != "acl":
        return False  # only a participle hung on a noun ("acl") can be this misparse
    root = verb.sent.root
    return (root.pos_ in ("NOUN", "PROPN") and verb.head.i != root.i
            and not any(c.dep_ == "agent" for c in verb.children)
            and verb.head.dep_ == "pobj" and verb.head.head.head.i == root.i)


def shared_objects(verb: Token, cols: Columns) -> list[Token]:
    """The objects of a coordinated verb that the first verb shares: "donated and
    delivered goods to X" (the first verb has no object of its own)."""
    dep, kids = cols.dep, cols.children[verb.i]
    if any(dep[c] in ("dobj", "dative") for c in kids):
        return []
    return [o for c in kids if dep[c] == "conj" and cols.pos[c] == "VERB" for o in object_of(verb.doc[c], cols)]


def is_reduced_passive(verb: Token) -> bool:
    """A past participle modifying a noun: "civilians killed by soldiers", "aid sent to X"."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "PRON")


def object_of(verb: Token, cols: Columns) -> list[Token]:
    """Candidate recipient heads: direct object, then clause subjects, then prepositions.

    cols (Columns): the Doc's columns (``ActorIndex.cols``): the walk reads dependents
        from them and builds a Token only for each head it returns.
    """
    doc, dep, children, i = verb.doc, cols.dep, cols.children, verb.i
    direct = [c for c in children[i] if dep[c] in ("dobj", "dative", "attr", "oprd")]
    # "held talks with X on Tuesday, the first delegation to ...": an object after a comma
    # that follows the verb's object describes a side, it is no second object.
    direct = [d for n, d in enumerate(direct) if n == 0 or cols.text[doc[d].left_edge.i - 1] != ","]
    # The object's own phrase first: "held talks with X at a lunch hosted by Y" is with X.
    out = direct + [p for o in direct for p in _prep_object_indices(o, cols)]
    others = []
    for c in children[i]:
        # "urged Hamas to attend" is often parsed with Hamas as the clause's subject.
        if dep[c] in ("xcomp", "ccomp"):
            others.extend(s for s in children[c] if dep[s] in SUBJECT_DEPS)
    others.extend(_prep_object_indices(i, cols))
    if cols.lemma[i].lower() in FROM_TARGET_VERBS:
        # "confiscated arms from the militias", "withdraw troops from Lebanon"
        others.extend(_objects_of_prep(i, "from", cols))
    out += others + [p for o in others for p in _prep_object_indices(o, cols)]
    # Failing the noun itself, its agent is who the act is about: "rejected calls by X",
    # "investigating crimes committed by X" (but "a Hamas delegation led by Y" is Hamas).
    out = [a for o in out for a in [o] + noun_agents(o, cols)]
    # "investigating crimes by X": the parser hangs the noun's agent on the active verb.
    return [doc[j] for j in out + _objects_of_prep(i, "by", cols)]


def _objects_of_prep(i: int, prep: str, cols: Columns) -> list[int]:
    """The objects of token ``i``'s ``prep`` phrases ("from X")."""
    dep, children = cols.dep, cols.children
    return [p for c in children[i] if dep[c] == "prep" and cols.lower[c] == prep
            for p in children[c] if dep[p] == "pobj"]


# Nouns whose clause names who must act: "its demand that X withdraw".
DEMAND_NOUNS = frozenset("""demand call request appeal ultimatum insistence plea
condition""".split())


def noun_agents(noun: int, cols: Columns) -> list[int]:
    """Who did what a noun names: its "by" phrase, its participle's agent, its demand's addressee.

    "an admission by Moscow" → Moscow; "crimes committed by rebels" → rebels;
    "demands that the government resign" → government.
    noun (int): the noun's token index; RETURNS the agents' indices.
    """
    if cols.pos[noun] not in ("NOUN", "PROPN"):
        return []
    dep, children = cols.dep, cols.children
    out = [p for c in children[noun] if dep[c] in ("prep", "agent") and cols.lower[c] == "by"
           for p in children[c] if dep[p] == "pobj"]
    for c in children[noun]:
        if dep[c] == "acl" and cols.tag[c] == "VBN":
            out.extend(p for a in children[c] if dep[a] == "agent" for p in children[a] if dep[p] == "pobj")
        elif dep[c] == "acl" and cols.lemma[noun].lower() in DEMAND_NOUNS:
            out.extend(s for s in children[c] if dep[s] in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)
    return out


# Verbs of taking away, whose "from" phrase names who loses: the target.
FROM_TARGET_VERBS = frozenset("""withdraw pull confiscate seize take remove expel evict oust
exclude bar ban evacuate steal capture wrest""".split())


def prep_objects(token: Token, cols: Columns) -> list[Token]:
    """The objects of the token's target prepositions ("sanctions against X")."""
    return [token.doc[p] for p in _prep_object_indices(token.i, cols)]


def _prep_object_indices(i: int, cols: Columns) -> list[int]:
    # "provide support to Israel": the parser labels a recipient "to" dative.
    return prep_object_indices(i, cols, TARGET_PREPS, ("prep", "dative"))


def prep_object_indices(i: int, cols: Columns, preps: frozenset[str] | tuple[str, ...],
                        deps: tuple[str, ...] = ("prep",)) -> list[int]:
    """The objects of token ``i``'s prepositions ``preps`` (attached as one of ``deps``)."""
    dep, children = cols.dep, cols.children
    return [p for c in children[i] if dep[c] in deps and cols.lower[c] in preps
            for p in children[c] if dep[p] == "pobj"]


def reporter_of(verb: Token, cols: Columns) -> Token | None:
    """The speaker when ``verb`` is reported speech ("X said Y did Z" → X).

    cols (Columns): the Doc's columns (``ActorIndex.cols``); the walk builds a Token
        only for the speech verb it finds.
    """
    doc, dep, head, lemma = verb.doc, cols.dep, cols.head, cols.lemma
    t = verb.i
    for _ in range(3):
        if dep[t] == "ccomp" and lemma[head[t]] in SPEECH_VERBS:
            return subject_of(doc[head[t]], cols)
        if dep[t] in ("xcomp", "conj") and head[t] != t:
            t = head[t]
            continue
        break
    # "..., officials said": the speech verb is the root and the event clause its ccomp,
    # or the event verb is the root with a parataxis speech verb.
    for c in cols.children[verb.i]:
        if dep[c] == "parataxis" and lemma[c] in SPEECH_VERBS:
            return subject_of(doc[c], cols)
    return None


def subtree_indices(i: int, children: list[Sequence[int]]) -> list[int]:
    """``Token.subtree`` of token ``i`` as token indices, in its order: the left
    dependents' subtrees, the token, then the right dependents' subtrees."""
    out: list[int] = []
    _collect_subtree(i, children, out)
    return out


def _collect_subtree(i: int, children: list[Sequence[int]], out: list[int]) -> None:
    kids = children[i]
    for c in kids:
        if c < i:
            _collect_subtree(c, children, out)
    out.append(i)
    for c in kids:
        if c > i:
            _collect_subtree(c, children, out)
