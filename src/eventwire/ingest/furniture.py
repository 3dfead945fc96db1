"""Page furniture in plain text: captions, credits, bylines, navigation, share lines, date lines.

Scraped and copied articles carry the page around the story: "Skip to content", a photo
credit, "By Staff Reporter More by this Author", "Share this:", "Read more: ...", a leading
"date 2024-01-30". Parsed as prose they become actors ("Getty Images") and events, or
glue onto the first sentence and break it. Such lines stay in ``article.text`` (it is what
the reader sees and what every offset refers to); ``mask_furniture`` blanks them, character
for character, in the text the NLP pipeline reads, so no actor or event comes from them.

A line is furniture only when it is short and matches one of the patterns below as a
whole (a body sentence that merely starts with "By" or mentions a photo is not).
"""

from __future__ import annotations

import re

# Whole-line patterns, by kind (kept as data: add a pattern, not code).
_NAME = r"(?:[A-Z][\w.'\u2019-]*|[A-Z]{2,})"
_NAMES = rf"{_NAME}(?:\s+{_NAME}){{0,3}}"
PATTERNS: dict[str, list[str]] = {
    "navigation": [
        r"skip to (?:main )?content", r"(?:main )?menu", r"search(?: search)?", r"home", r"sign in|log in|subscribe(?: now)?",
        r"(?:sign up|subscribe) (?:for|to) (?:our|the) .{0,40}newsletters?.{0,40}", r"advertisement|sponsored(?: content)?",
        r"(?:home|news)\s*(?:[>»/|]\s*[\w' -]{1,30}){1,5}", r"(?:accept|reject) (?:all )?cookies?.{0,40}",
        r"we use cookies.{0,120}", r"back to top|jump to comments|view comments|load more|show more",
        r"(?:most read|most popular|trending(?: now)?|latest news|top stories|related(?: (?:stories|articles|news|topics|coverage))?"
        r"|more on this (?:story|topic)|recommended(?: for you)?|you may also like)\s*:?",
        r"our standards\s*:.{0,80}",
        # controls of a comment form and a newsletter box, as a page's copy keeps them
        r"sign up|post (?:a )?comment|reply|leave a reply|manage (?:cookie )?settings|join the conversation",
        r"\d+ (?:thoughts|responses|replies|comments) on .{0,200}",
    ],
    "share": [
        r"share(?: this)?(?: (?:article|story|on \w+))?\s*:?(?:\s*(?:facebook|twitter|x|whatsapp|email|linkedin|telegram|copy link))*",
        # two or more: one alone ("LinkedIn") may be an actor's name; under a share heading it is caught as a list
        r"(?:facebook|twitter|whatsapp|email|linkedin|telegram|print|x)(?:\s+(?:facebook|twitter|whatsapp|email|linkedin|telegram|print|x))+",
        r"(?:read|see) (?:more|also)\b.{0,140}", r"also read\b.{0,140}", r"related\s*:.{0,140}", r"click here\b.{0,80}",
        r"follow (?:us|\w+) on .{0,60}", r"comments?\s*\(\d+\)|\d+ comments?|leave a comment|post comment",
        r"(?:tags|topics|filed under)\s*:.{0,140}",
    ],
    "byline": [
        rf"{_NAMES}\s+more (?:by|from) this (?:author|writer)", rf"(?:posted|written) by (?-i:{_NAMES})", r"(?:staff|special) (?:writer|reporter|correspondent)s?",
        r"(?:reporting|editing|writing|additional reporting) by (?-i:[A-Z]).{2,120}",
    ],
    "caption": [
        r".{0,160}\b(?:photo|photograph|picture|image|video|file photo)s?\s*(?::|by|credit)\s*.{2,80}",
        r".{0,160}\((?:photo|picture|image)s?(?: by)?[: ].{2,80}\)\.?",
        r".{0,160}(?:/|\bvia\b|\u00a9|\(c\))\s*(?:getty images|afp|reuters|ap|epa|anadolu|shutterstock|alamy|xinhua)"
        r"(?:\s*(?:/|via)\s*[\w ]{2,30})?\)?",
        r".{0,160}\b(?:reuters|afp|ap|epa|anadolu|xinhua)\s*/\s*(?-i:[A-Z])[\w .'-]{1,40}",
        r"(?:credit|image credit|photo credit|source)s?\s*:.{2,80}",
        # a copied broadcaster page: its hidden labels come along ("Image source, Getty Images")
        r"(?:image|media|video) (?:source|caption)\s*,.{2,200}", r"getty images(?:\s*/.{0,80})?",
        r"(?:\u00a9|\(c\))\s*.{2,80}", r".{0,80}(?:\u00a9|\(c\)|copyright)\s*(?:\d{4}\b|[\w ]{2,30}\d{4}\b).{0,100}",
        # an agency's credit in capitals after a caption: "... WORLD WIRE/Anna Grigoryan"
        r".{0,160}\b(?-i:[A-Z]{2,}(?: [A-Z]{2,})*)/(?-i:[A-Z])[\w .'-]{1,40}", r"copyright\s*(?:\d{4}\b.{0,80}|.{2,60}all rights reserved\.?)", r"(?:pictured|above|top|file)\s*:.{2,160}",
    ],
    "date": [
        r"(?:date|published|updated|last updated|posted(?: on)?|first published)\s*:?\s*.{0,12}\d{1,4}[-/. ]\w{1,9}[-/. ,]+\d{2,4}"
        r"(?:[ T,|-]+\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|[A-Z]{2,4}|[+-]\d{2}:?\d{2})?)?",
        r"(?:updated|published|posted)\s*:?\s*\d+ (?:minutes?|hours?|days?) ago",
        r"(?:date|published|updated|last updated|posted(?: on)?|first published)\s*:?\s*\w{3,9}\.? \d{1,2},? \d{4}.{0,20}",
        r"\d{1,2} \w{3,9},? \d{4}(?:\s*[,|-]?\s*\d{1,2}[:.]\d{2}\s*(?:am|pm|[A-Z]{2,4})?)?",
        r"(?:on )?\w{3,9} \d{1,2},? \d{4}(?:\s*[,|-]?\s*\d{1,2}[:.]\d{2}(?:\s*(?:am|pm))?(?:\s*[A-Z]{2,4})?)?",
        r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?",
    ],
}
_COMPILED = [(kind, re.compile(rf"(?:{'|'.join(pats)})", re.IGNORECASE)) for kind, pats in PATTERNS.items()]
# "By <Names>[, role]": the names must be capitalised ("By noon the troops had left" is prose).
_BYLINE = re.compile(rf"(?:{_NAMES})(?:\s*(?:,|and|&)\s*{_NAMES})*(?:\s*(?:,|\||-|\u2013)\s*[\w ]{{2,40}})?"
                     r"(?:\s+[Mm]ore (?:by|from) this (?:[Aa]uthor|[Ww]riter))?")
