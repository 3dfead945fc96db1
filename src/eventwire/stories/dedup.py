"""Event deduplication across articles: many reports of one event become one cluster.

GDELT writes an event per first sighting and ICEWS keeps every report; here every
report is kept, but reports of the same type, by compatible actors, on close dates are
merged into one :class:`EventCluster` that counts its sources and articles.

Memory and time stay near-linear: reports are *blocked* by (type, actor pair) and each
block is swept in date order, so no two reports from different blocks are ever compared.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

from ..schema import UNDIRECTED_TYPES
from .disagreements import find_disagreements
from .partial import attach_partial
from .reports import EventCluster, Report, UnionFind, normalize_name

log = logging.getLogger(__name__)

# Reports this many days apart (or closer) can be one event; wire copy often dates an
# event by its report day, and time zones add one more.
DATE_TOLERANCE = 3
# A date range longer than this (a month, a year) is too vague to chain reports together.
COARSE_DAYS = 7
# rapidfuzz.fuzz.ratio floor for two unresolved names to be one actor (Marzouk/Marzook: 91).
FUZZY_CUTOFF = 85
# Undated reports are taken to be about the last few days before publication.
UNDATED_LOOKBACK = 3
# An undated plan ("X will meet Y") is about the days after publication: it is keyed by
# that coming week, where the meeting it announces will be dated, not by the days before.
UNDATED_LOOKAHEAD = COARSE_DAYS


# ---------------------------------------------------------------- pure helpers
def date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO date, month, year or range covers.

    >>> date_range("2025-03-04")
    (datetime.date(2025, 3, 4), datetime.date(2025, 3, 4))
    >>> date_range("2025-02")
    (datetime.date(2025, 2, 1), datetime.date(2025, 2, 28))
    >>> date_range("2025-03-01/2025-03-07")[1]
    datetime.date(2025, 3, 7)
    >>> date_range("soon") is None
    True
    """
    if not value:
        return None
    if "/" in value:
        a, b = (date_range(part) for part in value.split("/", 1))
        return (a[0], b[1]) if a and b else None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return day, day
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = map(int, value.split("-"))
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def actor_key(ref: Mapping[str, Any], kinds: Mapping[str, str | None] | None = None) -> str:
    """The canonical key an actor is compared by: a state and its government share one.

    ref (Mapping): an ``actor``/``recipient`` entry of an event dict.
    kinds (Mapping): actor id -> kind, when known (a PERSON never collapses to a state).
    RETURNS (str): ``state:ISO3`` for a country or its government, else the actor id.

    >>> actor_key({"id": "government-of-russia", "country": "RUS", "sector": "GOV"})
    'state:RUS'
    >>> actor_key({"id": "russia", "country": "RUS", "sector": None})
    'state:RUS'
    >>> actor_key({"id": "kyrgyzstan", "country": "KGZ", "sector": "GOV"}, {"kyrgyzstan": "GPE"})
    'state:KGZ'
    >>> actor_key({"id": "tajik-negotiators", "country": "TJK", "sector": "GOV"}, {"tajik-negotiators": "GROUP"})
    'state:TJK'
    >>> actor_key({"id": "vladimir-putin", "country": "RUS", "sector": "GOV"})
    'vladimir-putin'
    """
    aid, country, sector = ref.get("id") or "", ref.get("country"), ref.get("sector")
    kind = (kinds or {}).get(aid)
    if country and country != "IGO" and kind != "PERSON":
        # A country named as the actor of a governmental act is coded GOV on the state's own id.
        # So are its unnamed officials acting as a group ("Tajik negotiators", "Russian
        # diplomats"): outlets name the same delegation by its country or by its members.
        if not sector or (sector == "GOV" and (aid.startswith(("government", "country:")) or kind in ("GPE", "GROUP"))):
            return f"state:{country}"
    return aid


def is_unresolved(ref: Mapping[str, Any]) -> bool:
    """Whether an actor has only a name to go by (NER-only, no country known)."""
    return (ref.get("id") or "").startswith("ent:") or not ref.get("country")


