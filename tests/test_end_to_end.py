"""End to end on the seed article: `eventwire extract` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEED, needs_shared

pytestmark = needs_shared


def _has(doc, event, source_name, target_name):
    return any(
        e.event == event
        and any(source_name in a.name for a in e.actor)
        and any(target_name in r.name for r in e.recipient)
        for e in doc.events
    )


@pytest.fixture(scope="module")
def seed_json():
    out = subprocess.run(
        [sys.executable, "-m", "eventwire", "extract", str(SEED), "--published", "2024-02-19", "--format", "json"],
        capture_output=True, text=True, check=True, timeout=300,
    )
    return json.loads(out.stdout)


def test_end_to_end_extract_prints_the_document_shape(seed_json):
    assert set(seed_json) == {"article", "actors", "events", "quotes", "dates", "places", "warnings"}
    assert seed_json["article"]["source_domain"] == "algemeiner.com"
    event = seed_json["events"][0]
    for key in ("event", "mode", "context", "actor", "recipient", "date", "event_loc", "status", "cameo",
                "text", "span", "evidence", "rule", "confidence"):
        assert key in event
    assert set(event["actor"][0]) >= {"name", "code", "country", "sector", "text", "id"}


def test_end_to_end_spans_cut_their_text_out_of_the_article(seed_json):
    text = seed_json["article"]["text"]
    for e in seed_json["events"]:
        assert text[e["span"][0]:e["span"][1]] == e["text"]
        assert text[e["evidence_span"][0]:e["evidence_span"][1]] == e["evidence"]
    for q in seed_json["quotes"]:
        assert text[q["span"][0]:q["span"][1]] == q["text"]
    for a in seed_json["actors"]:
        for m in a["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


@pytest.mark.parametrize("event,source,target", [
    ("ACCUSE", "Navalnaya", "Putin"),
    ("REQUEST", "Shtayyeh", "Hamas"),
    ("CONSULT", "Russia", "Hamas"),
    ("ACCUSE", "Lavrov", "estern governments"),
])
def test_end_to_end_seed_events(seed_doc, event, source, target):
    assert _has(seed_doc, event, source, target)


def test_end_to_end_three_spellings_are_one_actor(seed_doc):
    [shtayyeh] = [a for a in seed_doc.actors if "Shtayyeh" in a.name]
    spellings = {m.text for m in shtayyeh.mentions}
    assert {"Muhammad Shtayyeh", "Syhtayyeh", "Shytayyeh"} <= spellings
    assert (shtayyeh.country, shtayyeh.sector) == ("PSE", "GOV")
    warned = [w for w in seed_doc.warnings if "misspelling" in w]
    assert len(warned) == 2 and all("Shtayyeh" in w for w in warned)


def test_end_to_end_planned_meeting_and_considered_sanction(seed_doc):
    planned = [e for e in seed_doc.events if e.event == "CONSULT" and e.status == "planned"]
    assert any(e.date == "2024-02-26" for e in planned)
    considered = [e for e in seed_doc.events if "considering" in e.text and any("Russia" in r.name for r in e.recipient)]
    assert considered and all(e.status != "occurred" for e in considered)


def test_end_to_end_no_past_event_dated_after_publication(seed_doc):
    for e in seed_doc.events:
        if e.date and e.status != "planned":
            assert e.date.split("/")[0] <= "2024-02-19", e
