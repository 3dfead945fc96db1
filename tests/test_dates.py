"""Date finding and resolution: own sentences, plus the seed article's gold dates."""

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from eventwire.when_where import date_patterns
from eventwire.when_where.date_patterns import find_date_matches
from eventwire.when_where.date_resolution import resolve_match
from eventwire.when_where.dates import date_for_event

SHARED = Path(__file__).resolve().parents[2] / "shared"
PUBLISHED = dt.date(2024, 2, 19)  # a Monday


def parse(nlp, text, published=PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.eventwire_published = published
    return nlp(doc)


@pytest.mark.parametrize("text,expr,value", [
    ("The envoys met on Saturday in Doha.", "on Saturday", "2024-02-17"),
    ("The envoys will meet on Saturday in Doha.", "on Saturday", "2024-02-24"),
    ("The cabinet will convene next week.", "next week", "2024-02-26/2024-03-03"),
    ("Talks were held over the weekend.", "over the weekend", "2024-02-17/2024-02-18"),
    ("The rebels seized the town on Oct. 26.", "Oct. 26", "2023-10-26"),
    ("The council convenes on Feb 26 to vote.", "Feb 26", "2024-02-26"),
    ("The treaty was signed in 1995.", "1995", "1995"),
    ("A summit is planned for March.", "for March", "2024-03"),
    ("Nobody forgets \"October 7\" there.", "October 7", "2023-10-07"),
    ("Troops withdrew three days ago.", "three days ago", "2024-02-16"),
    ("The accord was signed on 7 October 2023.", "7 October 2023", "2023-10-07"),
])
def test_dates_resolve_against_publication(nlp, text, expr, value):
    refs = {r.text: r for r in parse(nlp, text)._.eventwire_dates}
    assert refs[expr].value == value
    assert text[refs[expr].start:refs[expr].end] == expr


@pytest.mark.parametrize("text", [
    "We may march on the capital if they refuse.",
    "We will see what they say.",
    "Officials said 2000 people attended.",
])
def test_dates_no_false_dates(nlp, text):
    assert parse(nlp, text)._.eventwire_dates == []


@pytest.mark.parametrize("text,expr", [
    ("The ministers met on Monday.", "on Monday"),
    ("The talks resume next week.", "next week"),
    ("The vote is on Feb 26.", "Feb 26"),
])
def test_dates_relative_unresolved_without_publication(nlp, text, expr):
    ref = next(r for r in parse(nlp, text, None)._.eventwire_dates if r.text == expr)
    assert ref.value is None and "no publication date" in ref.note


@pytest.mark.parametrize("text,trigger,expected", [
    ("The army attacked the town on Monday, officials said on Tuesday.", "attacked", "on Monday"),
    ("Officials said on Tuesday that the army attacked the town.", "attacked", None),
    ("They agreed to a meeting in Cairo, which convenes on Feb 26.", "meeting", "Feb 26"),
    # The date of the requested meeting does not date the request itself.
    ("The parties got letters inviting them to a summit in Cairo, which opens on Feb 26.", "letters", None),
    ("The parties got letters inviting them to a summit in Cairo, which opens on Feb 26.", "summit", "Feb 26"),
])
def test_dates_date_for_event_follows_clause(nlp, text, trigger, expected):
    doc = parse(nlp, text)
    token = next(t for t in doc if t.text == trigger)
    ref = date_for_event(doc, token)
    assert (ref.text if ref else None) == expected


def test_dates_seed_gold_resolved():
    import eventwire

    raw = (SHARED / "seed" / "moscow-parley.txt").read_text(encoding="utf-8")
    gold = json.loads((SHARED / "seed" / "moscow-parley.gold.json").read_text(encoding="utf-8"))["dates"]
    found = {(d.text.lower(), d.value) for d in eventwire.extract(raw, published="2024-02-19").dates}
    missing = [g for g in gold if (g["text"].lower(), g["resolves_to"]) not in found]
    assert missing == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Oct. 26, 1995 on Monday next week May in March \"'\n")), max_size=80))