def block_keys(report: Report, related: Mapping[str, Iterable[str]] | None = None) -> set[tuple[str, str, str]]:
    """The (type, actor, actor) blocks a report is compared in.

    Undirected types (CONSULT, AGREE, COOPERATE) use every sorted pair of participants;
    directed ones every (source, target). A member or organisation relation adds the
    related actor's key, so "a Hamas official met X" meets "Hamas met X".
    """
    def widen(keys: Iterable[str]) -> set[str]:
        out = set(keys)
        for k in keys:
            out.update((related or {}).get(k, ()))
        return out

    src, tgt = widen(report.sources_side), widen(report.targets_side)
    if report.event in UNDIRECTED_TYPES:
        parts = sorted(src | tgt)
        if len(parts) == 1:
            return {(report.event, parts[0], "")}
        return {(report.event, a, b) for a, b in combinations(parts, 2) if a != b}
    if not tgt:
        return {(report.event, a, "") for a in src}
    return {(report.event, a, b) for a in src for b in tgt if a != b}


# ---------------------------------------------------------------- building reports
def fuzzy_aliases(names: Mapping[str, Iterable[str]], anchors: Iterable[str], cutoff: int = FUZZY_CUTOFF) -> dict[str, str]:
    """Map unresolved actor keys to a known key with nearly the same name.

    names (Mapping[str, Iterable[str]]): key -> the names it was reported under.
    anchors (Iterable[str]): keys that are resolved (always kept as they are).
    RETURNS (dict[str, str]): unresolved key -> the key it stands for.

    >>> fuzzy_aliases({"a": ["Abu Marzouk"], "b": ["Abu Marzook"], "c": ["Hamas"]}, ["a", "c"])
    {'b': 'a'}
    """
    from rapidfuzz import fuzz, process

    anchors = set(anchors)
    # Blocked by first letter: spelling variants keep their initial, and the block keeps
    # the comparisons per name small however many actors the store holds.
    pools: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for key in sorted(anchors):
        for name in names.get(key, [key]):
            norm = normalize_name(name)
            if norm:
                pools[norm[0]][0].append(norm)
                pools[norm[0]][1].append(key)
    aliases: dict[str, str] = {}
    for key in sorted(k for k in names if k not in anchors):
        for norm in filter(None, map(normalize_name, names[key])):
            choices, keys = pools[norm[0]]
            best = process.extractOne(norm, choices, scorer=fuzz.ratio, score_cutoff=cutoff) if choices else None
            if best is not None:
                aliases[key] = keys[best[2]]
                break
        else:
            for norm in filter(None, map(normalize_name, names[key])):
                # The first spelling seen becomes the anchor for later ones.
                pools[norm[0]][0].append(norm)
                pools[norm[0]][1].append(key)
    return aliases


