"""Loading the event patterns: the packaged files, a user's own, and the compiled cache.

``load_patterns`` reads the packaged pattern files (``data/patterns``; the format is in
``pattern_files``) and any files the component's config adds, drops the ids a file
disables, and indexes the rest for matching (``matcher.PatternIndex``). The packaged files
load from a msgpack cache when it is current (``packaged_patterns``).
"""

from __future__ import annotations

import hashlib
import logging
import os
from functools import lru_cache
from pathlib import Path

from . import pattern_files, types
from .matcher import PatternIndex
from .pattern_files import DEFAULT_FILES, PATTERN_DIR, Pattern, load_pattern_file

log = logging.getLogger(__name__)


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


# Bump when the cached shape changes; the key also covers the source of this module, of
# ``pattern_files`` and of the type catalogue, so a change to how patterns compile
# invalidates old caches.
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
    # The code that compiles patterns is this module's (the cached shape) and
    # ``pattern_files``'s (a pattern and its frame); the catalogue maps their types.
    digest = hashlib.blake2b(str(_CACHE_FORMAT).encode(), digest_size=12)
    for path in (*paths, Path(__file__), Path(pattern_files.__file__), Path(types.__file__)):
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