def test_dates_patterns_fuzz_spans_inside(text):
    for match in find_date_matches(text):
        assert 0 <= match.start < match.end <= len(text)
        resolution = resolve_match(match, PUBLISHED, None)
        assert resolution.precision


def _full_scan_spans(text):
    return [(kind, m.span()) for kind, regex, _ in date_patterns._COMPILED for m in regex.finditer(text)]


def _opening_word_spans(text):
    starts = date_patterns._word_starts(date_patterns._lower(text))
    return [(kind, m.span()) for kind, regex, opens in date_patterns._COMPILED
            for m in date_patterns._matches_at(regex, text, starts, opens)]


# Trying each pattern only where one of its opening words starts must find what a scan of
# every position finds: this fails when a pattern is edited and its opening words are not.
@pytest.mark.parametrize("text", [
    "lastMay 5 and thisMarch, mid-March, midJune, late  December 2001",
    "The 26th of Feb. 2024, 2024-02-26, x2024-01-02, FEB 26TH, Sept. 9,  2001",
    "in_ 2020, _in 2020, in\t1999 per cent, between 1990 and 1995, around 2000 people",
    "over the weekend, on the weekend, earlier this week, later next month, the past year",
    "on\nMonday night, coming Friday, three days ago, an hour ago, a week ago, 12 months ago",
    "yesterday, tonight, end of May, beginning of June, by March 5, for April",
])
def test_dates_opening_words_find_what_a_full_scan_finds(text):
    assert _opening_word_spans(text) == _full_scan_spans(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Oct. 26, 1995 on Monday next week ago the mid-May in March _-\n")),
               max_size=80))
def test_dates_opening_words_fuzz(text):
    assert _opening_word_spans(text) == _full_scan_spans(text)


@pytest.mark.parametrize("text, expr", [
    ("Kurdish guerrillas fought the army throughout the 1990s.", "the 1990s"),
    ("The fortress was rebuilt in the 1740s by the Ottomans.", "the 1740s"),
])
def test_dates_decades_are_not_read_as_a_recent_day(nlp, text, expr):
    """dateparser read a decade as the day before the publication date: an answer outside
    every year the phrase writes is no answer."""
    doc = nlp.make_doc(text)
    doc._.eventwire_published = dt.date(2024, 2, 19)
    refs = [d for d in nlp(doc)._.eventwire_dates if d.text == expr]
    assert refs and refs[0].value is None


def test_dates_dateparser_answers_keep_the_written_year():
    from eventwire.when_where.dates import parse_with_dateparser

    assert parse_with_dateparser("2019-05-19", dt.date(2024, 2, 19), "past") == ("2019-05-19", "day")


@pytest.mark.parametrize("phrase", [
    "30 years", "about 14 months", "17-day", "8 1/2 months", "2 to 3 weeks",  # lengths of time
    "6 A.M", "10:30 pm",  # clock times
    "10-12", "25-16",  # scores and ranges
    "1st", "43rd and", "67th, 81st",  # ordinals
])
def test_dates_phrases_that_name_no_day_skip_dateparser(phrase):
    """dateparser reads these as days ("30 years" as 30 years ago, "10-12" as October 12)."""
    from eventwire.when_where.dates import _NO_DAY

    assert _NO_DAY.match(phrase)


@pytest.mark.parametrize("phrase", ["14 months ago", "Nov. 2", "the year 2000", "1964-1985", "March 1st", "12-14 June"])
def test_dates_phrases_that_name_a_day_still_reach_dateparser(phrase):
    from eventwire.when_where.dates import _NO_DAY

    assert not _NO_DAY.match(phrase)


def test_dates_a_duration_entity_has_no_value(nlp):
    refs = {r.text: r for r in parse(nlp, "The blockade of the port lasted 30 years.")._.eventwire_dates}
    assert "30 years" in refs and refs["30 years"].value is None


def test_dates_event_takes_the_resolved_date_of_two_as_close(nlp):
    """A length of time and a year both modify the verb: the event happened in the year."""
    doc = parse(nlp, "Aircraft bombed the bridges for 40 days in 1999.")
    bombed = next(t for t in doc if t.text == "bombed")
    ref = date_for_event(doc, bombed)
    assert ref is not None and ref.value == "1999"
