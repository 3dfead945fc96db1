"""Live ingestion against a local HTTP server serving the fixture feeds in tests/data/feeds.

The server (127.0.0.1, a thread per request) plays every misbehaving site the watcher
must survive: a page slower than the client timeout, a 404, a 500, a redirect, a PDF, a
robots.txt-protected path and a feed with broken items.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventwire.feeds import FetchOptions, PollOptions, WatchConfig, fetch_urls, load_config, poll_once, watch
from eventwire.feeds import state
from eventwire.feeds.alerts import jsonl_sink, webhook_sink
from eventwire.feeds.fetch import USER_AGENT, Fetcher
from eventwire.feeds.watchlist import load_rules
from eventwire.store import Store

DATA = Path(__file__).parent / "data" / "feeds"
SLOW_SECONDS = 1.0
CLIENT_TIMEOUT = 0.25

FILES = {
    "/robots.txt": ("robots.txt", "text/plain"),
    "/rss.xml": ("rss.xml", "application/rss+xml"),
    "/atom.xml": ("atom.xml", "application/atom+xml"),
    "/sitemap.xml": ("sitemap.xml", "application/xml"),
    "/sitemap-index.xml": ("sitemap-index.xml", "application/xml"),
    "/news/talks.html": ("talks.html", "text/html; charset=utf-8"),
    "/news/clashes.html": ("clashes.html", "text/html"),
    "/news/aid.html": ("aid.html", "text/html; charset=utf-8"),
    "/news/broken.html": ("recovered.html", "text/html"),  # once the test lifts its 500
}


class FixtureSite:
    """The routes and the request log of the local server; tests change ``status`` to
    make a broken page recover."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.posts: list[dict] = []
        self.status = {"/news/missing.html": 404, "/news/broken.html": 500}
        self.base = ""

    def paths(self, method: str = "GET") -> list[str]:
        return [p for m, p, _ in self.requests if m == method]


def _handler(site: FixtureSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def _send(self, status: int, body: bytes = b"", ctype: str = "text/html", **headers: str) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key.replace("_", "-"), value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                pass

        def do_GET(self) -> None:  # noqa: N802
            site.requests.append(("GET", self.path, dict(self.headers)))
            path = self.path
            if path in site.status:
                return self._send(site.status[path], b"<h1>error</h1>")
            if path == "/news/slow.html":
                time.sleep(SLOW_SECONDS)
                return self._send(200, (DATA / "aid.html").read_bytes())
            if path == "/news/old-aid":
                return self._send(301, b"", Location="/news/aid.html")
            if path == "/files/report.pdf":
                return self._send(200, b"%PDF-1.4 not an article", "application/pdf")
            if path not in FILES:
                return self._send(404, b"not found")
            name, ctype = FILES[path]
            body = (DATA / name).read_bytes().replace(b"{base}", site.base.encode())
            etag = f'"{name}-v1"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", ctype, ETag=etag)
            self._send(200, body, ctype, ETag=etag, Last_Modified="Mon, 04 Mar 2024 10:00:00 GMT")

        def do_POST(self) -> None:  # noqa: N802
            site.requests.append(("POST", self.path, dict(self.headers)))
            length = int(self.headers.get("Content-Length", 0))
            site.posts.append(json.loads(self.rfile.read(length)))
            self._send(204)

    return Handler


@pytest.fixture()
def site():
    fixture = FixtureSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fixture))
    fixture.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield fixture
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


class Clock:
    """A settable UTC clock, so retry times can be reached without waiting."""

    def __init__(self) -> None:
        self.now = dt.datetime(2024, 3, 6, 12, 0, tzinfo=dt.timezone.utc)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def poll_options(nlp, clock):
    def make(**changes) -> PollOptions:
        fetch = FetchOptions(timeout=CLIENT_TIMEOUT, retries=1, backoff=0.0, min_interval=0.0)
        return PollOptions(fetch=fetch, nlp=nlp, now=clock, sleep=lambda s: None, retry_delay=60.0, **changes)
    return make


def config(site: FixtureSite, *feeds: str, rules=()) -> WatchConfig:
    return WatchConfig(feeds=[site.base + f for f in feeds], rules=list(rules))


