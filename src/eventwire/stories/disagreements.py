"""Where outlets disagree about one event: dates, places, participants, status.

Each flag says which source says what, so a reader can weigh the outlets rather than
trust a silently chosen consensus::

    {"kind": "date", "values": [{"value": "2025-03-04", "sources": ["a.example"], "article_ids": [...]}, ...]}
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from .reports import EventCluster, Report, normalize_name

# Dates further apart than this are a disagreement; one day is time zones and wire lag.
DATE_SLACK_DAYS = 1


def _values(reports: Iterable[Report], value: Callable[[Report], Hashable | None]) -> list[dict[str, Any]]:
    """Group reports by what they say: one entry per distinct value, with its sources."""
    by_value: dict[Any, dict[str, set[str]]] = defaultdict(lambda: {"sources": set(), "article_ids": set()})
    for r in reports:
        v = value(r)
        if v is None:
            continue
        by_value[v]["sources"].update(r.outlet_keys)
        by_value[v]["article_ids"].add(r.article_id)
    return [{"value": list(v) if isinstance(v, tuple) else v, "sources": sorted(d["sources"]),
             "article_ids": sorted(d["article_ids"])}
            for v, d in sorted(by_value.items(), key=lambda kv: str(kv[0]))]


def date_spread(dates: Iterable[str]) -> int:
    """Days between the earliest and the latest of some ISO days.

    >>> date_spread(["2025-03-04", "2025-03-06", "2025-03-05"])
    2
    """
    days = sorted(dt.date.fromisoformat(d) for d in dates)
    return (days[-1] - days[0]).days if days else 0


def date_flag(reports: list[Report]) -> dict[str, Any] | None:
    """Reports of the same status whose exact days, as the outlets state them, differ by
    more than a day. A report dated by its publication day (no date words in the text)
    states no date: an article published two days later is no disagreement (#18)."""
    for status in ("occurred", "planned"):
        same = [r for r in reports if r.status == status and r.date and len(r.date) == 10 and r.date_text]
        values = _values(same, lambda r: r.date)
        if len(values) > 1 and date_spread(v["value"] for v in values) > DATE_SLACK_DAYS:
            return {"kind": "date", "status": status, "values": values}
    return None


# Words that, between the event word and "in <place>", make the place the topic's rather
# than the event's: "talks about the crisis in X", "a meeting on the war in X".
_TOPIC = re.compile(r"\b(?:about|over|concerning|regarding|of|against|for|into|on (?:the|a|an)|amid)\b", re.IGNORECASE)
# How far after the event word "in <place>" may come and still say where it happened.
STATED_PLACE_CHARS = 80


def _plain(text: str) -> str:
    return normalize_name(text)


def place_stated(report: Report) -> bool:
    """Whether the report's sentence says the event happened at its place: "in/at <place>"
    soon after the event word with no topic word between, or the sentence opens with it.

    A place the parse only linked weakly ("talks on the crisis in X") is no outlet's
    statement of where the event was, so it cannot disagree with one (#18).

    >>> from types import SimpleNamespace as R
    >>> place_stated(R(text="Ghana met Togo in Lomé on Monday.", evidence="met", loc_name="Lomé"))
    True
    >>> place_stated(R(text="Ghana met Togo about the war in Mali.", evidence="met", loc_name="Mali"))
    False
    """
    if not report.loc_name or not report.text:
        return False
    text, name = _plain(report.text), _plain(report.loc_name)
    evidence = _plain(report.evidence or "")
    if re.match(rf"(?:in|at) (?:the )?{re.escape(name)}\b", text):
        return True
    at = text.find(evidence) if evidence else -1
    if at < 0:
        return False
    after = text[at + len(evidence):at + len(evidence) + STATED_PLACE_CHARS]
    found = re.search(rf"\b(?:in|at) (?:the )?{re.escape(name)}\b", after)
    return bool(found) and not _TOPIC.search(after[:found.start()])


def _contains(outer: str, inner_country: str | None) -> bool:
    """Whether place name ``outer`` is a country or region that holds a place of ``inner_country``."""
    from ..when_where.gazetteer import best_entry

    entry = best_entry(outer)
    return bool(entry and inner_country and entry.feature in ("country", "region") and entry.country == inner_country)


def _is_country(name: str) -> bool:
    from ..when_where.gazetteer import best_entry

    entry = best_entry(name)
    return bool(entry and entry.feature == "country")


def location_flag(reports: list[Report]) -> dict[str, Any] | None:
    """Outlets stating different places for the event (``place_stated``); a country or
    region that holds another stated place is no contradiction ("in Togo", "in Lomé")."""
    stated = [r for r in reports if place_stated(r)]
    countries = {r.loc_name: r.loc_country for r in stated}
    names = set(countries)
    kept = {n for n in names if not any(m != n and _contains(n, countries[m]) for m in names)}
    values = _values([r for r in stated if r.loc_name in kept], lambda r: r.loc_name)
    return {"kind": "location", "values": values} if len(values) > 1 else None


def is_collective(key: str, name: str) -> bool:
    """Whether a participant is named only collectively or generically ("Palestinian
    factions", "the two neighbours"), not as such: an unresolved name that ends in a
    common noun. States and resolved actors are named as such.

    >>> is_collective("ent:african neighbours", "African neighbours"), is_collective("ent:x", "Nurlan Abdikadirov")
    (True, False)
    """
    words = name.split()
    return key.startswith("ent:") and bool(words) and words[-1][:1].islower()


def named_parties(reports: list[Report]) -> Callable[[str], bool]:
    """Which participant keys of an event's reports are parties an outlet named as such.

    Not a party: a name the parse made an actor that resolves to no country ("over
    Essequibo", "patrols at Seme": a region or a town read as a recipient), the
    unidentified actor, and the country the event took place in ("met in Tbilisi" coded
    with Georgia as a recipient: the host's country, not a side) (#18). Outlets that name
    one of these and outlets that do not say the same thing about who met.
    """
    unplaced = {k for r in reports for k in r.unplaced}
    # Only a place an outlet states ("in Tbilisi") inside a country makes that country the
    # host: a country read as the place ("accused China") is no host, it may be a side.
    hosts = {f"state:{r.loc_country}" for r in reports
             if r.loc_country and place_stated(r) and not _is_country(r.loc_name)}

    def party(key: str) -> bool:
        return not (key.startswith("ent:") or key == "unidentified" or key in unplaced or key in hosts)
    return party


def participants_flag(reports: list[Report]) -> dict[str, Any] | None:
    """Articles that name different sets of parties (each article's union counts).

    Only articles that name every participant as such take part: one outlet naming the
    member groups and another the collective they form ("the factions") say the same
    thing in two ways, not two different things (#18). Only parties (``named_parties``)
    are compared, and an article naming fewer than two takes no part: it names one side
    of the event ("... and Benin met in Lagos", its first words lost), which leaves the
    other side unsaid rather than denying it.
    """
    party = named_parties(reports)
    per_article: dict[str, set[str]] = defaultdict(set)
    first: dict[str, Report] = {}
    collective: set[str] = set()
    for r in reports:
        per_article[r.article_id].update(filter(party, r.participants))
        first.setdefault(r.article_id, r)
        if any(is_collective(k, r.names.get(k, k)) for k in r.participants):
            collective.add(r.article_id)
    per_article = {a: p for a, p in per_article.items() if a not in collective and len(p) >= 2}
    if not per_article:
        return None
    sets = {tuple(sorted(p)) for p in per_article.values()}
    if len(sets) < 2:
        return None
    everyone = set.union(*per_article.values())
    common = set.intersection(*per_article.values())
    names: dict[str, str] = {}
    for r in reports:
        for k, name in r.names.items():
            names.setdefault(k, name)
    proxies = [first[a] for a in per_article]
    values = _values(proxies, lambda r: tuple(sorted(names.get(k, k) for k in per_article[r.article_id])))
    return {"kind": "participants", "values": values, "disputed": sorted(everyone - common),
            "disputed_names": sorted(names.get(k, k) for k in everyone - common)}


def status_flag(reports: list[Report]) -> dict[str, Any] | None:
    """Planned vs occurred (or negated) when it is a real contradiction.

    A plan announced before the day and a report of the meeting afterwards agree: the
    event was planned, then held. Only a report published on or after the day an outlet
    says it happened, still calling it planned or denying it, contradicts.
    """
    occurred = [r for r in reports if r.status == "occurred"]
    if not occurred:
        return None
    held = min((r.date_lo for r in occurred if r.date_lo), default=None)
    late = [r for r in reports if r.status != "occurred"
            and (r.status == "negated" or (held and r.published and r.published > held))]
    if not late:
        return None
    return {"kind": "status", "values": _values(occurred + late, lambda r: r.status)}


def find_disagreements(cluster: EventCluster) -> list[dict[str, Any]]:
    """Every disagreement flag among the reports of one event cluster.

    cluster (EventCluster): the merged event.
    RETURNS (list[dict]): flags of kind date, location, participants, status.
    """
    if cluster.num_articles < 2:
        return []
    checks = (date_flag, location_flag, participants_flag, status_flag)
    return [flag for check in checks if (flag := check(cluster.reports))]


def lifecycle(cluster: EventCluster) -> list[str]:
    """The statuses in the order outlets reported them, e.g. ``['planned', 'occurred']``."""
    seen: list[str] = []
    for r in sorted(cluster.reports, key=lambda r: (r.published or dt.date.max)):
        if r.status not in seen:
            seen.append(r.status)
    return seen
