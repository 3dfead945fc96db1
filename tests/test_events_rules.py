"""General coding rules of the event coder, one construction per case, on sentences written here."""

from __future__ import annotations

import pytest

from conftest import event_triples, ranked_type

from eventwire.events.matcher import PatternIndex
from eventwire.events.pattern_files import compile_frame, load_pattern_file


@pytest.mark.parametrize("text,event", [
    # the trigger's type is reported although no recipient resolves to an actor
    ("The committee threatened to resign.", "THREATEN"),
    # the governing verb is the sentence's event, not the action it governs
    ("Chile refused to release the prisoners.", "REJECT"),
    ("Thousands of Kurds demonstrated in Erbil, calling for independence.", "PROTEST"),
])
def test_events_rules_candidates_rank_the_governing_trigger(nlp, text, event):
    doc = nlp(text)
    assert ranked_type(doc) == event


def test_events_rules_incomplete_candidates_stay_out_of_events(nlp):
    doc = nlp("The committee threatened to resign.")
    assert doc._.eventwire_events == []
    cands = doc._.eventwire_event_candidates
    assert cands and not any(c.complete for c in cands)


@pytest.mark.parametrize("text,triple", [
    # nationality adjectives the actors stage leaves uncoded name the country
    ("Senegalese troops attacked Gambian villages.", ("ASSAULT", "SEN", "GMB")),
    # the object of a threatened action is the threat's target
    ("Russia threatened to halt gas deliveries to Moldova.", ("THREATEN", "RUS", "MDA")),
    # a physical action's place stands for a missing target
    ("Turkish jets bombed targets in Syria.", ("ASSAULT", "TUR", "SYR")),
    # a capital stands for its state
    ("Washington criticized Caracas on Monday.", ("ACCUSE", "USA", "VEN")),
    # refusing cooperation is a REJECT
    ("Spain will not accept any refugees from Morocco.", ("REJECT", "ESP", "MAR")),
    # a future negative action is a THREATEN
    ("The opposition in Kenya will boycott the elections.", ("THREATEN", "KEN", None)),
])
def test_events_rules_dyads(nlp, text, triple):
    assert triple in event_triples(nlp(text))


def test_events_rules_place_is_no_target_of_verbal_events(nlp):
    assert not any(t[2] == "KEN" for t in event_triples(nlp("Kenya criticized the plan in Nairobi.")))


@pytest.mark.parametrize("text,event", [
    ("Teachers in Chile staged a hunger strike.", "PROTEST"),
    ("Bolivian farmers blocked roads in La Paz.", "PROTEST"),
    ("Russia launched an offensive against Georgia.", "ASSAULT"),
    ("Egypt imposed a curfew in Cairo.", "COERCE"),
    ("Jordan eased restrictions on Syrian refugees.", "CONCEDE"),
    ("Algeria accepted the demands of Tunisian truckers.", "CONCEDE"),
    ("Poland and Ukraine signed a treaty of friendship.", "SUPPORT"),
    ("Uruguayan doctors handed over medicine to Bolivian hospitals.", "AID"),
    ("Zambia extradited the suspect to Britain.", "COOPERATE"),
    # stopping work in a strike is striking; stopping the strike is calling it off
    ("The Chilean dockers' union stopped the strike on Friday.", "CONCEDE"),
    ("Miners in Peru downed tools on Monday.", "PROTEST"),
    # PLOVER COERCE: destroying property
    ("Turkish bulldozers demolished Kurdish homes in Diyarbakir.", "COERCE"),
    ("Militiamen in Chad burned villages on Sunday.", "COERCE"),
    # an order to stop publishing is censorship, not an appeal
    ("Iran's judiciary ordered the reformist newspaper Shargh to stop publishing.", "COERCE"),
    # breaking into computers coerces their owners; an attempt at it is the act, no threat
    ("Chinese hackers hacked the websites of Taiwan's defence ministry.", "COERCE"),
])
def test_events_rules_verb_classes_and_light_verbs(nlp, text, event):
    doc = nlp(text)
    assert ranked_type(doc) == event


def test_events_rules_conjoined_signatories_pair_up(nlp):
    assert ("SUPPORT", "POL", "UKR") in event_triples(nlp("Poland and Ukraine signed a treaty of friendship."))


