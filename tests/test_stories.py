"""Stories across sources: dedup, disagreements and story clustering on an invented story.

tests/data/stories/isfara holds ten short articles by invented outlets about three real
events: Tajikistan's accusation (Feb 27), the Almaty talks (planned for March 4, then
held; one outlet dates them March 6, one places them in Astana, one adds Uzbekistan) and
the water-sharing agreement (March 5). tests/data/stories/unrelated holds two others.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.stories.dedup import build_reports, cluster_events, cluster_reports

DATA = Path(__file__).parent / "data" / "stories"


@pytest.fixture(scope="module")
def story_store(tmp_path_factory):
    """The corpus ingested through the real pipeline, then the unrelated batch."""
    import eventwire.settings
    from eventwire.jobs import ingest
    from eventwire.store import Store
    from eventwire.stories import update_stories

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('stories') / 'stories.db'}")
    for folder in ("isfara", "unrelated"):
        before = {a["id"] for a in store.articles(limit=1000)}
        ingest([str(DATA / folder)], store, eventwire.settings.load_options())
        update_stories(store, [a["id"] for a in store.articles(limit=1000) if a["id"] not in before])
    yield store
    store.close()


@pytest.fixture(scope="module")
def isfara(story_store):
    from eventwire.stories import list_stories, story_view

    best = max(list_stories(story_store), key=lambda s: s["num_articles"])
    return story_view(story_store, best["id"])


def _event(view, etype):
    return next(e for e in view["events"] if e["event"] == etype)


def test_stories_duplicates_merge_into_distinct_events(isfara):
    assert [(e["event"], e["date"]) for e in isfara["events"]] == [
        ("ACCUSE", "2025-02-27"), ("CONSULT", "2025-03-04"), ("AGREE", "2025-03-05")]


@pytest.mark.parametrize("etype,sources,articles", [("ACCUSE", 2, 2), ("CONSULT", 6, 7), ("AGREE", 2, 2)])
def test_stories_cluster_counts_sources_and_articles(isfara, etype, sources, articles):
    e = _event(isfara, etype)
    assert (e["num_sources"], e["num_articles"]) == (sources, articles)
    assert len({r["article_id"] for r in e["reports"]}) == articles  # no report discarded


def test_stories_planned_then_held_is_one_event(isfara):
    e = _event(isfara, "CONSULT")
    assert e["status"] == "occurred" and e["lifecycle"] == ["planned", "occurred"]
    assert e["first_report"] == "2025-02-27" and e["last_report"] == "2025-03-06"
    assert not any(f["kind"] == "status" for f in e["flags"])


@pytest.mark.parametrize("variants", [("Nurlan Abdykadyrov", "Nurlan Abdikadirov")])
def test_stories_spelling_variants_merge(isfara, variants):
    e = _event(isfara, "CONSULT")
    keys = {k for r in e["reports"] for k, name in r["names"].items() if name in variants}
    assert len(keys) == 1
    assert {r["names"][k] for r in e["reports"] for k in keys if k in r["names"]} == set(variants)


def test_stories_state_and_government_merge(isfara):
    accuse = _event(isfara, "ACCUSE")
    assert {a["key"] for a in accuse["actors"]} == {"state:TJK", "state:KGZ"}
    assert {r["source"] for r in accuse["reports"]} == {"northwire.example", "highlandtimes.example"}


@pytest.mark.parametrize("kind,value,sources", [
    ("date", "2025-03-06", ["caspiandaily.example"]),
    ("location", "Astana", ["ridgeline.example"]),
])
def test_stories_disagreement_flagged_with_sources(isfara, kind, value, sources):
    flag = next(d for d in isfara["disagreements"] if d["kind"] == kind)
    assert flag["event"] == "CONSULT"
    assert next(v for v in flag["values"] if v["value"] == value)["sources"] == sources


def test_stories_participant_disagreement_flagged(isfara):
    flag = next(d for d in isfara["disagreements"] if d["kind"] == "participants")
    assert "Uzbekistan" in flag["disputed_names"]
    says_uzbekistan = [v for v in flag["values"] if "Uzbekistan" in v["value"]]
    assert [v["sources"] for v in says_uzbekistan] == [["caspiandaily.example"]]


def test_stories_corpus_is_one_story_and_others_apart(story_store, isfara):
    from eventwire.stories import list_stories

    assert isfara["story"]["num_articles"] == 10 and isfara["story"]["num_sources"] == 6
    others = [s for s in list_stories(story_store) if s["id"] != isfara["story"]["id"]]
    assert sorted(s["title"] for s in others) == ["Anchovy quotas settled", "New freight line for Bishkek"]


def test_stories_update_is_idempotent(story_store, isfara):
    from eventwire.stories import list_stories, story_view, update_stories

    update_stories(story_store, [a["id"] for a in isfara["articles"][:3]])
    again = story_view(story_store, isfara["story"]["id"])
    assert [(e["event"], e["num_articles"]) for e in again["events"]] == [
        (e["event"], e["num_articles"]) for e in isfara["events"]]
    assert len(list_stories(story_store)) == 3


# ------------------------------------------------------------ pure dedup on hand-built events
def _ev(eid, article, etype, actor, recipient, date, status="occurred"):
    ref = lambda i: {"id": i, "name": i.title(), "country": None, "sector": None}  # noqa: E731
    return {"id": eid, "article_id": article, "event": etype, "status": status, "date": date,
            "actor": [ref(actor)], "recipient": [ref(recipient)], "span": [0, 1], "evidence": "x", "text": "x"}


ARTICLES = {f"a{i}": {"source_domain": f"s{i % 2}.example", "published": dt.date(2025, 3, 10)} for i in range(6)}


@pytest.mark.parametrize("dates,clusters", [
    (["2025-03-04", "2025-03-07"], 1),  # within three days
    (["2025-03-04", "2025-03-08"], 2),  # four days apart
    (["2025-03-04", "2025-03-01/2025-03-05"], 1),  # overlapping range
    (["2025-03-02", "2025-03-04", "2025-03-06", "2025-03-08", "2025-03-10"], 3),  # no endless chaining
])
def test_stories_dedup_date_window(dates, clusters):
    events = [_ev(f"e{i}", f"a{i}", "CONSULT", "hamas", "fatah", d) for i, d in enumerate(dates)]
    assert len(cluster_events(events, ARTICLES)) == clusters


@pytest.mark.parametrize("a,b,merged", [
    (("hamas", "fatah"), ("fatah", "hamas"), True),  # CONSULT is undirected
    (("hamas", "fatah"), ("hamas", "jihad"), False),
    (("abu marzouk", "fatah"), ("abu marzook", "fatah"), True),  # fuzzy, unresolved names
])
def test_stories_dedup_actor_compatibility(a, b, merged):
    events = [_ev("e0", "a0", "CONSULT", *a, "2025-03-04"), _ev("e1", "a1", "CONSULT", *b, "2025-03-04")]
    assert (len(cluster_events(events, ARTICLES)) == 1) is merged


def test_stories_dedup_directed_types_keep_direction():
    events = [_ev("e0", "a0", "ACCUSE", "hamas", "fatah", "2025-03-04"),
              _ev("e1", "a1", "ACCUSE", "fatah", "hamas", "2025-03-04")]
    assert len(cluster_events(events, ARTICLES)) == 2


def test_stories_dedup_member_relation_merges():
    events = [_ev("e0", "a0", "CONSULT", "hamas-official", "fatah", "2025-03-04"),
              _ev("e1", "a1", "CONSULT", "hamas", "fatah", "2025-03-05")]
    reports = build_reports(events, ARTICLES)
    assert len(cluster_reports(reports)) == 2
    assert len(cluster_reports(reports, related={"hamas-official": ["hamas"]})) == 1


# ------------------------------------------------------------ ingest hook, CLI and web
def test_stories_ingest_hook_assigns_stories(db_url):
    import eventwire.settings
    from eventwire.jobs import ingest
    from eventwire.store import Store
    from eventwire.stories import list_stories

    store = Store(db_url)
    ingest([str(DATA / "unrelated")], store, eventwire.settings.load_options())
    assert sorted(s["num_articles"] for s in list_stories(store)) == [1, 1]


def test_stories_hook_failure_keeps_batch(memory_store, monkeypatch, caplog):
    from eventwire.stories import store as stories_store

    def broken(store, ids):
        raise RuntimeError("boom")

    monkeypatch.setattr(stories_store, "update_stories", broken)
    assert stories_store.after_batch(memory_store, []) is None
    assert "updating stories failed" in caplog.text


@pytest.mark.parametrize("suffix", ["", ".json"])
def test_stories_web_story_page_and_twin(story_store, isfara, suffix):
    import warnings

    with warnings.catch_warnings():
        # Starlette prefers the httpx2 fork; plain httpx (the declared test dependency) works the same.
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient
    from eventwire.web.app import create_app

    client = TestClient(create_app(story_store))
    sid = isfara["story"]["id"]
    listing = client.get(f"/stories{suffix}")
    page = client.get(f"/stories/{sid}{suffix}")
    assert listing.status_code == page.status_code == 200
    if suffix:
        assert [e["event"] for e in page.json()["events"]] == ["ACCUSE", "CONSULT", "AGREE"]
        assert sid in [s["id"] for s in listing.json()["stories"]]
    else:
        assert "Where outlets disagree" in page.text and "caspiandaily.example" in page.text
    assert client.get(f"/stories/st-0000000000000000{suffix}").status_code == 404


def test_stories_cli_story_shows_timeline(story_store, isfara):
    import json

    from typer.testing import CliRunner

    from eventwire.cli import app

    result = CliRunner().invoke(app, ["story", isfara["story"]["id"], "--db", story_store.url, "--format", "json"])
    assert result.exit_code == 0
    assert [e["date"] for e in json.loads(result.stdout)["events"]] == ["2025-02-27", "2025-03-04", "2025-03-05"]
    assert CliRunner().invoke(app, ["story", "st-nope", "--db", story_store.url]).exit_code == 1


def test_stories_story_cosine_follows_its_idf():
    """A story scored under two word weightings uses each one's weights, never stale ones,
    and scores exactly as the cosine of the unit vectors, also after articles join."""
    from eventwire.stories.clustering import ArticleFeatures, Idf, StoryState, _bag, cosine

    art = ArticleFeatures("a1", None, None, frozenset(), frozenset(), "river water talks in Vienna")
    story = StoryState("s1", [art])
    first = Idf([_bag(art.text)])
    second = Idf([_bag(art.text), _bag("water shortage"), _bag("water rationing")])
    query = "water rationing talks resume in Vienna and Tashkent"
    for idf in (first, second, first):
        q = idf.unit_vector(_bag(query))
        assert story.cosine(q, idf) == cosine(q, idf.unit_vector(story.bag()))
    assert story.cosine(second.unit_vector(_bag(query)), second) != story.cosine(first.unit_vector(_bag(query)), first)
    for text in ("Vienna talks on river water resume", "the river talks stall over water and water quotas"):
        story.add(ArticleFeatures("a2", None, None, frozenset(), frozenset(), text))
        for q in (second.unit_vector(_bag(query)), second.unit_vector(_bag("river"))):
            assert story.cosine(q, second) == cosine(q, second.unit_vector(story.bag()))


def test_stories_assign_skips_only_stories_that_cannot_win():
    """assign compares words only with stories that could still win, and picks what scoring
    every candidate would pick: the highest score, ties to the smallest id."""
    from eventwire.stories.clustering import ArticleFeatures, Idf, StoryState, _bag, assign, cosine, similarity

    def feats(aid, actors, clusters, text):
        return ArticleFeatures(aid, None, None, frozenset(actors), frozenset(clusters), text)

    texts = ["river water talks in Vienna", "border clashes near Isfara", "water quota agreement signed",
             "gas pipeline tariffs", "Vienna talks on the river quota resume"]
    stories = [StoryState(f"s{i}", [feats(f"a{i}", actors, clusters, texts[i % len(texts)])])
               for i, (actors, clusters) in enumerate([({"x", "y"}, {"c1"}), ({"x"}, {"c1"}), ({"x", "y"}, ()),
                                                       ({"y"}, ()), ({"x"}, ()), ({"z"}, {"c2"})])]
    for article in (feats("n1", {"x", "y"}, {"c1"}, "water quota talks in Vienna"),
                    feats("n2", {"x"}, (), "gas pipeline tariffs rise"), feats("n3", {"q"}, {"c2"}, "river")):
        idf = Idf([_bag(article.text), *(s.bag() for s in stories)])
        query = idf.unit_vector(_bag(article.text))
        scored = sorted((-similarity(article, s, cosine(query, idf.unit_vector(s.bag()))), s.id) for s in stories)
        best, score = assign(article, stories, idf=idf, threshold=0.0)
        assert (best.id, score) == (scored[0][1], -scored[0][0])


# ------------------------------------------------------------ one meeting, many outlets (#18)
LOME = DATA / "lome"


@pytest.fixture(scope="module")
def lome(tmp_path_factory):
    """tests/data/stories/lome: eight reports of one invented meeting (batch1-3; two
    undated, one alone in its batch; one naming the sides collectively; one giving
    another date; one with a place that is the topic's) and one other story, ingested
    batch by batch as a feed delivers them."""
    import importlib.util

    from eventwire.store import Store
    from eventwire.stories import list_stories, story_view

    spec = importlib.util.spec_from_file_location("measure_stories", Path(__file__).parents[1] / "scripts" / "measure_stories.py")
    measure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(measure)
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('lome') / 'lome.db'}")
    measure.ingest_batches(store, measure.BATCHES)
    stories = list_stories(store)
    views = {s["title"]: story_view(store, s["id"]) for s in stories}
    store.close()
    return views


def test_stories_undated_reports_join_their_story_issue18(lome):
    assert sorted((t, v["story"]["num_articles"], v["story"]["num_sources"]) for t, v in lome.items()) == [
        ("Ghana and Togo to meet over border crossing", 8, 6), ("Tuna catch quotas agreed", 1, 1)]


def test_stories_one_cluster_per_meeting_issue18(lome):
    meeting = lome["Ghana and Togo to meet over border crossing"]
    assert [(e["event"], e["date"], e["num_articles"]) for e in meeting["events"]] == [("CONSULT", "2025-04-08", 8)]


def test_stories_only_stated_conflicts_flagged_issue18(lome):
    flags = [d for v in lome.values() for d in v["disagreements"]]
    assert [(d["kind"], [(x["value"], x["sources"]) for x in d["values"] if x["value"] != "2025-04-08"]) for d in flags] == [
        ("date", [("2025-04-10", ["harmattan.example"])])]


def _report(article, keys, names, **kw):
    from eventwire.stories.dedup import Report

    fields = dict(event_ids=[article], article_id=article, event="CONSULT", status="occurred", source=f"{article}.example",
                  published=dt.date(2025, 4, 9), date="2025-04-08", date_lo=dt.date(2025, 4, 8),
                  date_hi=dt.date(2025, 4, 8), loc_name=None, sources_side=keys[:1], targets_side=keys[1:],
                  names=dict(zip(keys, names)), evidence="met", text="x")
    return Report(**{**fields, **kw})


@pytest.mark.parametrize("other,flagged", [
    ((["ent:river towns"], ["River towns"]), False),  # the collective, not a different list
    ((["state:GHA", "state:TGO", "state:BEN"], ["Ghana", "Togo", "Benin"]), True),  # a third state named as such
    ((["state:GHA", "state:TGO", "ent:aflao"], ["Ghana", "Togo", "Aflao"]), False),  # a town read as a party
    ((["state:TGO"], ["Togo"]), False),  # one side named, the other left unsaid
])
def test_stories_participants_flag_ignores_collective_naming_issue18(other, flagged):
    from eventwire.stories.disagreements import participants_flag

    reports = [_report("a", ["state:GHA", "state:TGO"], ["Ghana", "Togo"]), _report("b", *other)]
    assert (participants_flag(reports) is not None) is flagged


@pytest.mark.parametrize("loc_name,loc_country,flagged", [("Lomé", "TGO", False), (None, None, True)])
def test_stories_participants_flag_ignores_the_host_country_issue18(loc_name, loc_country, flagged):
    """"Ghana and Benin met in Lomé" coded with Togo as a recipient: the host, not a side (#18)."""
    from eventwire.stories.disagreements import participants_flag

    at = dict(loc_name=loc_name, loc_country=loc_country, text=f"Ghana and Benin met in {loc_name}.")
    reports = [_report("a", ["state:GHA", "state:BEN"], ["Ghana", "Benin"], **at),
               _report("b", ["state:GHA", "state:BEN", "state:TGO"], ["Ghana", "Benin", "Togo"], **at)]
    assert (participants_flag(reports) is not None) is flagged


@pytest.mark.parametrize("date_text,flagged", [(None, False), ("on April 10", True)])
def test_stories_date_flag_needs_a_stated_date_issue18(date_text, flagged):
    from eventwire.stories.disagreements import date_flag

    reports = [_report("a", ["state:GHA"], ["Ghana"], date_text="on Tuesday"),
               _report("b", ["state:GHA"], ["Ghana"], date="2025-04-10", date_lo=dt.date(2025, 4, 10),
                       date_hi=dt.date(2025, 4, 10), date_text=date_text)]
    assert (date_flag(reports) is not None) is flagged


@pytest.mark.parametrize("text,loc,country,flagged", [
    ("Ghana met Togo in Kara on Tuesday.", "Kara", "TGO", True),
    ("Ghana met Togo on Tuesday about the drought in Kara.", "Kara", "TGO", False),  # the topic's place
    ("Ghana met Togo in Togo on Tuesday.", "Togo", "TGO", False),  # the country holding the city
])
def test_stories_location_flag_needs_a_stated_place_issue18(text, loc, country, flagged):
    from eventwire.stories.disagreements import location_flag

    reports = [_report("a", ["state:GHA"], ["Ghana"], loc_name="Lomé", loc_country="TGO", text="Ghana met Togo in Lome."),
               _report("b", ["state:GHA"], ["Ghana"], loc_name=loc, loc_country=country, text=text)]
    assert (location_flag(reports) is not None) is flagged


def test_stories_title_skips_undated_and_furniture_issue18():
    from types import SimpleNamespace as Row

    from eventwire.stories.clustering import story_title

    rows = [Row(id="a", title="Skip to content", published=dt.date(2025, 4, 1), source_domain="x.example"),
            Row(id="b", title="Undated copy", published=None, source_domain="y.example"),
            Row(id="c", title="Talks open in the port city", published=dt.date(2025, 4, 2), source_domain="z.example")]
    assert story_title(rows) == "Talks open in the port city"


@pytest.mark.parametrize("partial,clusters", [
    (dict(date=None, date_lo=None, date_hi=None, published=None), 1),  # undated article: joins the one meeting
    (dict(sources_side=["ent:the neighbours"], targets_side=["state:TGO"]), 1),  # one side named collectively
    (dict(sources_side=["state:BEN"], targets_side=["state:TGO"], date=None, date_lo=None, date_hi=None), 2),  # other pair
])
def test_stories_partial_report_joins_its_event_issue18(partial, clusters):
    reports = [_report("a", ["state:GHA", "state:TGO"], ["Ghana", "Togo"]),
               _report("b", ["state:GHA", "state:TGO"], ["Ghana", "Togo"]), _report("c", ["x"], ["x"])]
    reports[2] = _report("c", ["state:GHA", "state:TGO"], ["Ghana", "Togo"], **partial)
    assert len(cluster_reports(reports)) == clusters


@pytest.mark.parametrize("planned_published,clusters", [
    (dt.date(2025, 4, 2), 1),  # announced six days before: the plan of that meeting
    (dt.date(2025, 3, 20), 2),  # announced weeks before: another plan
])
def test_stories_undated_plan_keyed_by_the_days_ahead_issue18(planned_published, clusters):
    events = [{"id": "p", "article_id": "p", "event": "CONSULT", "status": "planned", "date": None,
               "actor": [{"id": "ghana", "name": "Ghana", "country": "GHA"}],
               "recipient": [{"id": "togo", "name": "Togo", "country": "TGO"}], "span": [0, 1], "evidence": "x", "text": "x"},
              {**_ev("m", "m", "CONSULT", "ghana", "togo", "2025-04-08"),
               "actor": [{"id": "ghana", "name": "Ghana", "country": "GHA"}],
               "recipient": [{"id": "togo", "name": "Togo", "country": "TGO"}]}]
    articles = {"p": {"source_domain": "a.example", "published": planned_published},
                "m": {"source_domain": "b.example", "published": dt.date(2025, 4, 9)}}
    assert len(cluster_events(events, articles)) == clusters


# ------------------------------------------------ the outlet corpus: 44 reports, 7 stories (#18)
def _outlet_measure():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "measure_outlet_corpus", Path(__file__).parents[1] / "scripts" / "measure_outlet_corpus.py")
    measure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(measure)
    return measure


@pytest.fixture(scope="module")
def outlet_scores():
    """tests/data/stories/outlets ingested batch by batch as a feed delivers it, scored against gold.json."""
    measure = _outlet_measure()
    gold = measure.load_gold()
    return gold, measure.score_stories(gold, measure.run_stories(gold))


def test_stories_outlet_corpus_is_full_size_issue18():
    gold = _outlet_measure().load_gold()
    styles = {o["style"] for o in gold["outlets"].values()}
    undated = [r for r in gold["reports"] if r["published"] is None]
    assert (len(gold["reports"]) >= 40, len(gold["stories"]) >= 6, len(styles) >= 10, len(undated) >= 5) == (True,) * 4


def test_stories_outlet_corpus_counts_outlets_issue18(outlet_scores):
    _, scores = outlet_scores
    assert scores["outlet_errors"] == []


def test_stories_outlet_corpus_bcubed_f1_issue18(outlet_scores):
    _, scores = outlet_scores
    assert scores["bcubed"][2] >= 0.90


def test_stories_outlet_corpus_flags_every_date_conflict_and_nothing_else_issue18(outlet_scores):
    gold, scores = outlet_scores
    assert (scores["conflicts_flagged"], scores["spurious"]) == ((3, 3), [])