def build_reports(
    events: Iterable[Mapping[str, Any]],
    articles: Mapping[str, Mapping[str, Any]],
    *,
    kinds: Mapping[str, str | None] | None = None,
) -> list[Report]:
    """Turn event dicts (``Store.events()`` shape) into reports with canonical actor keys.

    events (Iterable[Mapping]): events with ``article_id``.
    articles (Mapping): article id -> {"source_domain", "published"} (date or ISO string), and
        optionally "sources", every outlet the article was seen at.
    kinds (Mapping): actor id -> kind, to keep persons apart from their state.
    RETURNS (list[Report]): one per (article, sentence, type).
    """
    grouped: dict[tuple, list[Mapping[str, Any]]] = defaultdict(list)
    for e in events:
        span = tuple(e.get("span") or (None, None))
        grouped[(e["article_id"], span, e["event"], e.get("status"))].append(e)
    names: dict[str, set[str]] = defaultdict(set)
    anchors: set[str] = set()
    raw = []
    for (article_id, _span, etype, status), group in grouped.items():
        meta = articles.get(article_id, {})
        published = meta.get("published")
        if isinstance(published, str):
            published = dt.date.fromisoformat(published[:10])
        sides: dict[str, list[str]] = {"actor": [], "recipient": []}
        local_names: dict[str, str] = {}
        unplaced: set[str] = set()
        for e in group:
            for side in sides:
                for ref in e.get(side) or []:
                    key = actor_key(ref, kinds)
                    if key not in sides[side]:
                        sides[side].append(key)
                    local_names.setdefault(key, ref.get("name") or key)
                    names[key].add(ref.get("name") or key)
                    if not is_unresolved(ref):
                        anchors.add(key)
                    elif not key.startswith("state:"):
                        unplaced.add(key)
        first = min(group, key=lambda e: (e.get("date") is None, e.get("id") or ""))
        span_ = date_range(first.get("date"))
        if span_ is None and published:
            if status == "planned":
                span_ = (published, published + dt.timedelta(days=UNDATED_LOOKAHEAD))
            else:
                span_ = (published - dt.timedelta(days=UNDATED_LOOKBACK), published)
        loc = first.get("event_loc") or {}
        raw.append(Report(
            event_ids=sorted(e["id"] for e in group), article_id=article_id, event=etype,
            status=status or "occurred", source=meta.get("source_domain"), published=published,
            date=first.get("date"), date_lo=span_[0] if span_ else None, date_hi=span_[1] if span_ else None,
            loc_name=loc.get("name"), sources_side=sides["actor"], targets_side=sides["recipient"],
            names=local_names, evidence=first.get("evidence") or "", text=first.get("text") or "",
            outlets=tuple(meta.get("sources") or ()), date_text=first.get("date_text"),
            loc_country=loc.get("country"), unplaced=tuple(sorted(unplaced)),
        ))
    aliases = fuzzy_aliases(names, anchors)
    if aliases:
        for r in raw:
            r.sources_side = _dedupe([aliases.get(k, k) for k in r.sources_side])
            r.targets_side = _dedupe([aliases.get(k, k) for k in r.targets_side if aliases.get(k, k) not in r.sources_side])
            r.names = {aliases.get(k, k): v for k, v in r.names.items()}
            r.unplaced = tuple(sorted({aliases.get(k, k) for k in r.unplaced} - set(anchors)))
    return raw


def _dedupe(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


# ---------------------------------------------------------------- clustering
def cluster_reports(
    reports: list[Report], *, related: Mapping[str, Iterable[str]] | None = None, tolerance: int = DATE_TOLERANCE,
) -> list[list[int]]:
    """Group report indices that describe one event (single linkage inside blocks).

    Within a block, reports are swept in date order: a report joins the running group
    when it starts no later than ``tolerance`` days after the group's first report ends,
    or inside a range the group already covers. Coarse dates (a month) join the nearest
    group they overlap but never extend one, so "in March" cannot chain a month of
    meetings together. Undated reports without a publication date stay alone.
    """
    uf = UnionFind(len(reports))
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        if r.date_lo is None:
            continue
        for key in block_keys(r, related):
            blocks[key].append(i)
    tol = dt.timedelta(days=tolerance)
    for members in blocks.values():
        fine = sorted((i for i in members if (reports[i].date_hi - reports[i].date_lo).days <= COARSE_DAYS),
                      key=lambda i: (reports[i].date_lo, reports[i].date_hi))
        anchors: list[tuple[dt.date, dt.date, int]] = []  # (group first end, group end, first index)
        for i in fine:
            r = reports[i]
            if anchors and (r.date_lo <= anchors[-1][0] + tol or r.date_lo <= anchors[-1][1]):
                first_end, end, head = anchors[-1]
                uf.union(head, i)
                anchors[-1] = (first_end, max(end, r.date_hi), head)
            else:
                anchors.append((r.date_hi, r.date_hi, i))
        for i in members:
            r = reports[i]
            if (r.date_hi - r.date_lo).days <= COARSE_DAYS:
                continue
            inside = [a for a in anchors if r.date_lo <= a[0] <= r.date_hi]
            if inside:
                uf.union(inside[0][2], i)

    attach_partial(reports, uf, tol)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(reports)):
        groups[uf.find(i)].append(i)
    return list(groups.values())


