"""One test per step of actor resolution (the modules ``resolve`` calls in order, #21).

Each test runs the steps up to and including the one under test on a sentence of its
own, and checks what that step decided; ``test_actors_resolve_*`` check the whole run.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def state_of(nlp):
    """A function: text -> a fresh ``DocResolver`` with its columns read, no step run yet."""
    from eventwire.actors.kb import load_kb
    from eventwire.actors.resolve import DocResolver

    kb = load_kb()

    def make(text: str):
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if name.startswith("eventwire_") and name != "eventwire_paragraphs":
                break
            doc = proc(doc)
        state = DocResolver(doc, kb, None)
        state.read_columns()
        return state

    return make


def _cand(state, text: str):
    return next(c for c in state.cands if state.span_text(c.start, c.end) == text)


def test_mentions_kb_country_is_a_name(state_of):
    from eventwire.actors.mentions import collect_names

    state = state_of("Norway and Chile signed a fisheries accord on Friday.")
    collect_names(state)
    cand = _cand(state, "Norway")
    assert (cand.ref.country, cand.ref.kind, cand.priority) == ("NOR", "GPE", 2)


def test_places_place_name_that_does_not_act(state_of):
    from eventwire.actors.mentions import collect_names

    state = state_of("Talks between the two delegations opened in Ecuador on Monday.")
    collect_names(state)  # ``add_name`` asks ``places.acts`` and adds a place mention
    cand = _cand(state, "Ecuador")
    assert (cand.ref.country, cand.ref.resolution, cand.priority) == ("ECU", "place", 6)


def test_modifiers_stance_prefix_is_no_nationality(state_of):
    from eventwire.actors.modifiers import stance_prefix

    state = state_of("Pro-Russia separatists shelled a village.")
    russia = state.cols.text.index("Russia")
    assert stance_prefix(state, russia) and not stance_prefix(state, russia + 1)


def test_roles_title_gives_role_and_country(state_of):
    from eventwire.actors.mentions import collect_names
    from eventwire.actors.roles import titles

    state = state_of("Ghana's foreign minister, Kwame Osei, arrived on Monday.")
    collect_names(state)
    titles(state)
    ref = _cand(state, "Kwame Osei").ref
    assert (ref.country, ref.sector, ref.role, ref.resolution) == ("GHA", "GOV", "Foreign Minister of Ghana",
                                                                   "apposition")


def test_coref_surname_is_the_full_name(state_of):
    from eventwire.actors.coref import corefer_persons
    from eventwire.actors.mentions import collect_names

    state = state_of("Tomas Kerrigan presented the budget on Tuesday. Kerrigan said it was fair.")
    collect_names(state)
    corefer_persons(state)
    assert _cand(state, "Kerrigan").ref is _cand(state, "Tomas Kerrigan").ref


def test_agents_demonym_and_agent_words(state_of):
    from eventwire.actors.agents import agent_phrases
    from eventwire.actors.mentions import collect_names

    state = state_of("Kenyan police fired tear gas at striking teachers.")
    collect_names(state)
    agent_phrases(state)
    ref = _cand(state, "Kenyan police").ref
    assert (ref.country, ref.sector, ref.resolution) == ("KEN", "COP", "agent+demonym")


def test_context_government_takes_the_one_country_before_it(state_of):
    from eventwire.actors.context import context_country
    from eventwire.actors.mentions import collect_names

    state = state_of("Chile held local elections on Sunday. The government said turnout was high.")
    collect_names(state)
    assert context_country(state, state.cols.text.index("government")) == "CHL"


def test_collectives_conjoined_countries(state_of):
    from eventwire.actors.collectives import conjoined_countries
    from eventwire.actors.mentions import collect_names

    state = state_of("German and French diplomats met on Friday.")
    collect_names(state)
    assert [code for _, _, code in conjoined_countries(state, 0, 3)] == ["DEU", "FRA"]


def test_grouping_lists_members_of_a_group(nlp):
    from conftest import resolve_actors

    actors = {a.name: a for a in resolve_actors(nlp, "Maltese opposition parties, including the Labour Party, "
                                                     "boycotted the vote.")}
    assert actors["Maltese opposition parties"].members == [actors["Labour Party"].id]
