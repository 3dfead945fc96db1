"""Cleaning what real scraped text carries, before any NLP sees it.

Everything here is length-aware: the cleaned text is what the store keeps and what all
character offsets refer to, so cleaning happens once, up front.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from .furniture import furniture_kind

# Curly and typographic quotes become straight ones, one character for one, so that
# patterns and quote detection see a single alphabet of quotes.
_QUOTES = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
}
# A regex finds the few such characters; str.translate looked every character up (10x slower).
_QUOTE_CHARS = re.compile("[" + "".join(_QUOTES) + "]")
# C0/C1 control characters other than newline and tab carry no text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")
# "Source » algemeiner.com", "Source: reuters.com", "Via >> example.org"
_TRAILER = re.compile(
    r"^(?:source|via|originally published (?:at|by|on)|read more at|read more)\s*"
    r"(?:[»>:|\-\u2013\u2014]+\s*)+(?P<domain>(?:https?://)?(?:www\.)?[\w.-]+\.[a-z]{2,})\s*/?\s*$",
    re.IGNORECASE,
)
_PARA_SPLIT = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class CleanText:
    """The result of cleaning: ``text`` = title + blank line + body paragraphs."""

    text: str
    title: str | None
    body_start: int
    source_domain: str | None


def normalize(raw: str) -> str:
    """Unicode NFC, straight quotes, no control characters, Unix newlines.

    >>> normalize("\u201cHi\u201d\\r\\nthere\\x07")
    '"Hi"\\nthere'
    """
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _QUOTE_CHARS.sub(lambda m: _QUOTES[m[0]], text))


def paragraphs(text: str) -> list[str]:
    """Split on blank lines; hard-wrapped lines inside a paragraph are joined.

    >>> paragraphs("Title\\n\\nOne line\\nwrapped.\\n\\n\\nTwo.")
    ['Title', 'One line wrapped.', 'Two.']
    """
    out = []
    for para in _PARA_SPLIT.split(text):
        # Most paragraphs are one line with single spaces: the substring tests are far
        # cheaper than splitting and substituting for nothing, and give the same result
        # (``strip`` removes all outer whitespace whether spaces were collapsed first or not).
        if "\n" in para:
            para = " ".join(line.strip() for line in para.split("\n"))
        if "  " in para or "\t" in para:
            para = _SPACES.sub(" ", para)
        para = para.strip()
        if para:
            out.append(para)
    return out


def _same(a: str, b: str) -> bool:
    return a.casefold().strip(" .") == b.casefold().strip(" .")


def _looks_like_title(para: str) -> bool:
    # A headline is short and does not end like a sentence.
    return len(para.split()) <= 30 and not para.rstrip().endswith((".", '"', "'", ":"))


def clean_article(raw: str, title: str | None = None) -> CleanText:
    """Clean a scraped article.

    raw (str): the scraped text.
    title (str | None): a title given by metadata (JSONL, HTML), if any.
    RETURNS (CleanText): the cleaned text, the title, where the body starts and the
        source domain taken from a ``Source » domain`` trailer.

    >>> c = clean_article("Big News\\n\\nBig News\\n\\nIt happened.\\n\\nSource \u00bb example.com")
    >>> (c.title, c.text, c.source_domain)
    ('Big News', 'Big News\\n\\nIt happened.', 'example.com')
    """
    paras = paragraphs(normalize(raw))
    source_domain = None
    while paras and (m := _TRAILER.match(paras[-1])):
        source_domain = re.sub(r"^(?:https?://)?(?:www\.)?", "", m.group("domain")).lower()
        paras.pop()
    # A metadata title of only control or invisible characters is no title.
    title = next(iter(paragraphs(normalize(title))), None) if title else None
    if title is None:
        # The headline is the first paragraph that is not page furniture ("Skip to content",
        # a byline, a date line); the furniture stays in the body, where it is masked (#18).
        lead = next((i for i, p in enumerate(paras) if furniture_kind(p) is None), None)
        if lead is not None and len(paras) > lead + 1 and _looks_like_title(paras[lead]):
            title = paras.pop(lead) if lead else paras[0]
    # Drop every leading repetition of the title (scrapers print it once or twice).
    while title and paras and _same(paras[0], title):
        paras.pop(0)
    body = "\n\n".join(paras)
    if title:
        return CleanText(text=f"{title}\n\n{body}" if body else title, title=title,
                         body_start=len(title) + 2 if body else len(title), source_domain=source_domain)
    return CleanText(text=body, title=None, body_start=0, source_domain=source_domain)


def content_id(text: str) -> str:
    """The article identity: a hash of its cleaned text, whitespace and case folded.

    >>> content_id("A  b") == content_id("a b")
    True
    """
    key = " ".join(text.split()).casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
