"""HTML pages to articles, with trafilatura (main text, metadata) and htmldate (its dates).

One module for every HTML page, read from a file by ``ingest`` or fetched by ``watch``/``fetch``:
the same charset rules, the same extraction, the same per-item errors. trafilatura keeps
the article body and drops navigation, related links, comments and footers; we add what
it leaves to the caller: decoding by the declared charset (the header, else the page's
``<meta charset>``), a canonical link resolved against the page's own address, and an
``ItemError`` instead of an exception for a page with no article in it.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from dataclasses import dataclass

from ..errors import ItemError, item_error

from .furniture import furniture_kind
from .items import RawItem
from .outlets import web_url

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w:.-]+)", re.I)
# WHATWG encoding standard: pages labelled Latin-1 or ASCII are decoded as windows-1252,
# which is what their authors' tools wrote (curly quotes at 0x93/0x94 and the like).
_AS_WINDOWS_1252 = {"latin-1", "iso8859-1", "ascii", "cp819"}
# The page's date only: the body's own dates are the date stage's business (datelines),
# and an extensive search picks dates out of related-article links.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass
class Page:
    """What a page says about its article: the main text (paragraphs split by blank lines) and metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    site_name: str | None = None


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes start like an HTML document (for files without an .html name).

    >>> looks_like_html(b"\\xef\\xbb\\xbf  <!DOCTYPE html><p>x")
    True
    >>> looks_like_html(b"Plain text")
    False
    """
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def declared_charset(body: bytes, content_type: str | None = None) -> str | None:
    """The encoding a page declares (HTTP header first, then ``<meta>``), as a Python codec name.

    >>> declared_charset(b'<meta charset="ISO-8859-1">')
    'cp1252'
    >>> declared_charset(b"<p>x</p>", "text/html; charset=UTF-8")
    'utf-8'
    >>> declared_charset(b'<meta charset="no-such">') is None
    True
    """
    match = _HEADER_CHARSET.search(content_type or "")
    name = match.group(1) if match else None
    if name is None and (meta := _META_CHARSET.search(body[:4096])):
        name = meta.group(1).decode("ascii")
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in _AS_WINDOWS_1252 else codec


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode a fetched page by its declared charset, else UTF-8; bad bytes become U+FFFD.

    >>> decode_html("café".encode("latin-1"), "text/html; charset=ISO-8859-1")
    'café'
    >>> decode_html(b"<meta charset=windows-1252><p>\\x93Yes\\x94", None)[-5:]
    '“Yes”'
    """
    encoding = declared_charset(body, content_type) or "utf-8"
    if encoding == "utf-8" and body.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    return body.decode(encoding, errors="replace")


def html_refusal(content_type: str | None, body: bytes) -> str | None:
    """Why a response is not an HTML page, or None when it is one.

    >>> html_refusal("text/html; charset=utf-8", b"<p>x</p>") is None
    True
    >>> html_refusal("application/pdf", b"%PDF-1.7")
    'not an HTML page (content type application/pdf)'
    """
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in _HTML_TYPES:
        return None
    if not mime and looks_like_html(body):
        return None
    return f"not an HTML page (content type {mime or 'missing'})"


def content_hash(body: bytes) -> str:
    """sha256 of the bytes as fetched: the same page under two URLs is fetched, not extracted, twice.

    >>> content_hash(b"x")[:12]
    '2d711642b726'
    """
    return hashlib.sha256(body).hexdigest()


