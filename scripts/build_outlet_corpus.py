"""Render the outlet corpus (tests/data/stories/outlets/gold.json) into the pages and
plain-text copies its outlets would publish, and label every line of them.

Each outlet has a style: an HTML page layout (navigation, cookie banner, captions, ads,
related links, share bars, comments) or a plain-text copy (what a reader pastes or a
scraper keeps: bylines, credits, "Read more" lines, a source trailer). The planted body
is the report's ``body``; everything else the style adds is furniture. The labelled
lines (lines.tsv) are the copies' lines and the lines trafilatura returns from the pages,
labelled B (headline or body) or F (furniture) by where the renderer put them; a line
that is neither is labelled ``?`` and must be labelled by hand.

Usage: PYTHONPATH=src python scripts/build_outlet_corpus.py
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "stories" / "outlets"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


def long_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}"


def us_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{MONTHS[m - 1]} {d}, {y}"


class Page:
    """Collects a rendering and the furniture strings it added."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.furniture: list[str] = []

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def furn(self, text: str, markup: str | None = None) -> None:
        """Furniture text, rendered as ``markup`` (with {} for the escaped text) or as a line."""
        self.furniture.append(text)
        self.parts.append(markup.format(esc(text)) if markup else text)


def _author(report: dict, outlet: dict, n: int) -> str:
    return outlet["authors"][n % len(outlet["authors"])]


def _head(p: Page, report: dict, outlet: dict, domain: str, section: str, dated: bool, extra: str = "") -> str:
    url = f"https://www.{domain}/{section}/{slug(report['title'])}"
    meta = f'<meta property="article:published_time" content="{report["published"]}T08:00:00Z">' if dated else ""
    p.add(f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
          f'<title>{esc(report["title"])} | {esc(outlet["name"])}</title>\n'
          f'<link rel="canonical" href="{url}">\n<meta property="og:site_name" content="{esc(outlet["name"])}">\n'
          f'{meta}\n<meta name="viewport" content="width=device-width">{extra}\n</head>\n')
    return url


def _paras(body: list[str], tag: str = "p", cls: str = "") -> list[str]:
    attr = f' class="{cls}"' if cls else ""
    return [f"<{tag}{attr}>{esc(x)}</{tag}>" for x in body]


def render_newsroom(report, outlet, domain, n):
    p, dated = Page(), bool(report["published"])
    _head(p, report, outlet, domain, "world", dated)
    author = _author(report, outlet, n)
    p.add('<body>\n<a class="skip" href="#main">Skip to main content</a>\n<header class="site"><nav><ul>'
          '<li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>'
          '<li><a href="/opinion">Opinion</a></li></ul></nav><a href="/subscribe">Subscribe</a></header>\n<main id="main">\n<article>\n'
          f'<header><h1>{esc(report["title"])}</h1>\n<p class="byline">By <a href="/by/{slug(author)}">{esc(author)}</a></p>\n')
    if dated:
        p.add(f'<time datetime="{report["published"]}">{long_date(report["published"])}</time>')
    p.add("</header>\n<div class=\"article-body\">")
    body = _paras(report["body"])
    if report.get("caption"):
        body.insert(1, f'<figure><img src="/img/{n}.jpg" alt=""><figcaption>{esc(report["caption"])}</figcaption></figure>')
    if report.get("related"):
        # an inline "Read more" between paragraphs, inside the article body
        body.insert(3 if len(body) > 3 else len(body) - 1,
                    f'<p class="inline-related"><strong>Read more:</strong> <a href="/world/x{n}">{esc(report["related"][0])}</a></p>')
    p.add("\n".join(body))
    p.add('</div>\n<footer class="article-tags">Topics: <a href="/t/diplomacy">Diplomacy</a>, <a href="/t/borders">Borders</a></footer>\n</article>\n'
          '<aside class="most-read"><h2>Most read</h2><ol>'
          + "".join(f'<li><a href="/r/{i}">{esc(h)}</a></li>' for i, h in enumerate(report.get("related", [])))
          + '</ol></aside>\n</main>\n<footer class="site">&copy; 2025 The Continental Review. All rights reserved. '
          '<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>\n</body>\n</html>\n')
    for f in (report.get("caption"), *(report.get("related") or [])[:1]):
        if f:
            p.furniture.append(f)
    p.furniture += [f"Read more: {x}" for x in report.get("related", [])[:1]] + [f"By {author}"]
    return p


