"""Alerts: a watchlist match, recorded once in the store, then sent to the sinks.

Recording comes first and decides: an alert the store already holds is never sent again,
so re-polling, re-ingesting or restarting the watcher cannot repeat one.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from ..store import Store
from . import state
from .fetch import USER_AGENT
from .watchlist import Rule, matching_rules

log = logging.getLogger(__name__)

Sink = Callable[[dict[str, Any]], None]


def make_alert(rule: Rule, event: dict[str, Any], article: dict[str, Any] | None = None,
               now: dt.datetime | None = None) -> dict[str, Any]:
    """The alert payload: the rule, the event and the evidence that links back to the article.

    >>> a = make_alert(Rule("r", type=("AGREE",)), {"id": "e1", "article_id": "a1", "event": "AGREE",
    ...     "text": "They agreed.", "evidence": "agreed", "evidence_span": [5, 11]},
    ...     now=dt.datetime(2024, 2, 20, tzinfo=dt.timezone.utc))
    >>> a["rule"], a["event_id"], a["evidence_span"], a["created_at"]
    ('r', 'e1', [5, 11], '2024-02-20T00:00:00+00:00')
    """
    article = article or {}
    names = lambda side: [a.get("name") for a in event.get(side) or []]  # noqa: E731
    return {
        "rule": rule.name,
        "event_id": event["id"],
        "article_id": event["article_id"],
        "url": article.get("url"),
        "title": article.get("title"),
        "event": event.get("event"),
        "status": event.get("status"),
        "actor": names("actor"),
        "recipient": names("recipient"),
        "date": event.get("date"),
        # Sentences keep the article's paragraph breaks; an alert reader wants the words.
        "sentence": (event.get("text") or "").strip(),
        "span": list(event.get("span") or [None, None]),
        "evidence": event.get("evidence") or "",
        "evidence_span": list(event.get("evidence_span") or [None, None]),
        "confidence": event.get("confidence"),
        "created_at": (now or dt.datetime.now(dt.timezone.utc)).isoformat(),
    }


def jsonl_sink(path: str | Path) -> Sink:
    """Append each alert as one JSON line (opened per alert, so the file is never held)."""
    def write(alert: dict[str, Any]) -> None:
        with Path(path).open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(alert, ensure_ascii=False) + "\n")
    return write


def webhook_sink(url: str, timeout: float = 10.0) -> Sink:
    """POST each alert as JSON; a failed POST is logged, the alert stays recorded."""
    def post(alert: dict[str, Any]) -> None:
        try:
            response = httpx.post(url, json=alert, timeout=timeout, headers={"User-Agent": USER_AGENT})
            response.raise_for_status()
        except httpx.HTTPError as err:
            log.warning("webhook %s failed for alert %s/%s: %s", url, alert["rule"], alert["event_id"], err)
    return post


@dataclass
class Alerter:
    """Evaluates rules on events and sends each new match to every sink.

    rules (list[Rule]): the watchlist.
    sinks (list[Sink]): where new alerts go (stdout printer, JSONL file, webhook).
    """

    rules: list[Rule]
    sinks: list[Sink] = field(default_factory=list)

    def check(self, store: Store, events: Iterable[dict[str, Any]],
              article: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Fire every rule matching any of ``events``; RETURNS the alerts that are new."""
        fired = []
        for event in events:
            for rule in matching_rules(self.rules, event):
                alert = make_alert(rule, event, article)
                if not state.add_alert(store, alert):
                    continue
                fired.append(alert)
                for sink in self.sinks:
                    try:
                        sink(alert)
                    except Exception as err:  # noqa: BLE001 - one broken sink must not stop the others
                        log.warning("alert sink failed: %s: %s", type(err).__name__, err)
        return fired

    def check_article(self, store: Store, article_id: str, article: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        if not self.rules:
            return []
        return self.check(store, store.events(article_id=article_id), article)
