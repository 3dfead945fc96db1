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

log = logging.getLogger(__name__)

# Weights of the three kinds of evidence that two reports tell one story.
W_ACTORS, W_EVENTS, W_TEXT = 0.35, 0.35, 0.30
THRESHOLD = 0.35
# A story goes cold after this many days without a report; later articles open a new one.
WINDOW_DAYS = 14
# Stories are represented by their latest articles only, so a long story's cost stays flat.
MAX_STORY_TEXTS = 20

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
    """A story as candidates are scored against it."""

    id: str
    articles: list[ArticleFeatures] = field(default_factory=list)

    @property
    def actors(self) -> Counter[str]:
        return Counter(k for a in self.articles for k in a.actors)

    @property
    def clusters(self) -> set[str]:
        return {c for a in self.articles for c in a.clusters}

    @property
    def last(self) -> dt.date | None:
        return max((a.published for a in self.articles if a.published), default=None)


def tokens(text: str) -> list[str]:
    """Content words of a text, lower case.

    >>> tokens("Kyrgyzstan held talks with Tajikistan.")
    ['kyrgyzstan', 'held', 'talks', 'tajikistan']
    """
    return [w for w in _TOKEN.findall(text.lower()) if w not in _STOP]


@lru_cache(maxsize=8192)
def _bag(text: str) -> Counter[str]:
    """Word counts of a text, cached: each story's texts are compared with every new
    article, so re-tokenising them dominated ingest time. Callers must not mutate it."""
    return Counter(tokens(text))


def tfidf_cosines(query: str, docs: Sequence[str]) -> list[float]:
    """Cosine similarity of ``query`` to each of ``docs`` under TF-IDF fitted on all of them.

    Pure Python on purpose: the candidate set is small after blocking, and fitting a
    vectoriser per call would cost more than it saves.

    >>> [round(x, 2) for x in tfidf_cosines("river water talks", ["water talks on the river", "rail freight"])]
    [1.0, 0.0]
    """
    bags = [_bag(t) for t in (query, *docs)]
    n = len(bags)
    df = Counter(w for b in bags for w in b)
    idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}

    def vec(bag: Counter[str]) -> dict[str, float]:
        v = {w: (1 + math.log(c)) * idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    q, *rest = (vec(b) for b in bags)
    return [sum(x * d.get(w, 0.0) for w, x in q.items()) for d in rest]


def similarity(article: ArticleFeatures, story: StoryState, text_cosine: float) -> float:
    """How well an article fits a story, 0..1 (weighted actors, events, words).

    Actor overlap is the share of the article's actors the story already has, so a
    long story with many actors does not dilute a matching article.
    """
    actors = len(article.actors & set(story.actors)) / len(article.actors) if article.actors else 0.0
    events = 1.0 if article.clusters & story.clusters else 0.0
    return W_ACTORS * actors + W_EVENTS * events + W_TEXT * text_cosine


def new_story_id(article_id: str) -> str:
    """A story id derived from its first article (stable across re-runs).

    >>> new_story_id("abc")
    'st-a9993e364706816a'
    """
    return "st-" + hashlib.sha1(article_id.encode()).hexdigest()[:16]


def assign(
    article: ArticleFeatures, candidates: Iterable[StoryState], *, threshold: float = THRESHOLD,
) -> tuple[StoryState | None, float]:
    """The best candidate story for an article, or None when none reaches ``threshold``.

    article (ArticleFeatures): the new article.
    candidates (Iterable[StoryState]): stories that share an actor in the date window.
    RETURNS (tuple[StoryState | None, float]): the story and the score.
    """
    stories = [s for s in candidates if _in_window(article, s)]
    if not stories:
        return None, 0.0
    texts = [" ".join(a.text for a in s.articles[-MAX_STORY_TEXTS:]) for s in stories]
    cosines = tfidf_cosines(article.text, texts)
    scored = sorted(((similarity(article, s, c), s.id, s) for s, c in zip(stories, cosines)),
                    key=lambda x: (-x[0], x[1]))
    best_score, _, best = scored[0]
    log.debug("article %s: best story %s scores %.2f", article.article_id, best.id, best_score)
    return (best, best_score) if best_score >= threshold else (None, best_score)


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
        candidates = [s for s in stories if art.actors & set(s.actors) or art.clusters & s.clusters]
        best, _ = assign(art, candidates, threshold=threshold)
        if best is None:
            best = StoryState(id=new_story_id(art.article_id))
            stories.append(best)
        best.articles.append(art)
    return stories
