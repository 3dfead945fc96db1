"""The silver corpus (issue #17): valid, third-party text kept out, near-duplicates grouped."""

from __future__ import annotations

import json

from conftest import needs_shared

from eventwire.eval.silver import CORPUS_DIR, SilverSentence, assign_groups, find_span, load, validate
from eventwire.eval.silver_score import SentenceResult, score
from eventwire.schema import ActorRef, Event


def _records():
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield path.name, json.loads(line)


def test_eval_silver_third_party_sentences_are_ids_and_offsets_only():
    for name, rec in _records():
        if rec["id"].startswith(("cb-", "el-")):
            assert "text" not in rec, (name, rec["id"])
            for e in rec.get("events", []):
                for key in ("trigger", "actor", "recipient"):
                    assert e.get(key) in ("", None) or isinstance(e[key], list), (name, rec["id"], key)


@needs_shared
def test_eval_silver_corpus_validates_and_is_big_enough():
    problems = []
    n = 0
    from eventwire.eval.silver import pool_text

    for name, rec in _records():
        n += 1
        problems += validate(rec, rec.get("text") or pool_text(rec["id"]))
    assert not problems, problems[:5]
    sentences = load()
    assert len(sentences) >= 6500 and sum(s.source == "written" for s in sentences) >= 1500


def test_eval_silver_near_duplicates_share_a_group():
    texts = ["Rebels attacked a police post in the north on Monday, officials said.",
             "Rebels attacked a police post in the north on Monday, officials said on Tuesday.",
             "The central bank raised interest rates by half a point."]
    sentences = [SilverSentence(id=str(i), text=t, source="written", annotator="t") for i, t in enumerate(texts)]
    assign_groups(sentences)
    assert sentences[0].group == sentences[1].group != sentences[2].group


def test_eval_silver_score_matches_type_and_sides():
    text = "Rebels attacked a police post."
    s = SilverSentence(id="x", text=text, source="written", annotator="t")
    from eventwire.eval.silver import SilverEvent

    s.events = [SilverEvent("ASSAULT", "occurred", "", find_span(text, "attacked"),
                            find_span(text, "Rebels"), find_span(text, "a police post"))]
    ref = lambda t: ActorRef(name=t, code=None, country=None, sector=None, text=t, id=t)  # noqa: E731
    good = Event(event="ASSAULT", actor=[ref("Rebels")], recipient=[ref("police post")], text=text,
                 span=(0, len(text)), evidence="attacked", evidence_span=(7, 15), rule="t")
    wrong = Event(event="PROTEST", actor=[ref("Rebels")], recipient=[], text=text,
                  span=(0, len(text)), evidence="attacked", evidence_span=(7, 15), rule="t")
    assert score([SentenceResult(s, [good])])["triple_f1"] == 1.0
    result = score([SentenceResult(s, [wrong])])
    assert result["triple_f1"] == 0.0 and result["type_accuracy"] == 0.0
    assert score([SentenceResult(s, [])])["silent_rate"] == 1.0


def _revise_module():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "corpus" / "revise_conventions.py"
    spec = importlib.util.spec_from_file_location("revise_conventions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_eval_silver_revision_protest_topic_is_no_separate_request():
    # PLOVER manual 3.8 / 3.12.2: the protesters' own demand is part of the PROTEST;
    # another actor's demand in the same sentence stays a REQUEST.
    revise = _revise_module()
    text = "Nurses marched to the ministry demanding higher pay, and the union urged talks."
    rec = {"id": "w-test", "text": text, "events": [
        {"type": "PROTEST", "trigger": "marched", "actor": "Nurses", "recipient": "the ministry"},
        {"type": "REQUEST", "trigger": "demanding", "actor": "Nurses", "recipient": "the ministry"},
        {"type": "REQUEST", "trigger": "urged", "actor": "the union", "recipient": ""},
    ]}
    assert revise.drop_protest_topics(rec, text) == 1
    assert [e["trigger"] for e in rec["events"]] == ["marched", "urged"]
    assert rec["revised_out"][0]["revision"] == "protest-topic"
    assert revise.drop_protest_topics(rec, text) == 0  # idempotent


def test_eval_silver_revised_corpus_has_no_protest_topic_requests():
    revise = _revise_module()
    for name, rec in _records():
        text = rec.get("text")
        if text:
            assert revise.drop_protest_topics(json.loads(json.dumps(rec)), text) == 0, (name, rec["id"])
