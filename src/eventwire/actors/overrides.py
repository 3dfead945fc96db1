"""User overrides: a YAML file of actor additions and corrections.

The file (setting ``overrides``, default ``eventwire-actors.yaml`` in the working
directory) holds ``actors:``, a list of entries like those in data/actors/additions.yaml::

    actors:
      - name: Mohammad Mustafa
        country: PSE
        sector: GOV
        aliases: [Mohammed Mustafa]
        role: Prime Minister of the Palestinian Authority
        start: 2024-03-31
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from .normalize import slug


def load_overrides(path: str | Path) -> list[dict]:
    """The ``actors`` entries of an overrides file ([] when missing or empty)."""
    path = Path(path)
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list(data.get("actors") or [])


def _iso(value: Any) -> str | None:
    if value in (None, ""):
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def entity_from_override(item: dict) -> dict:
    """A KB entity dict from one overrides entry.

    >>> entity_from_override({"name": "Jane Roe", "country": "FRA", "sector": "GOV"})["id"]
    'jane-roe'
    """
    country, sector = item.get("country"), item.get("sector")
    entity = {
        "id": item.get("id") or slug(item["name"]), "name": item["name"],
        "kind": item.get("kind") or "PERSON", "country": country, "sector": sector,
        "org": item.get("org"), "aliases": sorted(set(item.get("aliases") or [])), "source": "overrides",
    }
    if item.get("role") or item.get("start") or item.get("end"):
        entity["roles"] = [[country, sector, _iso(item.get("start")), _iso(item.get("end")), item.get("role")]]
    for key in ("spouse", "gender", "organization"):
        if item.get(key):
            entity[key] = item[key]
    return entity


def add_override(
    path: str | Path,
    name: str,
    country: str | None = None,
    sector: str | None = None,
    aliases: list[str] | tuple[str, ...] = (),
    *,
    kind: str = "PERSON",
    role: str | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
) -> dict:
    """Add (or update, by name) one actor in a user overrides file, creating it if needed.

    path (str | Path): the YAML file.
    name (str): the canonical name; its slug is the actor id.
    country (str | None): ISO3 or "IGO".  sector (str | None): GOV, MIL, REB, ...
    aliases (list[str]): other names. kind (str): PERSON, ORG, IGO, ARMED_GROUP, ...
    role, start, end: an office held from ``start`` to ``end`` (ISO dates, either open).
    RETURNS (dict): the entry as written.
    """
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    data = data or {}
    actors = list(data.get("actors") or [])
    entry = {"name": name, "kind": kind, "country": country, "sector": sector}
    if aliases:
        entry["aliases"] = list(aliases)
    for key, value in (("role", role), ("start", _iso(start)), ("end", _iso(end))):
        if value:
            entry[key] = value
    entry = {k: v for k, v in entry.items() if v is not None}
    actors = [a for a in actors if slug(a.get("name", "")) != slug(name)] + [entry]
    data["actors"] = actors
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return entry
