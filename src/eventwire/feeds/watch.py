"""The poll loop: feeds -> new article URLs -> fetched pages -> stored events -> alerts.

``poll_once`` does one bounded pass and returns a ``PollReport``; ``watch`` repeats it.
All state is read from and written to the store as it goes, so a watcher stopped at any
point resumes on restart without fetching an ingested URL again.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language

from ..errors import EventwireError, ItemError
from ..extract import extract_documents
from ..settings import Options, load_options
from ..store import Store
from . import state
from .alerts import Alerter, Sink, jsonl_sink, webhook_sink
from .feeds import FeedError, FeedItem, parse_feed
from .fetch import FetchOptions, Fetcher
from ..ingest.page import content_hash, html_refusal
from .pages import page_article
from .watchlist import Rule, load_rules, parse_rules

log = logging.getLogger(__name__)

# Feed items remembered per feed: what a 304 answer stands for.
MAX_SEEN = 5000


class ConfigError(EventwireError):
    """A FEEDS.yaml that cannot be used."""


@dataclass
class WatchConfig:
    """What to watch (from FEEDS.yaml): feeds, poll interval, watchlist and alert sinks."""

    feeds: list[str] = field(default_factory=list)
    interval: float = 900.0
    rules: list[Rule] = field(default_factory=list)
    alerts_jsonl: str | None = None
    webhook: str | None = None
    fetch: FetchOptions = field(default_factory=FetchOptions)


def load_config(path: str | Path) -> WatchConfig:
    """Read FEEDS.yaml::

        feeds: [https://example.org/rss.xml, {url: https://example.org/sitemap.xml}]
        interval: 900              # seconds between polls
        watchlist: rules.yaml      # or inline: rules: [...]
        alerts: {jsonl: alerts.jsonl, webhook: https://hooks.example/x}
        fetch: {timeout: 10, retries: 2, min_interval: 1}

    RAISES (ConfigError): unreadable file or unknown keys; (WatchlistError) bad rules.
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(f"{path}: {err}") from None
    if isinstance(data, list):
        data = {"feeds": data}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping with a 'feeds' list")
    unknown = set(data) - {"feeds", "interval", "watchlist", "rules", "alerts", "fetch"}
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {sorted(unknown)}")
    feeds = [f["url"] if isinstance(f, dict) else str(f) for f in data.get("feeds") or []]
    rules = parse_rules(data.get("rules") or [])
    if data.get("watchlist"):
        rules += load_rules(path.parent / data["watchlist"])
    alerts = data.get("alerts") or {}
    try:
        fetch = FetchOptions(**(data.get("fetch") or {}))
    except TypeError as err:
        raise ConfigError(f"{path}: fetch: {err}") from None
    jsonl = alerts.get("jsonl")
    return WatchConfig(feeds=feeds, interval=float(data.get("interval", 900)), rules=rules,
                       alerts_jsonl=str(path.parent / jsonl) if jsonl else None,
                       webhook=alerts.get("webhook"), fetch=fetch)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class PollOptions:
    """How to poll. ``now`` and ``sleep`` are injectable so tests can move time.

    retry_delay: seconds before a failed URL or feed is tried again, doubled per failure;
    permanent failures (404, robots.txt) wait ``permanent_factor`` times longer.
    max_attempts: after this many failures a URL is given up.
    max_fetches: pages fetched per feed per poll, so one huge sitemap cannot stall a poll;
    the rest wait for the next poll (known URLs do not count).
    """

    options: Options = field(default_factory=load_options)
    fetch: FetchOptions = field(default_factory=FetchOptions)
    retry_delay: float = 300.0
    permanent_factor: float = 12.0
    max_attempts: int = 5
    max_fetches: int = 200
    nlp: Language | None = None
    sinks: list[Sink] = field(default_factory=list)
    now: Callable[[], dt.datetime] = _utcnow
    sleep: Callable[[float], None] = time.sleep


@dataclass
class PollReport:
    """What one poll did; every failure keeps its reason."""

    feeds_checked: int = 0
    feeds_unchanged: list[str] = field(default_factory=list)
    feed_failures: dict[str, str] = field(default_factory=dict)
    feed_problems: list[str] = field(default_factory=list)  # malformed items, per feed
    fetched: list[str] = field(default_factory=list)  # every page requested
    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)
    known: int = 0  # URLs skipped: done before, or waiting for their retry time
    events: int = 0
    alerts: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.feeds_checked} feed(s) checked ({len(self.feeds_unchanged)} unchanged, "
                f"{len(self.feed_failures)} failed); {len(self.fetched)} page(s) fetched: "
                f"{len(self.ingested)} ingested, {len(self.duplicates)} duplicate, "
                f"{len(self.failures)} failed; {self.known} known; {self.events} event(s), "
                f"{len(self.alerts)} alert(s)")


