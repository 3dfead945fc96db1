"""A benchmark corpus of real news sentences, built at run time from ../shared.

The event-location gold set holds single news sentences; grouping them into ~500-word
pseudo-articles gives the pipeline article-sized inputs with real vocabulary, entities
and syntax. Nothing from it is committed: benchmarks and tests build it when they run.
"""

from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

EVENT_LOCATION_ZIP = Path("gold") / "event-location" / "labeled_text.jsonl.zip"
SEED = Path("seed") / "moscow-parley.txt"
# A fixed publication date, so relative dates ("on Monday") resolve the same every run.
PUBLISHED = "2024-02-19"


def read_sentences(zip_path: str | Path, limit: int = 10_000) -> list[str]:
    """The first ``limit`` distinct sentences of the event-location set.

    The set annotates each verb separately, so one sentence appears once per verb; only
    its first occurrence is kept.
    """
    with zipfile.ZipFile(zip_path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX"))
        raw = zf.read(name).decode("utf-8")
    records = _records(raw)
    seen: set[str] = set()
    sentences: list[str] = []
    for record in records:
        text = " ".join(str(record.get("text") or "").split())
        if text and text not in seen:
            seen.add(text)
            sentences.append(text)
            if len(sentences) >= limit:
                break
    return sentences


def _records(raw: str) -> Iterator[dict[str, Any]]:
    # The file is one JSON array despite its .jsonl name; accept real JSONL too.
    stripped = raw.lstrip()
    if stripped.startswith("["):
        yield from json.loads(stripped)
        return
    for line in raw.splitlines():
        if line.strip():
            yield json.loads(line)


def group_articles(sentences: Iterable[str], words: int = 500, paragraph: int = 4) -> Iterator[str]:
    """Join consecutive sentences into article texts of about ``words`` words.

    paragraph (int): sentences per paragraph (paragraphs are separated by a blank line).

    >>> [len(a.split()) for a in group_articles(["one two three."] * 5, words=6, paragraph=2)]
    [6, 6, 3]
    """
    current: list[str] = []
    count = 0
    for sentence in sentences:
        current.append(sentence)
        count += len(sentence.split())
        if count >= words:
            yield _paragraphs(current, paragraph)
            current, count = [], 0
    if current:
        yield _paragraphs(current, paragraph)


def _paragraphs(sentences: list[str], size: int) -> str:
    return "\n\n".join(" ".join(sentences[i:i + size]) for i in range(0, len(sentences), size))


def corpus_records(shared: str | Path, articles: int | None = None, sentences: int = 10_000,
                   words: int = 500, seed: bool = True) -> list[dict[str, Any]]:
    """The benchmark corpus as JSONL-ready records: the seed article, then pseudo-articles.

    shared (str | Path): the ../shared directory.
    articles (int | None): keep only the first N records (None: all, about 500).
    sentences (int): distinct sentences to read from the event-location set.
    words (int): about this many words per pseudo-article.
    seed (bool): put the seed article first.
    RETURNS (list[dict]): records with ``id``, ``title``, ``text`` and ``published``.
    """
    shared = Path(shared)
    records: list[dict[str, Any]] = []
    if seed and (shared / SEED).is_file():
        records.append({"id": "seed", "text": (shared / SEED).read_text(encoding="utf-8"), "published": PUBLISHED})
    for i, text in enumerate(group_articles(read_sentences(shared / EVENT_LOCATION_ZIP, sentences), words)):
        if articles is not None and len(records) >= articles:
            break
        records.append({"id": f"evloc-{i:04d}", "title": f"Wire digest {i + 1}", "text": text,
                        "published": PUBLISHED})
    return records[:articles] if articles is not None else records


def write_corpus(records: Iterable[dict[str, Any]], path: str | Path) -> Path:
    """Write records as JSONL (the ``eventwire ingest`` input format). RETURNS the path."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
