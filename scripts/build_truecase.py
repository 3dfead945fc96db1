"""Build the truecasing table: for each word, the casing news text gives it mid-sentence.

Usage: python scripts/build_truecase.py [--out src/eventwire/data/truecase/casing.tsv.gz]

Lower-case feeds and ALL-CAPS headlines parse badly: the tagger reads entities and
sentence starts from capitals. The run time restores the usual casing before parsing
(``eventwire.nlp.truecase``), word by word, from this table (the most frequent casing;
Lita et al. 2003). Sources, all MIT or ours:

- casing counts of words not at a sentence start in the NGEC synthetic stories and the
  non-gold event-location sentences (``../shared``; only word casings are kept, no text);
- the names in eventwire's actor knowledge base (countries, people, organisations) and
  the gazetteer's places of 100,000 people or more, for words the corpora never wrote.

Only words whose preferred form is not all lower case are written.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from eventwire.actors.kb import load_kb
from eventwire.eval.common import shared_path
from eventwire.eval.silver import event_location_sentences

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "truecase" / "casing.tsv.gz"
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
SENTENCE_START = re.compile(r"(^|[.!?:;\"\u201c\u2018(\n-]\s*)$")


def corpus_texts():
    path = shared_path("training", "ngec-synthetic", "gpt_synthetic_events_2023-10-19_19.csv.zip")
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv") and "MACOSX" not in n)
        for row in csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8")):
            yield row["text"]
    yield from event_location_sentences().values()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    counts: dict[str, Counter] = defaultdict(Counter)
    for text in corpus_texts():
        for m in WORD.finditer(text):
            if SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]):
                continue
            w = m.group()
            counts[w.lower()][w] += 1
    kb = load_kb()
    names: dict[str, str] = {}
    for e in kb.entities:
        for w in WORD.findall(e.get("name", "")):
            if w[0].isupper() and len(w) > 1:
                names.setdefault(w.lower(), w)
    with gzip.open(Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "places" / "gazetteer.tsv.gz", "rt") as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) > 5 and parts[5].isdigit() and int(parts[5]) >= 100_000:
                for w in WORD.findall(parts[1]):
                    names.setdefault(w.lower(), w)
    # Function words keep their lower case: "told us" is no "US", "may" no month.
    from spacy.lang.en.stop_words import STOP_WORDS

    table: dict[str, str] = {}
    for low, c in counts.items():
        if low in STOP_WORDS and low != "i":
            continue
        best, n = c.most_common(1)[0]
        if best != low and n >= 2 and n > c.get(low, 0):
            table[low] = best
    for low, w in names.items():
        if low not in counts and low not in STOP_WORDS:
            table.setdefault(low, w)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# word<TAB>casing; built by scripts/build_truecase.py from word-casing counts of the NGEC\n"
                "# synthetic stories and event_location sentences (both MIT, ahalterman) and eventwire's actor\n"
                "# and place names (see data/actors/LICENSE, data/places/NOTICE)\n")
        for low in sorted(table):
            f.write(f"{low}\t{table[low]}\n")
    print(f"{len(table)} words to {args.out}")


if __name__ == "__main__":
    main()
