"""Reports that cannot be placed by their own date and actor pair, joined to their event.

Event clustering (``dedup.cluster_reports``) compares reports in (type, actor, actor)
blocks swept by date. A report with no date at all (an article without a publication
date whose event is undated) or with one side named only collectively never met the
other reports of its event there, so each stayed an event, and often a story, of its
own (#18). This second pass joins each to the one event it can only be.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .reports import Report, UnionFind
def is_partial(report: Report) -> bool:
    """Whether a report cannot be placed by its own date and actor pair: it has no date
    at all (an article without a publication date, its event undated), or one side is
    only an unresolved name ("the two neighbours met", with one country resolved)."""
    return report.date_lo is None or any(k.startswith("ent:") for k in report.participants)


def attach_partial(reports: list[Report], uf: UnionFind, tol: dt.timedelta) -> None:
    """Join each partial report (``is_partial``) to the one event it can only be.

    Reports of one event that lack a date or name a side only collectively met no other
    report in their blocks, so each stayed an event of its own, and an article without
    a publication date never shared an event with its story (#18). A partial report
    joins the group of the same type whose participants include all its resolved ones
    and whose dates its own overlap (an undated report: any), when exactly one group is
    the largest such; otherwise it stays alone rather than guess.
    """
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(reports)):
        members[uf.find(i)].append(i)
    summary = {}
    for root, idx in members.items():
        if all(is_partial(reports[i]) for i in idx):
            continue  # only whole reports anchor others: two partial ones may be anything
        los = [reports[i].date_lo for i in idx if reports[i].date_lo]
        his = [reports[i].date_hi for i in idx if reports[i].date_hi]
        summary[root] = (reports[idx[0]].event, {k for i in idx for k in reports[i].participants},
                         min(los, default=None), max(his, default=None), len(idx))
    for i, r in enumerate(reports):
        if not is_partial(r) or len(members[uf.find(i)]) > 1:
            continue
        resolved = {k for k in r.participants if not k.startswith("ent:")}
        if not resolved:
            continue
        fits = [(size, root) for root, (event, parts, lo, hi, size) in summary.items()
                if event == r.event and resolved <= parts and root != uf.find(i)
                and (r.date_lo is None or lo is None or (r.date_lo <= hi + tol and lo <= r.date_hi + tol))]
        fits.sort(reverse=True)
        if fits and (len(fits) == 1 or fits[0][0] > fits[1][0]):
            uf.union(fits[0][1], i)