def make_cluster(reports: list[Report]) -> EventCluster:
    """Summarise the reports of one event: consensus fields and counts."""
    reports = sorted(reports, key=lambda r: (r.published or dt.date.max, r.article_id, r.event_ids))
    occurred = [r for r in reports if r.status == "occurred"]
    status = "occurred" if occurred else Counter(r.status for r in reports).most_common(1)[0][0]
    # Consensus date: what most reports of the settled status say; ties go to the earliest.
    dated = [r.date for r in (occurred or reports) if r.date]
    date = sorted(Counter(dated).items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if dated else None
    los = [r.date_lo for r in reports if r.date_lo]
    his = [r.date_hi for r in reports if r.date_hi]
    locs = Counter(r.loc_name for r in reports if r.loc_name)
    # Plain dicts, not a Counter per actor (most clusters have one report, so building
    # Counters was most of the work). The name chosen is, as Counter.most_common(1) picks
    # it, the first seen among the most frequent.
    counts: dict[str, int] = {}
    names: dict[str, dict[str, int]] = {}
    for r in reports:
        for k in r.participants:
            counts[k] = counts.get(k, 0) + 1
            seen = names.setdefault(k, {})
            name = r.names.get(k, k)
            seen[name] = seen.get(name, 0) + 1
    actors = [{"key": k, "name": max(names[k], key=names[k].__getitem__), "reports": n}
              for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    published = [r.published for r in reports if r.published]
    ids = sorted(i for r in reports for i in r.event_ids)
    return EventCluster(
        id="ec-" + hashlib.sha1((reports[0].event + (ids[0] if ids else "")).encode()).hexdigest()[:16],
        event=reports[0].event, status=status, date=date,
        date_end=max(his).isoformat() if his and min(los) != max(his) else None,
        loc_name=locs.most_common(1)[0][0] if locs else None, actors=actors,
        num_sources=len({o for r in reports for o in r.outlet_keys}),
        num_articles=len({r.article_id for r in reports}),
        first_report=min(published) if published else None, last_report=max(published) if published else None,
        reports=reports,
    )


def drop_repeated_date_flags(clusters: list[EventCluster]) -> None:
    """Keep one date flag where several events repeat it.

    One sentence often codes two events ("held talks in Lagos on April 1 and agreed to
    run patrols": CONSULT and AGREE), so an outlet's date for it disagrees with the others
    once per event. A date flag whose every (date, article) is stated by another event's
    date flag says nothing that flag does not (#18): it is dropped, the larger one kept
    (of equal ones, the first by cluster id).
    """
    def pairs(flag: dict[str, Any]) -> frozenset[tuple[str, str]]:
        return frozenset((v["value"], a) for v in flag["values"] for a in v["article_ids"])

    dated = sorted(((pairs(f), c.id, c, f) for c in clusters for f in c.flags if f["kind"] == "date"),
                   key=lambda x: (-len(x[0]), x[1]))
    kept: list[frozenset[tuple[str, str]]] = []
    for stated, _, cluster, flag in dated:
        if any(stated <= other for other in kept):
            cluster.flags.remove(flag)
        else:
            kept.append(stated)


def cluster_events(
    events: Iterable[Mapping[str, Any]],
    articles: Mapping[str, Mapping[str, Any]],
    *,
    kinds: Mapping[str, str | None] | None = None,
    related: Mapping[str, Iterable[str]] | None = None,
    tolerance: int = DATE_TOLERANCE,
) -> list[EventCluster]:
    """Merge the events of many articles into event clusters, keeping every report.

    events (Iterable[Mapping]): event dicts as ``Store.events()`` returns them.
    articles (Mapping): article id -> {"source_domain", "published"}.
    kinds (Mapping): actor id -> kind (PERSON, ORG, ...), when known.
    related (Mapping): actor key -> keys of its organisation or members.
    tolerance (int): how many days apart two reports of one event may date it.
    RETURNS (list[EventCluster]): clusters with disagreement flags, in date order.
    """
    reports = build_reports(events, articles, kinds=kinds)
    clusters = [make_cluster([reports[i] for i in group])
                for group in cluster_reports(reports, related=related, tolerance=tolerance)]
    for c in clusters:
        c.flags = find_disagreements(c)
    drop_repeated_date_flags(clusters)
    clusters.sort(key=lambda c: (c.date or "9999", c.event, c.id))
    log.debug("%d reports -> %d event clusters", len(reports), len(clusters))
    return clusters
