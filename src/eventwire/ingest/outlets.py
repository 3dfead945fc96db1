"""Outlets: the registered domain a URL belongs to (``edition.cnn.com`` -> ``cnn.com``).

tldextract's bundled Public Suffix List snapshot is used as shipped: no suffix list is
downloaded and nothing is cached on disk at run time, so the answer is the same offline,
in CI and in a worker process.
"""

from __future__ import annotations

import functools
from urllib.parse import urljoin, urlsplit

import tldextract

# suffix_list_urls=() and cache_dir=None: the packaged snapshot, never the network or disk.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=False)


@functools.lru_cache(maxsize=4096)
def outlet_of(url: str | None) -> str | None:
    """The outlet (registered domain, lower case) of a URL or bare host; None when there is none.

    Hosts without a public suffix (``localhost``, an IP address, ``.test``) are their own outlet.

    >>> outlet_of("https://www.bbc.co.uk/news/world-123")
    'bbc.co.uk'
    >>> outlet_of("edition.CNN.com")
    'cnn.com'
    >>> outlet_of("http://127.0.0.1:8000/a")
    '127.0.0.1'
    >>> outlet_of("http://www.news.test/a")
    'news.test'
    >>> outlet_of("mailto:desk@example.org") is None
    True
    """
    if not url or not url.strip():
        return None
    raw = url.strip()
    if "://" not in raw:
        if ":" in raw.split("/", 1)[0] and not raw.split(":", 1)[1][:1].isdigit():
            return None  # mailto:, javascript:, urn: - not a place on the web
        raw = "http://" + raw
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").rstrip(".").lower()
    if not host or "." not in host and host != "localhost":
        return None
    registered = _EXTRACT.extract_str(host).top_domain_under_public_suffix
    if registered:
        return registered
    return host[4:] if host.startswith("www.") else host


def web_url(raw: str | None, base: str | None = None) -> str | None:
    """An absolute http(s) URL (``raw`` resolved against ``base``), or None for anything else:
    mailto:, javascript:, data:, a relative link with no base, junk.

    >>> web_url("/a/1.html", "https://news.test/feed.xml")
    'https://news.test/a/1.html'
    >>> web_url("javascript:alert(1)", "https://news.test/") is None, web_url("12") is None
    (True, True)
    """
    if not raw or not raw.strip():
        return None
    url = urljoin(base, raw.strip()) if base else raw.strip()
    parts = urlsplit(url)
    host_ok = bool(parts.netloc) and not any(ch.isspace() for ch in parts.netloc)
    return url if parts.scheme in ("http", "https") and host_ok else None
