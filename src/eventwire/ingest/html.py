"""A forgiving HTML-to-article extractor on the standard library's tolerant parser.

It keeps headline, paragraphs and list items, drops scripts, styles and navigation, and
reads title, canonical URL and publication date from the usual meta tags. Broken or
deeply nested markup never raises: the parser recovers and we keep what text there is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "footer", "header", "aside", "form", "iframe"}
_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "section", "article", "pre"}
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "og:published_time")


@dataclass
class Page:
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = [[]]
        self.skip_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "link" and "canonical" in a.get("rel", "").lower():
            self.canonical = a.get("href") or None
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in _BLOCK:
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip_depth:
            self.blocks[-1].append(data)


def extract_html(html: str) -> Page:
    """Extract the article text and metadata from an HTML page.

    >>> p = extract_html('<html><title>T</title><body><p>One &amp; two.</p><script>x()</script><p>Three.</p>')
    >>> (p.title, p.text)
    ('T', 'One & two.\\n\\nThree.')
    """
    parser = _Extractor()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # the stdlib parser's last-resort failures
        pass
    paras = [" ".join("".join(block).split()) for block in parser.blocks]
    title = " ".join("".join(parser.title_parts).split()) or parser.meta.get("og:title")
    if parser.meta.get("og:title"):
        title = parser.meta["og:title"]
    published = next((parser.meta[k] for k in (*_DATE_META, "time") if parser.meta.get(k)), None)
    return Page(
        text="\n\n".join(p for p in paras if p),
        title=title or None,
        url=parser.canonical or parser.meta.get("og:url"),
        published=published,
        meta=parser.meta,
    )
