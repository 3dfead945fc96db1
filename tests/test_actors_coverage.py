"""Actor coverage on sentences written for these tests: every country, alias, demonym and
international body named in an article is a mention of an actor with the right code."""

from __future__ import annotations

import pytest

from conftest import actor_codes


@pytest.mark.parametrize("text,mention,country", [
    ("Officials rejected the U.S. request on Friday.", "U.S.", "USA"),
    ("The talks were held in Ecuador last week.", "Ecuador", "ECU"),
    ("An Indian was among the passengers.", "Indian", "IND"),
    ("Shelling hit several Iraqi towns overnight.", "several Iraqi towns", "IRQ"),
    ("The PRC protested the arms sale.", "PRC", "CHN"),
    ("Envoys from the UAE and Burma arrived.", "UAE", "ARE"),
    ("Envoys from the UAE and Burma arrived.", "Burma", "MMR"),
    ("Holland recalled its ambassador.", "Holland", "NLD"),
    ("Palestinians marched through the city.", "Palestinians", "PSE"),
])
def test_actors_coverage_country_names_aliases_and_demonyms(nlp, text, mention, country):
    assert actor_codes(nlp, text)[mention][0] == country


@pytest.mark.parametrize("text,mention,expected", [
    ("Serb forces shelled the village.", "Serb forces", ("SRB", "MIL")),
    ("Indian police detained two men.", "Indian police", ("IND", "COP")),
    ("Russian aircraft bombed the bridge.", "Russian aircraft", ("RUS", "MIL")),
])
def test_actors_coverage_demonym_with_agent_noun(nlp, text, mention, expected):
    assert actor_codes(nlp, text)[mention][:2] == expected


@pytest.mark.parametrize("text,mention", [
    ("The European Community lifted the quota.", "European Community"),
    ("Asia-Pacific Economic Cooperation leaders met on Sunday.", "Asia-Pacific Economic Cooperation"),
    ("The OSCE sent observers to the vote.", "OSCE"),
    ("The African Union suspended the country.", "African Union"),
    ("The International Labor Office criticised the law.", "International Labor Office"),
])
def test_actors_coverage_international_bodies_are_igo(nlp, text, mention):
    assert actor_codes(nlp, text)[mention][0] == "IGO"


@pytest.mark.parametrize("text,first,second", [
    ("U.S. and Russian negotiators resumed the talks.", ("U.S.", "USA"), ("Russian negotiators", "RUS")),
    ("French and Egyptian warships sailed together.", ("French", "FRA"), ("Egyptian warships", "EGY")),
])
def test_actors_coverage_conjoined_demonyms_are_separate_groups(nlp, text, first, second):
    found = actor_codes(nlp, text)
    assert found[first[0]][0] == first[1]
    assert found[second[0]][0] == second[1]


@pytest.mark.parametrize("text,mention,country", [
    ("Ethnic Albanians in Macedonia staged a rally.", "Albanians", "MKD"),
    ("Kurds in Turkey boycotted the vote.", "Kurds", "TUR"),
])
def test_actors_coverage_people_take_the_country_they_live_in(nlp, text, mention, country):
    assert actor_codes(nlp, text)[mention][0] == country


@pytest.mark.parametrize("text,phrase,not_country", [
    ("The convoy was attacked by pro-Russia rebels.", "pro-Russia rebels", "RUS"),
    ("Gunmen shot an anti-Syria journalist.", "anti-Syria journalist", "SYR"),
])
def test_actors_coverage_stance_prefix_is_not_nationality(nlp, text, phrase, not_country):
    found = actor_codes(nlp, text)
    assert found.get(phrase, (None,))[0] != not_country


@pytest.mark.parametrize("text", [
    "Rebels attacked the convoy on Sunday.",
    "The militants fled into the hills.",
])
def test_actors_coverage_agent_word_alone_has_no_default_country(nlp, text):
    assert all(country is None for country, _, _ in actor_codes(nlp, text).values())


def test_actors_coverage_religion_code_is_not_mauritius():
    from eventwire.actors.kb import load_kb

    kb = load_kb()
    assert kb.entities[kb.lookup("al-Qaeda")[0]].get("country") != "MUS"


