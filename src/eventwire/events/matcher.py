"""Matching patterns against a parse: which pattern, if any, a token triggers.

``PatternIndex`` indexes the compiled patterns (``pattern_files``) by trigger lemma and
part of speech; ``match`` returns the most specific pattern whose frame words all occur
in the token's complement (``complement``), and the tokens that matched them. Content
words decide between candidates; a hand-written pattern beats a converted one that only
adds a preposition.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..nlp.columns import Columns, columns
from .complement import complement_indices
from .lexicon import lower_lemmas
from .pattern_files import Pattern, variants

# Dependents that start another clause or name the subject: never part of the frame.
FUNCTION_WORDS = frozenset("""to on in at with by for from of against into over about up off out
down toward towards upon under after before as between through""".split())


# Dependencies of the trigger's own prepositional phrases (frame prepositions hang there).
_FRAME_PREP_DEPS = frozenset({"prep", "prt", "agent", "dative"})


def _verb_bases(word: str) -> list[str]:
    """Candidate base forms of a regularly inflected verb.

    >>> _verb_bases("staged")[:2], _verb_bases("rioting")[:2]
    (['stage', 'stag'], ['riot', 'riote'])
    """
    out = []
    for suffix in ("ed", "ing", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out += [stem + "e", stem] if suffix == "ed" and not stem.endswith("e") else [stem, stem + "e"]
            if len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "shelled" → "shell" is above; "planned" → "plan"
    return [w for w in out if w != word]


class PatternIndex:
    """All patterns, indexed by trigger lemma, for fast lookup per token.

    Matching work that does not depend on the token is done here once: each pattern's
    frame groups are interned (patterns sharing a synset share one set object), flagged
    as prepositional or not, and their multi-word phrases indexed by last word.
    """

    def __init__(self, patterns: list[Pattern]):
        self.by_lemma: dict[str, list[Pattern]] = {}
        # Plans by (part of speech, lemma): the pos filter is applied once, here.
        plans: dict[tuple[str, str], list[_Plan]] = {}
        groups: dict[frozenset[str], _Group] = {}
        for p in patterns:
            plan = _Plan(p, tuple(groups.get(g) or groups.setdefault(g, _Group.of(g)) for g in p.words))
            for lemma in p.lemmas:
                self.by_lemma.setdefault(lemma, []).append(p)
                plans.setdefault((p.pos, lemma), []).append(plan)
        self._plans = {key: _PlanSet(v) for key, v in plans.items()}
        # ``may_trigger`` answers by (part of speech, lemma, form): it is asked for every
        # noun and verb of every sentence, and the patterns never change once indexed
        # (the memo is bounded by the vocabulary).
        self._may_trigger: dict[tuple[str, str, str], bool] = {}

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_lemma.values())

    def candidates(self, token: Token) -> list[Pattern]:
        """The patterns the token may trigger (by lemma, surface form and part of speech)."""
        cols = columns(token.doc)
        return [plan.pattern for s in self._candidate_sets(token.i, cols, lower_lemmas(token.doc, cols)) for plan in s.plans]

    def may_trigger(self, pos: str, lemma: str, lower: str) -> bool:
        """Whether a token with this part of speech, lemma and form has any pattern.

        A cheap test on plain strings (see ``nlp.columns``) before ``match`` builds
        anything; it may say yes where ``match`` finds no frame, never the reverse.
        """
        key = (pos, lemma, lower)
        known = self._may_trigger.get(key)
        if known is None:
            known = self._may_trigger[key] = self._has_patterns(pos, lemma, lower)
        return known

    def _has_patterns(self, pos: str, lemma: str, lower: str) -> bool:
        kind = "noun" if pos in ("NOUN", "PROPN") else "verb" if pos == "VERB" else None
        if kind is None:
            return False
        lemma = lemma.lower()
        if (kind, lemma) in self._plans or (kind, lower) in self._plans:
            return True
        return kind == "verb" and lemma not in self.by_lemma and lower not in self.by_lemma \
            and any(base in self.by_lemma for base in _verb_bases(lower))

    def _candidate_sets(self, i: int, cols: Columns, lemmas: list[str]) -> list["_PlanSet"]:
        pos = "noun" if cols.pos[i] in ("NOUN", "PROPN") else "verb" if cols.pos[i] == "VERB" else None
        if pos is None:
            return []
        lemma, lower = lemmas[i], cols.lower[i]
        sets = [s for s in (self._plans.get((pos, lemma)), self._plans.get((pos, lower)) if lower != lemma else None)
                if s is not None]
        if pos == "verb" and lemma not in self.by_lemma and lower not in self.by_lemma:
            # The small model mis-lemmatizes some verbs ("staged" → "stag"): try the
            # regular inflections of the surface form.
            for base in _verb_bases(lower):
                if base in self.by_lemma:
                    return [s] if (s := self._plans.get((pos, base))) is not None else []
        return sets

    def match(self, token: Token, cols: Columns | None = None,
              lemmas: list[str] | None = None) -> tuple[Pattern, list[Token]] | None:
        """The most specific pattern whose frame the token's complement satisfies.

        cols (Columns | None): the Doc's columns, when the caller has them at hand.
        lemmas (list[str] | None): the Doc's lowercased lemmas (``lower_lemmas``), likewise.
        RETURNS (tuple | None): the pattern and the tokens that matched its frame words.
        """
        cols = cols or columns(token.doc)
        lemmas = lemmas or lower_lemmas(token.doc, cols)
        sets = self._candidate_sets(token.i, cols, lemmas)
        if not sets:
            return None
        pools: list[_Pool | None] = [None, None]  # by ``function``; built on first use: many triggers need neither

        def pool(function: bool) -> _Pool:
            built = pools[function]
            if built is None:
                built = pools[function] = _Pool.around(token, function, cols, lemmas)
            return built

        plans = sets[0].possible(pool) if len(sets) == 1 else [plan for s in sets for plan in s.possible(pool)]
        if not plans:
            return None
        # Candidates share lemmas and synsets: each group's first hit and each head
        # test is computed once per trigger, not once per pattern.
        hits_of: dict[_Group, Token | None] = {}
        governed: dict[frozenset[str], bool] = {}
        best = None
        for plan in plans:
            p = plan.pattern
            if p.head:
                if p.head not in governed:
                    governed[p.head] = _governed_by(token, p.head)
                if not governed[p.head]:
                    continue
            hits = []
            for group in plan.groups:
                if group in hits_of:
                    hit = hits_of[group]
                else:
                    hit = hits_of[group] = pool(group.function).first(group)
                if hit is None:
                    break
                hits.append(hit)
            else:
                # Content words decide; a hand-written pattern beats a converted one that
                # only adds a preposition.
                key = (plan.content, p.manual, len(p.words))
                if best is None or key > best[0]:
                    best = (key, p, hits)
        return (best[1], best[2]) if best else None


@dataclass(frozen=True, eq=False)
class _Group:
    """One frame group, prepared for matching (compared by identity: groups are interned).

    words (frozenset[str]): the accepted words and phrases.
    function (bool): a preposition group, matched only among the trigger's own dependents.
    phrases (dict): multi-word phrases by last word (and its bare form); empty if none.
    """

    words: frozenset[str]
    function: bool
    phrases: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, words: frozenset[str]) -> "_Group":
        return cls(words, not words.isdisjoint(FUNCTION_WORDS), _phrases(words))


class _Plan:
    """A pattern with its groups prepared and its specificity precomputed."""

    __slots__ = ("pattern", "groups", "content")

    def __init__(self, pattern: Pattern, groups: tuple[_Group, ...]):
        self.pattern = pattern
        self.groups = groups
        self.content = sum(1 for g in groups if not g.function) + (1 if pattern.head else 0)


class _PlanSet:
    """The plans of one (part of speech, lemma), indexed by the words of their first group.

    Frequent triggers carry hundreds of plans ("say", "demand": ~250-360) and nearly all
    of them fail on their first frame group; looking the pool's words up in this index
    finds the few that can match without trying every plan.
    """

    __slots__ = ("plans", "bare", "bare_plans", "by_word")

    def __init__(self, plans: list[_Plan]):
        self.plans = plans
        self.bare = [i for i, plan in enumerate(plans) if not plan.groups]
        self.bare_plans = [plans[i] for i in self.bare]  # what ``possible`` returns when no word hits
        # Per pool (prepositional or not), the plans by a word of their first group.
        self.by_word: dict[bool, dict[str, list[int]]] = {}
        for i, plan in enumerate(plans):
            if plan.groups:
                first = plan.groups[0]
                # A token hits a group by lemma or form, or by ending one of its phrases.
                for word in first.words | first.phrases.keys():
                    self.by_word.setdefault(first.function, {}).setdefault(word, []).append(i)

    def possible(self, pool: "Callable[[bool], _Pool]") -> list[_Plan]:
        """The plans whose first group some token of the trigger's pools can hit, in order."""
        if not self.by_word:
            return self.plans
        found = None  # a set only once some word hits: usually none does
        for function, plans_by_word in self.by_word.items():
            for word in plans_by_word.keys() & pool(function).words:
                if found is None:
                    found = set(self.bare)
                found.update(plans_by_word[word])
        if found is None:
            return self.bare_plans
        return [self.plans[i] for i in sorted(found)]