def render_tabloid(report, outlet, domain, n):
    p, dated = Page(), bool(report["published"])
    _head(p, report, outlet, domain, "news", dated)
    author = _author(report, outlet, n)
    p.add('<body>\n<div id="cookie-consent">We use cookies to personalise content and ads. <button>Accept all cookies</button>'
          ' <button>Manage settings</button></div>\n<div class="topbar"><a href="/">Daily Ledger</a> <a href="/news">News</a> '
          '<a href="/sport">Sport</a> <a href="/showbiz">Showbiz</a> <a href="/login">Sign in</a></div>\n'
          '<div class="wrapper"><div class="story">\n'
          f'<h1 class="headline">{esc(report["title"])}</h1>\n<div class="author-box"><span class="name">By {esc(author.upper())}</span>')
    if dated:
        p.add(f'<span class="date">Published: {long_date(report["published"])}</span>')
    p.add('</div>\n<div class="share-top"><a>Share</a> <a>Facebook</a> <a>Twitter</a> <a>WhatsApp</a></div>\n<div class="story-body">')
    body = _paras(report["body"])
    body.insert(1, '<div class="ad-slot">Advertisement</div>')
    if report.get("caption"):
        body.insert(3, f'<div class="image-block"><img src="/i/{n}.jpg"><span class="caption">{esc(report["caption"])}</span></div>')
    p.add("\n".join(body))
    p.add('</div>\n<div class="newsletter"><h3>Get the Daily Ledger in your inbox</h3><p>Sign up to our free morning newsletter.</p>'
          '<input type="email"><button>Sign up</button></div>\n</div>\n<div class="sidebar"><h3>Most popular</h3><ul>'
          + "".join(f'<li><a href="/n/{i}">{esc(h)}</a></li>' for i, h in enumerate(report.get("related", []))) + '</ul></div>\n')
    if report.get("comments"):
        p.add(f'<div class="comments"><h3>Comments ({len(report["comments"])})</h3>'
              + "".join(f'<div class="comment"><b>reader{i}</b><p>{esc(c)}</p></div>' for i, c in enumerate(report["comments"]))
              + '<a>Post a comment</a></div>\n')
    p.add('</div>\n<footer>Daily Ledger &copy; 2025 | Contact us | Advertise</footer>\n</body>\n</html>\n')
    p.furniture += [report.get("caption") or "", f"By {author.upper()}", "Advertisement", *report.get("comments", []),
                    *report.get("related", [])]
    return p


def render_wire(report, outlet, domain, n):
    p, dated = Page(), bool(report["published"])
    _head(p, report, outlet, domain, "article", dated)
    author = _author(report, outlet, n)
    p.add('<body>\n<header><a href="/">World Wire</a><nav><a href="/world">World</a> <a href="/markets">Markets</a> '
          '<a href="/search">Search</a></nav></header>\n<main><div class="article-header">'
          f'<span class="breadcrumb"><a href="/">Home</a> / <a href="/world">World</a></span>\n<h1>{esc(report["title"])}</h1>\n'
          f'<p class="authors">By {esc(author)}</p>')
    if dated:
        p.add(f'<p class="timestamp">{us_date(report["published"])} 8:00 AM GMT</p>')
    p.add('</div>\n<div class="article-body">')
    if report.get("caption"):
        p.add(f'<figure class="lead-image"><img src="/m/{n}.jpg"><figcaption>{esc(report["caption"])}</figcaption></figure>')
    p.add("\n".join(_paras(report["body"])))
    p.add(f'<p class="credits">Reporting by {esc(author)}; Editing by Mark Dolan</p>\n'
          '<p class="trust">Our Standards: The World Wire Trust Principles.</p>\n</div>\n'
          '<div class="related"><h2>Related coverage</h2>'
          + "".join(f'<a href="/a/{i}">{esc(h)}</a>' for i, h in enumerate(report.get("related", []))) + '</div>\n'
          '</main>\n<footer>All quotes delayed a minimum of 15 minutes. &copy; 2025 World Wire.</footer>\n</body>\n</html>\n')
    p.furniture += [report.get("caption") or "", f"Reporting by {author}; Editing by Mark Dolan",
                    "Our Standards: The World Wire Trust Principles.", f"By {author}", *report.get("related", [])]
    return p


