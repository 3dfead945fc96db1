"""A small, dependency-free English detector: function-word ratios and scripts.

Coding non-English text with an English model produces confident nonsense, so ingest
skips it with a reason. Only a yes/no for English is needed, plus a best guess for the
error message.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FUNCTION_WORDS = {
    "en": "the of and to in a is that for on with was as by at from it his her he said has have are be will".split(),
    "es": "el la de que y en los las del se por con para una un es al".split(),
    "fr": "le la les de des et en du une un est que pour dans au sur pas".split(),
    "de": "der die das und den von zu mit ist im nicht ein eine auf dem des".split(),
    "pt": "o a os as de do da que e em um uma para com não por".split(),
    "it": "il la di che e in un una per con non del della sono gli".split(),
    "nl": "de het een en van in is dat op te zijn met voor niet".split(),
}
_SCRIPTS = {
    "ru/uk (Cyrillic)": re.compile(r"[\u0400-\u04ff]"),
    "ar/fa (Arabic script)": re.compile(r"[\u0600-\u06ff]"),
    "zh/ja (CJK)": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
    "ko (Hangul)": re.compile(r"[\uac00-\ud7af]"),
    "he (Hebrew)": re.compile(r"[\u0590-\u05ff]"),
    "el (Greek)": re.compile(r"[\u0370-\u03ff]"),
    "hi (Devanagari)": re.compile(r"[\u0900-\u097f]"),
}
_FUNCTION_SETS = {lang: frozenset(words) for lang, words in _FUNCTION_WORDS.items()}
# Any of the scripts: no single script can pass its share when all of them together do not,
# so one scan clears nearly every text (curly quotes alone make most news non-ASCII).
_ANY_SCRIPT = re.compile("|".join(pattern.pattern for pattern in _SCRIPTS.values()))


def detect_language(text: str, sample: int = 5000) -> str:
    """Best guess of the language: "en", another code, or "und" when too short to tell.

    >>> detect_language("The minister said on Monday that the talks would resume in Moscow.")
    'en'
    >>> detect_language("El ministro dijo el lunes que las conversaciones se reanudarán en Moscú.")
    'es'
    """
    chunk = text[:sample]
    # Every script above is outside ASCII: most English text needs no scan at all, and
    # text with none of these letters needs no count of its letters.
    scripts = 0 if chunk.isascii() else len(_ANY_SCRIPT.findall(chunk))
    letters = sum(map(str.isalpha, chunk)) if scripts else 0
    if letters and scripts > 0.3 * letters:
        for name, pattern in _SCRIPTS.items():
            if len(pattern.findall(chunk)) > 0.3 * letters:
                return name
    words = Counter(map(str.lower, _WORD.findall(chunk)))
    total = sum(words.values())
    if total < 5:
        return "und"
    scores = {lang: sum(words[w] for w in fw if w in words) / total for lang, fw in _FUNCTION_SETS.items()}
    best = max(scores, key=scores.get)
    # English headlines are terse: a modest ratio is enough when English still leads.
    return best if scores[best] >= 0.04 else "und"


def is_english(text: str) -> tuple[bool, str]:
    """Whether to code this text with an English model, and the detected language."""
    lang = detect_language(text)
    return lang in {"en", "und"}, lang
