"""Event pattern files: what a pattern is and how a YAML file compiles into patterns.

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

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .types import CATALOGUE, canonical_type

log = logging.getLogger(__name__)
# The converted dictionary is ~1 MB of YAML: the C loader reads it ~10x faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PATTERN_DIR = Path(__file__).resolve().parents[1] / "data" / "patterns"
DEFAULT_FILES = ("cameo.yaml", "manual.yaml")


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


def variants(word: str) -> set[str]:
    """A frame word and its bare form, so SANCTIONS matches the lemma *sanction*.

    >>> sorted(variants("talks"))
    ['talk', 'talks']
    """
    out = {word}
    if word.endswith("ies") and len(word) > 4:
        out.add(word[:-3] + "y")
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.add(word[:-1])
    return out


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
                    alts |= variants(m) if " " not in m else {m}
            else:
                alts |= variants(alt.strip("_"))
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