class _Pool:
    """Tokens a frame word may match (by index), and the set of their lowercased lemmas and forms.

    Read from the Doc's columns (``lemmas``: its lowercased lemmas): a Token object is
    built only for the token that hits.
    """

    __slots__ = ("doc", "cols", "indices", "lemmas", "words")

    def __init__(self, doc: Doc, cols: Columns, indices: list[int], lemmas: list[str]):
        self.doc, self.cols, self.indices, self.lemmas = doc, cols, indices, lemmas
        self.words = set(map(lemmas.__getitem__, indices))
        self.words.update(map(cols.lower.__getitem__, indices))

    @classmethod
    def around(cls, token: Token, function: bool, cols: Columns, lemmas: list[str]) -> "_Pool":
        """The trigger's own prepositional dependents, or else its whole complement.

        lemmas (list[str]): the Doc's lowercased lemmas (``lower_lemmas``).
        """
        if function:
            # A preposition in a frame ("call on") must hang on the trigger itself;
            # anywhere in the clause it would match "on Tuesday".
            dep = cols.dep
            return cls(token.doc, cols, [c for c in cols.children[token.i] if dep[c] in _FRAME_PREP_DEPS], lemmas)
        indices = complement_indices(token, cols=cols)
        # In the passive the frame's object is the subject: "sanctions were imposed",
        # "food aid was delivered", "talks were held" (the noun and its compounds).
        patients = [c for c in cols.children[token.i] if cols.dep[c] == "nsubjpass"]
        if patients:
            patients += [m for c in patients for m in cols.children[c] if cols.dep[m] in ("compound", "amod")]
            indices = sorted(set(indices).union(patients))
        return cls(token.doc, cols, indices, lemmas)

    def first(self, group: _Group) -> Token | None:
        """The first token that is one of the group's words or ends one of its phrases."""
        words = group.words
        if not group.phrases and words.isdisjoint(self.words):
            return None  # the common case: one set intersection, no per-token work
        lemmas, lowers = self.lemmas, self.cols.lower
        for j in self.indices:
            if lemmas[j] in words or lowers[j] in words:
                return self.doc[j]
            if group.phrases and _ends_phrase(lowers, j, lemmas[j], lowers[j], group.phrases):
                return self.doc[j]
        return None


def _ends_phrase(lowers: list[str], i: int, lemma: str, lower: str,
                 phrases: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    """Whether token ``i`` is the last word of one of the phrases ("fire" in "cease fire").

    lowers (list[str]): the Doc's lower-case forms (``columns(doc).lower``).
    """
    for phrase in phrases.get(lower, ()) + phrases.get(lemma, ()):
        start = i - len(phrase) + 1
        if start >= 0 and tuple(lowers[start:i]) == phrase[:-1]:
            return True
    return False


@lru_cache(maxsize=4096)
def _phrases(group: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The group's multi-word phrases, indexed by their last word (and its bare form)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in group:
        if " " in phrase:
            words = tuple(phrase.split())
            for last in variants(words[-1]):
                out.setdefault(last, []).append(words)
    return {k: tuple(v) for k, v in out.items()}


def _governed_by(token: Token, lemmas: frozenset[str]) -> bool:
    """True when a verb within two heads above the trigger has one of ``lemmas``."""
    t = token
    for _ in range(3):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in lemmas:
            return True
    return False