def render_wordpress(report, outlet, domain, n):
    p, dated = Page(), bool(report["published"])
    _head(p, report, outlet, domain, "news", dated)
    author = _author(report, outlet, n)
    p.add('<body class="post-template">\n<div id="page"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>\n'
          '<header id="masthead"><p class="site-title"><a href="/">Pacific Observer</a></p><nav id="site-navigation">'
          '<button class="menu-toggle">Menu</button><ul><li><a href="/">Home</a></li><li><a href="/category/asia">Asia</a></li>'
          '<li><a href="/category/americas">Americas</a></li></ul></nav></header>\n<div id="content"><main>\n'
          f'<article class="post"><header class="entry-header"><h1 class="entry-title">{esc(report["title"])}</h1>\n'
          f'<div class="entry-meta">Posted by <a href="/author/{n}">{esc(author)}</a>')
    if dated:
        p.add(f' on <time class="entry-date">{us_date(report["published"])}</time>')
    p.add('</div></header>\n<div class="entry-content">')
    body = _paras(report["body"])
    if report.get("caption"):
        body.insert(2, f'<div class="wp-caption"><img src="/wp-content/uploads/{n}.jpg"><p class="wp-caption-text">'
                       f'{esc(report["caption"])}</p></div>')
    p.add("\n".join(body))
    p.add('</div>\n<div class="sharedaddy"><h3 class="sd-title">Share this:</h3><ul><li><a>Facebook</a></li><li><a>X</a></li>'
          '<li><a>Email</a></li></ul></div>\n<div class="jp-relatedposts"><h3>Related</h3>'
          + "".join(f'<p><a href="/p/{i}">{esc(h)}</a></p>' for i, h in enumerate(report.get("related", []))) + '</div>\n'
          '<footer class="entry-footer">Tags: <a>Asia</a>, <a>Diplomacy</a></footer></article>\n')
    comments = report.get("comments", [])
    p.add(f'<div id="comments"><h2 class="comments-title">{len(comments)} thoughts on &ldquo;{esc(report["title"])}&rdquo;</h2><ol>'
          + "".join(f'<li class="comment"><cite>Reader {i}</cite><p>{esc(c)}</p><a>Reply</a></li>' for i, c in enumerate(comments))
          + '</ol><div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea><input type="submit" value="Post Comment"></form></div></div>\n'
          '</main></div>\n<footer id="colophon">Proudly powered by WordPress</footer></div>\n</body>\n</html>\n')
    p.furniture += [report.get("caption") or "", *comments, *report.get("related", [])]
    return p


def render_broadcaster(report, outlet, domain, n):
    p, dated = Page(), bool(report["published"])
    _head(p, report, outlet, domain, "news", dated)
    p.add('<body>\n<div class="orb-nav"><a href="/">Radio Horizon</a> <a href="/news">News</a> <a href="/audio">Audio</a> '
          '<a href="/weather">Weather</a></div>\n<main id="main-content"><article>\n'
          f'<div data-component="headline-block"><h1 id="main-heading">{esc(report["title"])}</h1></div>\n')
    if dated:
        p.add(f'<div data-component="byline-block"><time datetime="{report["published"]}T08:00:00.000Z">{long_date(report["published"])}</time></div>\n')
    if report.get("caption"):
        p.add(f'<div data-component="image-block"><figure><span class="visually-hidden">Image source, </span>'
              f'<span>Getty Images</span><img src="/c/{n}.jpg"><figcaption><span class="visually-hidden">Image caption, </span>'
              f'{esc(report["caption"])}</figcaption></figure></div>\n')
    for para in report["body"]:
        p.add(f'<div data-component="text-block"><p>{esc(para)}</p></div>')
    p.add('<div data-component="topic-list"><h2>Related topics</h2><ul><li><a>Diplomacy</a></li><li><a>Borders</a></li></ul></div>\n'
          '</article>\n<section data-component="links-block"><h2>More on this story</h2><ul>'
          + "".join(f'<li><a href="/news/{i}">{esc(h)}</a></li>' for i, h in enumerate(report.get("related", []))) + '</ul></section>\n'
          '</main>\n<footer>Copyright 2025 Radio Horizon. Radio Horizon is not responsible for the content of external sites.</footer>\n</body>\n</html>\n')
    p.furniture += [report.get("caption") or "", "Getty Images", *report.get("related", [])]
    return p


