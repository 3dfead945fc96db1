"""Which country an actor is coded with: residence, context and names (sentences written for these tests)."""

from __future__ import annotations

import pytest

from conftest import resolve_actors


def _countries(nlp, text):
    """{mention text: country} for every actor mention of an article text."""
    return {m.text: a.country for a in resolve_actors(nlp, text) for m in a.mentions}


@pytest.mark.parametrize("text,mention,expected", [
    # "ethnic <people>" with the one other country of the sentence: where they live.
    ("Several hundred ethnic Hungarians marched on Sunday in Romania.", "Hungarians", "ROU"),
    # "<people> of <country>": the country after the noun.
    ("The Turks of northern Cyprus voted on Sunday.", "Turks", "CYP"),
    # An agent group named "ethnic <demonym> <noun>".
    ("Police in Bishkek detained ethnic Uzbek activists operating in Kyrgyzstan.", "ethnic Uzbek activists", "KGZ"),
])
def test_ethnic_group_takes_the_country_it_lives_in(nlp, text, mention, expected):
    assert _countries(nlp, text)[mention] == expected


@pytest.mark.parametrize("text,mention,expected", [
    # Two other countries: no single place of residence, the people's own country stays.
    ("Ethnic Russians protested outside the embassies of Latvia and Estonia.", "Russians", "RUS"),
    # Without "ethnic", a people acting is its state.
    ("Hungarians voted on Sunday in Romania.", "Hungarians", "HUN"),
])
def test_people_without_one_place_of_residence_keep_their_country(nlp, text, mention, expected):
    assert _countries(nlp, text)[mention] == expected


@pytest.mark.parametrize("text,mention,expected", [
    # A people or faith the country table lacks takes the sentence's one country.
    ("After the vote in Zambia, Lozi activists blocked a road.", "Lozi activists", "ZMB"),
    ("Police in Nigeria arrested Igbo separatists on Monday.", "Igbo separatists", "NGA"),
    ("The Mozambique government rejected demands from Shona rebels.", "Shona rebels", "MOZ"),
])
def test_named_kind_takes_the_sentence_country(nlp, text, mention, expected):
    assert _countries(nlp, text)[mention] == expected


def test_named_kind_without_a_country_is_no_actor(nlp):
    found = _countries(nlp, "Hutu rebels attacked a convoy on Sunday.")
    assert "Hutu rebels" not in found
    assert all(country is None for country in found.values())


def test_unknown_national_body_takes_the_sentence_country(nlp):
    found = _countries(nlp, "President Idriss Deby said he would lift the ban on the Popular Renewal Front.")
    assert found["Popular Renewal Front"] == "TCD"


@pytest.mark.parametrize("text,mention", [
    ("Al-Qaeda claimed the bombing of a hotel in Kenya.", "Al-Qaeda"),  # transnational armed group
    ("Reuters reported that Kenya closed its border.", "Reuters"),  # international news agency
])
def test_transnational_bodies_stay_without_country(nlp, text, mention):
    assert _countries(nlp, text)[mention] is None


def test_leader_surname_administration_is_that_country_government(nlp):
    actors = resolve_actors(nlp, "The Bush administration said on Tuesday that China must lower its tariffs.")
    gov = next(a for a in actors if any("administration" in m.text for m in a.mentions))
    assert (gov.country, gov.sector) == ("USA", "GOV")


def test_unknown_surname_government_gets_no_country(nlp):
    found = _countries(nlp, "The Smith government resigned on Monday.")
    assert all(country is None for country in found.values())


@pytest.mark.parametrize("text,mention,expected", [
    # A city name big cities of two countries share: the one its sentence names.
    ("Gunmen clashed with rival militias in Tripoli, the largest port of northern Lebanon.", "Tripoli", "LBN"),
    ("Pakistani police raided a house in Hyderabad.", "Hyderabad", "PAK"),
    # Named nowhere else: the usual country.
    ("Rebels shelled Tripoli on Sunday.", "Tripoli", "LBY"),
])
def test_shared_city_name_takes_the_country_of_its_sentence(nlp, text, mention, expected):
    assert _countries(nlp, text)[mention] == expected


