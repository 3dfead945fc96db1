"""The event evaluations run on the shared gold and report the agreed shapes."""

from __future__ import annotations

import re

import pytest

from eventwire.eval import common, petr2, plover, seed

pytestmark = pytest.mark.skipif(not common.shared_path("seed").exists(), reason="needs ../shared")


def test_eval_seed_summary_and_floor(nlp):
    report = seed.evaluate(nlp=nlp)
    assert re.fullmatch(r"events P=\d\.\d\d R=\d\.\d\d F1=\d\.\d\d quotes=\d+/7", report.summary)
    assert report.scores["events_r"] >= 0.75 and report.scores["events_p"] >= 0.75
    assert any(d.startswith("STATUS E12") and "'occurred'" not in d for d in report.details)


@pytest.mark.parametrize("module,key", [(plover, "type_accuracy"), (petr2, "triple_f1")])
def test_eval_coded_sets_report_scores(nlp, module, key):
    report = module.evaluate(nlp=nlp)
    assert 0.0 < report.scores[key] <= 1.0


@pytest.mark.parametrize("code,country", [("IRQGOVMIL", "IRQ"), ("VTN", "VNM"), ("IGOUNO", "IGO"),
                                          ("NGO", None)])
def test_eval_common_country_of_code(code, country):
    assert common.country_of_code(code) == country


def test_eval_plover_gold_triples_undirected_compound():
    item = {"event": "AGREE", "source": [{"code": "USA"}, {"code": "JOR"}], "target": [],
            "reciprocal": True}
    assert plover.gold_triples(item) == {("AGREE", "JOR", "USA")}


@pytest.mark.parametrize("gold,found,undirected,ok", [
    # a sector-only gold code accepts an actor of any country, but not a missing one
    (("ACCUSE", "*", "USA"), ("ACCUSE", "FRA", "USA"), False, True),
    (("ACCUSE", "*", "USA"), ("ACCUSE", "", "USA"), False, False),
    # reciprocal records accept either order, directed ones do not
    (("ASSAULT", "ISR", "PSE"), ("ASSAULT", "PSE", "ISR"), True, True),
    (("ASSAULT", "ISR", "PSE"), ("ASSAULT", "PSE", "ISR"), False, False),
])
def test_eval_common_triple_matches(gold, found, undirected, ok):
    assert common.triple_matches(gold, found, undirected) is ok


def test_eval_plover_gold_keys_reciprocal_directed_type():
    item = {"event": "FIGHT", "source": [{"code": "ISR"}, {"code": "PSE"}], "target": [],
            "reciprocal": True}
    keys = plover.gold_keys(item)
    assert len(keys) == 1 and all(keys.values())
    assert common.match_counts(keys, {("ASSAULT", "PSE", "ISR")}) == (1, 0, 1, 0)


def test_eval_plover_gold_keys_sector_only_code():
    item = {"event": "PROTEST", "source": [{"code": "NGO"}], "target": [{"code": "USA"}]}
    assert plover.gold_keys(item) == {("PROTEST", "*", "USA"): False}


def test_eval_petr2_sector_only_code_matches_any_country():
    item = {"events": [{"source": "---GOV", "target": "SYR", "event": "190"}]}
    gold = dict.fromkeys(petr2.gold_triples(item), False)
    assert common.match_counts(gold, {("19", "SYR", "SYR")}) == (1, 0, 1, 0)


@pytest.mark.parametrize("guess,cand_types,event_types,all_matched,category", [
    (None, [], [], False, "no trigger"),
    ("ACCUSE", ["ACCUSE", "REJECT"], [], False, "wrong type: a gold-type trigger"),
    ("ACCUSE", ["ACCUSE"], [], False, "wrong type: no pattern"),
    ("REJECT", ["REJECT"], [], False, "dyad incomplete"),
    ("REJECT", ["REJECT"], ["REJECT"], False, "wrong or missing country"),
    ("REJECT", ["REJECT"], ["REJECT"], True, "ok"),
])
def test_eval_plover_miss_category(guess, cand_types, event_types, all_matched, category):
    from types import SimpleNamespace as NS

    cands = [NS(event=t, score=0.5) for t in cand_types]
    events = [NS(event=t, confidence=0.5) for t in event_types]
    assert category in plover.miss_category("REJECT", guess, cands, events, all_matched)


def test_eval_petr2_undirected_roots_match_either_order():
    gold = {("04", "BRA", "USA"): "04" in petr2.UNDIRECTED_ROOTS, ("04", "USA", "BRA"): True}
    assert common.match_counts(gold, {("04", "USA", "BRA")}) == (1, 0, 2, 0)
    assert "19" not in petr2.UNDIRECTED_ROOTS
