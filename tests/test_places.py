"""Gazetteer lookups, place mentions and event-location linking."""

import json
import math
from pathlib import Path

import pytest

from eventwire.when_where.gazetteer import best_entry
from eventwire.when_where.places import place_for_event

SHARED = Path(__file__).resolve().parents[2] / "shared"


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.mark.parametrize("name,country", [
    ("Moscow", "RUS"), ("Kharp", "RUS"), ("Munich", "DEU"), ("Gaza", "PSE"), ("the West Bank", "PSE"),
    ("Crimea", "UKR"), ("Russia", "RUS"), ("U.S.", "USA"), ("Britain", "GBR"), ("Kiev", "UKR"),
])
def test_places_gazetteer_lookup(name, country):
    assert best_entry(name).country == country


@pytest.mark.parametrize("name,context,country", [
    ("Tripoli", frozenset(), "LBY"),
    ("Tripoli", frozenset({"LBN"}), "LBN"),
    ("Moscow", frozenset({"USA"}), "RUS"),  # a capital outweighs a small namesake
])
def test_places_context_country_breaks_ties(name, context, country):
    assert best_entry(name, context).country == country


@pytest.mark.parametrize("text,trigger,expected", [
    ("Protesters marched in Barcelona on Thursday.", "marched", "Barcelona"),
    ("The ministers held talks in Cairo.", "talks", "Cairo"),
    ("A journalist from Kenya was arrested on Tuesday.", "arrested", None),
    ("Ghana will try to reconcile the parties at a summit in Accra.", "reconcile", "Accra"),
    ("Rebels captured Kandahar after a week of fighting.", "captured", "Kandahar"),
    ("Soldiers patrolled the main square in Hebron, near Jerusalem.", "patrolled", "Hebron"),
    # A known organisation is not a place, even where a gazetteer alternate name matches it.
    ("The premier asked the rebels to join the negotiations.", "asked", None),
    ("Egypt hosted Hamas and Fatah delegations on Monday.", "hosted", None),
])
def test_places_place_for_event(nlp, text, trigger, expected):
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    place = place_for_event(doc, token)
    assert (place.text if place else None) == expected


def test_places_seed_geolocated():
    import eventwire

    raw = (SHARED / "seed" / "moscow-parley.txt").read_text(encoding="utf-8")
    gold = json.loads((SHARED / "seed" / "moscow-parley.gold.json").read_text(encoding="utf-8"))["places"]
    places = eventwire.extract(raw, published="2024-02-19").places
    for want in gold:
        got = next(p for p in places if p.name == want["name"] or p.text == want["name"])
        assert got.country == want["country"]
        if "lat" in want:
            assert km(got.lat, got.lon, want["lat"], want["lon"]) < 25


def _row(text, verb, location=None):
    tokens, pos = [], 0
    for i, word in enumerate(text.split()):
        start = text.index(word, pos)
        tokens.append({"text": word, "start": start, "end": start + len(word), "id": i})
        pos = start + len(word)
    ids = {t["text"]: t["id"] for t in tokens}
    spans = [{"label": "VERB", "token_start": ids[verb], "token_end": ids[verb]}]
    if location:
        spans.append({"label": "LOCATION", "token_start": ids[location], "token_end": ids[location]})
    return {"text": text, "tokens": tokens, "spans": spans, "source": "RELABEL"}


def test_places_eval_locations_scores_rows(tmp_path, nlp):
    from eventwire.eval.locations import evaluate

    rows = [
        _row("Police arrested four men in Lagos on Friday .", "arrested", "Lagos"),
        _row("Police arrested four men on Friday .", "arrested"),
        _row("Police arrested four men in Lagos on Friday .", "Police"),  # wrong: gold says none
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = evaluate(path, nlp=nlp)
    assert report.scores["location_acc"] == pytest.approx(2 / 3, abs=0.01)
    assert report.summary.startswith("locations acc=0.67 n=3")


# ------------------------------------------------------------ homonyms (#18)
HOMONYMS = [json.loads(line) for line in
            (Path(__file__).parent / "data" / "places" / "homonyms.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("case", HOMONYMS, ids=[f"{c['name']}-{c['country']}-{i}" for i, c in enumerate(HOMONYMS)])
def test_places_homonym_resolved_to_prominent_place_issue18(nlp, case):
    """A prominent place beats a small namesake in a country the article only names in
    passing; persons, organisations and news agencies are never located (country None)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("measure_homonyms", Path(__file__).parents[1] / "scripts" / "measure_homonyms.py")
    measure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(measure)
    assert measure.located(nlp, case) == case["country"]


@pytest.mark.parametrize("name,context,country", [
    ("Geneva", frozenset({"USA"}), "CHE"),  # the United States named in passing
    ("Athens", frozenset({"USA"}), "GRC"),
    ("Kingston", frozenset({"CAN"}), "CAN"),  # a smaller country named: its city wins
    ("Odessa", frozenset({"UKR"}), "UKR"),  # known by an alternate name only
])
def test_places_context_weighed_by_country_issue18(name, context, country):
    assert best_entry(name, context).country == country


@pytest.mark.parametrize("name,within,country", [("Toledo", "ESP", "ESP"), ("Hyderabad", "PAK", "PAK"), ("Moscow", "ESP", None)])
def test_places_best_entry_within_country_issue18(name, within, country):
    from eventwire.when_where.gazetteer import best_entry_within

    entry = best_entry_within(name, within)
    assert (entry.country if entry else None) == country
