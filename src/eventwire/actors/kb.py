"""The actor knowledge base: entities, time-bounded roles and precomputed indexes.

``data/actors/kb.msgpack`` is built by ``scripts/convert_actors.py``; every lookup here is a
dict access (alias, transliteration skeleton, surname, agent phrase), so resolving a
mention costs the same whatever the size of the KB.

Loading decodes only the indexes: each of the ~28k entities is a msgpack blob decoded the
first time it is looked at, because an article touches a few dozen of them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import srsly

from ..memo import Memo
from .normalize import article_variants, norm, skeleton, strip_article

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
KB_PATH = DATA_DIR / "kb.msgpack"


def _unpack(blob: bytes):
    """Decode plain msgpack. Passing ``object_pairs_hook`` skips srsly's extension-decoder
    lookup, which scans package entry points on every call (our data has no numpy types).

    >>> _unpack(srsly.msgpack_dumps({"id": "x"}))
    {'id': 'x'}
    """
    return srsly.msgpack.unpackb(blob, raw=False, object_pairs_hook=None)
# Pseudo-country codes for blocs named by an adjective ("western governments").
BLOCS = {"WST": "Western"}


@dataclass(frozen=True)
class Role:
    """What an entity is at a date: country, sector, office and how that was chosen."""

    country: str | None
    sector: str | None
    office: str | None
    how: str


class LazyEntities:
    """A list of entity dicts decoded from msgpack blobs on first access.

    blobs (list[bytes]): one msgpack-encoded entity dict per KB index.

    >>> import srsly
    >>> ents = LazyEntities([srsly.msgpack_dumps({"id": "x"})])
    >>> ents[0]["id"], len(ents)
    ('x', 1)
    """

    def __init__(self, blobs: list[bytes]):
        self._blobs = list(blobs)  # copied: overrides append to one KB's list only
        self._decoded: dict[int, dict] = {}

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, i: int) -> dict:
        entity = self._decoded.get(i)
        if entity is None:

            entity = self._decoded[i] = _unpack(self._blobs[i])
        return entity

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def append(self, entity: dict) -> None:
        self._decoded[len(self._blobs)] = entity
        self._blobs.append(b"")


class KnowledgeBase:
    """Entities plus alias/skeleton/surname/agent indexes, optionally with user overrides."""

    def __init__(self, data: dict[str, Any]):
        if "entity_blobs" in data:
            self.entities: LazyEntities | list[dict] = LazyEntities(data["entity_blobs"])
            ids = data["ids"]
        else:  # a kb.json written by ``convert_actors.py --json``
            self.entities = data["entities"]
            ids = [e["id"] for e in self.entities]
        self.alias: dict[str, list[int]] = data["alias"]
        self.skeletons: dict[str, list[int]] = data["skeleton"]
        self.surnames: dict[str, list[int]] = data["surname"]
        self.agents: dict[str, str] = data["agents"]
        self.countries: dict[str, dict] = data["countries"]
        self.demonyms: dict[str, str] = data["demonym"]
        self.capitals: dict[str, str] = data["capital"]
        self.stop: frozenset[str] = frozenset(data.get("stop_aliases", []))
        self.cities: dict[str, str] = data.get("cities", {})
        # Names big cities of several countries share ("tripoli": LBY, LBN).
        self.shared_places: dict[str, list[str]] = data.get("shared_places", {})
        self.regions: dict[str, str] = data.get("regions", {})  # "sindh": PAK (ISO 3166-2)
        self._country_words: dict[str, list[tuple[str, str]]] | None = None  # built by misspelt_country on first use
        self.by_id: dict[str, int] = dict(zip(ids, range(len(ids))))
        self.max_agent_len = max((k.count(" ") + 1 for k in self.agents), default=1)
        # Most noun phrases end in a word no agent phrase ends in: one set test rules them out.
        self.agent_last_words = frozenset(k.rsplit(" ", 1)[-1] for k in self.agents)
        # Every key's word suffixes ("foreign minister", "minister"): a phrase read leftwards
        # from its last word can stop at the first word that leaves them.
        self.agent_suffixes = frozenset(k[i:] for k in self.agents for i in range(len(k)) if i == 0 or k[i - 1] == " ")
        self._misspelt: Memo[str, tuple[str, str] | None] = Memo(self._nearest_country_word)
        # lookup/fuzzy/country_code answers by exact text: the gazetteer and name resolution
        # ask for the same names (countries, leaders) in article after article, and the agent
        # pass for the same modifiers. Pure functions of the indexes, so apply_overrides,
        # which changes those, forgets them.
        self._lookups: Memo[str, list[int]] = Memo(self._lookup)
        self._fuzzy_lookups: Memo[str, list[int]] = Memo(self._fuzzy)
        self._country_codes: Memo[str, str | None] = Memo(self._country_code)
        self._misspelt_persons: Memo[str, int | None] = Memo(self._misspelt_person)  # misspelt_person answers, the same way
        self._roles: Memo[tuple[int, dt.date], Role] = Memo(self._role_at_key)  # role_of answers, the same way
        self._surnames_by_initial_and_length: dict[tuple[str, int], list[str]] | None = None  # built by misspelt_person on first use
        # Gazetteer scan bounds: how many tokens an alias starting with a word can span.
        self.first_words: dict[str, int] = dict(data.get("first_words") or {})
        if not self.first_words:
            for key in self.alias:
                words = key.split()
                if len(words) <= 8:
                    self.first_words[words[0]] = max(self.first_words.get(words[0], 0), len(words))

    # --- lookups ---------------------------------------------------------------------
    def lookup(self, text: str) -> list[int]:
        """Entity indexes whose alias is exactly ``text`` (case/punctuation-insensitive)."""
        return self._lookups[text]

    def _lookup(self, text: str) -> list[int]:
        key = strip_article(norm(text))
        if not key or key in self.stop:
            return []
        return self.alias.get(key) or self._by_variant(self.alias, article_variants(key))

    def fuzzy(self, text: str) -> list[int]:
        """Entities sharing the transliteration skeleton of a multi-word name."""
        return self._fuzzy_lookups[text]

    def _fuzzy(self, text: str) -> list[int]:
        if len(text.split()) < 2:
            return []
        key = strip_article(norm(text))
        return self.skeletons.get(skeleton(key)) or self._by_variant(self.skeletons, [skeleton(v) for v in article_variants(key)])

    @staticmethod
    def _by_variant(index: dict[str, list[int]], keys: list[str]) -> list[int]:
        """The hits of the first spelling variant an index knows, else []."""
        return next((index[k] for k in keys if k in index), [])

    def agent(self, words: str) -> str | None:
        """The agent code string for a phrase ("deputy foreign minister" -> "GOV"), or None."""
        return self.agents.get(norm(words))

    def country_code(self, text: str) -> str | None:
        """ISO3 (or bloc/breakaway code) for a country name, demonym or capital.

        >>> load_kb().country_code("Russian"), load_kb().country_code("Moscow")
        ('RUS', 'RUS')
        """
        return self._country_codes[text]

    def _country_code(self, text: str) -> str | None:
        key = strip_article(norm(text))
        if key in self.demonyms:
            return self.demonyms[key]
        if key in self.capitals:
            return self.capitals[key]
        for i in self.alias.get(key, []):
            e = self.entities[i]
            if e["kind"] == "GPE":
                return e["country"] + (e.get("sector") or "") if e.get("sector") == "PRE" else e["country"]
            break
        return None

    def misspelt_country(self, text: str) -> tuple[str, str] | None:
        """(ISO3, spelling) of a demonym or country name one typo away ("Ukranians"), else None.

        Only for words NER calls a nationality or place and nothing else resolved; a swap of
        two letters counts as one typo. Names under 6 letters are too easily another word.

        >>> load_kb().misspelt_country("Ukranians")
        ('UKR', 'ukrainians')
        """
        key = norm(text)
        if len(key) < 6 or " " in key:
            return None
        # Every unresolved name asks, and each answer scans country words: remember it.
        return self._misspelt[key]

    def _nearest_country_word(self, key: str) -> tuple[str, str] | None:
        from rapidfuzz.distance import OSA

        if self._country_words is None:  # by first letter: a candidate must begin alike
            names = {norm(c["name"]): iso for iso, c in self.countries.items()}
            self._country_words = {}
            for word, iso in {**names, **self.demonyms}.items():
                self._country_words.setdefault(word[:1], []).append((word, iso))
        hits = {(iso, word) for word, iso in self._country_words.get(key[:1], ())
                if abs(len(word) - len(key)) <= 1 and OSA.distance(word, key) <= 1}
        isos = {iso for iso, _ in hits}
        return min(hits) if len(isos) == 1 else None

    def misspelt_person(self, text: str) -> int | None:
        """The one KB person a name misspells by one typo in its surname ("Laurent Gbago"), else None.

        The given names must be the KB's own, the surname have five letters or more and
        begin alike; when two people are one typo away, neither is guessed.

        >>> kb = load_kb(); kb.entities[kb.misspelt_person("Laurent Gbago")]["name"]
        'Laurent Gbagbo'
        """
        return self._misspelt_persons[text]

    def _misspelt_person(self, text: str) -> int | None:
        words = strip_article(norm(text)).split()
        if len(words) < 2 or len(words[-1]) < 5 or self.lookup(text):
            return None
        given = " ".join(words[:-1])
        hits = {i for surname in self._near_surnames(words[-1]) for i in self.lookup(f"{given} {surname}")
                if self.entities[i]["kind"] == "PERSON"}
        return hits.pop() if len(hits) == 1 else None

    def _near_surnames(self, word: str) -> list[str]:
        """KB surnames one typo (a swap of two letters counts as one) from ``word``."""
        from rapidfuzz.distance import OSA

        if self._surnames_by_initial_and_length is None:  # by first letter and length: one typo changes neither much
            self._surnames_by_initial_and_length = {}
            for surname in self.surnames:
                self._surnames_by_initial_and_length.setdefault((surname[:1], len(surname)), []).append(surname)
        candidates = (s for n in (len(word) - 1, len(word), len(word) + 1)
                      for s in self._surnames_by_initial_and_length.get((word[:1], n), ()))
        return [s for s in candidates if s != word and OSA.distance(s, word) <= 1]

    def country_entity(self, iso3: str) -> dict | None:
        info = self.countries.get(iso3)
        return self.entities[info["entity"]] if info else None

    def government_entity(self, iso3: str) -> dict | None:
        info = self.countries.get(iso3)
        return self.entities[info["government"]] if info else None

    def demonym(self, iso3: str | None) -> str | None:
        if iso3 in BLOCS:
            return BLOCS[iso3]
        info = self.countries.get(iso3 or "")
        return (info.get("demonym") or info["name"]) if info else None

    def entity(self, key: str | int) -> dict | None:
        if isinstance(key, int):
            return self.entities[key]
        i = self.by_id.get(key)
        return self.entities[i] if i is not None else None

    # --- roles -----------------------------------------------------------------------
    def role_of(self, idx: int, date: dt.date | None) -> Role:
        """``role_at(self.entities[idx], date)``, remembered per entity and date.

        Every mention of a KB entity asks for its role at the article's date, and the
        articles of a day name the same people again and again. A Role is frozen, so one
        can be shared. Not remembered for no date, whose answer depends on today's.
        """
        if date is None:
            return self.role_at(self.entities[idx], None)
        return self._roles[idx, date]

    def _role_at_key(self, key: tuple[int, dt.date]) -> Role:
        idx, date = key
        return self.role_at(self.entities[idx], date)

    @staticmethod
    def role_at(entity: dict, date: dt.date | None) -> Role:
        """The entity's country/sector at ``date``; the latest role when date is None.

        Dated roles valid at the date win; after all roles ended, the entity's own sector
        (e.g. ELI for a former leader) applies, else the most recent role.
        """
        roles = entity.get("roles") or []
        if date is None and roles:
            # "Latest" means as things stand today: a leader whose offices all ended is ELI.
            role = KnowledgeBase.role_at(entity, dt.date.today())
            return Role(role.country, role.sector, role.office, "kb-latest-role")
        dated = [r for r in roles if r[2] or r[3]]
        undated = [r for r in roles if not (r[2] or r[3])]
        if dated and date is not None:
            iso = date.isoformat()
            valid = [r for r in dated if (r[2] or "") <= iso and (r[3] is None or iso <= r[3])]
            if valid:
                r = max(valid, key=lambda r: r[2] or "")
                return Role(r[0] or entity.get("country"), r[1], r[4], f"kb-role@{iso}")
            before = all((r[2] or "") > iso for r in dated)
            if not before and entity.get("source") == "additions" and entity.get("sector"):
                return Role(entity.get("country") or dated[-1][0], entity["sector"], None, f"kb-after-roles@{iso}")
            if undated:
                r = undated[-1]
                return Role(r[0] or entity.get("country"), r[1], r[4], "kb-default-role")
        if dated:
            r = max(dated, key=lambda r: (r[3] or "9999", r[2] or ""))
            return Role(r[0] or entity.get("country"), r[1], r[4], "kb-latest-role")
        if undated:
            r = undated[-1]
            return Role(r[0] or entity.get("country"), r[1], r[4], "kb-alias")
        return Role(entity.get("country"), entity.get("sector"), None, "kb-alias")

    # --- overrides -------------------------------------------------------------------
    def apply_overrides(self, items: list[dict]) -> None:
        """Merge user entries (see overrides.py) in front of the converted ones."""
        from .overrides import entity_from_override

        self._lookups.clear()
        self._fuzzy_lookups.clear()
        self._country_codes.clear()
        self._misspelt_persons.clear()
        self._roles.clear()
        for item in items:
            entity = entity_from_override(item)
            idx = self.by_id.get(entity["id"])
            if idx is None:
                idx = len(self.entities)
                self.entities.append(entity)
                self.by_id[entity["id"]] = idx
            else:
                old = self.entities[idx]
                old.update({k: v for k, v in entity.items() if v not in (None, [], "") and k != "aliases"})
                old["aliases"] = sorted(set(old.get("aliases", [])) | set(entity.get("aliases", [])))
            for name in [entity["name"], *entity.get("aliases", [])]:
                key = strip_article(norm(name))
                ids = [i for i in self.alias.get(key, []) if i != idx]
                self.alias[key] = [idx, *ids]
                words = key.split()
                self.first_words[words[0]] = max(self.first_words.get(words[0], 0), len(words))
            if len(entity["name"].split()) > 1:
                sk = skeleton(entity["name"])
                self.skeletons[sk] = [idx, *[i for i in self.skeletons.get(sk, []) if i != idx]]
                if entity.get("kind") == "PERSON":
                    last = norm(entity["name"]).split()[-1]
                    self.surnames[last] = [idx, *[i for i in self.surnames.get(last, []) if i != idx]]


@lru_cache(maxsize=1)
def _load_data(path: str) -> bytes:
    return Path(path).read_bytes()


def _decode(path: str) -> dict[str, Any]:
    raw = _load_data(path)
    if path.endswith(".json"):
        return json.loads(raw)

    return _unpack(raw)


def load_kb(path: str | Path | None = None, overrides: str | Path | None = None) -> KnowledgeBase:
    """Load the KB (the file is read once per process) and apply a user overrides file.

    path (str | Path | None): a kb.msgpack (or kb.json); the packaged one when None.
    overrides (str | Path | None): a YAML overrides file; ignored when missing.
    RETURNS (KnowledgeBase): a fresh KB object.
    """
    return _cached_kb(str(path or KB_PATH), str(overrides) if overrides else None)


@lru_cache(maxsize=8)
def _cached_kb(path: str, overrides: str | None) -> KnowledgeBase:
    kb = KnowledgeBase(_decode(path))
    if overrides and Path(overrides).is_file():
        from .overrides import load_overrides

        kb.apply_overrides(load_overrides(overrides))
        log.info("applied actor overrides from %s", overrides)
    return kb


def describe(kb: KnowledgeBase, idx: int, date: dt.date | None = None) -> dict:
    """A JSON-ready view of one entity, with its role at ``date``."""
    e = kb.entities[idx]
    role = kb.role_at(e, date)
    aliases = e.get("aliases") or sorted(k for k, ids in kb.alias.items() if idx in ids and k != norm(e["name"]))
    return {"id": e["id"], "name": e["name"], "kind": e["kind"], "country": role.country,
            "sector": role.sector, "office": role.office, "org": e.get("org"),
            "aliases": aliases, "roles": e.get("roles", []), "source": e.get("source")}


def search_kb(query: str, limit: int = 10, *, kb: KnowledgeBase | None = None) -> list[dict]:
    """Find KB entities by name: exact alias and transliteration matches first, then fuzzy.

    query (str): a name or alias, e.g. "Shtayyeh" or "Sergey Lavrov".
    limit (int): the most results to return.
    RETURNS (list[dict]): entity views (see ``describe``) with a ``match`` field.

    >>> search_kb("Sergei Lavrov", 1)[0]["id"]
    'sergei-lavrov'
    """
    from rapidfuzz import fuzz, process

    kb = kb or load_kb()
    seen: dict[int, str] = {}
    for i in kb.lookup(query):
        seen.setdefault(i, "alias")
    for i in kb.fuzzy(query):
        seen.setdefault(i, "skeleton")
    for i in kb.surnames.get(norm(query), []):
        seen.setdefault(i, "surname")
    if len(seen) < limit:
        # Fuzzy over alias keys is O(KB): fine for an interactive search, never used per mention.
        for key, score, _ in process.extract(norm(query), list(kb.alias), scorer=fuzz.WRatio, limit=limit * 2):
            if score < 80:
                break
            for i in kb.alias[key]:
                seen.setdefault(i, f"fuzzy:{round(score)}")
    out = []
    for i, how in list(seen.items())[:limit]:
        out.append({**describe(kb, i), "match": how})
    return out


def show_actor(name: str, *, date: dt.date | None = None, kb: KnowledgeBase | None = None) -> dict | None:
    """Everything the KB knows about one actor (by id, name or alias), or None.

    name (str): an id ("vladimir-putin"), name or alias.
    date (date | None): the date for the ``country``/``sector`` fields (latest role if None).
    RETURNS (dict | None): the entity view (see ``describe``).

    >>> show_actor("Putin")["id"]
    'vladimir-putin'
    """
    kb = kb or load_kb()
    idx = kb.by_id.get(name)
    if idx is None:
        hits = kb.lookup(name) or kb.fuzzy(name)
        if not hits:
            return None
        idx = hits[0]
    return describe(kb, idx, date)