@pytest.mark.parametrize("text,mention,expected", [
    ("Insurgents shelled the outskirts of the town overnight.", "Insurgents", (None, "REB")),
    ("Gunmen stormed a bus station in Kenya on Monday.", "Gunmen", ("KEN", "UAF")),
    ("Refugees crossed into Chad after the fighting.", "Refugees", ("TCD", "REF")),
    ("Police dispersed the crowd in Lima.", "Police", ("PER", "COP")),
    ("Soldiers fired at militants near the border with Iraq and Syria.", "Soldiers", (None, "MIL")),
    ("Protesters marched through Nairobi demanding lower prices.", "Protesters", ("KEN", "CVL")),
    # Occupations act as groups too: nurses and teachers strike, farmers block roads.
    ("Nurses walked off the job at three hospitals in Kampala.", "Nurses", ("UGA", "MED")),
    ("Hundreds of teachers rallied in Accra over unpaid allowances.", "teachers", ("GHA", "EDU")),
    ("Farmers blocked the ring road near Lyon with tractors.", "Farmers", ("FRA", "AGR")),
    ("Bandits seized cattle from herders near Maiduguri overnight.", "Bandits", ("NGA", "CRM")),
    # inmates, as prisoners are
    ("Inmates set fire to their cells in a prison outside Nairobi on Sunday.", "Inmates", ("KEN", "CRM")),
    # occupations the Phoenix agents lack, coded as their kin are
    ("Miners blocked the highway to a copper mine near Lima.", "Miners", ("PER", "LAB")),
    ("Dockers went on strike in Durban on Monday.", "Dockers", ("ZAF", "LAB")),
    # "the port of X": X is where they are, not a party to the act
    ("Dockers shut the port of Durban on Monday.", "Dockers", ("ZAF", "LAB")),
    ("Fishermen protested in Dakar against foreign trawlers.", "Fishermen", ("SEN", "AGR")),
    ("Herders clashed with farmers in central Nigeria on Tuesday.", "Herders", ("NGA", "AGR")),
])
def test_actors_coverage_nationless_groups_are_kept_with_sector(nlp, text, mention, expected):
    """A group noun without a nationality is an actor: the sentence's one country, else none."""
    assert actor_codes(nlp, text)[mention][:2] == expected


def test_actors_coverage_nationless_group_ignores_a_later_target_country(nlp):
    # "Militants attacked Chad": the country they attack is not theirs.
    assert actor_codes(nlp, "Militants attacked Chad on Friday.")["Militants"][:2] == (None, "REB")


@pytest.mark.parametrize("text,mention,country", [
    ("Troops were flown to Alaska for the drill.", "Alaska", "USA"),
    ("Floods hit Texas and Ohio this week.", "Texas", "USA"),
    ("Shells landed in the Golan on Sunday.", "Golan", "SYR"),
    ("Settlers moved into the West Bank last year.", "West Bank", "PSE"),
    ("Aid trucks entered Gaza at dawn.", "Gaza", "PSE"),
    ("Voters in Crimea went to the polls.", "Crimea", "UKR"),
    ("Fighting flared again in Darfur.", "Darfur", "SDN"),
])
def test_actors_coverage_regions_give_their_country(nlp, text, mention, country):
    assert actor_codes(nlp, text)[mention][0] == country


def test_actors_coverage_demonym_capital_is_the_state(nlp):
    found = actor_codes(nlp, "Officials in the Kenyan capital condemned the raid.")
    assert any(code == ("KEN", "GOV") for code in (v[:2] for v in found.values()))


def test_actors_coverage_org_named_after_country_beats_its_base(nlp):
    found = actor_codes(nlp, "The Syrian Network for Human Rights, a monitoring group, counted the dead.")
    assert found["Syrian Network for Human Rights"][0] == "SYR"


def test_actors_coverage_transnational_armed_groups_keep_no_foreign_base():
    """Phoenix codes transnational groups IMG (scored as sector-only): the KB gives them an
    armed-group sector and never a country taken from an unrelated code chunk."""
    from eventwire.actors.kb import load_kb

    kb = load_kb()
    for name in ("al-Qaeda", "Islamic State"):
        e = kb.entities[kb.lookup(name)[0]]
        assert e["kind"] == "ARMED_GROUP" and e.get("sector") == "REB"


def test_actors_coverage_nationless_unarmed_group_without_country_is_no_actor(nlp):
    # Unarmed and of no country: nobody in particular; armed ones stay (sector only).
    assert "suspects" not in actor_codes(nlp, "The court will put suspects on trial next month.")
    assert "teachers" not in actor_codes(nlp, "Rural schools struggle to keep teachers for long.")
