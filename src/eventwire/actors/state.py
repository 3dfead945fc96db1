"""The actor resolver's state for one article: token columns, candidate mentions, KB lookups.

Every step of resolution (``mentions``, ``places``, ``roles``, ``coref``, ``agents``,
``context``, ``collectives``, ``grouping``) is a function of one ``DocState``: it reads
the article's token columns and the candidates the steps before it found, and adds or
replaces candidates. A candidate (``Cand``) is a token span, what it refers to (``Ref``)
and a priority; in ``grouping`` the lowest priority claims its tokens first:

1. a second mention named in apposition or by kinship ("X's widow, Y");
2. names (KB aliases, named entities);
3. countries from demonyms and possessives ("Kenyan", "Russia's");
4. a country's government ("the Kenyan government");
5. agent phrases ("Kenyan police", "rebels");
6. place names that do not act ("talks in Nairobi") and bloc adjectives ("western").
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Token

from ..memo import Memo
from ..nlp.columns import Columns, columns, doc_text, sentence_spans, text_between
from .chunks import Chunk, left_edges, noun_chunk_bounds, span_root
from .kb import BLOCS, KnowledgeBase
from .normalize import norm, token_norms

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
# Agent codes too vague to code an actor from a common noun in an article.
VAGUE = {"NON", "UNK", "JNK"}
KIN = {"widow": ("spouse", "F"), "wife": ("spouse", "F"), "husband": ("spouse", "M"),
       "widower": ("spouse", "M"), "spouse": ("spouse", None)}
PRONOUN_GENDER = {"her": "F", "his": "M", "its": None, "their": None}


@dataclass
class Ref:
    """What a mention refers to before grouping: a KB entity or a described actor."""

    key: str  # the actor id
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    role: str | None = None
    kb_id: str | None = None
    resolution: str = "ner-only"
    organization: str | None = None
    members: list[str] = field(default_factory=list)
    gender: str | None = None
    spouse: str | None = None


@dataclass
class Cand:
    """One mention: token span [start, end) and what it refers to."""

    start: int
    end: int
    ref: Ref
    priority: int  # lower claims its tokens first


def is_cap(tok: Token) -> bool:
    """Does the token begin like a name (capital letter or digit)?"""
    return is_cap_text(tok.text)


def _begins_like_a_name(text: str) -> bool:
    """Does ``text`` begin with a capital letter or a digit (as a name may)?

    >>> _begins_like_a_name("Nairobi"), _begins_like_a_name("1st"), _begins_like_a_name("police")
    (True, True, False)
    """
    return text[:1].isupper() or text[:1].isdigit()


# Memoised across articles: token texts repeat (benchmarks/README.md, "actor resolver").
is_cap_text = Memo(_begins_like_a_name, limit=1 << 16).__getitem__


def quoted_tokens(texts: list[str]) -> set[int]:
    """Tokens between straight double quotes (cleaning made all quotes straight).

    A paragraph break ends a quote left open. spaCy keeps at most one space as a token's
    trailing whitespace, so the break is a whitespace token of its own.

    >>> sorted(quoted_tokens(["He", "said", '"', "no", "deal", '"', "."]))
    [3, 4]
    >>> sorted(quoted_tokens(['"', "open", "\\n\\n", "Police", "said"]))
    [1, 2]
    """
    inside, out = False, set()
    if '"' not in texts:
        return out
    for i, text in enumerate(texts):
        if text == '"':
            inside = not inside
        elif inside:
            out.add(i)
        if "\n\n" in text:
            inside = False
    return out


class DocState:
    """Resolution state for one Doc: what every step reads and the candidates it adds to.

    doc (Doc): a Doc parsed by the tagger, parser and NER.
    kb (KnowledgeBase): the actor KB.
    published (date | None): publication date for time-bounded roles (latest role if None).
    phrase (bool): the Doc is one actor phrase, not an article (place names count as actors).
    """

    # Read once per Doc by ``read_columns``.
    cols: Columns
    text: str
    norms: list[str]  # each token's normalised form (``normalize.token_norms``)
    left_edge: list[int]
    noun_chunks: list[Chunk]
    quoted: set[int]  # tokens inside double quotes

    def __init__(self, doc: Doc, kb: KnowledgeBase, published: dt.date | None, *, phrase: bool = False):
        self.doc, self.kb, self.date, self.phrase = doc, kb, published, phrase
        self.cands: list[Cand] = []
        self.title_tokens: set[int] = set()  # tokens of a title or apposition: no person of their own
        self.name_at: dict[int, Cand] = {}  # token index -> name candidate covering it
        self.warnings: list[str] = []
        self.spouses: dict[str, str] = {}  # actor id -> spouse's actor id, as the article says

    def read_columns(self) -> None:
        """Read the Doc's token columns, norms, noun chunks and quoted tokens once."""
        self.cols = cols = columns(self.doc)
        self.text = doc_text(self.doc)
        self.norms = token_norms(cols.text)
        self.left_edge = left_edges(cols.head)
        self.noun_chunks = noun_chunk_bounds(self.doc, cols, self.left_edge) if self.doc.has_annotation("DEP") else []
        self.quoted = quoted_tokens(cols.text)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, cut from the text read once."""
        return text_between(self.text, self.cols, start, end)

    @cached_property
    def sent_starts(self) -> list[int]:
        """The first token of each sentence, read once per Doc."""
        return [s.start for s in sentence_spans(self.doc)]

    def sentence(self, i: int) -> tuple[int, int]:
        """``doc[i].sent``'s token bounds [start, end), bisected from ``sent_starts``."""
        starts = self.sent_starts
        k = bisect_right(starts, i) - 1
        return starts[k], (starts[k + 1] if k + 1 < len(starts) else len(self.doc))

    def previous_sentence_start(self, i: int) -> int:
        """The first token of the sentence before token ``i``'s (of its own in the first)."""
        start = self.sentence(i)[0]
        return self.sentence(start - 1)[0] if start > 0 else start

    def entity_ref(self, idx: int, how: str = "kb-alias") -> Ref:
        """A KB entity as it is at the publication date (its role then gives country and sector).

        how (str): how the mention was matched; a fuzzy or surname match keeps saying so.
        """
        e = self.kb.entities[idx]
        role = self.kb.role_of(idx, self.date)
        resolution = role.how if role.how != "kb-alias" else how
        if how.startswith("fuzzy") or how.startswith("kb-surname"):
            resolution = f"{how}+{role.how}" if role.how != "kb-alias" else how
        sector = role.sector if role.sector is not None or e["kind"] == "PERSON" else e.get("sector")
        org = e.get("organization")
        return Ref(key=e["id"], name=e["name"], country=role.country, sector=sector, kind=e["kind"],
                   role=role.office, kb_id=e["id"], resolution=resolution, organization=org,
                   gender=e.get("gender"), spouse=e.get("spouse"))

    def pick(self, hits: list[int]) -> int | None:
        """Among entities sharing an alias, prefer one holding a role at the date."""
        if not hits:
            return None
        if len(hits) > 1 and self.date is not None and self.kb.entities[hits[0]]["kind"] == "PERSON":
            iso = self.date.isoformat()
            for i in hits[:20]:
                roles = self.kb.entities[i].get("roles") or []
                if any((r[2] or "") <= iso and (r[3] is None or iso <= r[3]) for r in roles if r[2] or r[3]):
                    return i
        return hits[0]

    def resolve_name(self, text: str) -> tuple[int | None, str]:
        """The KB entity a name is an alias of, else its fuzzy match: (index, how), or (None, "")."""
        idx = self.pick(self.kb.lookup(text))
        if idx is not None:
            return idx, "kb-alias"
        idx = self.pick(self.kb.fuzzy(text))
        if idx is not None:
            score = Levenshtein.normalized_similarity(norm(text), norm(self.kb.entities[idx]["name"]))
            return idx, f"fuzzy:{round(score * 100)}"
        return None, ""

    def country_cand(self, start: int, end: int, code: str, how: str) -> Cand | None:
        """A mention of the country ``code`` (priority 3); None for a bloc or a code the KB lacks."""
        if code in BLOCS:
            return None
        e = self.kb.country_entity(code[:3])
        if e is None:
            return None
        ref = Ref(key=e["id"], name=e["name"], country=code[:3], sector=None, kind="GPE", kb_id=e["id"], resolution=how)
        return Cand(start, end, ref, priority=3)

    def still_cand(self, cand: Cand) -> bool:
        """True unless ``drop_cands`` has dropped ``cand`` since it was listed."""
        return any(c is cand for c in self.cands)

    def drop_cands(self, span: tuple[int, int]) -> None:
        """Drop every candidate overlapping tokens [start, end): a longer phrase replaces them."""
        self.cands = [c for c in self.cands if c.end <= span[0] or c.start >= span[1]]

    def chunk_at(self, start: int) -> Chunk | None:
        """The noun chunk containing token ``start``, else None."""
        for chunk in self.noun_chunks:
            if chunk.start <= start < chunk.end:
                return chunk
        return None

    def chunk_root(self, chunk: Chunk) -> Token:
        """The chunk's ``Span.root``."""
        return self.doc[span_root(self.cols, chunk.start, chunk.end)]
