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
    # Found by one of its alternate names ("Odessa" for Odesa), not its own.
    alternate: bool = False


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

    def row(self, index: int, alternate: bool = False) -> Entry:
        gid, name, country, lat, lon, pop, feature = self.rows[index].split("\t")
        return Entry(name, country or None, _float(lat), _float(lon), int(pop or 0), feature, int(gid), alternate)

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
        or an alternate name, the latter marked ``alternate`` (a shared list: do not modify it).

        Alternates stay candidates because an own name can be a village's while the city
        the news means is known by that name only as an alternate ("Odessa", Texas and
        Odesa); ``rank`` discounts them, so a village whose alias is "Moscow" still loses.
        """
        key = normalize_name(name)
        if key in self.overrides:
            return self.overrides[key]
        own = {i for i, flag in self._indexed(key) if flag == "P"}
        alternates = sorted({i for i, _ in self._indexed(key)} - own)
        return [self.row(i) for i in sorted(own)] + [self.row(i, alternate=True) for i in alternates]

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
def not_place_names() -> frozenset[str]:
    """Names that never denote a place (news agencies; ``not_places.tsv``): all-caps
    ones as written, the others case-folded."""
    names = [row[0].strip() for row in _read_tsv("not_places.tsv") if row and row[0].strip()]
    return frozenset(n if n.isupper() else n.casefold() for n in names)


def is_not_place(text: str) -> bool:
    """Whether a mention is a name that never denotes a place ("TASS", "Reuters").

    >>> is_not_place("TASS"), is_not_place("Tass"), is_not_place("Reuters")
    (True, False, True)
    """
    names = not_place_names()
    text = text.strip()
    return text in names or (not text.isupper() and text.casefold() in names)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use)."""
    gaz = Gazetteer(_lines("gazetteer.tsv.gz"), _lines("gazetteer-names.tsv.gz"))
    _add_countries(gaz)
    _add_regions(gaz)
    log.info("gazetteer: %d places, %d names", len(gaz.rows), len(gaz.names))
    return gaz


# How much less a place found by an alternate name counts, in powers of ten of population.
ALTERNATE_PENALTY = 0.8
# Bounds of the weight a country named in the article gives its places (powers of ten
# of population, see ``context_weight``).
CONTEXT_MIN, CONTEXT_MAX = 0.5, 1.5


@lru_cache(maxsize=512)
def context_weight(iso3: str) -> float:
    """How much a mention of country ``iso3`` in the article counts for its places.

    A flat bonus let any mention of a big country pull a place to a small homonym there:
    an article that names the United States in passing put "met in Geneva" in Illinois.
    News names populous countries in articles about anywhere, so their mention tells
    less about where a place is than a mention of a small one does: the weight falls
    with the country's population, from CONTEXT_MAX (about a million people) to
    CONTEXT_MIN (a few hundred million). A town a tenth of the size of a namesake abroad
    wins with a small country named, not with the United States named.

    >>> context_weight("LBN") > context_weight("USA")
    True
    """
    entry = load_gazetteer().country(iso3)
    people = max(entry.population if entry else 0, 1_000_000)
    return min(CONTEXT_MAX, max(CONTEXT_MIN, 1.6 - 0.4 * math.log10(people / 1_000_000)))


def rank(entry: Entry, context_countries: frozenset[str]) -> float:
    """Prefer countries and regions, populous places, and places in countries the
    article mentions (weighed by ``context_weight``); discount alternate-name matches.

    >>> big = Entry("Moscow", "RUS", 55.75, 37.62, 10_000_000, "city")
    >>> small = Entry("Moscow", "USA", 46.7, -117.0, 25_000, "city")
    >>> rank(big, frozenset()) > rank(small, frozenset({"USA"}))
    True
    """
    score = math.log10(entry.population + 10)
    if entry.feature in ("country", "region", "sea", "continent"):
        score += 10
    if entry.country and entry.country in context_countries:
        score += context_weight(entry.country)
    if entry.alternate:
        score -= ALTERNATE_PENALTY
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


@lru_cache(maxsize=32768)
def best_entry_within(name: str, iso3: str) -> Entry | None:
    """The most likely place called ``name`` in country ``iso3`` (None if it has none):
    for a mention the article qualifies itself ("Toledo, Spain", "Hyderabad in Pakistan")."""
    inside = [e for e in load_gazetteer().candidates(name) if e.country == iso3]
    return max(inside, key=lambda e: rank(e, frozenset()), default=None)
