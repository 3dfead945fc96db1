"""The records of event clustering: a ``Report`` (one article on one event) and an ``EventCluster``.

Below both ``dedup``, which builds them, and ``disagreements``, which reads them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Report:
    """What one article said about one event: the unit that gets merged.

    Several coded events of one sentence (a three-party meeting is coded as pairs) are
    one report, so that its participants are counted together.
    """

    event_ids: list[str]
    article_id: str
    event: str
    status: str
    source: str | None
    published: dt.date | None
    date: str | None
    date_lo: dt.date | None
    date_hi: dt.date | None
    loc_name: str | None
    sources_side: list[str]  # canonical actor keys
    targets_side: list[str]
    names: dict[str, str]  # key -> the name this article used
    evidence: str
    text: str

    @property
    def participants(self) -> list[str]:
        return sorted({*self.sources_side, *self.targets_side})

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_ids": self.event_ids, "article_id": self.article_id, "event": self.event,
            "status": self.status, "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "date": self.date, "loc_name": self.loc_name, "participants": self.participants,
            "actor": self.sources_side, "recipient": self.targets_side, "names": self.names,
            "evidence": self.evidence, "text": self.text,
        }


@dataclass
class EventCluster:
    """One real-world event and every report of it."""

    id: str
    event: str
    status: str
    date: str | None
    date_end: str | None
    loc_name: str | None
    actors: list[dict[str, Any]]  # [{"key", "name", "reports"}], most reported first
    num_sources: int
    num_articles: int
    first_report: dt.date | None
    last_report: dt.date | None
    reports: list[Report] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)

    @property
    def event_ids(self) -> list[str]:
        return [i for r in self.reports for i in r.event_ids]