def test_feeds_poll_ingests_new_items_and_reports_failures(site, memory_store, poll_options):
    report = poll_once(config(site, "/rss.xml"), memory_store, poll_options())
    u = site.base
    assert sorted(report.ingested) == [u + "/news/clashes.html", u + "/news/old-aid", u + "/news/talks.html"]
    assert report.failures == {
        u + "/news/slow.html": f"timed out after {CLIENT_TIMEOUT:g} s",
        u + "/news/missing.html": "HTTP 404 Not Found",
        u + "/news/broken.html": "HTTP 500 Internal Server Error",
        u + "/files/report.pdf": "not an HTML page (content type application/pdf)",
        u + "/private/memo.html": "disallowed by robots.txt",
    }
    assert report.feed_problems == [f"{u}/rss.xml: item 3: no link", f"{u}/rss.xml: item 10: no usable link ('javascript:void(0)')"]
    assert "/private/memo.html" not in site.paths()
    assert memory_store.counts()["articles"] == 3 and report.events > 0


@pytest.mark.parametrize("path,retries,expected", [
    ("/news/broken.html", 2, 3),  # transient: retried within the fetch
    ("/news/missing.html", 2, 1),  # permanent: asked once
])
def test_feeds_fetch_retries_only_transient_failures(site, path, retries, expected):
    with Fetcher(FetchOptions(timeout=CLIENT_TIMEOUT, retries=retries, backoff=0.0, min_interval=0.0)) as fetcher:
        result = fetcher.get(site.base + path)
    assert not result.ok and site.paths().count(path) == expected


def test_feeds_fetch_sends_user_agent_and_follows_redirect(site):
    with Fetcher(FetchOptions(min_interval=0.0)) as fetcher:
        result = fetcher.get(site.base + "/news/old-aid")
    assert result.ok and result.final_url == site.base + "/news/aid.html"
    assert all(headers["User-Agent"] == USER_AGENT for _, _, headers in site.requests)
    assert USER_AGENT.startswith("eventwire/") and "(+https://github.com/eventwire)" in USER_AGENT


def test_feeds_second_poll_fetches_nothing_new(site, memory_store, poll_options):
    cfg, opts = config(site, "/rss.xml", "/atom.xml"), poll_options()
    poll_once(cfg, memory_store, opts)
    before = len(site.requests)
    second = poll_once(cfg, memory_store, opts)
    pages = [p for p in site.paths()[before:] if p.startswith(("/news/", "/files/", "/private/"))]
    assert pages == [] and second.fetched == [] and second.ingested == []
    assert second.feeds_unchanged == [site.base + "/rss.xml", site.base + "/atom.xml"]
    assert site.requests[-1][2].get("If-None-Match") == '"atom.xml-v1"'


def test_feeds_resume_after_restart(site, db_url, poll_options, clock):
    cfg = config(site, "/rss.xml")
    store = Store(db_url)
    first = poll_once(cfg, store, poll_options(max_fetches=2))
    store.close()
    assert len(first.ingested) == 2
    store = Store(db_url)  # a new process: everything it knows comes from the store
    second = poll_once(cfg, store, poll_options())
    assert site.base + "/news/old-aid" in second.ingested
    assert not set(second.fetched) & set(first.ingested)
    # The failures wait for their retry time; once it has passed they are tried again.
    assert poll_once(cfg, store, poll_options()).fetched == []
    site.status.pop("/news/broken.html")  # the server recovers
    clock.advance(minutes=2)
    third = poll_once(cfg, store, poll_options())
    store.close()
    assert sorted(third.fetched) == [site.base + "/news/broken.html", site.base + "/news/slow.html"]
    assert third.ingested == [site.base + "/news/broken.html"]


def test_feeds_watchlist_fires_once_with_evidence(site, memory_store, poll_options, tmp_path):
    rules = load_rules(DATA / "watchlist.yaml")
    jsonl = tmp_path / "alerts.jsonl"
    opts = poll_options(sinks=[jsonl_sink(jsonl), webhook_sink(site.base + "/hook", timeout=2)])
    cfg = config(site, "/rss.xml", rules=rules)
    first = poll_once(cfg, memory_store, opts)
    hamas = [a for a in first.alerts if a["rule"] == "hamas-talks"]
    assert len(hamas) == 1
    alert = hamas[0]
    assert alert["url"] == site.base + "/world/hamas-cairo-talks"  # the page's canonical URL
    # The headline's event is the lede's: coded once, from the lede, the fuller evidence (#18).
    assert alert["sentence"].startswith("A Hamas delegation met Egyptian mediators in Cairo on Monday")
    stored = memory_store.document(alert["article_id"]).article.text
    assert stored[slice(*alert["evidence_span"])] == alert["evidence"]
    assert {a["rule"] for a in first.alerts} == {"hamas-talks", "sudan-assaults"}
    # Re-polling, a restart's re-check and fetching the URL again never repeat an alert.
    second = poll_once(cfg, memory_store, opts)
    again = fetch_urls([site.base + "/news/talks.html"], memory_store, opts, rules)
    assert second.alerts == [] and again.alerts == []
    assert state.list_alerts(memory_store, rule="hamas-talks") == [alert]
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert lines == list(reversed(state.list_alerts(memory_store)))
    assert sorted(p["event_id"] for p in site.posts) == sorted(a["event_id"] for a in first.alerts)