def _canonical(tree, base: str | None) -> str | None:
    """The page's canonical (else og:url) address, made absolute against ``base``; http(s) only."""
    href = None
    for link in tree.iterfind(".//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = link.get("href")
            break
    if not href:
        for meta in tree.iterfind(".//meta[@content]"):
            if (meta.get("property") or meta.get("name") or "").lower() == "og:url":
                href = meta.get("content")
                break
    return web_url(href, base)


def _paragraphs(text: str | None) -> str:
    # trafilatura puts one block per line; the cleaner splits paragraphs on blank lines.
    lines = (" ".join(line.split()) for line in (text or "").split("\n"))
    return "\n\n".join(line for line in lines if line)


def _trim(text: str, title: str | None) -> str:
    """The main text without the page's headline and without furniture paragraphs.

    Layouts that put the headline inside the article container (a tabloid's
    ``h1.headline``, an AMP page) get it back as the first paragraph: printed with the
    body, its event was coded twice (#18). Credits and standards lines inside the article
    body ("Reporting by ...; Editing by ..."), an ad slot's "Advertisement" between two
    paragraphs, a byline: trafilatura keeps what sits inside the article container. Each
    is its own block in the markup, so a whole paragraph that is furniture is no part of
    the article and is dropped here (pasted plain text keeps such lines, masked).

    >>> _trim("Vote ends strike\\n\\nThe council voted.\\n\\nAdvertisement\\n\\nIt was close.\\n\\n"
    ...       "Reporting by Ana Pires; Editing by Tom Reyes", "Vote ends strike")
    'The council voted.\\n\\nIt was close.'
    """
    paras = text.split("\n\n") if text else []
    key = " ".join((title or "").split()).casefold().strip(" .")
    if paras and key and paras[0].casefold().strip(" .") == key:
        paras.pop(0)
    kept = [p for p in paras if not furniture_kind(p)]
    # A page that is only furniture keeps it: the caller calls that no article (E010).
    return "\n\n".join(kept) if kept else text


def extract_page(html: str, url: str | None = None) -> Page:
    """Extract the article from an HTML page: main text, title, canonical URL, date, author, site.

    html (str): the decoded page.
    url (str | None): where the page was found; a relative canonical link resolves against it.
    RETURNS (Page): an empty ``text`` when the page holds no article (never raises).

    >>> p = extract_page('<html><head><title>Vote | The Ledger</title></head><body><nav>Home</nav>'
    ...                  '<article><p>The council voted on Monday to end the strike.</p></article></body></html>')
    >>> (p.title, p.text)
    ('Vote', 'The council voted on Monday to end the strike.')
    """
    import trafilatura  # late: loading it costs a quarter second that plain-text runs never need
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except Exception:  # noqa: BLE001 - lxml's last-resort failures on hostile markup
        log.debug("unparseable HTML", exc_info=True)
        tree = None
    if tree is None:
        return Page(text="")
    canonical = _canonical(tree, url)
    try:
        # favor_precision: navigation, share bars and "read more" blocks kept by the recall
        # fallbacks were exactly the page furniture that became actors (#18).
        doc = trafilatura.bare_extraction(
            tree, url=canonical or url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, favor_precision=True, deduplicate=False, date_extraction_params=_DATE_PARAMS)
    except Exception:  # noqa: BLE001 - one hostile page is that page's error, never the batch's
        log.debug("trafilatura failed", exc_info=True)
        doc = None
    if doc is None:
        return Page(text="", url=canonical)
    text = _trim(_paragraphs(doc.text), doc.title)
    # trafilatura's last fallback returns whatever text a page has: on a page with no article
    # that is its menu ("Home"), which is no article either (E010).
    if all(furniture_kind(line) for line in text.splitlines() if line.strip()):
        text = ""
    return Page(text=text, title=doc.title or None, url=canonical,
                published=doc.date or None, author=doc.author or None, site_name=doc.sitename or None)


def html_item(html: str, origin: str, mtime: float | None = None, url: str | None = None) -> RawItem | ItemError:
    """One HTML page as a RawItem (E010 when it holds no article text).

    html (str): the decoded page. origin (str): its file name or URL, for errors.
    url (str | None): the page's address, when known; the canonical link wins over it.
    """
    page = extract_page(html, url)
    if not page.text.strip():
        return item_error(origin, "E010")
    metadata: dict[str, str] = {}
    if page.published:
        metadata["published"] = page.published
    for key in ("author", "site_name"):
        if getattr(page, key):
            metadata[key] = getattr(page, key)
    return RawItem(origin=origin, text=page.text, title=page.title, url=page.url or url,
                   metadata=metadata, file_mtime=mtime)
