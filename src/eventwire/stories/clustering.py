"""Story clustering: articles about one story grouped, incrementally, as they arrive.

A new article is compared only with the stories that share an actor with it inside a
date window (the caller's blocking), never with the whole store. It joins the best one
whose score reaches the threshold, or opens a new story.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, repeat
from operator import mul, truediv
from typing import Any

from ..memo import Memo

log = logging.getLogger(__name__)

# Weights of the three kinds of evidence that two reports tell one story.
W_ACTORS, W_EVENTS, W_TEXT = 0.35, 0.35, 0.30
THRESHOLD = 0.35
# A story's later events (a release after an arrest, a closure after a clash) share no
# event cluster with its first reports, so on actors and words alone each opened a story
# of its own (#18). An article naming the same pair of parties as the story, on the same
# topic (words above TOPIC_COSINE), counts this share of the event evidence instead. One
# shared party is not enough: two stories about a common neighbour stay apart.
PAIR_EVENTS = 0.5
TOPIC_COSINE = 0.15
# A story goes cold after this many days without a report; later articles open a new one.
WINDOW_DAYS = 14
# Stories are represented by their latest articles only, so a long story's cost stays flat.
MAX_STORY_TEXTS = 20
# Words are compared with this many candidate stories at most: the ones that share the
# most actors and events with the article. Without the cap, an article about a busy actor
# ("United States") was compared word by word with every story of the neighbourhood, and
# story assignment grew with the store until it cost more than parsing the article.
MAX_TEXT_CANDIDATES = 8
# A cosine of two unit vectors, as summed in floating point, exceeds 1 by far less than
# this: a story whose score without words trails the best by more than W_TEXT plus this
# cannot win, so its words need not be compared.
_COSINE_SLACK = 1e-9

_TOKEN = re.compile(r"[a-z][a-z0-9'-]{2,}")
_STOP = frozenset(
    "the and for with that this from said says will have has had was were are been its their "
    "they them his her him who which what when where after before over into about than also "
    "would could should there other more most some such only on in of to a an by at as is it be".split())


@dataclass
class ArticleFeatures:
    """What story assignment looks at in one article."""

    article_id: str
    published: dt.date | None
    source: str | None
    actors: frozenset[str]  # canonical actor keys (see dedup.actor_key)
    clusters: frozenset[str]  # event cluster ids
    text: str
    title: str | None = None


@dataclass
class StoryState:
    """A story as candidates are scored against it.

    Every new article is scored against the story, so what scoring reads is kept ready:
    actor keys, clusters, latest date and word bag are updated by ``add``, and the norm
    of the bag's TF-IDF weights is cached until ``add`` changes it. Add articles with
    ``add`` (or the constructor), never by appending to ``articles``, or these go stale.
    """

    id: str
    articles: list[ArticleFeatures] = field(default_factory=list)
    actors: frozenset[str] = field(default=frozenset(), init=False)
    clusters: frozenset[str] = field(default=frozenset(), init=False)
    last: dt.date | None = field(default=None, init=False)
    _bag: Counter[str] | None = field(default=None, init=False, repr=False, compare=False)
    # The norm of the bag's TF-IDF weights under _idf (None: not computed). _idf is held,
    # not its id(): a later Idf can never reuse the address and be served this norm.
    _idf: Idf | None = field(default=None, init=False, repr=False, compare=False)
    _norm: float | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        given, self.articles = self.articles, []
        for article in given:
            self.add(article)

    def add(self, article: ArticleFeatures) -> None:
        """Add an article to the story (at the end: the latest)."""
        self.articles.append(article)
        self.actors |= article.actors
        self.clusters |= article.clusters
        if article.published and (self.last is None or article.published > self.last):
            self.last = article.published
        if self._bag is not None and len(self.articles) <= MAX_STORY_TEXTS:
            # Counting on from the last count gives what a recount would, in the same
            # order: no text drops out yet, and the new words come last either way.
            self._bag.update(_words(article.text))
        else:
            self._bag = None
        self._norm = None

    def bag(self) -> Counter[str]:
        """Word counts of the story's latest MAX_STORY_TEXTS articles (``add`` updates it:
        read it, do not keep or change it).

        Counted over their words in a row, which gives the same counts in the same
        order as adding up each article's bag, with the loop in C.
        """
        if self._bag is None:
            latest = self.articles[-MAX_STORY_TEXTS:]
            self._bag = Counter(chain.from_iterable(_words(a.text) for a in latest))
        return self._bag

    def cosine(self, query: dict[str, float], idf: "Idf") -> float:
        """``cosine(query, idf.unit_vector(self.bag()))``, bit for bit, without building
        the story's unit vector.

        A story's bag holds up to thousands of words, and its vector was built anew
        whenever an article joined it or a new update came: most of story assignment.
        Only the norm needs all its words; a word's weight is computed here, for the
        words the two texts share. The products and their order are those of ``cosine``
        (iterate the shorter vector, in its order; a product of two floats does not depend
        on their order); the words it skips would add 0.0, which leaves a sum of positive
        terms unchanged (with no word shared, the sum is 0 instead of 0.0: the same score).
        """
        bag, norm = self.bag(), self._norm_under(idf)
        shorter, longer = (query, bag) if len(query) <= len(bag) else (bag, query)
        shared = list(filter(longer.__contains__, shorter))
        mine = map(truediv, idf.tf_idf(shared, map(bag.__getitem__, shared)), repeat(norm))
        return sum(map(mul, map(query.__getitem__, shared), mine))

    def _norm_under(self, idf: "Idf") -> float:
        """The Euclidean norm of the story's TF-IDF weights under ``idf`` (as ``unit_vector``'s)."""
        if self._norm is None or self._idf is not idf:
            bag = self.bag()
            self._idf, self._norm = idf, _l2_norm(list(idf.tf_idf(bag, bag.values())))
        return self._norm


def tokens(text: str) -> list[str]:
    """Content words of a text, lower case.

    >>> tokens("Kyrgyzstan held talks with Tajikistan.")
    ['kyrgyzstan', 'held', 'talks', 'tajikistan']
    """
    return [w for w in _TOKEN.findall(text.lower()) if w not in _STOP]


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    """``tokens`` of a text, cached: each story's texts are compared with every new
    article, so re-tokenising them dominated ingest time."""
    return tuple(tokens(text))


@lru_cache(maxsize=8192)
def _bag(text: str) -> Counter[str]:
    """Word counts of a text, cached as ``_words``. Callers must not mutate it."""
    return Counter(_words(text))


# count -> 1 + log(count), computed once per count (math.log of an int is slow): a pure
# function of small integers (word counts), so the memo stays small and never goes stale.
_SUBLINEAR_TF: Memo[int, float] = Memo(lambda count: 1 + math.log(count))


class Idf:
    """Inverse document frequencies fitted on a set of word bags (smoothed, as scikit-learn's).

    Story assignment fits one Idf per update, over every article it reads, so each story's
    vector is computed once per update instead of once per article scored against it.
    """

    def __init__(self, bags: Iterable[Counter[str]]):
        bags = list(bags)
        self.n = len(bags)
        df = Counter(chain.from_iterable(bags))
        # A word's weight depends on its document count alone: one log per distinct count.
        by_count = {c: math.log((1 + self.n) / (1 + c)) + 1 for c in set(df.values())}
        self.weights = dict(zip(df, map(by_count.__getitem__, df.values())))
        self.unseen = math.log(1 + self.n) + 1

    def tf_idf(self, words: Iterable[str], counts: Iterable[int]) -> map:
        """(1 + log(count)) * idf(word) of each word and its count, lazily, in their order."""
        return map(mul, map(_SUBLINEAR_TF.__getitem__, counts), map(self.weights.get, words, repeat(self.unseen)))

    def unit_vector(self, bag: Counter[str]) -> dict[str, float]:
        """Sublinear TF times IDF, scaled to unit length.

        Each weight is (1 + log(count)) * idf(word) and the norm sums their squares in
        the bag's order. Written as chained ``map`` calls so the loops run in C (a story's
        bag holds thousands of words); same operations in the same order as a loop.
        """
        raw = list(self.tf_idf(bag, bag.values()))
        return dict(zip(bag, map(truediv, raw, repeat(_l2_norm(raw)))))


def _l2_norm(weights: list[float]) -> float:
    """Euclidean norm of weights (their squares summed in order), or 1.0 if all zero."""
    return math.sqrt(sum(map(mul, weights, weights))) or 1.0


def cosine(q: dict[str, float], d: dict[str, float]) -> float:
    """Dot product of two unit vectors (iterating the shorter, in its order, in C)."""
    if len(q) > len(d):
        q, d = d, q
    return sum(map(mul, q.values(), map(d.get, q, repeat(0.0))))


def tfidf_cosines(query: str, docs: Sequence[str]) -> list[float]:
    """Cosine similarity of ``query`` to each of ``docs`` under TF-IDF fitted on all of them.

    Pure Python on purpose: the candidate set is small after blocking, and fitting a
    vectoriser per call would cost more than it saves.

    >>> [round(x, 2) for x in tfidf_cosines("river water talks", ["water talks on the river", "rail freight"])]
    [1.0, 0.0]
    """
    bags = [_bag(t) for t in (query, *docs)]
    idf = Idf(bags)
    q, *rest = (idf.unit_vector(b) for b in bags)
    return [cosine(q, d) for d in rest]


def similarity(article: ArticleFeatures, story: StoryState, text_cosine: float) -> float:
    """How well an article fits a story, 0..1 (weighted actors, events, words).

    Actor overlap is the share of the article's actors the story already has, so a
    long story with many actors does not dilute a matching article.
    """
    shared = article.actors & story.actors
    actors = len(shared) / len(article.actors) if article.actors else 0.0
    events = 0.0 if article.clusters.isdisjoint(story.clusters) else 1.0
    if not events and text_cosine >= TOPIC_COSINE and sum(map(is_named_party, shared)) >= 2:
        events = PAIR_EVENTS
    return W_ACTORS * actors + W_EVENTS * events + W_TEXT * text_cosine


def is_named_party(key: str) -> bool:
    """Whether an actor key names a party that identifies a story: resolved, not a bare
    name the parse could not place ("ent:...") nor the unidentified actor.

    >>> is_named_party("state:BOL"), is_named_party("ent:seme"), is_named_party("unidentified")
    (True, False, False)
    """
    return not key.startswith("ent:") and key != "unidentified"


def shares_actor_or_event(article: ArticleFeatures, story: StoryState) -> bool:
    """Whether a story has one of the article's actors or event clusters: the blocking that
    makes it a candidate. Tested with isdisjoint, which builds no intersection: it runs for
    every story of the neighbourhood and every new article."""
    return not (article.actors.isdisjoint(story.actors) and article.clusters.isdisjoint(story.clusters))


def new_story_id(article_id: str) -> str:
    """A story id derived from its first article (stable across re-runs).

    >>> new_story_id("abc")
    'st-a9993e364706816a'
    """
    return "st-" + hashlib.sha1(article_id.encode()).hexdigest()[:16]


def assign(
    article: ArticleFeatures, candidates: Iterable[StoryState], *, threshold: float = THRESHOLD,
    idf: Idf | None = None,
) -> tuple[StoryState | None, float]:
    """The best candidate story for an article, or None when none reaches ``threshold``.

    article (ArticleFeatures): the new article.
    candidates (Iterable[StoryState]): stories that share an actor in the date window.
    idf (Idf | None): word weights shared by a run of calls (see ``article_idf``);
        default: fitted on this article and these candidates.
    RETURNS (tuple[StoryState | None, float]): the story and the score.
    """
    stories = [s for s in candidates if _in_window(article, s)]
    if not stories:
        return None, 0.0
    # Words weigh W_TEXT at most: rank by actors and events first, compare words with the
    # leaders only (the order is total, so the choice does not depend on input order).
    ranked = sorted(((similarity(article, s, 0.0), s) for s in stories), key=lambda x: (-x[0], x[1].id))
    ranked = ranked[:MAX_TEXT_CANDIDATES]
    if idf is None:  # fitted on what this call compares
        idf = Idf([_bag(article.text), *(s.bag() for _, s in ranked)])
    query = idf.unit_vector(_bag(article.text))
    best, best_score = None, 0.0
    for without_words, story in ranked:
        # Words can add W_TEXT and, on a shared pair of parties, the pair's event share.
        if best is not None and without_words + W_TEXT + W_EVENTS * PAIR_EVENTS + _COSINE_SLACK < best_score:
            break  # ranked by score without words: neither this story nor a later one can win
        score = similarity(article, story, story.cosine(query, idf))
        if best is None or (-score, story.id) < (-best_score, best.id):
            best, best_score = story, score
    log.debug("article %s: best story %s scores %.2f", article.article_id, best.id, best_score)
    return (best, best_score) if best_score >= threshold else (None, best_score)


def article_idf(articles: Iterable[ArticleFeatures]) -> Idf:
    """One Idf over the articles an update reads (new ones and the stories' latest)."""
    return Idf(_bag(a.text) for a in articles)


def _in_window(article: ArticleFeatures, story: StoryState) -> bool:
    last = story.last
    if article.published is None or last is None:
        return True
    return abs((article.published - last).days) <= WINDOW_DAYS


def cluster_articles(articles: Iterable[ArticleFeatures], stories: list[StoryState] | None = None,
                     *, threshold: float = THRESHOLD) -> list[StoryState]:
    """Assign articles one by one (oldest first), as an incremental feed would.

    Blocking here is by shared actor key; the store layer does the same with SQL.
    RETURNS (list[StoryState]): the stories, old and new.
    """
    stories = list(stories or [])
    for art in sorted(articles, key=lambda a: (a.published or dt.date.max, a.article_id)):
        candidates = [s for s in stories if shares_actor_or_event(art, s)]
        best, _ = assign(art, candidates, threshold=threshold)
        if best is None:
            best = StoryState(id=new_story_id(art.article_id))
            stories.append(best)
        best.add(art)
    return stories


def story_title(rows: list[Any]) -> str | None:
    """The title of a story: its earliest dated article's title that is a headline, not
    page furniture ("Skip to content", a bare site name) (#18).

    rows (list): the story's articles (``title``, ``published``, ``source_domain``).
    Undated articles come last whatever order the database sorts NULLs in, so the title
    of an undated copy does not name a story its dated reports started.
    """
    from ..ingest.furniture import furniture_kind

    def headline(title: str | None, domain: str | None) -> bool:
        if not title or not title.strip() or furniture_kind(title.strip()):
            return False
        plain = "".join(ch for ch in title.lower() if ch.isalnum())
        site = "".join(ch for ch in (domain or "").split(".")[0].lower() if ch.isalnum())
        return len(title.split()) >= 2 and plain != site

    ordered = sorted(rows, key=lambda r: (r.published is None, r.published or dt.date.min, r.id))
    return next((r.title for r in ordered if headline(r.title, r.source_domain)),
                next((r.title for r in ordered if r.title), None))
