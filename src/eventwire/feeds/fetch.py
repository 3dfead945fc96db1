"""A polite HTTP fetcher: one User-Agent, robots.txt, per-host pacing, retries, conditional GET.

Every outcome is a ``FetchResult`` - a failure carries its reason and whether it is worth
retrying - so the poll loop records it and goes on; nothing here raises for a bad URL.
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__

log = logging.getLogger(__name__)

USER_AGENT = f"eventwire/{__version__} (+https://github.com/eventwire)"
# The token robots.txt groups are matched against (the product name, not the whole UA).
ROBOTS_AGENT = "eventwire"
# Worth another try: the server or the network may recover.
TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass
class FetchOptions:
    """How to fetch: timeouts, retries and pacing (seconds throughout)."""

    timeout: float = 10.0
    retries: int = 2  # extra attempts within one fetch, for transient failures only
    backoff: float = 1.0  # first pause between attempts; doubled each time
    min_interval: float = 1.0  # between two requests to the same host
    max_bytes: int = 8_000_000
    max_seconds: float = 60.0  # whole response: a server trickling bytes cannot hold a poll
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    respect_robots: bool = True


@dataclass
class FetchResult:
    """One fetch: the response, or why there is none.

    ``error`` is None on success (including 304 Not Modified); ``transient`` says whether
    a later retry may succeed (timeouts, 5xx) or not (404, robots.txt, non-HTML).
    """

    url: str
    final_url: str
    status: int | None = None
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    transient: bool = False
    attempts: int = 0
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def host_of(url: str) -> str:
    """The scheme and authority a rate limit and a robots.txt belong to.

    >>> host_of("https://Example.org:8443/a/b?c=1")
    'https://example.org:8443'
    """
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


class HostRateLimiter:
    """Keeps at least ``min_interval`` seconds between two requests to the same host.

    clock, sleep: injectable so tests can check the pacing without waiting.
    """

    def __init__(self, min_interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.min_interval = min_interval
        self.clock, self.sleep = clock, sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> float:
        """Block until ``host`` may be asked again. RETURNS (float): seconds waited."""
        with self._lock:
            now = self.clock()
            ready = self._next.get(host, now)
            delay = max(0.0, ready - now)
            self._next[host] = max(now, ready) + self.min_interval
        if delay:
            self.sleep(delay)
        return delay


class Fetcher:
    """Fetch pages politely; use as a context manager so the connection pool is closed.

    options (FetchOptions): timeouts, retries, pacing.
    sleep (callable): how to pause between retries (tests pass a no-op).
    """

    def __init__(self, options: FetchOptions | None = None, *, sleep: Callable[[float], None] = time.sleep,
                 limiter: HostRateLimiter | None = None) -> None:
        self.options = options or FetchOptions()
        self.sleep = sleep
        self.limiter = limiter or HostRateLimiter(self.options.min_interval)
        self.client = httpx.Client(timeout=self.options.timeout, follow_redirects=False,
                                   headers={"User-Agent": self.options.user_agent})
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        # Hosts whose robots.txt could not be read: every page there fails for this
        # fetcher's life (one poll) without asking again for each page.
        self._robots_down: dict[str, FetchResult] = {}

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url``, following redirects hop by hop so robots.txt is checked at each.

        etag, last_modified (str | None): validators of the copy we have; a 304 answer
            comes back as a successful result with ``not_modified`` set.
        RETURNS (FetchResult): the response, or the reason there is none.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, attempts = url, 0
        for _hop in range(self.options.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                return FetchResult(url, current, error=f"unsupported URL scheme: {current!r}")
            refusal = self._robots_refusal(current)
            if refusal is not None:
                return FetchResult(url, current, error=refusal.error, transient=refusal.transient, attempts=attempts)
            result = self._with_retries(url, current, headers)
            attempts += result.attempts
            result.attempts = attempts
            location = result.headers.get("location")
            if result.status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            return result
        return FetchResult(url, current, error=f"more than {self.options.max_redirects} redirects", attempts=attempts)

    def _with_retries(self, url: str, current: str, headers: dict[str, str]) -> FetchResult:
        result = FetchResult(url, current)
        for attempt in range(self.options.retries + 1):
            if attempt:
                self.sleep(self.options.backoff * 2 ** (attempt - 1))
            result = self._once(url, current, headers)
            result.attempts = attempt + 1
            if result.ok or not result.transient:
                return result
            log.info("fetch %s failed (%s), attempt %d", current, result.error, attempt + 1)
        return result

    def _once(self, url: str, current: str, headers: dict[str, str]) -> FetchResult:
        self.limiter.wait(host_of(current))
        deadline = time.monotonic() + self.options.max_seconds
        try:
            with self.client.stream("GET", current, headers=headers) as response:
                result = FetchResult(
                    url, current, status=response.status_code,
                    content_type=response.headers.get("content-type"),
                    etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
                    headers={k.lower(): v for k, v in response.headers.items()},
                )
                if response.is_redirect or response.status_code == 304:
                    return result
                if response.status_code >= 400:
                    result.error = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    result.transient = response.status_code in TRANSIENT_STATUS
                    return result
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.options.max_bytes:
                        result.error = f"response larger than {self.options.max_bytes} bytes"
                        return result
                    if time.monotonic() > deadline:
                        result.error, result.transient = f"response took over {self.options.max_seconds:g} s", True
                        return result
                    chunks.append(chunk)
                result.body = b"".join(chunks)
                return result
        except httpx.TimeoutException:
            return FetchResult(url, current, error=f"timed out after {self.options.timeout:g} s", transient=True)
        except httpx.TransportError as err:
            return FetchResult(url, current, error=f"network error: {type(err).__name__}: {err}", transient=True)

    def _robots_refusal(self, url: str) -> FetchResult | None:
        """None when robots.txt lets us fetch ``url``; otherwise a failed result saying why."""
        if not self.options.respect_robots:
            return None
        host = host_of(url)
        if host in self._robots_down:
            down = self._robots_down[host]
            return FetchResult(url, url, error=down.error, transient=True)
        parser = self._robots.get(host)
        if parser is None:
            robots_url = host + "/robots.txt"
            got = self._with_retries(robots_url, robots_url, {})
            if got.status is not None and 400 <= got.status < 500:
                # RFC 9309: an unavailable robots.txt (4xx) means no restrictions.
                parser = _robots_from("")
            elif not got.ok or got.status != 200:
                # RFC 9309: an unreachable one (5xx, timeout) means assume everything is
                # disallowed; not cached, so the next poll asks again.
                down = FetchResult(url, url, error=f"robots.txt unreachable ({got.error or got.status})",
                                   transient=True)
                self._robots_down[host] = down
                return down
            else:
                parser = _robots_from(got.body.decode("utf-8", errors="replace"))
            self._robots[host] = parser
        if parser.can_fetch(ROBOTS_AGENT, url):
            return None
        return FetchResult(url, url, error="disallowed by robots.txt")


def _robots_from(text: str) -> urllib.robotparser.RobotFileParser:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(text.splitlines())
    return parser