class Poller:
    """One poll's fetcher, report and (lazily loaded) pipeline; use as a context manager."""

    def __init__(self, store: Store, options: PollOptions, rules: list[Rule]) -> None:
        self.store, self.opts = store, options
        self.fetcher = Fetcher(options.fetch, sleep=options.sleep)
        self.alerter = Alerter(rules, options.sinks)
        self.report = PollReport()

    def __enter__(self) -> "Poller":
        return self

    def __exit__(self, *exc: object) -> None:
        self.fetcher.close()

    def _retry_at(self, failures: int, transient: bool) -> dt.datetime | None:
        if failures >= self.opts.max_attempts:
            return None  # given up; `eventwire fetch URL` still tries it on request
        delay = self.opts.retry_delay * 2 ** (failures - 1) * (1 if transient else self.opts.permanent_factor)
        return self.opts.now() + dt.timedelta(seconds=delay)

    # ------------------------------------------------------------------ feeds
    def poll_feed(self, url: str, depth: int = 0) -> None:
        """Read one feed and process its items; a sitemap index recurses one level."""
        row = state.get_feed(self.store, url) or {}
        now = self.opts.now()
        if row.get("next_retry_at") and row["next_retry_at"] > now:
            self.report.known += 1
            return
        self.report.feeds_checked += 1
        got = self.fetcher.get(url, etag=row.get("etag"), last_modified=row.get("last_modified"))
        if got.ok and got.not_modified:
            self.report.feeds_unchanged.append(url)
            state.save_feed(self.store, url, last_status=304, last_checked_at=now, last_ok_at=now,
                            failures=0, last_error=None, next_retry_at=None)
            # Items that failed before are still due for their retry, feed changed or not.
            items = [FeedItem(**d) for d in _seen(row)]
            return self._items(items, url, depth, kind=row.get("kind"))
        feed = None
        if got.ok:
            try:
                feed = parse_feed(got.body, got.final_url)
            except FeedError as err:
                got.error = str(err)
        if feed is None:
            failures = (row.get("failures") or 0) + 1
            self.report.feed_failures[url] = got.error or "no response"
            log.warning("feed %s failed: %s", url, got.error)
            state.save_feed(self.store, url, last_status=got.status, last_checked_at=now, failures=failures,
                            last_error=got.error, next_retry_at=self._retry_at(failures, got.transient))
            return
        self.report.feed_problems += [f"{url}: {p}" for p in feed.problems]
        state.save_feed(self.store, url, kind=feed.kind, title=feed.title, etag=got.etag,
                        last_modified=got.last_modified, last_status=got.status, last_checked_at=now,
                        last_ok_at=now, failures=0, last_error=None, next_retry_at=None,
                        seen_items=[_item_dict(i) for i in feed.items[:MAX_SEEN]])
        self._items(feed.items, url, depth, kind=feed.kind)

    def _items(self, items: list[FeedItem], feed_url: str, depth: int, kind: str | None) -> None:
        if kind == "sitemapindex":
            if depth == 0:
                for child in items[: self.opts.max_fetches]:
                    self.poll_feed(child.url, depth=1)
            return
        budget = self.opts.max_fetches
        for item in items:
            if budget <= 0:
                break
            budget -= self.process_url(item.url, feed_url=feed_url, hint=item)

    # ------------------------------------------------------------------ pages
    def process_url(self, url: str, *, feed_url: str | None = None, hint: FeedItem | None = None,
                    force_retry: bool = False) -> bool:
        """Fetch, extract, store and alert on one article URL, unless it is known.

        RETURNS (bool): whether the URL was fetched (False: known, or not yet due).
        """
        row = state.get_url(self.store, url)
        now = self.opts.now()
        if row and (row["state"] in state.DONE_STATES or (
                not force_retry and (row["next_retry_at"] is None or row["next_retry_at"] > now))):
            self.report.known += 1
            return False
        attempts = (row["attempts"] if row else 0) + 1
        base = {"feed_url": feed_url or (row or {}).get("feed_url"), "attempts": attempts, "fetched_at": now}
        got = self.fetcher.get(url)
        self.report.fetched.append(url)
        base.update(final_url=got.final_url, http_status=got.status)
        if not got.ok:
            return self._failed(url, got.error or "no response", got.transient, base)
        refusal = html_refusal(got.content_type, got.body)
        if refusal:
            return self._rejected(url, refusal, base)
        twin = state.by_content_hash(self.store, content_hash(got.body))
        if twin and twin["url"] != url:
            self.report.duplicates.append(url)
            state.save_url(self.store, url, state="duplicate", content_hash=twin["content_hash"],
                           article_id=twin["article_id"], error=None, next_retry_at=None, **base)
            return True
        page = page_article(got.body, got.content_type, url, got.final_url, hint, self.opts.options)
        if isinstance(page, ItemError):
            self.store.write_errors([page])
            return self._rejected(url, f"[{page.code}] {page.message}", base)
        article = page.article
        meta = dict(content_hash=page.content_hash, article_id=article.id, title=article.title,
                    author=page.author, published=article.published.isoformat() if article.published else None,
                    error=None, next_retry_at=None, **base)
        if self.store.article_versions([article.id]):
            self.store.add_sources([article])  # the same text at another outlet keeps that outlet (#18)
            self.report.duplicates.append(url)
            state.save_url(self.store, url, state="duplicate", **meta)
        else:
            try:
                docs = list(extract_documents([article], nlp=self._nlp(), options=self.opts.options))
                self.report.events += self.store.write_documents(docs).events
            except Exception as err:  # noqa: BLE001 - one bad page must not end the poll
                log.debug("extracting %s failed", url, exc_info=True)
                return self._failed(url, f"processing failed: {type(err).__name__}: {err}", True, base)
            self.report.ingested.append(url)
            state.save_url(self.store, url, state="ingested", **meta)
        # Also on duplicates: a crash between storing an article and alerting on it is
        # healed here, and the store keeps a rule from firing twice for one event.
        self.report.alerts += self.alerter.check_article(
            self.store, article.id, {"url": article.url, "title": article.title})
        return True

    def _failed(self, url: str, reason: str, transient: bool, base: dict[str, Any]) -> bool:
        self.report.failures[url] = reason
        log.info("fetching %s failed: %s", url, reason)
        state.save_url(self.store, url, state="failed", error=reason,
                       next_retry_at=self._retry_at(base["attempts"], transient), **base)
        return True

    def _rejected(self, url: str, reason: str, base: dict[str, Any]) -> bool:
        # Not a fetch failure: the server answered, but with something that is not an article.
        self.report.failures[url] = reason
        state.save_url(self.store, url, state="rejected", error=reason, next_retry_at=None, **base)
        return True

    def _nlp(self) -> Language:
        if self.opts.nlp is None:
            from ..nlp import load_nlp
            from ..nlp.pipeline import configure_nlp

            # Kept on the options so a long-running watcher loads the model once.
            self.opts.nlp = configure_nlp(load_nlp(self.opts.options.model), self.opts.options)
        return self.opts.nlp


