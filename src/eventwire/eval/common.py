"""Matching helpers shared by the event evaluations (seed, PLOVER, PETR2)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..schema import ActorRef

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
# Codes in the PLOVER GSR that are not ISO 3166 alpha-3.
NON_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Codes whose first three letters are a sector, not a country (no country to score).
SECTOR_ONLY = frozenset({"NGO", "MED", "BUS", "CVL", "REB", "OPP", "GOV", "MIL", "COP", "JUD",
                         "PTY", "EDU", "REL", "LAB", "HLH", "AGR", "ELI", "SPY", "UAF", "IMG",
                         "INS", "PPL", "CRM", "REF", "NGM", "MNC", "---", "UNK"})
_DETERMINERS = ("the ", "a ", "an ", "all ", "up to ")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})


def shared_path(*parts: str) -> Path:
    """A path under the shared data folder beside the repository."""
    return SHARED.joinpath(*parts)


def normalize(text: str) -> str:
    """Lower-case, straight quotes, single spaces, no trailing punctuation or possessive.

    >>> normalize("  Moscow\u2019s ")
    'moscow'
    >>> normalize("We need unity,\u201d")
    'we need unity'
    """
    text = " ".join(text.translate(_QUOTES).lower().split())
    text = text.strip(" \"'.,;:!?")
    return re.sub(r"'s$", "", text).strip()


def _strip_det(text: str) -> str:
    for det in _DETERMINERS:
        if text.startswith(det):
            return _strip_det(text[len(det):])
    return text


def name_score(a: str, b: str) -> float:
    """How well two actor names agree (1 exact, 0.9 word containment, else fuzzy ratio).

    >>> name_score("the Palestinian representatives", "all Palestinian representatives")
    1.0
    >>> name_score("Shtayyeh", "Muhammad Shtayyeh")
    0.9
    """
    a, b = _strip_det(normalize(a)), _strip_det(normalize(b))
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if re.search(rf"\b{re.escape(a)}\b", b) or re.search(rf"\b{re.escape(b)}\b", a):
        return 0.9
    return difflib.SequenceMatcher(None, a, b).ratio()


def resolve_gold_actor(ref: ActorRef | None, gold_actors: list[dict], floor: float = 0.85) -> str | None:
    """The canonical name of the gold actor an extracted ActorRef refers to, if any."""
    if ref is None:
        return None
    best, best_score = None, floor
    for g in gold_actors:
        for name in [g["canonical"], *g.get("mentions", [])]:
            for ours in (ref.name, ref.text):
                s = name_score(ours, name)
                if s > best_score or (s == best_score and best is None):
                    best, best_score = g["canonical"], s
    return best


def same_gold_actor(found: str | None, wanted: str | None, gold_actors: list[dict]) -> bool:
    """True when ``found`` is ``wanted``, counting a state and its government as one actor.

    Event data code "Russia" and "the Russian government" alike (RUS vs RUSGOV share the
    country); persons and other organisations stay distinct.
    """
    if found is None or wanted is None:
        return False
    if found == wanted:
        return True
    by_name = {g["canonical"]: g for g in gold_actors}
    a, b = by_name.get(found), by_name.get(wanted)
    if not a or not b or a.get("country") != b.get("country"):
        return False
    kinds = {(a.get("kind"), a.get("sector")), (b.get("kind"), b.get("sector"))}
    return kinds == {("GPE", None), ("ORG", "GOV")}


def country_of_code(code: str | None) -> str | None:
    """The country part of a CAMEO/PLOVER actor code (None for sector-only codes).

    >>> country_of_code("IRQGOVMIL"), country_of_code("JAP"), country_of_code("NGO")
    ('IRQ', 'JPN', None)
    """
    if not code:
        return None
    head = code[:3].upper()
    if head in SECTOR_ONLY:
        return None
    return NON_ISO.get(head, head)


def dyad_key(event: str, source: str | None, target: str | None, undirected: bool) -> tuple:
    """A comparable (type, source, target) key; undirected types ignore the order.

    >>> dyad_key("CONSULT", "USA", "RUS", True) == dyad_key("CONSULT", "RUS", "USA", True)
    True
    """
    if undirected:
        pair = sorted([source or "", target or ""])
        return (event, pair[0], pair[1])
    return (event, source or "", target or "")


# A gold slot whose code names a sector only ("NGO", "---GOV"): any actor matches it.
ANY_COUNTRY = "*"
# An extracted actor whose country is unknown: it matches only a sector-only gold slot.
NO_COUNTRY = "-"
# A gold slot that names no actor at all (PETR2's bare "---"): any side, an empty one too.
ANY_OR_NONE = "?"


def side_country(refs: list) -> str:
    """The country slot of an extracted side: ISO3, NO_COUNTRY, or "" when the side is empty."""
    if not refs:
        return ""
    return refs[0].country or NO_COUNTRY


def gold_country(code: str | None) -> str:
    """The country a gold actor code asks for: ISO3/"IGO", ANY_COUNTRY for sector-only codes.

    >>> gold_country("IRQGOVMIL"), gold_country("NGO"), gold_country("---GOV")
    ('IRQ', '*', '*')
    """
    return country_of_code(code) or ANY_COUNTRY


def _slot_matches(gold: str, found: str) -> bool:
    return gold == found or gold == ANY_OR_NONE or (gold == ANY_COUNTRY and found != "")


def triple_matches(gold: tuple, found: tuple, undirected: bool) -> bool:
    """Whether an extracted (type, source, target) key satisfies a gold key.

    A sector-only gold side accepts any actor, one of unknown country included
    (NO_COUNTRY), but not a missing one; undirected gold (CONSULT, AGREE, COOPERATE, or
    a reciprocal record) accepts either order.

    >>> triple_matches(("ACCUSE", "*", "USA"), ("ACCUSE", "FRA", "USA"), False)
    True
    >>> triple_matches(("ACCUSE", "*", "USA"), ("ACCUSE", "-", "USA"), False)
    True
    >>> triple_matches(("ACCUSE", "*", "USA"), ("ACCUSE", "", "USA"), False)
    False
    >>> triple_matches(("ASSAULT", "ISR", "PSE"), ("ASSAULT", "PSE", "ISR"), True)
    True
    """
    if gold[0] != found[0]:
        return False
    if _slot_matches(gold[1], found[1]) and _slot_matches(gold[2], found[2]):
        return True
    return undirected and _slot_matches(gold[1], found[2]) and _slot_matches(gold[2], found[1])


def match_counts(gold: dict[tuple, bool], found: set[tuple]) -> tuple[int, int, int, int]:
    """(matched found, unmatched found, matched gold, unmatched gold) for one sentence.

    gold (dict[tuple, bool]): gold keys, each with whether it is undirected.
    found (set[tuple]): extracted keys, in gold-key order (type, source, target).
    """
    hit_found = {f for f in found if any(triple_matches(g, f, u) for g, u in gold.items())}
    hit_gold = {g for g, u in gold.items() if any(triple_matches(g, f, u) for f in found)}
    return len(hit_found), len(found) - len(hit_found), len(hit_gold), len(gold) - len(hit_gold)


def prf_split(tp_found: int, fp: int, tp_gold: int, fn: int) -> tuple[float, float, float]:
    """Precision over extracted keys and recall over gold keys (they differ with wildcards).

    >>> prf_split(8, 2, 8, 2)
    (0.8, 0.8, 0.8)
    """
    p = tp_found / (tp_found + fp) if tp_found + fp else 0.0
    r = tp_gold / (tp_gold + fn) if tp_gold + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)
