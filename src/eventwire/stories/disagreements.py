"""Where outlets disagree about one event: dates, places, participants, status.

Each flag says which source says what, so a reader can weigh the outlets rather than
trust a silently chosen consensus::

    {"kind": "date", "values": [{"value": "2025-03-04", "sources": ["a.example"], "article_ids": [...]}, ...]}
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dedup import EventCluster, Report

# Dates further apart than this are a disagreement; one day is time zones and wire lag.
DATE_SLACK_DAYS = 1


def _values(reports: Iterable["Report"], value: Callable[["Report"], Hashable | None]) -> list[dict[str, Any]]:
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


def date_flag(reports: list["Report"]) -> dict[str, Any] | None:
    """Reports of the same status whose exact days differ by more than a day."""
    for status in ("occurred", "planned"):
        same = [r for r in reports if r.status == status and r.date and len(r.date) == 10]
        values = _values(same, lambda r: r.date)
        if len(values) > 1 and date_spread(v["value"] for v in values) > DATE_SLACK_DAYS:
            return {"kind": "date", "status": status, "values": values}
    return None


def location_flag(reports: list["Report"]) -> dict[str, Any] | None:
    values = _values(reports, lambda r: r.loc_name)
    return {"kind": "location", "values": values} if len(values) > 1 else None


def participants_flag(reports: list["Report"]) -> dict[str, Any] | None:
    """Articles that name different sets of participants (each article's union counts)."""
    per_article: dict[str, set[str]] = defaultdict(set)
    first: dict[str, "Report"] = {}
    for r in reports:
        per_article[r.article_id].update(r.participants)
        first.setdefault(r.article_id, r)
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


def status_flag(reports: list["Report"]) -> dict[str, Any] | None:
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


def find_disagreements(cluster: "EventCluster") -> list[dict[str, Any]]:
    """Every disagreement flag among the reports of one event cluster.

    cluster (EventCluster): the merged event.
    RETURNS (list[dict]): flags of kind date, location, participants, status.
    """
    if cluster.num_articles < 2:
        return []
    checks = (date_flag, location_flag, participants_flag, status_flag)
    return [flag for check in checks if (flag := check(cluster.reports))]


def lifecycle(cluster: "EventCluster") -> list[str]:
    """The statuses in the order outlets reported them, e.g. ``['planned', 'occurred']``."""
    seen: list[str] = []
    for r in sorted(cluster.reports, key=lambda r: (r.published or dt.date.max)):
        if r.status not in seen:
            seen.append(r.status)
    return seen
