"""The data model: Article, Actor, Event, Quote and the records around them.

Every stage reads and writes these dataclasses; the JSON output, the store and the
web API are all derived from them through ``to_dict``. Character offsets (``span``,
``start``/``end``) always refer to ``Article.text`` - the *cleaned* article text -
so that a reader can always cut the evidence out of the stored article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

# PLOVER v0.5+ event types (PLOVER manual, section 2).
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT",
)
# Types whose direction carries no meaning (shared/README.md scoring conventions).
UNDIRECTED_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Actor sectors of a state's own bodies: government, armed forces, police, intelligence.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})

Status = Literal["occurred", "planned", "hypothetical", "negated"]
STATUSES: tuple[str, ...] = ("occurred", "planned", "hypothetical", "negated")

# Date precisions, coarsest last.
PRECISIONS: tuple[str, ...] = ("day", "range", "week", "month", "year", "unknown")


def to_dict(obj: Any) -> Any:
    """Turn a dataclass tree into JSON-ready builtins (dates become ISO strings).

    >>> to_dict(Mention(text="Putin", start=3, end=8))
    {'text': 'Putin', 'start': 3, 'end': 8, 'sentence': None}
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


@dataclass
class Article:
    """One news article after cleaning. ``id`` is a content hash (see ingest.clean)."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source_domain: str | None = None
    published: dt.date | None = None
    # Where the publication date came from: "argument", "metadata", "dateline", "url", "file", None.
    published_source: str | None = None
    language: str = "en"
    origin: str | None = None  # file path / JSONL line the article was read from
    external_id: str | None = None  # the "id" the input gave it, if any
    # Character offsets of the body (text after the title); the title occupies [0, body_start).
    body_start: int = 0


@dataclass
class Mention:
    """One place in the article text where an actor is named or referred to."""

    text: str
    start: int
    end: int
    sentence: int | None = None


@dataclass
class Actor:
    """A canonical actor found in one article, with all its mentions.

    ``country`` is ISO3 or "IGO"; ``sector`` a PLOVER/CAMEO agent code (GOV, MIL, REB,
    OPP, IGO, NGO, BUS, MED, CVL, JUD, COP, ...). ``resolution`` says how the actor was
    resolved (e.g. "kb-alias", "kb-role@2024-02-19", "fuzzy:92", "apposition",
    "demonym", "ner-only"), so every code is explainable.
    """

    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str | None = None  # PERSON, GPE, ORG, IGO, ARMED_GROUP, GROUP, EVENT, ...
    role: str | None = None
    kb_id: str | None = None
    resolution: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # actor ids, for composite actors
    organization: str | None = None  # actor id of the organisation a person belongs to

    @property
    def code(self) -> str | None:
        """CAMEO/PLOVER-style composite code, e.g. RUSGOV; None when nothing is known."""
        parts = [p for p in (self.country, self.sector) if p]
        if self.country == "IGO" and self.sector == "IGO":
            parts = ["IGO"]
        return "".join(parts) or None

    def ref(self, text: str | None = None) -> "ActorRef":
        return ActorRef(
            name=self.name, code=self.code, country=self.country, sector=self.sector,
            text=text if text is not None else (self.mentions[0].text if self.mentions else self.name),
            id=self.id,
        )


@dataclass
class ActorRef:
    """An actor as it appears in an event's ``actor``/``recipient`` list (PLOVER fields)."""

    name: str
    code: str | None
    country: str | None
    sector: str | None
    text: str
    id: str


@dataclass
class Place:
    """A geolocated place mention. ``geonameid`` links to GeoNames."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    feature: str | None = None  # "city", "country", "region", ...


@dataclass
class DateRef:
    """A temporal expression and what it resolves to.

    ``value`` is ISO (``2024-02-19``, ``2024-02``, ``1995``) or a range
    ``2024-02-26/2024-03-03``; ``None`` when it cannot be resolved (``note`` says why).
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str = "day"
    note: str | None = None


@dataclass
class Quote:
    """A quotation with its speaker. ``kind`` is direct, fragment or indirect."""

    text: str
    span: tuple[int, int]
    speaker: ActorRef | None = None
    kind: str = "direct"
    speaker_text: str | None = None  # the words that named the speaker
    how: str | None = None  # how the speaker was found: "verb", "apposition", "preceding", ...


@dataclass
class Event:
    """One coded event (PLOVER field names plus eventwire provenance)."""

    event: str
    actor: list[ActorRef]
    recipient: list[ActorRef]
    text: str  # the sentence
    span: tuple[int, int]  # sentence char offsets in Article.text
    evidence: str  # the words that triggered the coding
    evidence_span: tuple[int, int]
    rule: str  # id of the pattern that fired
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    status: Status = "occurred"
    cameo: str | None = None
    quad_class: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity: float | None = None  # Goldstein-style, -10..+10
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    event_loc: Place | None = None
    confidence: float = 0.5
    id: str | None = None
    reported_by: ActorRef | None = None  # "X said Y did Z": X is the source of the report
    status_cue: str | None = None  # the word that set the status ("will", "considering", ...)


@dataclass
class Document:
    """Everything eventwire extracted from one article: the ``extract --format json`` shape."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = to_dict(self)
        # Actors get their composite code in the output, though it is derived.
        for a_dict, actor in zip(d["actors"], self.actors):
            a_dict["code"] = actor.code
        return d
