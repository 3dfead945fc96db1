"""The event evaluations run on the shared gold and report the agreed shapes."""

from __future__ import annotations

import re

import pytest

from eventwire.eval import common, petr2, plover, seed
from eventwire.nlp import load_nlp

pytestmark = pytest.mark.skipif(not common.shared_path("seed").exists(), reason="needs ../shared")


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


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