_BY = re.compile(r"(?:written |words )?by\s+", re.IGNORECASE)
# Furniture lines are short; a longer line is prose however it starts.
MAX_WORDS = 30
_LINE = re.compile(r"[^\n]+")


def furniture_kind(line: str) -> str | None:
    """The kind of page furniture a line is (navigation, share, byline, caption, date), or None.

    >>> [furniture_kind(x) for x in ("Skip to content", "By Petra Ilves, Business Correspondent",
    ...                             "Read more: Strike halts container traffic")]
    ['navigation', 'byline', 'share']
    >>> furniture_kind("By Monday the army had retaken the town, officials said.") is None
    True
    >>> furniture_kind("Cranes at the terminal. Photo: Jonas Berg / Coastline Pictures")
    'caption'
    """
    text = line.strip().strip("|\u2022\u00b7-").strip()
    if not text:
        return None
    if len(text.split()) > MAX_WORDS:
        return None
    by = _BY.match(text)
    if by and _BYLINE.fullmatch(text[by.end():]):
        return "byline"
    for kind, pattern in _COMPILED:
        if pattern.fullmatch(text):
            return kind
    return None


def furniture_spans(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every furniture line in ``text`` from ``start`` on.

    >>> furniture_spans("Title\\n\\nSkip to content\\n\\nThe council met on Monday.", 7)
    [(7, 22, 'navigation')]
    """
    out = []
    listing = comments = False
    for m in _LINE.finditer(text, start):
        line = m.group()
        kind = furniture_kind(line)
        if comments:
            kind = kind or "comments"
        elif kind is None and listing and _headline_like(line):
            kind = "navigation"
        elif kind is None:
            listing = False
        else:
            listing = listing or bool(_LIST_HEADING.fullmatch(line.strip().rstrip(":").strip()))
            # Readers' comments end a page: everything under their heading is theirs, and
            # a comment reads like prose, so no line pattern could find it.
            comments = bool(_COMMENTS_HEADING.fullmatch(line.strip()))
        if kind:
            out.append((m.start(), m.end(), kind))
    return out


# Headings of a block of links ("More on this story", "Related Topics"): the short lines
# under one are other articles' headlines and topic names, not this article's text, though
# no pattern can tell a headline from a sentence alone. The block ends at the first line
# that reads like prose (a sentence ending in a full stop, or a long line).
_LIST_HEADING = re.compile(r"(?:most read|most popular|trending(?: now)?|latest news|top stories|related"
                           r"(?: (?:stories|articles|news|topics|coverage))?|more on this (?:story|topic)|recommended"
                           r"(?: for you)?|you may also like|read more|see also|share(?: this(?: article| story)?)?)", re.IGNORECASE)
LIST_MAX_WORDS = 14
_COMMENTS_HEADING = re.compile(r"(?:comments?\s*\(\d+\)|\d+ comments?|\d+ (?:thoughts|responses|replies) on .{0,200}"
                               r"|join the conversation|leave a comment)", re.IGNORECASE)


def _headline_like(line: str) -> bool:
    """A short line that does not end like a sentence: a linked headline or topic name.

    >>> _headline_like("Andes drought: the lake is shrinking"), _headline_like("The talks failed.")
    (True, False)
    """
    text = line.strip()
    return 0 < len(text.split()) <= LIST_MAX_WORDS and not text.endswith((".", '"', "'", ";", ","))


def mask_furniture(text: str, start: int = 0) -> str:
    """``text`` with its furniture lines blanked by spaces (same length: every offset holds).

    >>> mask_furniture("Skip to content\\nThe council met.")
    '               \\nThe council met.'
    """
    spans = furniture_spans(text, start)
    if not spans:
        return text
    parts, last = [], 0
    for s, e, _ in spans:
        parts += [text[last:s], " " * (e - s)]
        last = e
    parts.append(text[last:])
    return "".join(parts)
