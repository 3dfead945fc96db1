"""Live ingestion: poll RSS/Atom feeds and sitemaps, fetch new pages politely, ingest them,
and raise watchlist alerts on the new events."""

from .alerts import Alerter, make_alert
from .feeds import Feed, FeedError, FeedItem, parse_feed
from .fetch import USER_AGENT, FetchOptions, Fetcher, FetchResult
from .watch import PollOptions, PollReport, WatchConfig, fetch_urls, load_config, poll_once, watch
from .watchlist import Rule, WatchlistError, load_rules, matches, parse_rules

__all__ = [
    "Alerter", "Feed", "FeedError", "FeedItem", "FetchOptions", "FetchResult", "Fetcher", "PollOptions",
    "PollReport", "Rule", "USER_AGENT", "WatchConfig", "WatchlistError", "fetch_urls", "load_config",
    "load_rules", "make_alert", "matches", "parse_feed", "parse_rules", "poll_once", "watch",
]
