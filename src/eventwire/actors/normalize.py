"""String keys for actor names: exact alias keys and transliteration-tolerant skeletons.

The converter (scripts/convert_actors.py) and the resolver must build keys the same
way, so both import these functions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..memo import Memo

_APOSTROPHES = re.compile(r"['\u2019`\u00b4]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(.)\1+")
# Consonant classes that transliterations swap freely (Marzouk/Marzuq, Khurelsukh/Hurelsuh).
_CONSONANTS = str.maketrans({"q": "k", "c": "k", "w": "v", "j": "y", "z": "s"})


def ascii_fold(text: str) -> str:
    """Strip accents: "Khürelsükh" -> "Khurelsukh".

    >>> ascii_fold("Jüri Ratas")
    'Juri Ratas'
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The resolver keys every capitalised token and candidate span, and names repeat across
# articles: a bounded cache makes the repeats free.
@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """The exact-match key of a name: folded, lower case, punctuation-free, single-spaced.

    >>> norm("the U.N.'s  Secretary-General")
    'the uns secretary general'
    """
    text = ascii_fold(text).lower().replace("_", " ").replace(".", "")
    text = _APOSTROPHES.sub("", text)
    return _NON_ALNUM.sub(" ", text).strip()


# Token text -> ``norm(text)``. The resolver keys every token of every article: a map over
# this memo's lookup runs in C, about twice as fast as calling ``norm``'s cache. Shared by
# all articles and bounded like that cache.
_TOKEN_NORMS: Memo[str, str] = Memo(norm, limit=1 << 16)


def token_norms(texts: list[str]) -> list[str]:
    """``[norm(t) for t in texts]``, for a Doc's token texts.

    >>> token_norms(["U.N.", "'s", "Secretary-General"])
    ['un', 's', 'secretary general']
    """
    return list(map(_TOKEN_NORMS.__getitem__, texts))


def strip_article(key: str) -> str:
    """Drop a leading "the " from a key.

    >>> strip_article("the kremlin")
    'kremlin'
    """
    return key[4:] if key.startswith("the ") else key


# Spellings of the Arabic article: "Omar El Bashir" and "Omar al-Bashir" are one name.
# Over the whole KB, spelling them alike joins no two distinct people or bodies.
_ARTICLE_SPELLINGS = ("al", "el")


def article_variants(key: str) -> list[str]:
    """The key with its Arabic articles spelt each other way, for names the KB spells so.

    Only an article inside a personal name of two more words: a leading "El" begins many
    names that are no Arabic name at all ("El Moudjahid", "El Pais").

    >>> article_variants("omar el bashir")
    ['omar al bashir']
    >>> article_variants("vladimir putin"), article_variants("el moudjahid")
    ([], [])
    """
    words = key.split()
    inner = [n for n, w in enumerate(words) if n > 0 and w in _ARTICLE_SPELLINGS]
    if not inner or len(words) - len(inner) < 2:
        return []
    variants = (" ".join(spelling if n in inner else w for n, w in enumerate(words)) for spelling in _ARTICLE_SPELLINGS)
    return [v for v in variants if v != key]


def _skeleton_word(word: str) -> str:
    if word.startswith(("kh", "gh")):
        word = word[0] + word[2:]
    word = word.translate(_CONSONANTS).replace("ph", "f").replace("kh", "k")
    body = _VOWELS.sub("", word[1:]).replace("h", "")
    return _DOUBLE.sub(r"\1", word[:1] + body)


def skeleton(text: str) -> str:
    """A transliteration-tolerant key: vowels, h and doubled letters dropped per word.

    Mousa/Musa, Marzouk/Marzook, Sergei/Sergey and Mohammad/Muhammad share a skeleton.

    >>> skeleton("Mousa Abu Marzouk") == skeleton("Musa Abu Marzook")
    True
    >>> skeleton("Sergei Lavrov") == skeleton("Sergey Lavrov")
    True
    >>> skeleton("Mohammad Shtayyeh") == skeleton("Muhammad Shtayyeh")
    True
    """
    return " ".join(_skeleton_word(w) for w in norm(text).split())


def slug(text: str) -> str:
    """A stable id from a canonical name.

    >>> slug("Government of Russia")
    'government-of-russia'
    """
    return norm(text).replace(" ", "-")