def test_shared_city_name_keeps_its_usual_country_named_elsewhere(nlp):
    text = "Libya closed its embassy in Beirut. Rebels shelled Tripoli as Lebanese officials watched."
    assert _countries(nlp, text)["Tripoli"] == "LBY"


def test_province_names_its_country(nlp):
    actors = resolve_actors(nlp, "The government of Balochistan province ordered more police patrols.")
    gov = next(a for a in actors if any(m.text.lower() == "the government" for m in a.mentions))
    assert (gov.country, gov.sector) == ("PAK", "GOV")


def test_province_as_a_place_gives_nationless_troops_their_country(nlp):
    assert _countries(nlp, "Troops were deployed to Lorestan after the protests.")["Troops"] == "IRN"


@pytest.mark.parametrize("text,mention,expected", [
    # A country's city, region or capital after a locative preposition is where the act
    # happened: the country is no participant, and the nationless group is from there.
    ("Students rioted on a campus in Peru's southern city of Puno on Friday.", "Students", "PER"),
    ("Gunmen torched a bus in Mali's northern region of Gao on Monday.", "Gunmen", "MLI"),
    # Places of another clause do not compete with the place of the group's own act.
    ("Students rioted on a campus in Kenya's capital Nairobi on Monday, demanding an end to rule from Uganda.",
     "Students", "KEN"),
    ("Farmers blocked a highway in Bolivia on Friday to protest gas exports to Chile.", "Farmers", "BOL"),
])
def test_group_takes_the_country_where_it_acts(nlp, text, mention, expected):
    assert _countries(nlp, text)[mention] == expected


@pytest.mark.parametrize("text,mention", [
    # A country that sends the group makes it its own; places do not override it.
    ("Britain is deploying troops to a mission in Mali.", "troops"),
    # Two places in the group's own clause: no country.
    ("Gunmen fired on buses in Kenya and Somalia on Monday.", "Gunmen"),
])
def test_group_of_competing_countries_stays_without_one(nlp, text, mention):
    assert _countries(nlp, text).get(mention) is None


def test_possessive_country_that_is_acted_on_stays_a_participant(nlp):
    found = _countries(nlp, "Rebels shelled Chad's capital on Monday.")
    assert found["Chad"] == "TCD"


def test_group_coded_by_region_takes_the_sentence_country(nlp):
    # The Phoenix dictionaries code some rebel groups by region (CAMEO "SEA": Southeast
    # Asia), not by state: the group is national, and its sentence tells which state.
    found = _countries(nlp, "The Pattani United Liberation Organization said it had attacked a police post "
                            "in southern Thailand.")
    assert found["Pattani United Liberation Organization"] == "THA"


def test_unknown_acronym_organisation_takes_the_sentence_country(nlp):
    found = _countries(nlp, "After talks in Chad, President Idriss Deby lifted the ban on the FUCD.")
    assert found["FUCD"] == "TCD"


def test_title_word_is_no_organisation(nlp):
    found = _countries(nlp, "In Bosnia, Defense Secretary Jane Smith said the plan was ready.")
    assert "Defense" not in found


def test_body_title_known_as_an_alias_makes_the_person_act_for_the_body(nlp):
    actors = resolve_actors(nlp, "U.N. Secretary-General Ann Example said the inspectors would stay.")
    person = next(a for a in actors if a.kind == "PERSON")
    assert (person.name, person.country) == ("Ann Example", "IGO")


@pytest.mark.parametrize("text,mention,expected", [
    # "the army", "the police": with no actor's country near, the one country of the places
    # named in this or the previous sentence is theirs.
    ("Heavy fighting was reported in Mali on Sunday. The army lifted the curfew in Bamako.", "army", "MLI"),
    ("The police dispersed a crowd in Quito on Friday.", "police", "ECU"),
])
def test_institution_takes_the_country_of_the_places_around_it(nlp, text, mention, expected):
    found = {k.lower().split()[-1]: v for k, v in _countries(nlp, text).items()}
    assert found.get(mention) == expected, _countries(nlp, text)


def test_institution_between_two_countries_places_gets_none(nlp):
    # Two countries' places and no actor: whose police is not said.
    found = _countries(nlp, "Protests spread to Lima and La Paz. The police fired tear gas.")
    assert not any(k.lower().endswith("police") and v for k, v in found.items()), found