def _item_dict(item: FeedItem) -> dict[str, Any]:
    return {"url": item.url, "title": item.title, "author": item.author,
            "published": item.published.isoformat() if item.published else None}


def _seen(row: dict[str, Any]) -> list[dict[str, Any]]:
    import json

    items = json.loads(row.get("seen_items") or "[]")
    for d in items:
        d["published"] = dt.date.fromisoformat(d["published"]) if d.get("published") else None
    return items


def sinks_for(config: WatchConfig) -> list[Sink]:
    """The file and webhook sinks a config names (stdout is the CLI's business)."""
    sinks: list[Sink] = []
    if config.alerts_jsonl:
        sinks.append(jsonl_sink(config.alerts_jsonl))
    if config.webhook:
        sinks.append(webhook_sink(config.webhook, timeout=config.fetch.timeout))
    return sinks


def poll_once(config: WatchConfig, store: Store, options: PollOptions | None = None) -> PollReport:
    """Poll every feed once: ingest new articles, retry due failures, fire alerts.

    config (WatchConfig): feeds and rules (see ``load_config``).
    store (Store): articles, events and feed state.
    options (PollOptions): fetch settings, clock, alert sinks; defaults from ``config``.
    RETURNS (PollReport): what was fetched, ingested, skipped and why things failed.
    """
    options = options or PollOptions(fetch=config.fetch, sinks=sinks_for(config))
    with Poller(store, options, config.rules) as poller:
        for url in config.feeds:
            poller.poll_feed(url)
        return poller.report


def fetch_urls(urls: Iterable[str], store: Store, options: PollOptions | None = None,
               rules: list[Rule] | None = None) -> PollReport:
    """Fetch and ingest article URLs once (``eventwire fetch``); ingested URLs are skipped,
    failed ones are retried now whatever their retry time."""
    options = options or PollOptions()
    with Poller(store, options, rules or []) as poller:
        for url in urls:
            poller.process_url(url, force_retry=True)
        return poller.report


def watch(config: WatchConfig, store: Store, options: PollOptions | None = None, *,
          max_polls: int | None = None, on_report: Callable[[PollReport], None] | None = None,
          stop: threading.Event | None = None) -> int:
    """Poll every ``config.interval`` seconds until ``stop`` is set, ``max_polls`` is
    reached, or Ctrl-C (which the caller catches). RETURNS (int): polls done."""
    options = options or PollOptions(fetch=config.fetch, sinks=sinks_for(config))
    stop = stop or threading.Event()
    polls = 0
    while not stop.is_set():
        report = poll_once(config, store, options)
        polls += 1
        if on_report:
            on_report(report)
        if max_polls is not None and polls >= max_polls:
            break
        stop.wait(config.interval)
    return polls
