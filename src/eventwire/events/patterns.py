"""Event patterns: loading the YAML dictionaries and matching them against a parse.

A pattern file holds ``synsets`` (named word lists) and ``patterns``::

    patterns:
      - id: manual:urge-attend
        lemmas: [urge, press]       # the trigger's lemma
        pos: verb                   # verb (default) or noun
        frame: "* attend/meet/&talks"
        event: REQUEST
        mode: meet
        cameo: "026"

``frame`` is ``*`` (the trigger) followed by words that must all occur in the
trigger's complement (its dependents, excluding its subject and other clauses);
``a/b`` gives alternatives and ``&name`` a synset. Optional keys: ``head`` (lemmas one
of which must govern the trigger), ``status`` (a modality the trigger itself implies,
e.g. "hypothetical" for *consider*), ``subject`` ("recipient" when the grammatical
subject receives the action, as in *receive an invitation*). A file may also list
``disable`` ids of earlier patterns it overrides (precision fixes to converted data).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from ..nlp.columns import Columns, columns
from .lexicon import SPEECH_VERBS, lower_lemmas
from .types import CATALOGUE, canonical_type

log = logging.getLogger(__name__)
# The converted dictionary is ~1 MB of YAML: the C loader reads it ~10x faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PATTERN_DIR = Path(__file__).resolve().parents[1] / "data" / "patterns"
DEFAULT_FILES = ("cameo.yaml", "manual.yaml")
# Dependents that start another clause or name the subject: never part of the frame.
FUNCTION_WORDS = frozenset("""to on in at with by for from of against into over about up off out
down toward towards upon under after before as between through""".split())
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
# Dependencies of the trigger's own prepositional phrases (frame prepositions hang there).
_FRAME_PREP_DEPS = frozenset({"prep", "prt", "agent", "dative"})


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern.

    words (tuple[frozenset[str], ...]): per frame word, the set of accepted words.
    """

    id: str
    lemmas: frozenset[str]
    pos: str
    words: tuple[frozenset[str], ...]
    event: str
    mode: str | None
    cameo: str | None
    head: frozenset[str] = field(default_factory=frozenset)
    status: str | None = None
    subject: str = "actor"
    manual: bool = False


def _variants(word: str) -> set[str]:
    """A frame word and its bare form, so SANCTIONS matches the lemma *sanction*.

    >>> sorted(_variants("talks"))
    ['talk', 'talks']
    """
    out = {word}
    if word.endswith("ies") and len(word) > 4:
        out.add(word[:-3] + "y")
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.add(word[:-1])
    return out


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


def compile_frame(frame: str, synsets: dict[str, list[str]]) -> tuple[frozenset[str], ...] | None:
    """The frame's word groups; None when it names an unknown synset.

    >>> [sorted(g) for g in compile_frame("* attend/meet", {})]
    [['attend', 'meet']]
    """
    groups = []
    for word in frame.split():
        if word == "*":
            continue
        alts: set[str] = set()
        for alt in word.lower().split("/"):
            if alt.startswith("&"):
                members = synsets.get(alt[1:].rstrip("_"))
                if not members:
                    return None
                for m in members:
                    # A multi-word member stays a phrase: its last word alone would
                    # make "cease fire" match every "fire" and "tear gas" every "gas".
                    alts |= _variants(m) if " " not in m else {m}
            else:
                alts |= _variants(alt.strip("_"))
        groups.append(frozenset(alts))
    return tuple(groups)


def load_pattern_file(path: Path, manual: bool | None = None) -> tuple[list[Pattern], set[str]]:
    """Read one YAML pattern file.

    path (Path): the file.
    manual (bool | None): whether these are hand-written (they win ties); default: any file
        but the converted ``cameo.yaml``.
    RETURNS (tuple[list[Pattern], set[str]]): the patterns and the ids the file disables.
    """
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    manual = path.name != "cameo.yaml" if manual is None else manual
    synsets = {k.lower(): [str(w).lower() for w in v] for k, v in (data.get("synsets") or {}).items()}
    synsets = {**_shared_synsets(), **synsets}
    patterns = []
    for raw in data.get("patterns") or []:
        event = canonical_type(str(raw["event"]))
        if event not in CATALOGUE:
            log.warning("pattern %s: unknown event type %s", raw.get("id"), event)
            continue
        words = compile_frame(str(raw.get("frame", "*")), synsets)
        if words is None:
            continue
        lemmas = raw.get("lemmas") or [raw.get("lemma")]
        patterns.append(Pattern(
            id=str(raw["id"]), lemmas=frozenset(str(x).lower() for x in lemmas if x),
            pos=str(raw.get("pos", "verb")).lower(), words=words, event=event,
            mode=raw.get("mode"), cameo=str(raw["cameo"]) if raw.get("cameo") is not None else None,
            head=frozenset(str(x).lower() for x in raw.get("head") or ()),
            status=raw.get("status"), subject=raw.get("subject", "actor"), manual=manual,
        ))
    return patterns, {str(x) for x in data.get("disable") or ()}


