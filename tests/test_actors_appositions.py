"""Titles and names that say whom an actor acts for, on sentences written for these tests:
a person titled by an international body acts for it, an organisation named after a
country is that country's, and a titled person takes the article's one country."""

from __future__ import annotations

import pytest

from conftest import resolve_actors


def _actors(nlp, text):
    """Actors of an article text as {mention text: Actor}."""
    return {m.text: a for a in resolve_actors(nlp, text) for m in a.mentions}


@pytest.mark.parametrize("text,person,org", [
    ("Maria Lindqvist, the United Nations Special Envoy for Yemen, toured the camp.", "Maria Lindqvist", "united-nations"),
    ("UN envoy Tomas Arvidsson met the rebel commanders.", "Tomas Arvidsson", "united-nations"),
    ("EU foreign policy chief Karl Brenner urged restraint.", "Karl Brenner", "european-union"),
    ("NATO Secretary-General Lena Haugland warned of new threats.", "Lena Haugland", "nato"),
    ("Pieter Vandermeer, the head of the International Atomic Energy Agency, inspected the reactor.",
     "Pieter Vandermeer", "international-atomic-energy-agency"),
])
def test_actors_appositions_igo_titles_act_for_the_body(nlp, text, person, org):
    actor = _actors(nlp, text)[person]
    assert (actor.country, actor.sector, actor.organization) == ("IGO", "IGO", org)
    assert actor.role


def test_actors_appositions_igo_title_overrides_kb_nationality(nlp):
    # The KB gives this person a national code; titled by the agency, he acts for it here.
    actor = _actors(nlp, "Mohamed ElBaradei, the head of the International Atomic Energy Agency, "
                         "met the inspectors.")["Mohamed ElBaradei"]
    assert (actor.country, actor.sector) == ("IGO", "IGO")
    assert actor.organization == "international-atomic-energy-agency"


@pytest.mark.parametrize("text,mention,expected", [
    ("The Iraqi Red Crescent sent tents to the camp.", "Iraqi Red Crescent", ("IRQ", "NGO")),
    ("The Palestinian Red Crescent Society said two ambulances were hit.", "Palestinian Red Crescent Society", ("PSE", "NGO")),
    ("The Afghan Independent Human Rights Commission condemned the raid.",
     "Afghan Independent Human Rights Commission", ("AFG", "NGO")),
    ("The Kenyan Farmers Party rejected the budget.", "Kenyan Farmers Party", ("KEN", "PTY")),
    ("The London-based Syrian Network for Human Rights counted the dead.",
     "Syrian Network for Human Rights", ("SYR", "NGO")),
])
def test_actors_appositions_orgs_named_after_a_country(nlp, text, mention, expected):
    actor = _actors(nlp, text)[mention]
    assert (actor.country, actor.sector) == expected


def test_actors_appositions_known_observatory_is_no_person(nlp):
    actor = _actors(nlp, "The Syrian Network for Human Rights said the shelling went on.")[
        "Syrian Network for Human Rights"]
    assert actor.country == "SYR" and actor.kind != "PERSON"


@pytest.mark.parametrize("text,person,country", [
    ("Sudan rejected the charges. President Abdel Karim Osman said the court had no power.", "Abdel Karim Osman", "SDN"),
    ("Ghana wants the loan. Finance Minister Kojo Mensah-Badu flew to Washington.", "Kojo Mensah-Badu", "GHA"),
    ("Sudan and Chad traded accusations. President Idriss Mahamat denied them.", "Idriss Mahamat", None),
])
def test_actors_appositions_titled_person_takes_the_one_country_in_context(nlp, text, person, country):
    assert _actors(nlp, text)[person].country == country
