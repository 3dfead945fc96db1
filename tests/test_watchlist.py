"""Watchlist rules: parsing, matching over Store.events() dicts, firing once per event."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.feeds import WatchlistError, load_rules, matches, parse_rules
from eventwire.feeds.alerts import Alerter
from eventwire.feeds import state

DATA = Path(__file__).parent / "data" / "feeds"


def _event(**changes):
    event = {
        "id": "abc-000", "article_id": "abc", "event": "CONSULT", "status": "occurred", "confidence": 0.8,
        "actor": [{"name": "Hamas", "id": "hamas", "code": "PSEREB", "country": "PSE", "text": "Hamas"}],
        "recipient": [{"name": "Egypt", "id": "egypt", "code": "EGY", "country": "EGY", "text": "Egyptian mediators"}],
        "event_loc": None, "text": "Hamas met Egyptian mediators in Cairo.", "evidence": "met",
        "evidence_span": [6, 9], "span": [0, 38], "date": "2024-03-04",
    }
    event.update(changes)
    return event


RULES = {r.name: r for r in load_rules(DATA / "watchlist.yaml")}


@pytest.mark.parametrize("rule,changes,expected", [
    ("hamas-talks", {}, True),
    ("hamas-talks", {"event": "AGREE"}, True),
    ("hamas-talks", {"event": "ASSAULT"}, False),
    ("hamas-talks", {"actor": [], "recipient": [{"name": "Hamas", "id": "hamas", "code": "PSEREB"}]}, True),
    ("sudan-assaults", {"event": "ASSAULT", "event_loc": {"country": "SDN"}}, True),
    ("sudan-assaults", {"event": "ASSAULT"}, False),
    ("planned-threats", {"event": "THREATEN", "status": "planned"}, True),
    ("planned-threats", {"event": "THREATEN", "status": "occurred"}, False),
    # Egypt on the actor side is not a threat *against* Egypt.
    ("planned-threats", {"event": "THREATEN", "status": "planned", "actor": [{"name": "Egypt", "id": "egypt"}],
                         "recipient": []}, False),
])
def test_watchlist_matches(rule, changes, expected):
    assert matches(RULES[rule], _event(**changes)) is expected


@pytest.mark.parametrize("value,expected", [("Hamas", True), ("PSEREB", True), ("Ham", False), ("mediators", True)])
def test_watchlist_actor_names_match_whole_words(value, expected):
    (rule,) = parse_rules([{"name": "r", "actor": value}])
    assert matches(rule, _event()) is expected


@pytest.mark.parametrize("spec,message", [
    ({"type": "ASSAULT"}, "has no name"),
    ({"name": "r"}, "has no condition"),
    ({"name": "r", "type": "BOMB"}, "unknown type 'BOMB'"),
    ({"name": "r", "status": "rumoured"}, "unknown status 'rumoured'"),
    ({"name": "r", "colour": "red"}, "unknown condition 'colour'"),
])
def test_watchlist_rejects_bad_rules(spec, message):
    with pytest.raises(WatchlistError, match=message):
        parse_rules([spec])


def test_watchlist_rejects_duplicate_names():
    with pytest.raises(WatchlistError, match="used twice"):
        parse_rules({"rules": [{"name": "a", "type": "AID"}, {"name": "a", "type": "AID"}]})


def test_watchlist_alert_fires_once_per_rule_and_event(memory_store):
    sent = []
    alerter = Alerter(list(RULES.values()), [sent.append])
    events = [_event(), _event(id="abc-001", event="AGREE")]
    first = alerter.check(memory_store, events, {"url": "http://news.test/a"})
    assert [(a["rule"], a["event_id"]) for a in first] == [("hamas-talks", "abc-000"), ("hamas-talks", "abc-001")]
    assert alerter.check(memory_store, events) == []
    assert sent == first and len(state.list_alerts(memory_store)) == 2


def test_watchlist_broken_sink_does_not_stop_others(memory_store):
    def broken(alert):
        raise OSError("disk full")

    sent = []
    Alerter([RULES["hamas-talks"]], [broken, sent.append]).check(memory_store, [_event()])
    assert len(sent) == 1