@lru_cache(maxsize=1)
def _shared_synsets() -> dict[str, list[str]]:
    # Manual patterns may reuse the converted CAMEO synsets (&military, &weapon, ...).
    path = PATTERN_DIR / "cameo.yaml"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        head = []
        for line in f:
            if line.startswith("patterns:"):
                break
            head.append(line)
    data = yaml.load("".join(head), Loader=_Loader) or {}
    return {k: [str(w).lower() for w in v] for k, v in (data.get("synsets") or {}).items()}


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
        # Read from the columns: Token attributes are looked up anew on each access.
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
            # A set operation (in C) over the pool's few words, not a loop over the index.
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
        # Only the word set is needed for most pools (``first`` rarely gets past it):
        # filled by ``map`` in C, with no per-pool lists of lemmas and forms.
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
        return cls(token.doc, cols, complement_indices(token, cols=cols), lemmas)

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
            for last in _variants(words[-1]):
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
    # The tests are inlined (no helper calls): this runs for every dependent of every
    # candidate trigger. An aside (``_ASIDE_PREPS``) is never part of the frame, and
    # "welcomed the talks and called on X": *called* is a clause of its own, not a frame
    # word of *welcomed* (it would then trigger nothing itself).
    out = [c for c in children[token.i] if dep[c] not in skip
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


def load_patterns(extra: str = "") -> PatternIndex:
    """Load the packaged pattern files plus any user files.

    extra (str): ':'-separated paths of additional YAML pattern files (component config).
    RETURNS (PatternIndex): the compiled, indexed patterns.
    """
    paths = [PATTERN_DIR / name for name in DEFAULT_FILES]
    paths += [Path(p) for p in extra.split(":") if p.strip()]
    return _load(tuple(paths))


@lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...]) -> PatternIndex:
    patterns: list[Pattern] = []
    disabled: set[str] = set()
    packaged = tuple(PATTERN_DIR / name for name in DEFAULT_FILES)
    if paths[:len(packaged)] == packaged and all(path.exists() for path in packaged):
        patterns, disabled = packaged_patterns()
        paths = paths[len(packaged):]
    for path in paths:
        if not path.exists():
            log.warning("pattern file %s not found", path)
            continue
        found, off = load_pattern_file(path)
        patterns.extend(found)
        disabled |= off
    patterns = [p for p in patterns if p.id not in disabled]
    log.info("loaded %d event patterns", len(patterns))
    return PatternIndex(patterns)


# Bump when the cached shape changes; the key also covers this module's and the type
# catalogue's source, so a change to how patterns compile invalidates old caches.
_CACHE_FORMAT = 1


def packaged_patterns(cache_dir: Path | None = None) -> tuple[list[Pattern], set[str]]:
    """The packaged files' compiled patterns and disabled ids, from a cache when current.

    Parsing the ~1.6 MB of YAML takes seconds, in every new process (each worker, each
    ``extract`` call); the compiled patterns load from msgpack in a few milliseconds. The
    cache is keyed by a hash of the YAML files and of the code that compiles them, so an
    edited file or a new eventwire version recompiles once. An unwritable cache
    directory only costs the slow path.

    cache_dir (Path | None): where to keep it; default ``$XDG_CACHE_HOME/eventwire`` or
        ``~/.cache/eventwire``.
    RETURNS (tuple[list[Pattern], set[str]]): the patterns, in file order, and the ids
        the files disable.
    """
    import srsly  # spaCy's own serialization library: no extra dependency

    paths = [PATTERN_DIR / name for name in DEFAULT_FILES]
    cache = (cache_dir or default_cache_dir()) / f"patterns-{_source_key(paths)}.msgpack"
    try:
        return _from_plain(srsly.msgpack_loads(cache.read_bytes()))
    except FileNotFoundError:
        pass
    except Exception as err:  # noqa: BLE001 - a corrupt cache is rebuilt, never fatal
        log.warning("ignoring unreadable pattern cache %s (%s)", cache, err)
    patterns: list[Pattern] = []
    disabled: set[str] = set()
    for path in paths:
        found, off = load_pattern_file(path)
        patterns.extend(found)
        disabled |= off
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: concurrent first runs never read a half-written file.
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(srsly.msgpack_dumps(_to_plain(patterns, disabled)))
        os.replace(tmp, cache)
        # Each edit of a pattern file makes a new key: drop the caches it superseded.
        for stale in cache.parent.glob("patterns-*.msgpack"):
            if stale != cache:
                stale.unlink(missing_ok=True)
    except OSError as err:
        log.debug("pattern cache not written to %s: %s", cache, err)
    return _from_plain(_to_plain(patterns, disabled))  # one code path: interned groups


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire`` (a temporary directory
    when there is no home, as for some service accounts)."""
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # Path.home() with neither HOME nor a passwd entry
        import tempfile

        base = Path(tempfile.gettempdir())
    return base / "eventwire"


def _source_key(paths: list[Path]) -> str:
    from . import types

    digest = hashlib.blake2b(str(_CACHE_FORMAT).encode(), digest_size=12)
    for path in (*paths, Path(__file__), Path(types.__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


_FIELDS = ("id", "lemmas", "pos", "words", "event", "mode", "cameo", "head", "status", "subject", "manual")


def _to_plain(patterns: list[Pattern], disabled: set[str]) -> dict:
    # Frame groups are stored once and referenced by number: many patterns share a synset.
    groups: dict[frozenset[str], int] = {}
    rows = []
    for p in patterns:
        row = [getattr(p, name) for name in _FIELDS]
        row[1], row[7] = sorted(p.lemmas), sorted(p.head)
        row[3] = [groups.setdefault(g, len(groups)) for g in p.words]
        rows.append(row)
    return {"groups": [sorted(g) for g in groups], "patterns": rows, "disabled": sorted(disabled)}


def _from_plain(data: dict) -> tuple[list[Pattern], set[str]]:
    groups = [frozenset(g) for g in data["groups"]]
    patterns = []
    for row in data["patterns"]:
        values = dict(zip(_FIELDS, row))
        values["lemmas"], values["head"] = frozenset(values["lemmas"]), frozenset(values["head"])
        values["words"] = tuple(groups[i] for i in values["words"])
        patterns.append(Pattern(**values))
    return patterns, set(data["disabled"])