def test_events_rules_conjoined_sanctioners_do_not_pair_up(nlp):
    triples = event_triples(nlp("Canada and Norway imposed sanctions."))
    assert not any(t[1] and t[2] for t in triples)


@pytest.mark.parametrize("sentence,matches", [
    ("The army declared a cease fire.", True),
    ("The army opened fire on the crowd.", False),
])
def test_events_patterns_multiword_synset_members_match_as_phrases(tmp_path, nlp, sentence, matches):
    path = tmp_path / "p.yaml"
    path.write_text("synsets:\n  truce: [cease fire, truce]\npatterns:\n"
                    "  - {id: t:truce, lemmas: [declare, open], frame: '* &truce', event: RETREAT}\n")
    patterns, _ = load_pattern_file(path)
    index = PatternIndex(patterns)
    doc = nlp(sentence)
    verb = next(t for t in doc if t.pos_ == "VERB")
    assert (index.match(verb) is not None) == matches


def test_events_patterns_compile_frame_keeps_phrases():
    assert compile_frame("* &truce", {"truce": ["cease fire"]}) == (frozenset({"cease fire"}),)


@pytest.mark.parametrize("text,triple", [
    # a list parsed as an apposition: every pair of participants met
    ("Chile, Peru, and Bolivia met in Lima.", ("CONSULT", "BOL", "PER")),
    # "to" labelled dative still names the recipient
    # a raising passive lends its subject to the infinitive
    ("The Kenyan president is scheduled to visit Uganda.", ("CONSULT", "KEN", "UGA")),
])
def test_events_rules_participants(nlp, text, triple):
    found = event_triples(nlp(text))
    assert triple in found or (triple[0], triple[2], triple[1]) in found, found


def test_events_rules_obligation_clause_is_a_request(nlp):
    doc = nlp("Egypt said that Israel must withdraw its troops from Gaza.")
    assert ("REQUEST", "EGY", "ISR") in event_triples(doc)
    assert ranked_type(doc) == "REQUEST"


def test_events_rules_obligation_in_a_statement_noun_is_a_request_to_its_addressee(nlp):
    # "it" in the clause is whom the reminder is addressed to
    doc = nlp("Chile issued a stern reminder to Peru that it must respect the border treaty.")
    assert ("REQUEST", "CHL", "PER") in event_triples(doc)


def test_events_rules_obligation_of_the_speaker_itself_is_no_request(nlp):
    doc = nlp("Egypt said that it must defend its borders.")
    assert not any(t[0] == "REQUEST" for t in event_triples(doc))


@pytest.mark.parametrize("text,event", [
    # a promise of force is a threat
    ("Rebels in Chad vowed to fight the army until the president resigns.", "THREATEN"),
    # the deeper a trigger is embedded, the lower it ranks
    ("Brazil will support a resolution that aims to impose sanctions on Venezuela.", "AGREE"),
])
def test_events_rules_commitments(nlp, text, event):
    doc = nlp(text)
    assert ranked_type(doc) == event


@pytest.mark.parametrize("text,coded", [
    ("Peru might attack Ecuador.", False),
    ("Peru could attack Ecuador.", True),
])
def test_events_rules_speculation_is_not_coded(nlp, text, coded):
    doc = nlp(text)
    assert bool(doc._.eventwire_events) is coded
    assert doc._.eventwire_event_candidates


def test_events_rules_planning_verb_is_modality_not_event(nlp):
    doc = nlp("The Chilean president prepared to visit Peru.")
    events = doc._.eventwire_events
    assert {e.event for e in events} == {"CONSULT"} and events[0].status == "planned"


def test_events_rules_protest_target_from_its_purpose(nlp):
    doc = nlp("Bolivian miners rioted, calling for the resignation of the Peruvian president.")
    assert ("PROTEST", "BOL", "PER") in event_triples(doc)


@pytest.mark.parametrize("text,event,unwanted", [
    # a frame word inside a possessor does not name the object
    ("The French government welcomed President Biden's latest statement.", "SUPPORT", "CONSULT"),
])
def test_events_rules_frames_ignore_possessors_time_phrases_and_attributions(nlp, text, event, unwanted):
    doc = nlp(text)
    types = {c.event for c in doc._.eventwire_event_candidates}
    assert event in types and unwanted not in types, types


