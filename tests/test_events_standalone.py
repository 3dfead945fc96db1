"""A sentence's last resort: its main act coded with its actor alone (events/standalone.py).

Sentences written here; each negative case shows one condition of ``stands_alone`` at work.
"""

from __future__ import annotations

import pytest

from eventwire.events import standalone


@pytest.fixture(params=["rules", "hybrid"])
def coded(nlp, request):
    """Events of a sentence under each coder (the setting restored afterwards)."""
    pipe = nlp.get_pipe("eventwire_events")
    saved, pipe.coder = pipe.coder, request.param

    def run(text):
        return nlp(text)._.eventwire_events or []

    yield run
    pipe.coder = saved


@pytest.mark.parametrize("text,event,country", [
    # the recipient is implied: whoever the inquiry is into is no actor here
    ("Chile's supreme court opened an inquiry into the deaths.", "ACCUSE", "CHL"),
    # approving one's own plan: an agreement with no partner named
    ("Argentina's cabinet approved a plan to build new roads.", "AGREE", "ARG"),
])
def test_main_act_stands_alone(coded, text, event, country):
    events = coded(text)
    assert [(e.event, e.actor[0].country, e.recipient) for e in events] == [(event, country, [])]
    assert events[0].rule.endswith("+alone")


def test_rules_coder_codes_an_eased_restriction_alone(nlp):
    pipe = nlp.get_pipe("eventwire_events")
    saved, pipe.coder = pipe.coder, "rules"
    try:
        events = nlp("The Chilean government lifted restrictions on fishing boats.")._.eventwire_events
    finally:
        pipe.coder = saved
    assert [(e.event, e.actor[0].country, e.recipient, e.rule) for e in events] == [
        ("CONCEDE", "CHL", [], "manual:ease-restrictions+alone")]


def test_an_event_with_both_sides_leaves_no_room_for_a_lone_one(coded):
    events = coded("Chile's supreme court opened an inquiry into the deaths and criticised Peru.")
    assert not any(e.rule.endswith("+alone") for e in events)
    assert ("ACCUSE", "CHL", "PER") in {(e.event, e.actor[0].country, e.recipient[0].country)
                                         for e in events if e.recipient}


@pytest.mark.parametrize("text", [
    # the frame word names the setting of the act, not the act ("seek ... at a meeting")
    "Chile will seek support for its bid at a regional meeting in Lima.",
    "The Peruvian delegation made a statement in Geneva at the end of a week-long trip.",
    # a bare verb says too little of what was done
    "The Nigerian senate voted on Tuesday.",
    "Ghana offered on Monday.",
    # background in a subordinate clause is not the sentence's act
    "Officials said that the Chilean court, which opened an inquiry last year, is short of staff.",
    # the participle the parser takes for the main verb: the journalists arrested no one
    "The Syrian journalists detained for criticising the army were freed on Monday by the government.",
    # an actor of unknown country: a lone act must at least say whose it was
    "Rebels approved a plan to disarm.",
    # a harmful act told in the future is a threat only in its doer's own words: a
    # forecast, or a third party's word about it, is none
    "In the coming days, Kenya's army will launch a new offensive.",
    "Kenya's army is expected to launch a fresh offensive next week.",
    "Kenya's interior minister said the police would impose a nationwide curfew.",
])
def test_no_lone_event(coded, text):
    assert not any("+alone" in e.rule for e in coded(text))


def test_reduced_relative_is_told_from_a_main_verb(nlp):
    misparsed = nlp("The Syrian journalists detained for criticising the army were freed on Monday by the government.")
    detained = next(t for t in misparsed if t.text == "detained")
    assert detained.dep_ == "ROOT"  # the parse this rule exists for
    assert standalone._reduced_relative(detained)
    plain = nlp("Syrian police detained the journalists for criticising the army, and they were freed on Monday.")
    assert not standalone._reduced_relative(next(t for t in plain if t.text == "detained"))


@pytest.mark.parametrize("text,event,country", [
    # the clause of the sentence's speech verb is what the sentence reports
    ("Chile said it had lifted restrictions on fishing boats.", "CONCEDE", "CHL"),
    # ... and so is the action its main verb governs ("was ready to impose")
    ("Ghana's cabinet said it was ready to impose a nationwide curfew.", "THREATEN", "GHA"),
    # a cooperative act announced for the future is a statement of intent (AGREE), one-sided
    ("Sudan's government announced it will return the seized land.", "AGREE", "SDN"),
    ("Peru's army said it would hand back the weapons.", "AGREE", "PER"),
])
def test_reported_act_of_the_speaker_stands_alone(coded, text, event, country):
    assert (event, country) in {(e.event, e.actor[0].country) for e in coded(text)}


def test_an_infinitive_parsed_as_adverbial_is_the_verbs_complement(nlp):
    from eventwire.events.complement import complement

    doc = nlp("Somali insurgents have sworn to fight on until the last foreign soldier leaves.")
    sworn = next(t for t in doc if t.text == "sworn")
    assert next(t for t in doc if t.text == "fight").dep_ == "advcl"  # the parse this rule exists for
    assert "fight" in {t.text for t in complement(sworn)}
    # a purpose clause after an object stays out: the troops were sent, not a fight
    doc = nlp("The Ethiopian army sent troops to fight the rebels.")
    sent = next(t for t in doc if t.text == "sent")
    assert "fight" not in {t.text for t in complement(sent)}
