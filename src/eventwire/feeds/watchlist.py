"""Watchlist rules: YAML conditions over stored events (the dicts ``Store.events()`` returns).

A rule is a name plus conditions that must all hold; a condition given a list holds when
any of its values does::

    rules:
      - name: hamas-talks
        actor: Hamas                 # either side, by name, id or code
        type: [CONSULT, AGREE]
      - name: sudan-assaults
        type: ASSAULT
        country: SDN                 # either side's country, or where it happened
      - name: planned-threats-on-x
        type: THREATEN
        target: X                    # the recipient side only ("source" is the actor side)
        status: planned
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import EventwireError
from ..schema import EVENT_TYPES, STATUSES

# condition -> help; the docs and the error for an unknown key both come from here.
CONDITIONS = {
    "type": "PLOVER event type(s)",
    "actor": "an actor on either side (name, id or code)",
    "source": "an actor on the actor side",
    "target": "an actor on the recipient side",
    "country": "ISO3 country of either side or of the event location",
    "status": "occurred, planned, hypothetical or negated",
    "min_confidence": "lowest confidence that matches",
    "text": "word(s) in the event sentence",
}


class WatchlistError(EventwireError):
    """A rule file that cannot be used, with the rule and the reason."""


@dataclass(frozen=True)
class Rule:
    """One named rule; each field is a tuple of alternatives (empty: no condition)."""

    name: str
    type: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    min_confidence: float | None = None
    spec: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def _values(raw: Any) -> tuple[str, ...]:
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    return tuple(str(x).strip() for x in items if x is not None and str(x).strip())


def parse_rule(spec: Any, n: int = 1) -> Rule:
    """Check one rule mapping and turn it into a Rule.

    >>> parse_rule({"name": "r", "type": "assault", "country": ["sdn"]}).country
    ('SDN',)
    >>> parse_rule({"name": "r", "colour": "red"})
    Traceback (most recent call last):
    ...
    eventwire.feeds.watchlist.WatchlistError: rule 'r': unknown condition 'colour' (known: type, actor, source, target, country, status, min_confidence, text)
    """
    if not isinstance(spec, dict):
        raise WatchlistError(f"rule {n}: expected a mapping, got {type(spec).__name__}")
    name = str(spec.get("name") or "").strip()
    if not name:
        raise WatchlistError(f"rule {n}: has no name")
    unknown = [k for k in spec if k != "name" and k not in CONDITIONS]
    if unknown:
        raise WatchlistError(f"rule {name!r}: unknown condition {unknown[0]!r} (known: {', '.join(CONDITIONS)})")
    types = tuple(v.upper() for v in _values(spec.get("type")))
    statuses = tuple(v.lower() for v in _values(spec.get("status")))
    for value, known, what in ((types, EVENT_TYPES, "type"), (statuses, STATUSES, "status")):
        bad = [v for v in value if v not in known]
        if bad:
            raise WatchlistError(f"rule {name!r}: unknown {what} {bad[0]!r}")
    min_conf = spec.get("min_confidence")
    if min_conf is not None and not isinstance(min_conf, (int, float)):
        raise WatchlistError(f"rule {name!r}: min_confidence must be a number")
    if not any(k in spec for k in CONDITIONS):
        raise WatchlistError(f"rule {name!r}: has no condition, it would match every event")
    return Rule(
        name=name, type=types, actor=_values(spec.get("actor")), source=_values(spec.get("source")),
        target=_values(spec.get("target")), country=tuple(v.upper() for v in _values(spec.get("country"))),
        status=statuses, text=_values(spec.get("text")),
        min_confidence=float(min_conf) if min_conf is not None else None, spec=dict(spec),
    )


def parse_rules(data: Any) -> list[Rule]:
    """Rules from parsed YAML: a list of rules, or a mapping with a ``rules`` list."""
    if isinstance(data, dict):
        data = data.get("rules", [])
    if not isinstance(data, list):
        raise WatchlistError("a watchlist is a list of rules (or a mapping with a 'rules' list)")
    rules = [parse_rule(spec, n) for n, spec in enumerate(data, 1)]
    names = [r.name for r in rules]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise WatchlistError(f"rule names must be unique: {dupes[0]!r} is used twice")
    return rules


def load_rules(path: str | Path) -> list[Rule]:
    """Read a watchlist YAML file. RAISES (WatchlistError): unreadable file or bad rule."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise WatchlistError(f"{path}: {err}") from None
    return parse_rules(data or [])


def _names_actor(value: str, side: dict[str, Any]) -> bool:
    """Does ``value`` name this actor? Equal to its id or code, or whole words of its name.

    >>> hamas = {"name": "Hamas", "id": "hamas", "code": "PSEREB", "text": "the militant group Hamas"}
    >>> _names_actor("hamas", hamas), _names_actor("PSEREB", hamas), _names_actor("Ham", hamas)
    (True, True, False)
    """
    low = value.lower()
    if low in {str(side.get(k) or "").lower() for k in ("id", "code")}:
        return True
    pattern = re.compile(rf"\b{re.escape(low)}\b")
    return any(pattern.search(str(side.get(k) or "").lower()) for k in ("name", "text"))


def matches(rule: Rule, event: dict[str, Any]) -> bool:
    """Does ``event`` (a ``Store.events()`` dict) satisfy every condition of ``rule``?"""
    actors, recipients = event.get("actor") or [], event.get("recipient") or []
    if rule.type and event.get("event") not in rule.type:
        return False
    if rule.status and event.get("status") not in rule.status:
        return False
    if rule.min_confidence is not None and (event.get("confidence") or 0.0) < rule.min_confidence:
        return False
    for values, sides in ((rule.actor, actors + recipients), (rule.source, actors), (rule.target, recipients)):
        if values and not any(_names_actor(v, s) for v in values for s in sides):
            return False
    if rule.country:
        countries = {s.get("country") for s in actors + recipients}
        countries.add((event.get("event_loc") or {}).get("country"))
        if not countries & set(rule.country):
            return False
    if rule.text:
        sentence = (event.get("text") or "").lower()
        if not any(re.search(rf"\b{re.escape(v.lower())}\b", sentence) for v in rule.text):
            return False
    return True


def matching_rules(rules: Iterable[Rule], event: dict[str, Any]) -> list[Rule]:
    return [rule for rule in rules if matches(rule, event)]