def test_events_rules_in_protest_phrase_is_the_purpose_not_a_second_protest(nlp):
    doc = nlp("Kenyan detainees went on a hunger strike in protest at the Ugandan government's decision "
              "to deport them.")
    coded = [(e.event, e.actor[0].country, e.recipient[0].country if e.recipient else None)
             for e in doc._.eventwire_events]
    assert [c for c in coded if c[0] == "PROTEST"] == [("PROTEST", "KEN", "UGA")], coded
    # The deportation is what a decision intends, not a coercion that happened.
    assert not any(e.event == "COERCE" and e.status == "occurred" for e in doc._.eventwire_events), coded


@pytest.mark.parametrize("text,triple", [
    # letting inspectors in, giving back property: RETREAT (CAMEO 0862, 0842)
    ("Iran admitted a team of inspectors from the International Atomic Energy Agency.", ("RETREAT", "IRN", "IGO")),
    ("Peru returned the seized weapons to Ecuador.", ("RETREAT", "PER", "ECU")),
    # pulling out observers is a sanction (CAMEO 1662), a future one a threat
    ("The African Union withdrew its observers from Mali.", ("SANCTION", "IGO", "MLI")),
    ("The African Union will withdraw its observers from Mali.", ("THREATEN", "IGO", "MLI")),
    # receiving aid or arms: the giver is the "from" phrase
    ("Somali troops received weapons from the Ethiopian government.", ("AID", "ETH", "SOM")),
    ("Haiti received aid from Canada.", ("AID", "CAN", "HTI")),
])
def test_events_rules_access_return_withdrawal_and_receipt(nlp, text, triple):
    assert triple in event_triples(nlp(text)), event_triples(nlp(text))


@pytest.mark.parametrize("text,event,sides", [
    # joint military exercises are military cooperation between the exercising sides
    ("Japanese and American troops conducted military drills on Okinawa.", "COOPERATE", {"JPN", "USA"}),
    ("Russia held military exercises with China on Monday.", "COOPERATE", {"CHN", "RUS"}),
    # one side exercising alone shows force
    ("Iran staged war games near the Iraqi border.", "MOBILIZE", {"IRN", None}),
])
def test_events_rules_military_exercises(nlp, text, event, sides):
    assert {(t[0], frozenset(t[1:])) for t in event_triples(nlp(text))} == {(event, frozenset(sides))}


def test_events_rules_an_expectation_is_no_stated_intent(nlp):
    doc = nlp("The Iranian minister is expected in Paris on Monday.")
    assert not doc._.eventwire_event_candidates


def test_events_rules_arriving_peacekeepers_are_aid_not_a_visit(nlp):
    assert event_triples(nlp("The first battalion of UN peacekeepers arrived in Mali on Monday.")) == {
        ("AID", "IGO", "MLI")}
    # a delegation's arrival stays a visit
    assert ("CONSULT", "IGO", "MLI") in event_triples(nlp("A UN delegation arrived in Mali on Monday."))


@pytest.mark.parametrize("text", [
    "The decision comes a week before Macron travels to Moscow for the summit.",
    "Serbia demanded a truce before allowing aid convoys into Kosovo.",
])
def test_events_rules_a_before_clause_dates_the_event_and_is_not_coded(nlp, text):
    triples = event_triples(nlp(text))
    assert not any(t[0] in ("CONSULT", "RETREAT", "CONCEDE") for t in triples)


@pytest.mark.parametrize("text", [
    # an earlier event at a stated distance in time only dates the reported one
    "The talks resumed in Doha a year after Somali rebels seized the airport.",
    "Kenyan police reopened the border on Monday, two weeks after militants attacked a bus.",
])
def test_events_rules_a_dated_after_clause_is_background(nlp, text):
    assert not any(e.event == "ASSAULT" for e in nlp(text)._.eventwire_events)


def test_events_rules_a_bare_after_clause_is_still_coded(nlp):
    # "after militants fired rockets" is the cause, reported with the strike
    events = nlp("Israel struck Gaza after militants fired rockets.")._.eventwire_events
    assert sum(e.event == "ASSAULT" for e in events) == 2


