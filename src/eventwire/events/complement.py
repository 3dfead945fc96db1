"""A trigger's complement: the words a pattern's frame may match, and where arguments are looked for.

The complement is the trigger's dependents, to some depth, minus its subject, other
clauses and asides ("after an agreement", "according to"): "urged Hamas to attend" has
*attend* in the complement of *urged*, "welcomed the talks and called on X" has no
*called* in that of *welcomed*. The matcher tests frame words against it; the argument
rules look there for the places of an action.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..nlp.columns import Columns, columns
from .lexicon import SPEECH_VERBS

_NOT_COMPLEMENT = {"nsubj", "nsubjpass", "csubj", "csubjpass", "advcl", "parataxis", "relcl",
                   "punct", "cc", "mark", "appos",
                   # A possessor names whose object it is, not what it is: "welcomed President
                   # X's statement" is no welcome of a president.
                   "poss"}
# A speech verb's clause complement is a report of its own ("said (that) X did Y").
_NOT_COMPLEMENT_OF_SPEECH = _NOT_COMPLEMENT | {"ccomp"}
# Below the trigger's own dependents, other clauses and conjuncts end the complement too.
_NOT_NESTED = _NOT_COMPLEMENT | {"ccomp", "acl", "conj"}
# Time phrases say when and attributions who says, not what: "allowed the rally after an
# agreement" is no agreement, nor is "according to" (lemma *accord*) an accord.
_ASIDE_PREPS = frozenset({"after", "before", "during", "since", "until", "till", "following", "amid", "amidst",
                          "according"})


def complement(token: Token, depth: int = 4, cols: Columns | None = None) -> list[Token]:
    """The trigger's complement: dependents (to ``depth``) minus subjects and other clauses.

    Nested clauses are allowed only as xcomp/ccomp of the trigger itself ("urged Hamas
    to attend"), since that is where a verb's object frame continues.
    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    """
    doc = token.doc
    return [doc[j] for j in complement_indices(token, depth, cols)]


def complement_indices(token: Token, depth: int = 4, cols: Columns | None = None) -> list[int]:
    """``complement`` as token indices, in order (walked on the Doc's columns; depth >= 1)."""
    cols = cols or columns(token.doc)
    children, dep, lowers, pos = cols.children, cols.dep, cols.lower, cols.pos
    skip = _NOT_COMPLEMENT_OF_SPEECH if cols.lemma[token.i] in SPEECH_VERBS else _NOT_COMPLEMENT
    # An aside (``_ASIDE_PREPS``) is never part of the frame, and
    # "welcomed the talks and called on X": *called* is a clause of its own, not a frame
    # word of *welcomed* (it would then trigger nothing itself).
    out = [c for c in children[token.i] if (dep[c] not in skip or _misparsed_xcomp(token.i, c, cols))
           and not (dep[c] == "prep" and lowers[c] in _ASIDE_PREPS)
           and not (dep[c] == "conj" and pos[c] in ("VERB", "AUX"))]
    frontier = out
    for _ in range(depth - 1):
        frontier = [c for t in frontier for c in children[t]
                    if dep[c] not in _NOT_NESTED and not (dep[c] == "prep" and lowers[c] in _ASIDE_PREPS)]
        if not frontier:
            break
        out += frontier
    out.sort()
    return out


def _misparsed_xcomp(i: int, c: int, cols: Columns) -> bool:
    """Whether clause ``c`` is the verb's own infinitive that the parser took for an adverbial
    clause: "have sworn to fight" parsed like "went home to rest". Only when "to" follows the
    verb at once, with no object between and no subject of the clause's own: "sent troops
    to fight" stays a purpose clause."""
    children, dep = cols.children, cols.dep
    return (dep[c] == "advcl" and c > i + 1 and cols.lower[i + 1] == "to"
            and any(dep[k] == "aux" and k == i + 1 for k in children[c])
            and not any(dep[k] in ("nsubj", "nsubjpass", "mark") for k in children[c]))
