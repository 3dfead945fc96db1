"""A learned second opinion on a sentence's PLOVER event type.

A TF-IDF + logistic-regression model trained by ``scripts/train_classifier.py`` on the
NGEC synthetic stories (pseudo-labels, never used for scoring). At run time only its
coefficients are read, with numpy: no scikit-learn, no training. The coder uses the
probabilities to rank its candidate triggers; the patterns still decide what is coded.

Features are lower-cased lemmas and lemma bigrams, with named entities and numbers
replaced by placeholders (``<gpe>``, ``<num>``) so that the model learns the action, not
the countries of its training stories.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Token

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "classifier"
# Entity labels replaced by a placeholder: who and when vary, the action does not.
MASKED_ENTS = frozenset({"PERSON", "GPE", "NORP", "ORG", "LOC", "FAC", "DATE", "TIME",
                         "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "EVENT"})


def features(tokens: Iterable[Token]) -> list[str]:
    """The n-gram features of a token sequence (a sentence Span, usually).

    Works on any objects with spaCy's ``lemma_``, ``ent_type_``, ``like_num``,
    ``is_punct`` and ``is_space``, so training and run time featurize alike.
    """
    words: list[str] = []
    for t in tokens:
        if t.is_punct or t.is_space:
            continue
        if t.ent_type_ in MASKED_ENTS:
            word = f"<{t.ent_type_.lower()}>"
        elif t.like_num:
            word = "<num>"
        else:
            word = (t.lemma_ or t.text).lower()
        if words and word == words[-1] and word.startswith("<"):
            continue  # one placeholder per multi-token entity
        words.append(word)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def tfidf_vector(grams: list[str], vocabulary: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """Sublinear-tf TF-IDF, L2-normalised, as scikit-learn's TfidfVectorizer computes it.

    >>> v = tfidf_vector(["a", "a", "b", "zz"], {"a": 0, "b": 1}, np.array([1.0, 1.0]))
    >>> [round(float(x), 3) for x in v]
    [0.861, 0.509]
    """
    vec = np.zeros(len(idf), dtype=np.float64)
    for gram, n in Counter(grams).items():
        j = vocabulary.get(gram)
        if j is not None:
            vec[j] = (1.0 + np.log(n)) * idf[j]
    norm = np.linalg.norm(vec)
    return vec / norm if norm else vec


class TypeClassifier:
    """Sentence → probability of each PLOVER type.

    vocabulary (dict[str, int]): n-gram → column.
    idf (np.ndarray): inverse document frequencies, one per column.
    coef (np.ndarray): (types × columns) weights.
    intercept (np.ndarray): one bias per type.
    classes (list[str]): the PLOVER type of each row.
    """

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray, classes: list[str]):
        self.vocabulary, self.idf = vocabulary, idf
        self.coef, self.intercept, self.classes = coef, intercept, classes

    def probabilities(self, tokens: Iterable[Token]) -> dict[str, float]:
        """The type probabilities for one sentence (a softmax over the types)."""
        x = tfidf_vector(features(tokens), self.vocabulary, self.idf)
        if not x.any():
            return {}
        logits = self.coef @ x + self.intercept
        p = np.exp(logits - logits.max())
        p /= p.sum()
        return {c: float(v) for c, v in zip(self.classes, p)}

    def save(self, directory: Path) -> None:
        """Write ``vocabulary.json`` and ``weights.npz`` (float32) to ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        terms = sorted(self.vocabulary, key=self.vocabulary.get)
        (directory / "vocabulary.json").write_text(
            json.dumps({"classes": self.classes, "terms": terms}, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(directory / "weights.npz", idf=self.idf.astype(np.float32),
                            coef=self.coef.astype(np.float32), intercept=self.intercept.astype(np.float32))

    @classmethod
    def load(cls, directory: Path) -> "TypeClassifier":
        meta = json.loads((directory / "vocabulary.json").read_text(encoding="utf-8"))
        with np.load(directory / "weights.npz") as w:
            idf, coef, intercept = (w[k].astype(np.float64) for k in ("idf", "coef", "intercept"))
        vocabulary = {t: i for i, t in enumerate(meta["terms"])}
        return cls(vocabulary, idf, coef, intercept, list(meta["classes"]))


@lru_cache(maxsize=2)
def load_classifier(directory: str | None = None) -> TypeClassifier | None:
    """The packaged model, or None when it has not been trained (the coder then runs without it)."""
    path = Path(directory) if directory else MODEL_DIR
    if not (path / "weights.npz").exists():
        log.info("no event-type classifier in %s", path)
        return None
    return TypeClassifier.load(path)
