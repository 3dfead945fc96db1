"""The offline gazetteer: GeoNames cities (>= 1,000 people) and countries, plus hand-listed regions.

Loaded once per process from the project's converted data (scripts/build_gazetteer.py),
never from the network. Lookups are by case-folded name; an entry's own name outranks
an alternate name, so "Moscow" is never read as some village whose alias is Moscow.
"""

from __future__ import annotations

import bisect
import gzip
import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry

log = logging.getLogger(__name__)

DATA = resources.files("eventwire") / "data" / "places"
# Leading words that articles put before a place name but GeoNames does not.
_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    geonameid: int | None = None


def normalize_name(text: str) -> str:
    """The lookup key of a place name: case-folded, no leading "the", no possessive 's.

    >>> normalize_name("the Gaza Strip's")
    'gaza strip'
    """
    text = _ARTICLE.sub("", text.strip())
    text = re.sub(r"'s?$", "", text)
    return " ".join(text.replace("\u2019", "'").split()).casefold()


class Gazetteer:
    """Name -> candidate places, with own names and alternate names kept apart.

    GeoNames rows stay raw strings and the name index is a sorted list searched by
    bisection: building 170k objects and a 470k-key dict costs seconds at every process
    start, while two ``split`` calls cost a fraction of one. Hand-listed countries,
    aliases and regions live in a small dict that is consulted first.
    """

    def __init__(self, rows: list[str], names: list[str]) -> None:
        self.rows = rows
        self.names = names
        self.overrides: dict[str, list[Entry]] = {}
        self.country_by_iso3: dict[str, Entry] = {}

    def row(self, index: int) -> Entry:
        gid, name, country, lat, lon, pop, feature = self.rows[index].split("\t")
        return Entry(name, country or None, _float(lat), _float(lon), int(pop or 0), feature, int(gid))

    def _indexed(self, key: str) -> list[tuple[int, str]]:
        prefix = key + "\t"
        found = []
        at = bisect.bisect_left(self.names, prefix)
        while at < len(self.names) and self.names[at].startswith(prefix):
            _key, index, flag = self.names[at].split("\t")
            found.append((int(index), flag))
            at += 1
        return found

    # The gazetteer never changes once loaded and articles repeat the same place names
    # (each mention is looked up several times), so a name's normalisation, bisection and
    # row parsing are done once. Bounded: a long ingest meets ever more distinct names.
    @lru_cache(maxsize=32768)  # noqa: B019 (one process-wide instance, kept alive anyway)
    def candidates(self, name: str) -> list[Entry]:
        """Places called ``name``: hand-listed ones, else entries with that as their own
        name, else entries with it as an alternate name (a shared list: do not modify it)."""
        key = normalize_name(name)
        if key in self.overrides:
            return self.overrides[key]
        indexed = self._indexed(key)
        own = [i for i, flag in indexed if flag == "P"]
        return [self.row(i) for i in (own or [i for i, _ in indexed])]

    def country(self, iso3: str) -> Entry | None:
        return self.country_by_iso3.get(iso3)


def _float(value: str) -> float | None:
    return float(value) if value else None


def _lines(name: str) -> list[str]:
    with gzip.open(DATA.joinpath(name).open("rb"), "rt", encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    return [line for line in lines[1:] if line]  # line 0 is the attribution header


def _read_tsv(name: str) -> list[list[str]]:
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _add_countries(gaz: Gazetteer) -> None:
    for index, row in enumerate(gaz.rows):
        if not row.endswith("\tcountry"):
            break  # the build script writes countries first
        entry = gaz.row(index)
        gaz.country_by_iso3[entry.country] = entry
    # ISO names ("Russian Federation", "Iran, Islamic Republic of") and everyday aliases
    # outrank same-named towns ("Russia", Ohio).
    aliases = [(alias, iso3) for alias, iso3 in _read_tsv("country_aliases.tsv")]
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(country, attr, None):
                aliases.append((getattr(country, attr), country.alpha_3))
    for alias, iso3 in aliases:
        entry = gaz.country_by_iso3.get(iso3)
        if entry is not None:
            gaz.overrides.setdefault(normalize_name(alias), [entry])
    for entry in gaz.country_by_iso3.values():
        gaz.overrides.setdefault(normalize_name(entry.name), [entry])


def _add_regions(gaz: Gazetteer) -> None:
    for name, aliases, country, lat, lon, feature in _read_tsv("regions.tsv"):
        entry = Entry(name, country or None, _float(lat), _float(lon), 0, feature)
        for key in [name, *filter(None, aliases.split("|"))]:
            # A hand-listed region wins over GeoNames homonyms ("Gaza" the region over the city).
            gaz.overrides[normalize_name(key)] = [entry]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use)."""
    gaz = Gazetteer(_lines("gazetteer.tsv.gz"), _lines("gazetteer-names.tsv.gz"))
    _add_countries(gaz)
    _add_regions(gaz)
    log.info("gazetteer: %d places, %d names", len(gaz.rows), len(gaz.names))
    return gaz


def rank(entry: Entry, context_countries: frozenset[str]) -> float:
    """Prefer countries, places in countries the article mentions, and populous places.

    >>> big = Entry("Moscow", "RUS", 55.75, 37.62, 10_000_000, "city")
    >>> small = Entry("Moscow", "USA", 46.7, -117.0, 25_000, "city")
    >>> rank(big, frozenset()) > rank(small, frozenset())
    True
    """
    score = math.log10(entry.population + 10)
    if entry.feature in ("country", "region", "sea", "continent"):
        score += 10
    if entry.country and entry.country in context_countries:
        score += 2
    return score


# Pure (the gazetteer never changes once loaded) and asked for the same names and
# country sets many times per article (context countries, places, venue heads, extra
# candidates per sentence): each answer is ranked once. Bounded like ``candidates``.
@lru_cache(maxsize=32768)
def best_entry(name: str, context_countries: frozenset[str] = frozenset()) -> Entry | None:
    """The most likely place called ``name`` given the countries the article mentions."""
    candidates = load_gazetteer().candidates(name)
    if not candidates:
        return None
    return max(candidates, key=lambda e: rank(e, context_countries))
