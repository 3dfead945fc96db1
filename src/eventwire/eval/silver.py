"""The silver training corpus: our own PLOVER annotations of non-gold news sentences.

The annotations live in the repository (``corpus/silver/*.jsonl``: ids, labels and spans as
strings); third-party sentences are referenced by id and read from ``../shared`` here, at
training or cross-validation time, never copied into the repository. Sentences we wrote
ourselves carry their own ``text``. See ``docs/annotation-guide.md``.

Pools (ids are stable across runs):

- ``cb-NNNN``: line NNNN (0-based) of ``training/conflibert-cameo/cameo_class_train.tsv``,
  with its five-way CAMEO class.
- ``el-<sha1[:10]>``: a distinct sentence of ``gold/event-location/`` that is *not* one of its
  RELABEL (gold) rows, keyed by a hash of its text.
- ``w-...``: a sentence we wrote (hard cases), text in the annotation file.
"""

from __future__ import annotations

import hashlib
import json
import random
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..events.types import CATALOGUE
from .common import shared_path

STATUSES = ("occurred", "planned", "hypothetical", "negated")
CORPUS_DIR = Path(__file__).resolve().parents[3] / "corpus" / "silver"
# Five-way ConfliBERT class (Phoenix "penta") each PLOVER type is compatible with.
# REQUEST is an appeal (CAMEO 02, class 0) or a demand (CAMEO 10, class 3).
FIVE_WAY: dict[str, tuple[int, ...]] = {
    "AGREE": (1,), "CONSULT": (1,), "SUPPORT": (1,), "CONCEDE": (2,), "COOPERATE": (2,),
    "AID": (2,), "RETREAT": (2,), "REQUEST": (0, 3), "ACCUSE": (3,), "REJECT": (3,),
    "THREATEN": (3,), "SANCTION": (3,), "PROTEST": (4,), "MOBILIZE": (4,), "COERCE": (4,),
    "ASSAULT": (4,),
}


def text_id(text: str) -> str:
    """The stable id of an event-location sentence.

    >>> text_id("Rebels attacked a convoy.")
    'el-c91c4fdc58'
    """
    return "el-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@lru_cache(maxsize=1)
def conflibert_sentences() -> dict[str, tuple[str, int]]:
    """id → (sentence, five-way class) for the ConfliBERT CAMEO train split."""
    path = shared_path("training", "conflibert-cameo", "cameo_class_train.tsv")
    out: dict[str, tuple[str, int]] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        text, _, label = line.rpartition("\t")
        if text:
            out[f"cb-{i:04d}"] = (text, int(label))
    return out


@lru_cache(maxsize=1)
def event_location_sentences() -> dict[str, str]:
    """id → sentence for the distinct non-gold sentences of the event-location set.

    A text that also appears in a RELABEL (gold) row is excluded.
    """
    path = shared_path("gold", "event-location", "labeled_text.jsonl.zip")
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".jsonl") and "MACOSX" not in n)
        rows = json.loads(zf.read(name))
    gold = {r["text"] for r in rows if r.get("source") == "RELABEL"}
    out: dict[str, str] = {}
    for r in rows:
        text = r["text"]
        if text not in gold:
            out.setdefault(text_id(text), text)
    return out


def pool_text(sid: str) -> str | None:
    """The sentence of a pool id (None for a written sentence or an unknown id)."""
    if sid.startswith("cb-"):
        hit = conflibert_sentences().get(sid)
        return hit[0] if hit else None
    if sid.startswith("el-"):
        return event_location_sentences().get(sid)
    return None


def sample_pool(n_event_location: int, seed: int = 17) -> list[tuple[str, str]]:
    """(id, sentence) to annotate: every ConfliBERT sentence, then a seeded sample of the
    event-location pool, interleaved so that each batch mixes both."""
    rng = random.Random(seed)
    cb = [(k, v[0]) for k, v in sorted(conflibert_sentences().items())]
    el = sorted(event_location_sentences().items())
    rng.shuffle(el)
    mixed = cb + el[:n_event_location]
    rng.shuffle(mixed)
    return mixed


@dataclass
class SilverEvent:
    type: str
    status: str
    mode: str
    trigger: tuple[int, int] | None
    actor: tuple[int, int] | None
    recipient: tuple[int, int] | None


@dataclass
class SilverSentence:
    id: str
    text: str
    source: str  # conflibert | event-location | written
    annotator: str
    events: list[SilverEvent] = field(default_factory=list)
    five_way: int | None = None
    category: str = ""
    group: str = ""  # cross-validation group: near-duplicates share one