def test_events_rules_a_before_clause_keeps_the_main_event(nlp):
    triples = event_triples(nlp("Russia criticized Ukraine before the talks began in Geneva."))
    assert ("ACCUSE", "RUS", "UKR") in triples


def test_events_rules_a_conclusion_is_speech_whose_clause_is_no_frame(nlp):
    # "concluded that X must Y": a finding, not the end of the fight its clause mentions
    doc = nlp("The summit concluded that Brazil must fund the fight against deforestation.")
    assert not any(c.event == "RETREAT" for c in doc._.eventwire_event_candidates)
    # concluding an agreement is still coded
    assert event_triples(nlp("Japan and Vietnam concluded a trade agreement on Monday."))


def test_events_rules_an_ally_is_not_its_possessor(nlp):
    # the possessor of a relation noun is the other end of the relation
    assert not any(t[2] == "UKR" for t in event_triples(nlp("Russia criticised Ukraine's allies on Monday.")))


def test_events_rules_an_ally_is_where_it_is(nlp):
    triples = event_triples(nlp("Syrian troops shelled positions of Turkey's allies in northern Syria."))
    assert ("ASSAULT", "SYR", "SYR") in triples and ("ASSAULT", "SYR", "TUR") not in triples


@pytest.mark.parametrize("text,host", [
    # a capital stands for the government met there
    ("French and German ministers travelled to Moscow for talks.", "RUS"),
    # one side only: the city is where it goes
    ("Iranian negotiators travelled to Sochi for talks.", "RUS"),
])
def test_events_rules_travel_for_talks_keeps_the_host(nlp, text, host):
    assert any(t[0] == "CONSULT" and t[2] == host for t in event_triples(nlp(text)))


@pytest.mark.parametrize("text,triple", [
    # the clause's subject is the actor itself: its object is the target
    ("Russia warned that it would respond to NATO's expansion.", ("THREATEN", "RUS", "IGO")),
    # the clause's subject is the actor's own force: its object's agent is the target
    ("Peru warned that troops would stop marches by Bolivian farmers.", ("THREATEN", "PER", "BOL")),
])
def test_events_rules_threat_clause_object_is_the_target(nlp, text, triple):
    assert triple in event_triples(nlp(text))


def test_events_rules_an_object_after_a_comma_describes_a_side(nlp):
    # the parser takes the trailing description for the verb's second object
    doc = nlp("Chilean lawmaker Ana Rojas and four other deputies met ministers of "
              "Peru's incoming cabinet on Tuesday, the largest foreign group to travel to Lima "
              "since the vote.")
    assert ("CONSULT", "CHL", "PER") in event_triples(doc)


@pytest.mark.parametrize("text,triple", [
    ("Iran condemned the Saudi-led coalition.", ("ACCUSE", "IRN", "SAU")),
    ("Chile declined to send any troops to the US-led mission in Iraq.", ("REJECT", "CHL", "USA")),
])
def test_events_rules_the_leader_of_an_x_led_body_is_the_side(nlp, text, triple):
    assert triple in event_triples(nlp(text))


def test_events_rules_hacked_to_death_is_no_hacking(nlp):
    doc = nlp("Militiamen in Kivu hacked three Rwandan villagers to death.")
    assert ranked_type(doc) == "ASSAULT"


def test_events_rules_clause_with_a_third_party_subject_names_no_target_beyond_it(nlp):
    # the authorities must act: the slain man's country is no target of the demand
    doc = nlp("Around 100 Africans marched through the center of the Polish capital on Monday demanding "
              "that authorities open an inquiry into the slaying of a Nigerian trader.")
    assert not any(t[2] == "NGA" for t in event_triples(doc))


def test_events_rules_coordinated_verb_is_its_own_trigger(nlp):
    """"welcomed X and called on Y to let Z": *called* is no frame word of *welcomed*; it is
    the appeal, and the aid it asks for is not coded as given."""
    doc = nlp("Kenya welcomed the talks and called on the warring parties in Sudan to allow aid convoys into Darfur.")
    triples = event_triples(doc)
    assert ("REQUEST", "KEN", "SDN") in triples
    assert not any(t[0] == "AID" for t in triples)
