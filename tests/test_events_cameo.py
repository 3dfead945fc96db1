"""CAMEO codes and event-data conventions of the coder, on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.eval.common import match_counts
from eventwire.eval.petr2 import petr2_side


def _coded(nlp, text):
    return {(e.event, (e.cameo or "")[:2], e.actor[0].name, e.recipient[0].name if e.recipient else None)
            for e in nlp(text)._.eventwire_events}


def test_planned_cameo_dictionary_action_keeps_its_code(nlp):
    # A future arms delivery is a PLOVER AGREE but keeps the CAMEO dictionary's 07 code.
    events = nlp("Norway will supply weapons to Estonia.")._.eventwire_events
    coded = [e for e in events if e.event == "AGREE"]
    assert coded and coded[0].cameo.startswith("07"), [(e.event, e.cameo) for e in events]


@pytest.mark.parametrize("text,unwanted", [
    ("Peru was pressured by Chile to help Bolivia.", "AID"),
    ("Chile refused to let Peru ship grain to Bolivia.", "AID"),
])
def test_asked_or_refused_infinitive_is_not_an_event(nlp, text, unwanted):
    coded = _coded(nlp, text)
    assert not any(c[0] == unwanted for c in coded), coded


def test_facing_pressure_from_someone_is_their_demand(nlp):
    coded = _coded(nlp, "Peru faces pressure from Chile to reform its courts.")
    assert any(c[0] == "REQUEST" and c[2] == "Chile" and c[3] == "Peru" for c in coded), coded


def test_evidence_against_is_an_allegation(nlp):
    coded = _coded(nlp, "Evidence against Bolivia was presented by Chile.")
    assert any(c[0] == "ACCUSE" and c[2] == "Chile" and c[3] == "Bolivia" for c in coded), coded


def test_bare_petr2_code_accepts_an_empty_side():
    gold = {("14", petr2_side("PERGOV"), petr2_side("---")): False}
    assert match_counts(gold, {("14", "PER", "")}) == (1, 0, 1, 0)
    sector = {("14", petr2_side("PERGOV"), petr2_side("---GOV")): False}
    assert match_counts(sector, {("14", "PER", "")}) == (0, 1, 0, 1)


def test_speaker_first_report_of_an_attack_is_an_allegation(nlp):
    coded = _coded(nlp, "Armenia said that Azerbaijan had shelled its villages.")
    assert ("ACCUSE", "11", "Armenia", "Azerbaijan") in coded, coded
    assert not any(c[0] == "ASSAULT" for c in coded), coded


def test_closing_attribution_keeps_the_attack(nlp):
    coded = _coded(nlp, "Azerbaijan shelled Armenian villages on Monday, officials said.")
    assert any(c[0] == "ASSAULT" and c[2] == "Azerbaijan" for c in coded), coded


def test_wanting_to_help_is_own_intent_and_wanting_another_to_attack_an_appeal(nlp):
    own = _coded(nlp, "Chile wants to help Bolivia.")
    assert any(c[0] == "AGREE" and c[1] == "03" and c[3] == "Bolivia" for c in own), own
    appeal = _coded(nlp, "Chile wants Peru to attack Bolivia.")
    assert any(c[0] == "REQUEST" and c[1] == "02" and c[3] == "Peru" for c in appeal), appeal


def test_coordinated_nationality_modifiers_are_two_actors(nlp):
    events = nlp("Dutch and Belgian farmers staged a protest in Paris on Monday.")._.eventwire_events
    countries = {e.actor[0].country for e in events if e.event == "PROTEST"}
    assert {"NLD", "BEL"} <= countries, countries


def test_ratifying_a_treaty_is_signing_and_approving_one_an_intent(nlp):
    # Same CAMEO block and frame, but each verb keeps the code its pattern was written with.
    assert ("SUPPORT", "05", "Norway", "Sweden") in _coded(nlp, "Norway ratified a treaty with Sweden.")
    assert ("AGREE", "03", "Norway", "Sweden") in _coded(nlp, "Norway approved a treaty with Sweden.")
