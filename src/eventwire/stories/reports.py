"""The records of event clustering: a ``Report`` (one article on one event) and an ``EventCluster``.

Below both ``dedup``, which builds them, and ``disagreements``, which reads them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
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
    outlets: tuple[str, ...] = ()  # every outlet the article was seen at (#18); ``source`` is the first
    # The words that dated the event in the text (None: the date is the publication day's,
    # or none): only a date the outlet states can disagree with another's (#18).
    date_text: str | None = None
    loc_country: str | None = None
    # Keys of this report's actors that resolved to no country ("Essequibo" read as an
    # actor, "Seme"): a name the parse made a party, not a party the outlet named (#18).
    unplaced: tuple[str, ...] = ()

    @property
    def outlet_keys(self) -> tuple[str, ...]:
        """What this report counts as sources: its outlets, else the article itself."""
        return self.outlets or ((self.source,) if self.source else (f"article:{self.article_id}",))

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


@lru_cache(maxsize=8192)
def normalize_name(name: str) -> str:
    """Lower case, no accents, no punctuation: the form fuzzy matching compares.

    Memoised: every update normalises the names of all the actors it re-reads (thousands,
    mostly the same ones again); a pure function of a string, so never stale.

    >>> normalize_name("Azzam al-Ahmad")
    'azzam al ahmad'
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.lower()).split())


class UnionFind:
    """Disjoint sets over report numbers: reports of one event end in one set."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
