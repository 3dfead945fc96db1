"""Score event-location linking (``place_for_event``) on the hand-relabelled event_location gold.

Each gold row is one sentence with an event VERB span and zero or more LOCATION spans.
A prediction is correct when both are empty, or when the predicted place's span overlaps
a gold location. Token offsets are trusted over character offsets (some of the latter
are off in the source data).
"""

from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import load_nlp
from ..when_where.places import place_for_event
from .report import EvalReport

log = logging.getLogger(__name__)

DEFAULT_PATH = Path(__file__).resolve().parents[3].parent / "shared" / "gold" / "event-location" / "labeled_text.jsonl.zip"
GOLD_SOURCE = "RELABEL"


def read_gold(path: Path) -> Iterator[dict]:
    """The gold rows (source 'RELABEL') of the event_location data, zipped or not."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".jsonl") and "__MACOSX" not in n)
            raw = archive.read(name).decode("utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    raw = raw.strip()
    # The file is one JSON array despite its .jsonl name; accept real JSON Lines too.
    rows = json.loads(raw) if raw.startswith("[") else [json.loads(line) for line in raw.splitlines() if line.strip()]
    for row in rows:
        if row.get("source") == GOLD_SOURCE:
            yield row


def _token_chars(row: dict, span: dict) -> tuple[int, int]:
    tokens = row["tokens"]
    return tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]


def score_row(nlp: Language, row: dict) -> tuple[bool, str]:
    """Whether ``place_for_event`` finds the gold location of one row, and a detail line."""
    spans = row.get("spans") or []
    verbs = [_token_chars(row, s) for s in spans if s["label"] == "VERB"]
    golds = [_token_chars(row, s) for s in spans if s["label"] == "LOCATION"]
    text = row["text"]
    doc: Doc = nlp(text)
    predicted = None
    if verbs:
        trigger_span = doc.char_span(*verbs[0], alignment_mode="expand")
        if trigger_span is not None and len(trigger_span):
            predicted = place_for_event(doc, trigger_span.root)
    if predicted is None:
        ok = not golds
    else:
        ok = any(predicted.start < e and s < predicted.end for s, e in golds)
    gold_text = " | ".join(text[s:e] for s, e in golds) or "-"
    pred_text = predicted.text if predicted else "-"
    verb_text = text[verbs[0][0]:verbs[0][1]] if verbs else "?"
    return ok, f"{'ok  ' if ok else 'MISS'} verb={verb_text!r} gold={gold_text!r} pred={pred_text!r} :: {text[:160]}"


def evaluate(path: str | Path | None = None, nlp: Language | None = None) -> EvalReport:
    """Event-location accuracy on the gold rows.

    path (str | Path | None): the labelled data (default: ../shared/gold/event-location).
    nlp (Language | None): the pipeline (loaded when None).
    RETURNS (EvalReport): ``scores["location_acc"]`` and per-row details.
    """
    path = Path(path) if path else DEFAULT_PATH
    nlp = nlp or load_nlp()
    correct = total = 0
    details = []
    for row in read_gold(path):
        ok, line = score_row(nlp, row)
        correct += ok
        total += 1
        details.append(line)
    acc = round(correct / total, 4) if total else 0.0
    return EvalReport(
        name="locations", scores={"location_acc": acc},
        table=[["metric", "value"], ["location_acc", f"{acc:.3f}"], ["n", str(total)]],
        details=details, summary=f"locations acc={acc:.2f} n={total}",
    )
