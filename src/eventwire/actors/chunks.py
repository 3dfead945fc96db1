"""Base noun phrases of a parsed Doc as token bounds, read from the columns.

``Doc.noun_chunks`` runs spaCy's English iterator, which builds a ``Token`` for every
token of the article (and a ``Span`` per chunk) to test a few attributes; the resolver
only needs the chunks' bounds, and most chunks are dropped before their root is asked for.
``noun_chunk_bounds`` makes the same tests on the columns, left edges included, and
builds no Token at all.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.lang.en.syntax_iterators import noun_chunks as english_noun_chunks
from spacy.tokens import Doc

from ..nlp.columns import Columns

# The dependency labels and parts of speech spaCy's English iterator tests (spaCy 3.8).
NP_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})


class Chunk(NamedTuple):
    """A noun chunk's tokens [start, end)."""

    start: int
    end: int


def noun_chunk_bounds(doc: Doc, cols: Columns, left_edge: list[int]) -> list[Chunk]:
    """``[(c.start, c.end) for c in doc.noun_chunks]``, in order and non-overlapping.

    left_edge (list[int]): ``left_edges(cols.head)``.
    """
    if doc.noun_chunks_iterator is not english_noun_chunks:
        return [Chunk(c.start, c.end) for c in doc.noun_chunks]  # another language's rules
    dep, out, prev_end = cols.dep, [], -1
    for i, pos in enumerate(cols.pos):
        if pos not in NOMINAL_POS or not (dep[i] in NP_DEPS or dep[i] == "conj" and _conjoined_to_np(cols, i)):
            continue
        # spaCy tests the left edge before the label; a skipped word changes nothing, so
        # testing the cheap label first yields the same chunks. Only dependents move a
        # token's left edge.
        left = left_edge[i]
        if left <= prev_end:
            continue  # nested in the previous chunk
        prev_end = i
        out.append(Chunk(left, i + 1))
    return out


def left_edges(heads: list[int]) -> list[int]:
    """``[t.left_edge.i for t in doc]`` from the head column: each token's subtree's first token.

    spaCy sets a left edge by spreading each child's up to its head until nothing changes,
    i.e. to the smallest index in the subtree. Walking up from every token in index order
    gives each ancestor the first token below it; a walk stops at a token already given
    one, whose ancestors were given theirs (no later) by the same earlier walk, so every
    token is visited once.
    """
    left = [-1] * len(heads)
    for first in range(len(heads)):
        i = first
        while left[i] == -1:  # a root is its own head: its walk ends once it is given its edge
            left[i] = first
            i = heads[i]
    return left


def _conjoined_to_np(cols: Columns, i: int) -> bool:
    """"Russia and Ukraine": a conjunct whose first conjunct's label makes a chunk."""
    dep, heads = cols.dep, cols.head
    head = heads[i]
    while dep[head] == "conj" and heads[head] < head:
        head = heads[head]
    return dep[head] in NP_DEPS


def span_root(cols: Columns, start: int, end: int) -> int:
    """``doc[start:end].root.i`` by spaCy's rule, without building the Span.

    A sentence root inside the span; else, of the tokens whose head is outside it, the
    first of those fewest steps below their sentence's root.
    """
    heads = cols.head
    for i in range(start, end):
        if heads[i] == i:
            return i
    fewest, root = len(heads), -1
    for i in range(start, end):
        if start <= heads[i] < end:
            continue
        steps = _steps_to_root(cols, i)
        if steps < fewest:
            fewest, root = steps, i
    return root if root != -1 else start


def _steps_to_root(cols: Columns, i: int) -> int:
    """How many heads up token ``i``'s sentence root is (``Span.root``'s measure)."""
    n = len(cols.head)
    if (cols.is_space[i] or cols.is_punct[i]) and not cols.children[i]:
        return n - 1  # as spaCy: a lone space or mark is the root only when nothing else can be
    heads, steps = cols.head, 0
    while heads[i] != i:
        i = heads[i]
        steps += 1
        if steps >= n:
            raise RuntimeError("the dependency heads form a cycle")  # as spaCy (E039)
    return steps
