"""Restore the usual casing of all-lower-case and ALL-CAPS lines before parsing.

Feeds and some corpora deliver text in lower case, headlines come in capitals, and the
tagger reads names, entities and sentence starts from capitals: "police arrested dozens
in the capital" parses, "POLICE ARRESTED DOZENS" does not. Each such line is re-cased
word by word from a table of the casing news usually gives a word
(``data/truecase/casing.tsv.gz``, built by ``scripts/build_truecase.py``), with sentence
starts capitalised. Only letters change case, so every character offset stays valid: the
Article's text is untouched, and the Doc the pipeline parses has the same length.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

from ..ingest.furniture import mask_furniture

DATA = Path(__file__).resolve().parents[1] / "data" / "truecase" / "casing.tsv.gz"
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
# Where a sentence starts: the text's start, or after a stop, a colon, an opening quote or
# a dash (a straight quote may close as well as open, so it starts nothing).
_START = re.compile(r"(?:^|[.!?:\u201c(\u2014-])\s*$")
# A line is re-cased when it has at least this many letters and is either lower case (no
# capital at all, or a lower-case start and almost none: "police in kenya said ... UN")
# or capitals (this share of its letters or more).
MIN_LETTERS = 12
LOWER_SHARE, UPPER_SHARE = 0.02, 0.8


@lru_cache(maxsize=1)
def casing_table() -> dict[str, str]:
    """lower-case word → its usual casing (only words not usually written in lower case)."""
    table: dict[str, str] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                low, _, cased = line.rstrip("\n").partition("\t")
                table[low] = cased
    return table


def needs_truecase(line: str) -> bool:
    """Whether a line is all lower case or all capitals (and long enough to tell).

    >>> needs_truecase("police arrested dozens of protesters"), needs_truecase("Police arrested them")
    (True, False)
    >>> needs_truecase("POLICE ARRESTED DOZENS OF PROTESTERS")
    True
    >>> needs_truecase('The group was listed as a "foreign terrorist organization" by the agency.')
    False
    """
    letters = [c for c in line if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return False
    upper = sum(c.isupper() for c in letters)
    if upper == 0 or (letters[0].islower() and upper / len(letters) < LOWER_SHARE):
        return True
    return upper / len(letters) > UPPER_SHARE


def _recase_line(line: str, table: dict[str, str]) -> str:
    out, last = [], 0
    for m in _WORD.finditer(line):
        word = m.group()
        low = word.lower()
        cased = table.get(low, low)
        if _START.search(line[:m.start()]):
            cased = cased[:1].upper() + cased[1:]
        if len(cased) != len(word):
            cased = word  # a casing that changes the length would shift offsets
        out.append(line[last:m.start()])
        out.append(cased)
        last = m.end()
    out.append(line[last:])
    return "".join(out)


def truecase(text: str) -> str:
    """``text`` with its all-lower-case and ALL-CAPS lines re-cased (same length).

    >>> truecase("police in kenya arrested 12 protesters on monday.")
    'Police in Kenya arrested 12 protesters on Monday.'
    >>> truecase("Already Cased text stays as it is.")
    'Already Cased text stays as it is.'
    """
    lines = text.split("\n")
    flagged = [needs_truecase(line) for line in lines]  # each line scanned once
    if not any(flagged):
        return text
    table = casing_table()
    return "\n".join(_recase_line(line, table) if flag else line for line, flag in zip(lines, flagged))


class TruecasingTokenizer:
    """Wraps a spaCy tokenizer: blank page furniture, re-case the text, then tokenize it.

    Picklable (for worker processes): it holds the wrapped tokenizer and nothing else; the
    table loads once per process.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        # Page furniture (captions, bylines, navigation ...) is blanked first, same length,
        # so that no actor or event is read from it and every offset still holds (#18).
        return self.tokenizer(truecase(mask_furniture(text)))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        # Everything else (vocab, rules, to_disk ...) is the wrapped tokenizer's.
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)