def render_amp(report, outlet, domain, n):
    p, dated = Page(), bool(report["published"])
    _head(p, report, outlet, domain, "amp", dated, '\n<script async src="https://cdn.ampproject.org/v0.js"></script>')
    author = _author(report, outlet, n)
    p.add('<body>\n<header class="amp-header"><a href="/">Pocket News</a><button on="tap:sidebar.toggle">Menu</button></header>\n'
          '<amp-sidebar id="sidebar" layout="nodisplay"><ul><li><a href="/">Home</a></li><li><a href="/latest">Latest</a></li>'
          '<li><a href="/videos">Videos</a></li></ul></amp-sidebar>\n<main><article class="amp-article">\n'
          f'<h1>{esc(report["title"])}</h1>\n<div class="meta"><span>{esc(author)}</span>')
    if dated:
        p.add(f' <span>{us_date(report["published"])}</span>')
    p.add('</div>\n<amp-social-share type="facebook"></amp-social-share><amp-social-share type="whatsapp"></amp-social-share>\n')
    body = _paras(report["body"])
    if report.get("caption"):
        body.insert(1, f'<figure><amp-img src="/a/{n}.jpg" width="800" height="450" layout="responsive"></amp-img>'
                       f'<figcaption>{esc(report["caption"])}</figcaption></figure>')
    body.insert(len(body) - 1, '<amp-ad width="300" height="250" type="doubleclick"><div fallback>Advertisement</div></amp-ad>')
    p.add("\n".join(body))
    p.add('</article>\n<section class="recommended"><h2>Recommended for you</h2>'
          + "".join(f'<a href="/amp/{i}"><h3>{esc(h)}</h3></a>' for i, h in enumerate(report.get("related", []))) + '</section>\n')
    if report.get("comments"):
        p.add('<section class="comments"><h2>Join the conversation</h2>'
              + "".join(f'<div><b>user{i}</b> <p>{esc(c)}</p></div>' for i, c in enumerate(report["comments"])) + '</section>\n')
    p.add('</main>\n<footer>&copy; Pocket News 2025</footer>\n</body>\n</html>\n')
    p.furniture += [report.get("caption") or "", author, "Advertisement", *report.get("comments", []), *report.get("related", [])]
    return p


# ------------------------------------------------------------------ plain-text copies
def copy_aggregator(report, outlet, domain, n):
    p = Page()
    author = _author(report, outlet, n)
    for f in ("Skip to content", "Menu", "Search Search"):
        p.furn(f)
    p.add(report["title"])
    if report["published"]:
        p.furn(f"date {report['published']}")
    p.furn(f"By {author} More by this Author")
    body = list(report["body"])
    out = body[:1]
    if report.get("caption"):
        p.furniture.append(report["caption"])
        out.append(report["caption"])
    out += body[1:]
    for x in out:
        p.add(x)
    for h in report.get("related", [])[:1]:
        p.furn(f"Read more: {h}")
    p.furn("Share this:")
    p.furn("Facebook Twitter WhatsApp Email")
    p.add(f"Source \u00bb {domain}")
    return p


def copy_newsletter(report, outlet, domain, n):
    p = Page()
    author = _author(report, outlet, n)
    if report["published"]:
        p.furn(f"Published: {long_date(report['published'])}")
    p.add(report["title"])
    p.furn(f"Written by {author}")
    for i, x in enumerate(report["body"]):
        p.add(x)
        if i == 0 and report.get("caption"):
            p.furn(report["caption"])
    p.furn("Tags: World, Diplomacy")
    p.furn("Comments (0)")
    p.furn("Sign up for our daily newsletter and get the headlines first")
    return p


def copy_wire(report, outlet, domain, n):
    p = Page()
    author = _author(report, outlet, n)
    p.add(report["title"])
    p.furn(f"By {author}")
    for x in report["body"]:
        p.add(x)
    p.furn(f"Reporting by {author}; Editing by Paul Reyes")
    p.furn(f"\u00a9 2025 {outlet['name']}")
    return p


