"""The learned trigger model and the three coders (issue #17), on sentences written here."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.events.coder import EventCoder
from eventwire.events.learned import NONE, TriggerModel, decide, load_trigger_model, token_features
from eventwire.nlp.columns import columns


def _events(nlp, text, coder="hybrid"):
    doc = nlp(text)
    return EventCoder(nlp, "t", coder=coder)(doc)._.eventwire_events


def test_events_learned_model_ships_with_card_and_loads():
    model = load_trigger_model()
    assert model is not None and NONE in model.classes and len(model.vocabulary) > 10_000
    from eventwire.events.learned import MODEL_DIR

    card = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "silver" in card and "cross-validation" in card


def test_events_learned_round_trip_and_probabilities(tmp_path):
    model = TriggerModel(["ASSAULT", NONE], {"l=shell": 0, "l=say": 1},
                         np.array([[3.0, -3.0], [-3.0, 3.0]]), np.zeros(2),
                         (np.array([0.1, 0.9]), np.array([0.2, 0.8])), {"add": 0.5, "drop": 0.9})
    model.save(tmp_path)
    loaded = TriggerModel.load(tmp_path)
    probs = loaded.probabilities([["l=shell"], ["l=say"], []])
    assert probs.shape == (3, 2) and np.allclose(probs.sum(axis=1), 1.0)
    assert probs[0, 0] > 0.99 and probs[1, 1] > 0.99 and np.isclose(probs[2, 0], 0.5)
    assert loaded.calibrated(0.5) == 0.5 and loaded.strongest(["l=shell", "l=say"], "ASSAULT") == ["l=shell"]


def test_events_learned_features_describe_the_word_and_its_arguments(nlp):
    doc = nlp("Rebels shelled the northern town of Gao on Sunday.")
    cols = columns(doc)
    i = next(t.i for t in doc if t.lemma_ == "shell")
    feats = token_features(i, cols, rule_type="ASSAULT")
    assert {"l=shell", "rule=ASSAULT", "dobj=town"} <= set(feats), feats


def test_events_learned_hybrid_keeps_the_pattern_the_model_agrees_with(nlp):
    model = load_trigger_model()
    doc = nlp("Government troops shelled rebel positions near the border.")
    cols = columns(doc)
    i = next(t.i for t in doc if t.lemma_ == "shell")
    decisions = decide(0, len(doc), cols, {i: "ASSAULT"}, {}, model, "hybrid")
    assert [(d.i, d.event, d.keep_rule) for d in decisions] == [(i, "ASSAULT", True)]


@pytest.mark.parametrize("text,event,source,target", [
    # an appeal to do something: the appeal happened, the asked-for act did not
    ("The French president urged Israel to allow more aid into Gaza.", "REQUEST", "FRA", "ISR"),
    # a light verb and an event noun
    ("Turkish jets carried out a series of airstrikes on Kurdish positions in northern Iraq.", "ASSAULT", "TUR", None),
])
def test_events_learned_hybrid_codes_the_reported_act(nlp, text, event, source, target):
    events = _events(nlp, text)
    assert any(e.event == event and e.actor[0].country == source
               and (target is None or (e.recipient and e.recipient[0].country == target)) for e in events), \
        [(e.event, e.actor[0].country, e.recipient[0].country if e.recipient else None) for e in events]
    assert not any(e.event == "AID" and e.status == "occurred" for e in events)


@pytest.mark.parametrize("text", [
    "A gas explosion killed eight people at a market in Lagos on Monday.",
    "Floods displaced thousands of families in northern Bangladesh.",
    "Analysts say sanctions rarely change a government's behaviour.",
])
def test_events_learned_accidents_and_commentary_are_no_events(nlp, text):
    assert _events(nlp, text) == []


@pytest.mark.parametrize("text", [
    "kenyan police detained an opposition leader in nairobi on tuesday.",
    "KENYAN POLICE DETAINED AN OPPOSITION LEADER IN NAIROBI ON TUESDAY.",
])
def test_events_learned_lower_case_and_capitals_are_coded_like_cased_text(nlp, text):
    cased = nlp("Kenyan police detained an opposition leader in Nairobi on Tuesday.")._.eventwire_events
    assert any(e.event == "COERCE" and e.actor[0].country == "KEN" for e in cased)
    events = nlp(text)._.eventwire_events
    assert any(e.event == "COERCE" and e.actor[0].country == "KEN" for e in events), \
        [(e.event, e.actor[0].text) for e in events]


def test_events_learned_model_events_carry_provenance_and_confidence(nlp):
    events = _events(nlp, "Kenyan police arrested dozens of protesters in Nairobi on Tuesday.")
    assert events and all(0.0 < e.confidence <= 1.0 for e in events)
    assert all(e.rule for e in events)


def test_events_learned_rules_coder_ignores_the_model(nlp):
    # The same sentence under the rules coder: no model provenance anywhere.
    events = _events(nlp, "Kenyan police arrested dozens of protesters in Nairobi on Tuesday.", coder="rules")
    assert not any(e.rule.startswith("model:") for e in events)


def test_events_learned_coder_setting_is_validated():
    with pytest.raises(ValueError, match="coder"):
        EventCoder(None, "t", coder="neural")


def test_events_learned_model_keeps_its_feature_set_and_agentless_types(tmp_path):
    model = TriggerModel(["ASSAULT", "REQUEST", NONE], {"l=shell": 0}, np.zeros((3, 1)), np.zeros(3),
                         (np.array([]), np.array([])), {"agentless": 0.5}, context=True,
                         agentless_types=frozenset({"ASSAULT"}))
    model.save(tmp_path)
    back = TriggerModel.load(tmp_path)
    assert back.context is True and back.agentless_types == frozenset({"ASSAULT"})
    # an unnamed doer is allowed for an attack, never for a request, and only when confident
    assert back.may_be_agentless("ASSAULT", 0.6) and not back.may_be_agentless("ASSAULT", 0.4)
    assert not back.may_be_agentless("REQUEST", 0.99)


def test_events_learned_sentence_context_leaves_out_the_word_itself(nlp):
    from eventwire.events.learned import sentence_context

    doc = nlp("Militants shelled the market and burned two trucks.")
    cols = columns(doc)
    context = sentence_context(0, len(doc), cols)
    assert "s=shell" in context and "s=market" in context
    i = next(t.i for t in doc if t.lemma_ == "shell")
    feats = token_features(i, cols, None, False, None, context)
    assert "s=market" in feats and "s=shell" not in feats


def test_events_learned_verb_shares_the_evidence_of_its_event_noun():
    # "killed in the clashes": one event, two words; the noun's probability lifts the verb
    # (which carries the sides), type by type, and lowers its probability of no event.
    from eventwire.events.learned import share_event_evidence

    class Cols:  # were(0) killed(1) in(2) the(3) clashes(4)
        head = [1, 1, 1, 4, 2]
        dep = ["auxpass", "ROOT", "prep", "det", "pobj"]
        lower = ["were", "killed", "in", "the", "clashes"]
        pos = ["AUX", "VERB", "ADP", "DET", "NOUN"]

    probs = np.array([[0.2, 0.8], [0.9, 0.1]])  # columns: ASSAULT, NONE; rows: killed, clashes
    share_event_evidence([1, 4], probs, 1, Cols)
    assert probs[0].tolist() == [0.9, 0.1] and probs[1].tolist() == [0.9, 0.1]
    Cols.lower = ["were", "killed", "after", "the", "clashes"]  # another event, before this one
    probs = np.array([[0.2, 0.8], [0.9, 0.1]])
    share_event_evidence([1, 4], probs, 1, Cols)
    assert probs[0].tolist() == [0.2, 0.8]


@pytest.mark.parametrize("text,victims", [
    ("Nine Shabaab fighters were killed in the clashes, the army said.", "Shabaab"),
    ("Eleven Taliban fighters were killed and four others wounded in the clashes, officials said.", "Taliban"),
])
def test_events_learned_killed_in_the_clashes_is_an_attack_on_the_dead(nlp, text, victims):
    events = [e for e in _events(nlp, text) if e.event == "ASSAULT"]
    assert events and events[0].recipient and victims in events[0].recipient[0].name, events