@pytest.mark.parametrize("feed", ["/sitemap.xml", "/sitemap-index.xml"])
def test_feeds_sitemap_items_are_ingested(site, memory_store, poll_options, feed):
    report = poll_once(config(site, feed), memory_store, poll_options())
    assert sorted(report.ingested) == [site.base + "/news/aid.html", site.base + "/news/talks.html"]
    row = state.get_url(memory_store, site.base + "/news/aid.html")
    assert (row["title"], row["published"]) == ("Aid convoy reaches Gaza", "2024-03-06")


def test_feeds_same_page_under_two_urls_is_one_article(site, memory_store, poll_options):
    report = poll_once(config(site, "/rss.xml", "/sitemap.xml"), memory_store, poll_options())
    # /news/old-aid (RSS) redirects to /news/aid.html (sitemap): the second is a duplicate.
    assert report.duplicates == [site.base + "/news/aid.html"]
    assert memory_store.counts()["articles"] == 3


def test_feeds_failed_feed_is_reported_and_retried_later(site, memory_store, poll_options, clock):
    cfg = config(site, "/missing-feed.xml")
    first = poll_once(cfg, memory_store, poll_options())
    assert first.feed_failures == {site.base + "/missing-feed.xml": "HTTP 404 Not Found"}
    assert poll_once(cfg, memory_store, poll_options()).feeds_checked == 0  # waiting
    clock.advance(days=1)
    assert poll_once(cfg, memory_store, poll_options()).feeds_checked == 1


def test_feeds_watch_stops_after_max_polls(site, memory_store, poll_options):
    reports = []
    cfg = WatchConfig(feeds=[site.base + "/atom.xml"], interval=0.0)
    assert watch(cfg, memory_store, poll_options(), max_polls=2, on_report=reports.append) == 2
    assert [len(r.ingested) for r in reports] == [1, 0]


def test_feeds_load_config_resolves_watchlist_and_sinks(tmp_path):
    (tmp_path / "rules.yaml").write_text((DATA / "watchlist.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds:\n  - http://127.0.0.1:1/rss.xml\n  - {url: http://127.0.0.1:1/sitemap.xml}\n"
                    "interval: 60\nwatchlist: rules.yaml\nalerts: {jsonl: out.jsonl}\nfetch: {timeout: 3}\n",
                    encoding="utf-8")
    cfg = load_config(path)
    assert cfg.feeds == ["http://127.0.0.1:1/rss.xml", "http://127.0.0.1:1/sitemap.xml"]
    assert [r.name for r in cfg.rules] == ["hamas-talks", "sudan-assaults", "planned-threats"]
    assert (cfg.interval, cfg.fetch.timeout, cfg.alerts_jsonl) == (60.0, 3, str(tmp_path / "out.jsonl"))


def test_feeds_cli_watch_once_then_alerts(site, db_url, tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(f"feeds: ['{site.base}/atom.xml']\nwatchlist: {DATA / 'watchlist.yaml'}\n"
                     "fetch: {timeout: 0.25, retries: 0, min_interval: 0}\n", encoding="utf-8")
    runner = CliRunner()
    watched = runner.invoke(app, ["watch", str(feeds), "--once", "--db", db_url])
    assert watched.exit_code == 0, watched.output
    assert "ALERT sudan-assaults: ASSAULT" in watched.stdout
    listed = runner.invoke(app, ["alerts", "--db", db_url, "--format", "json"])
    assert [a["rule"] for a in json.loads(listed.stdout)] == ["sudan-assaults"]
    failed = runner.invoke(app, ["fetch", site.base + "/news/missing.html", "--db", db_url, "--timeout", "0.25"])
    assert failed.exit_code == 1 and "HTTP 404 Not Found" in failed.output


def test_feeds_unreachable_robots_txt_blocks_host_and_is_asked_once(site):
    site.status["/robots.txt"] = 503
    with Fetcher(FetchOptions(retries=0, min_interval=0.0)) as fetcher:
        results = [fetcher.get(site.base + p) for p in ("/news/talks.html", "/news/aid.html")]
    assert [r.error for r in results] == ["robots.txt unreachable (HTTP 503 Service Unavailable)"] * 2
    assert all(r.transient for r in results) and site.paths() == ["/robots.txt"]