def copy_broadcaster(report, outlet, domain, n):
    p = Page()
    p.add(report["title"])
    if report["published"]:
        p.furn(long_date(report["published"]))
    p.furn("Share")
    if report.get("caption"):
        p.furn("Image source, Getty Images")
        p.furn(f"Image caption, {report['caption']}")
    for x in report["body"]:
        p.add(x)
    p.furn("Related Topics")
    p.furn("Diplomacy")
    p.furn("More on this story")
    for h in report.get("related", []):
        p.furn(h)
    return p


RENDER = {"newsroom": render_newsroom, "tabloid": render_tabloid, "wire": render_wire, "wordpress": render_wordpress,
          "broadcaster": render_broadcaster, "amp": render_amp}
COPY = {"aggregator-copy": copy_aggregator, "newsletter-copy": copy_newsletter, "wire-copy": copy_wire,
        "broadcaster-copy": copy_broadcaster}


_BLOCKS = {"p", "div", "h1", "h2", "h3", "li", "figcaption", "header", "footer", "section", "aside", "nav", "ul", "ol",
           "figure", "article", "main", "time", "form", "button", "cite", "b", "span", "a", "amp-social-share"}


def page_copy(markup: str) -> list[str]:
    """What a reader gets by selecting a page from its headline to the end and pasting it
    as plain text: one line per block (links and spans on lines of their own, as browsers
    copy list and flex layouts), scripts and hidden labels left out."""
    import lxml.html

    root = lxml.html.fromstring(markup)
    for bad in root.xpath("//script|//style|//*[contains(@class, 'visually-hidden')]"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "") if el.tag not in ("a", "span", "b", "cite", "time") else (el.text or "")
    # inline links inside a paragraph stay on its line
    text = root.xpath("//body")[0].text_content()
    lines = [" ".join(x.split()) for x in text.split("\n")]
    lines = [x for x in lines if x]
    start = next((i for i, x in enumerate(lines) if x == " ".join(root.xpath("//h1")[0].text_content().split())), 0)
    return lines[start:]


def label(line: str, report: dict, furniture: list[str], strict: bool = True) -> str:
    """B for the headline or a body paragraph, F for what the renderer added; with
    ``strict`` off (a whole page's copy, every line of which the renderer wrote), any
    other line is the layout's own furniture."""
    text = " ".join(line.split())
    if text in (" ".join(x.split()) for x in (*report["body"], report["title"])):
        return "B"
    if not strict or text in (" ".join(x.split()) for x in furniture if x):
        return "F"
    return "?"


def main() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import trafilatura

    gold = json.loads((ROOT / "gold.json").read_text(encoding="utf-8"))
    (ROOT / "pages").mkdir(exist_ok=True)
    (ROOT / "copies").mkdir(exist_ok=True)
    rows = []
    for n, report in enumerate(gold["reports"]):
        domain = report["outlet"]
        outlet = gold["outlets"][domain]
        style = outlet["style"]
        if style in RENDER:
            page = RENDER[style](report, outlet, domain, n)
            (ROOT / "pages" / f"{report['id']}.html").write_text("\n".join(page.parts), encoding="utf-8")
            # what trafilatura returns, before page.py drops the headline and furniture paragraphs
            raw = trafilatura.extract("\n".join(page.parts), include_comments=False, include_tables=False,
                                      include_images=False, favor_precision=True, deduplicate=False)
            lines = [x for x in (raw or "").split("\n") if x.strip()]
            source = "html"
            rows += [(label(x, report, page.furniture, strict=False), report["id"], report["part"], "pagecopy", x)
                     for x in page_copy("\n".join(page.parts))]
        else:
            page = COPY[style](report, outlet, domain, n)
            text = "\n\n".join(page.parts) + "\n"
            (ROOT / "copies" / f"{report['id']}.txt").write_text(text, encoding="utf-8")
            lines = [x for x in page.parts if x.strip() and not x.startswith("Source \u00bb")]
            source = "copy"
        rows += [(label(x, report, page.furniture), report["id"], report["part"], source, " ".join(x.split())) for x in lines]
    with (ROOT / "lines.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# label\treport\tpart\tfrom\tline (generated by scripts/build_outlet_corpus.py; B body or headline, F furniture)\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    unknown = [r for r in rows if r[0] == "?"]
    print(f"{len(gold['reports'])} reports, {len(rows)} labelled lines, {len(unknown)} to label by hand")
    for r in unknown:
        print("  ?", r[1], r[4])


if __name__ == "__main__":
    main()