def find_span(text: str, needle: str | list[int]) -> tuple[int, int] | None:
    """Char offsets of an annotated span: ``[start, end]`` as stored for third-party
    sentences, or, while annotating, the span's text ("text#2" for the 2nd occurrence).

    >>> find_span("He met her and met them.", "met#2")
    (15, 18)
    >>> find_span("He met her.", [3, 6]), find_span("He met her.", "") is None
    ((3, 6), True)
    """
    if isinstance(needle, (list, tuple)):
        start, end = int(needle[0]), int(needle[1])
        return (start, end) if 0 <= start < end <= len(text) else None
    if not needle:
        return None
    occurrence = 1
    head, sep, tail = needle.rpartition("#")
    if sep and tail.isdigit() and head:
        needle, occurrence = head, int(tail)
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            # Tolerate case slips (annotators copy "the army" for "The army").
            start = text.lower().find(needle.lower())
            if start < 0:
                return None
            break
    return (start, start + len(needle))


def validate(record: dict, text: str | None) -> list[str]:
    """Problems with one annotation record, as readable strings (empty when valid)."""
    problems: list[str] = []
    if text is None:
        return [f"{record.get('id')}: unknown id and no text"]
    for e in record.get("events", []):
        t = e.get("type", "")
        if t not in CATALOGUE:
            problems.append(f"{record['id']}: unknown type {t!r}")
            continue
        if e.get("status", "occurred") not in STATUSES:
            problems.append(f"{record['id']}: unknown status {e.get('status')!r}")
        mode = e.get("mode") or ""
        if mode and mode not in CATALOGUE[t].modes:
            problems.append(f"{record['id']}: mode {mode!r} is not a mode of {t}")
        for key in ("trigger", "actor", "recipient"):
            if e.get(key) and find_span(text, e[key]) is None:
                problems.append(f"{record['id']}: {key} {e[key]!r} not in the sentence")
        if not e.get("trigger"):
            problems.append(f"{record['id']}: {t} without a trigger")
    return problems


def load(directory: Path | None = None, exclude: frozenset[str] = frozenset()) -> list[SilverSentence]:
    """Every annotated sentence, first annotation of an id winning (double annotations
    are kept apart by their file name: ``*.double.jsonl`` files are not loaded here).

    exclude (frozenset[str]): annotators (file stems, "w3") to leave out before the
        cross-validation groups are formed.
    """
    directory = directory or CORPUS_DIR
    seen: dict[str, SilverSentence] = {}
    classes = conflibert_sentences()
    for path in sorted(directory.glob("*.jsonl")):
        if path.name.endswith(".double.jsonl") or path.stem in exclude:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            sid = rec["id"]
            if sid in seen:
                continue
            text = rec.get("text") or pool_text(sid)
            if text is None or validate(rec, text):
                continue
            source = ("conflibert" if sid.startswith("cb-") else
                      "event-location" if sid.startswith("el-") else "written")
            events = [SilverEvent(
                type=e["type"], status=e.get("status") or "occurred", mode=e.get("mode") or "",
                trigger=find_span(text, e["trigger"]), actor=find_span(text, e.get("actor") or ""),
                recipient=find_span(text, e.get("recipient") or ""),
            ) for e in rec.get("events", [])]
            seen[sid] = SilverSentence(
                id=sid, text=text, source=source, annotator=rec.get("annotator", ""),
                events=events, five_way=classes[sid][1] if sid in classes else None,
                category=rec.get("category", ""),
            )
    sentences = list(seen.values())
    assign_groups(sentences)
    return sentences


def _shingles(text: str) -> set[str]:
    words = [w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split()]
    return {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}


def assign_groups(sentences: list[SilverSentence], threshold: float = 0.5) -> None:
    """Put near-duplicates (word-trigram Jaccard ≥ threshold) in one cross-validation group.

    News sentences repeat across wires with small edits; a fold split between two near-copies
    would score memory, not generalisation. Union-find over candidate pairs that share a
    rare trigram.
    """
    parent = list(range(len(sentences)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shingles = [_shingles(s.text) for s in sentences]
    index: dict[str, list[int]] = {}
    for i, sh in enumerate(shingles):
        for g in sh:
            index.setdefault(g, []).append(i)
    for i, sh in enumerate(shingles):
        candidates = {j for g in sh if len(index[g]) <= 20 for j in index[g] if j > i}
        for j in candidates:
            inter = len(sh & shingles[j])
            if inter and inter / len(sh | shingles[j]) >= threshold:
                parent[find(i)] = find(j)
    for i, s in enumerate(sentences):
        s.group = f"g{find(i)}"
