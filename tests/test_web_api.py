"""The web app's JSON API, twins and review loop, over hand-made Documents (no model needed)."""

from __future__ import annotations

import datetime as dt
import sys
import warnings

import pytest
from sqlalchemy import select

from eventwire.schema import Actor, Article, Document, Event, Mention, Place, Quote
from eventwire.store import Store
from eventwire.store import tables as t
from eventwire.store.export import flatten_event
from eventwire.web.app import create_app

with warnings.catch_warnings():
    # Starlette 1.x prefers the httpx2 fork and warns about plain httpx, our declared
    # test dependency; the client works the same with either.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

TEXT = ("Envoys Gather in Geneva\n\n"
        "Foreign Minister Anna Berg urged the rebels to free the hostages on Monday. "
        "Berg met President Tomas Ruiz in Geneva. "
        "\u201cWe will keep talking,\u201d Berg said.")
SCRIPT_TEXT = "A <script>alert(1)</script> headline\n\nNothing <b>bold</b> happened here at all."


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def _actor(aid: str, name: str, country: str, sector: str, *words: str) -> Actor:
    mentions = [Mention(text=w, start=_span(TEXT, w)[0], end=_span(TEXT, w)[1]) for w in words]
    return Actor(id=aid, name=name, country=country, sector=sector, kind="PERSON", mentions=mentions)


def _event(n: int, kind: str, quad: int, src: Actor, tgt: Actor, evidence: str, loc: Place | None = None) -> Event:
    ev = _span(TEXT, evidence)
    sent_start = TEXT.rfind(". ", 0, ev[0]) + 2
    sent_end = TEXT.index(".", ev[1]) + 1
    return Event(event=kind, actor=[src.ref()], recipient=[tgt.ref()], text=TEXT[sent_start:sent_end],
                 span=(sent_start, sent_end), evidence=evidence, evidence_span=ev, rule=f"test.{kind.lower()}",
                 quad_class=quad, date="2024-03-04", date_precision="day", event_loc=loc, confidence=0.8,
                 id=f"aaaaaaaaaaaa-{n:03d}")


@pytest.fixture
def store(tmp_path) -> Store:
    berg = _actor("anna-berg", "Anna Berg", "SWE", "GOV", "Anna Berg")
    rebels = _actor("rebels", "Rebels", "XYZ", "REB", "rebels")
    ruiz = _actor("tomas-ruiz", "Tomas Ruiz", "ESP", "GOV", "Tomas Ruiz")
    geneva = Place(name="Geneva", country="CHE", lat=46.2, lon=6.15)
    article = Article(id="a" * 24, text=TEXT, title="Envoys Gather in Geneva", source_domain="example.org",
                      published=dt.date(2024, 3, 4), body_start=TEXT.index("Foreign"))
    quote_span = _span(TEXT, "\u201cWe will keep talking,\u201d")
    doc = Document(
        article=article, actors=[berg, rebels, ruiz],
        events=[_event(0, "REQUEST", 3, berg, rebels, "urged"), _event(1, "CONSULT", 1, berg, ruiz, "met", geneva)],
        quotes=[Quote(text=TEXT[quote_span[0]:quote_span[1]], span=quote_span, speaker=berg.ref("Berg"))],
        warnings=["possible misspelling: 'Burg' for 'Berg'"],
    )
    script = Document(article=Article(id="b" * 24, text=SCRIPT_TEXT, title=SCRIPT_TEXT.split("\n")[0],
                                      published=dt.date(2024, 3, 5)))
    s = Store(f"sqlite:///{tmp_path / 'web.db'}")
    s.write_documents([doc, script])
    yield s
    s.close()


@pytest.fixture
def client(store) -> TestClient:
    return TestClient(create_app(store))


def _correct(client: TestClient, **payload) -> dict:
    r = client.post("/api/corrections", json={"reviewer": "tester", **payload})
    assert r.status_code == 201, r.text
    return r.json()


@pytest.mark.parametrize("path,key", [
    ("/events.json", "events"), ("/api/events", "events"), ("/articles.json", "articles"),
    ("/api/articles", "articles"), ("/actors.json", "actors"), ("/api/actors", "actors"),
    ("/network.json", "nodes"), ("/api/network", "edges"), ("/map.json", "points"),
    (f"/articles/{'a' * 24}.json", "events"), ("/actors/anna-berg.json", "timeline"),
])
def test_web_api_json_twins_have_documented_keys(client, path, key):
    r = client.get(path)
    assert r.status_code == 200
    assert key in r.json()


@pytest.mark.parametrize("params,expected", [
    ({"actor_contains": "berg"}, {"REQUEST", "CONSULT"}),
    ({"actor": "anna berg"}, {"REQUEST", "CONSULT"}),
    ({"actor": "berg"}, set()),
    ({"actor": "Tomas Ruiz"}, {"CONSULT"}),
    ({"type": "REQUEST"}, {"REQUEST"}),
    ({"country": "ESP"}, {"CONSULT"}),
    ({"since": "2024-03-05"}, set()),
    ({"source": "example.org", "status": "occurred"}, {"REQUEST", "CONSULT"}),
])
def test_web_api_events_filters_like_cli(client, params, expected):
    data = client.get("/api/events", params=params).json()
    assert {e["event"] for e in data["events"]} == expected
    assert data["filters"] == params


def test_web_api_events_paging_links_keep_filters(client):
    data = client.get("/events.json", params={"actor_contains": "berg", "limit": 1}).json()
    assert data["count"] == 1
    assert data["next"] is not None and "actor_contains=berg" in data["next"] and "offset=1" in data["next"]


@pytest.mark.parametrize("params", [{"type": "BOGUS"}, {"since": "yesterday"}, {"country": "ES;"}, {"limit": 0},
                                    {"offset": 9223372036854775808}])
def test_web_api_events_rejects_bad_filters(client, params):
    assert client.get("/api/events", params=params).status_code in (400, 422)


def test_web_api_events_csv_has_flat_columns(client):
    r = client.get("/events.csv", params={"type": "CONSULT"})
    assert r.headers["content-type"].startswith("text/csv")
    lines = r.text.strip().splitlines()
    assert lines[0].startswith("id,article_id,event") and len(lines) == 2


def test_web_api_network_colours_by_quad_class(client):
    data = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    assert edges[("anna-berg", "rebels")]["conflict"] == 1
    assert edges[("anna-berg", "tomas-ruiz")]["cooperation"] == 1
    page = client.get("/network").text
    assert 'class="edge conflict"' in page and 'class="edge cooperation"' in page


def test_web_api_map_points_have_coordinates(client):
    points = client.get("/api/map").json()["points"]
    assert [(p["place"], p["lat"], p["lon"]) for p in points] == [("Geneva", 46.2, 6.15)]


def test_web_api_actor_partners_and_timeline(client):
    data = client.get("/api/actors/anna-berg").json()
    assert data["actor"]["aliases"] == [{"text": "Anna Berg", "count": 1}]
    assert {p["id"] for p in data["partners"]} == {"rebels", "tomas-ruiz"}
    assert {p["side"] for p in data["timeline"]} == {"source"}


@pytest.mark.parametrize("path", ["/", "/events", "/actors", "/actors/rebels", "/network", "/map",
                                  f"/articles/{'a' * 24}", "/events?actor=berg&type=REQUEST"])
def test_web_api_pages_render(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")


def test_web_api_article_page_highlights_evidence_and_warnings(client):
    html = client.get(f"/articles/{'a' * 24}").text
    assert 'data-events="aaaaaaaaaaaa-000"' in html and 'data-type="REQUEST"' in html
    assert 'class="actor"' in html and 'class="quote"' in html
    assert "possible misspelling" in html


def test_web_api_article_escapes_script(client):
    html = client.get(f"/articles/{'b' * 24}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;bold" in html


@pytest.mark.parametrize("path", ["/articles/..%2F..%2Fetc%2Fpasswd", "/articles/x'y", "/actors/..%2Fsecret",
                                  "/api/articles/%2E%2E", "/static/../app.py", "/static/%2E%2E/app.py"])
def test_web_api_rejects_traversal(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "create_app" not in r.text


def test_web_api_correction_modify_applies_without_overwriting(client, store):
    saved = _correct(client, action="modify", event_id="aaaaaaaaaaaa-000",
                     changes={"event": "CONSULT", "recipient": "Tomas Ruiz"})
    assert saved["changes"]["event"] == {"from": "REQUEST", "to": "CONSULT"}
    event = client.get("/api/events", params={"type": "CONSULT", "actor": "rebels"}).json()["events"]
    assert event == []  # the recipient is now Ruiz, so the rebels filter no longer matches
    event = next(e for e in store.events(type="CONSULT") if e["id"] == "aaaaaaaaaaaa-000")
    assert event["reviewed"] is True and event["quad_class"] == 1 and event["recipient"][0]["id"] == "tomas-ruiz"
    assert flatten_event(event)["reviewed"] is True
    with store.engine.connect() as conn:  # the original coding is still there
        assert conn.execute(select(t.events.c.event).where(t.events.c.id == "aaaaaaaaaaaa-000")).scalar() == "REQUEST"


@pytest.mark.parametrize("path", ["/api/events", "/events.json"])
def test_web_api_next_links_page_through_corrected_events_once(client, path):
    # Regression (#19): with corrections stored, pages repeated rows and added events came at any offset.
    _correct(client, action="modify", event_id="aaaaaaaaaaaa-001", changes={"date": "2024-01-01"})
    _correct(client, action="add", article_id="a" * 24, changes={"event": "AID", "evidence": "free", "date": "2024-02-01"})
    _correct(client, action="add", article_id="a" * 24, changes={"event": "CONCEDE", "evidence": "free", "date": "2024-05-01"})
    _correct(client, action="reject", event_id="aaaaaaaaaaaa-000")
    whole = client.get(path).json()["events"]
    assert [e["date"] for e in whole] == ["2024-05-01", "2024-02-01", "2024-01-01"]
    seen, url = [], f"{path}?limit=1"
    while url:
        page = client.get(url).json()
        seen += page["events"]
        url = page["next"]
    assert seen == whole


def test_web_api_correction_reject_hides_event_but_keeps_audit(client, store):
    _correct(client, action="reject", event_id="aaaaaaaaaaaa-001")
    assert [e["id"] for e in store.events()] == ["aaaaaaaaaaaa-000"]
    article = client.get(f"/api/articles/{'a' * 24}").json()
    assert [e.get("rejected", False) for e in article["events"]] == [False, True]
    assert [(c["action"], c["reviewer"]) for c in article["corrections"]] == [("reject", "tester")]


def test_web_api_correction_add_creates_event(client, store):
    saved = _correct(client, action="add", article_id="a" * 24,
                     changes={"event": "AGREE", "actor": "Tomas Ruiz", "recipient": "anna-berg", "evidence": "keep talking"})
    added = saved["event"]
    assert added["id"] == f"{'a' * 12}-r{saved['id']:03d}" and added["added"] is True
    assert TEXT[added["evidence_span"][0]:added["evidence_span"][1]] == "keep talking"
    assert [e["id"] for e in store.events(type="AGREE")] == [added["id"]]


@pytest.mark.parametrize("payload,status", [
    ({"action": "modify", "event_id": "nope", "changes": {"event": "AGREE"}}, 404),
    ({"action": "modify", "event_id": "aaaaaaaaaaaa-000", "changes": {"event": "HUG"}}, 400),
    ({"action": "modify", "event_id": "aaaaaaaaaaaa-000", "changes": {"rule": "x"}}, 400),
    ({"action": "modify", "event_id": "aaaaaaaaaaaa-000", "changes": {"event": "REQUEST"}}, 400),
    ({"action": "add", "article_id": "a" * 24, "changes": {"status": "planned"}}, 400),
    ({"action": "delete", "event_id": "aaaaaaaaaaaa-000"}, 422),
])
def test_web_api_correction_rejects_bad_requests(client, payload, status):
    assert client.post("/api/corrections", json={"reviewer": "tester", **payload}).status_code == status


def test_web_api_correction_needs_json_content_type(client):
    r = client.post("/api/corrections", content="action=reject&reviewer=x&event_id=aaaaaaaaaaaa-000",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415


@pytest.mark.parametrize("headers,body_token,status", [
    ({}, None, 401), ({"Authorization": "Bearer wrong"}, None, 401),
    ({"Authorization": "Bearer s3cret"}, None, 201), ({}, "s3cret", 201),
])
def test_web_api_token_guards_writes(store, headers, body_token, status):
    client = TestClient(create_app(store, token="s3cret"))
    payload = {"action": "reject", "event_id": "aaaaaaaaaaaa-000", "reviewer": "tester", "token": body_token}
    assert client.post("/api/corrections", json=payload, headers=headers).status_code == status


def test_web_api_override_without_kb_is_501(client, monkeypatch):
    for module in ("eventwire.actors.kb", "eventwire.actors.overrides"):
        monkeypatch.setitem(sys.modules, module, None)  # makes the import fail
    r = client.post("/api/actor-overrides", json={"name": "Anna Berg", "country": "SWE", "aliases": ["Berg"]})
    assert r.status_code == 501 and "add_override" in r.json()["error"]


def test_web_api_openapi_offline(client):
    assert client.get("/docs").status_code == 404
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/actors", "/api/articles/{article_id}", "/api/network", "/api/corrections"} <= set(paths)


def test_web_api_override_saved_to_user_file(client, tmp_path, monkeypatch):
    pytest.importorskip("eventwire.actors.overrides")
    path = tmp_path / "actors.yaml"
    monkeypatch.setenv("EVENTWIRE_OVERRIDES", str(path))
    r = client.post("/api/actor-overrides", json={"name": "Anna Berg", "country": "SWE", "sector": "GOV",
                                                  "aliases": ["Minister Berg"]})
    assert r.status_code == 201, r.text
    assert "Minister Berg" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("host,token_expected", [("127.0.0.1", False), ("0.0.0.0", True)])
def test_web_api_serve_requires_token_beyond_localhost(tmp_path, monkeypatch, host, token_expected):
    import uvicorn
    from typer.testing import CliRunner

    from eventwire.cli import app

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, **kw: served.update(app=web, **kw))
    Store(f"sqlite:///{tmp_path / 's.db'}").close()  # serve, a read command, refuses a missing database
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--host", host, "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert (served["app"].state.token is not None) == token_expected and served["port"] == 8765
    if token_expected:
        assert served["app"].state.token in result.output


@pytest.mark.parametrize("path", ["/api/events", "/events.csv", "/", "/events", "/stories", "/events.json"])
def test_web_api_huge_offset_is_a_client_error_not_a_crash(client, path):
    # Regression (#19): an offset past 64 bits overflowed in SQL and answered HTTP 500.
    assert client.get(path, params={"offset": 9223372036854775808}).status_code == 422


@pytest.mark.parametrize("actor", ["%", "_", "%berg%"])
def test_web_api_actor_filter_has_no_wildcards(client, actor):
    # Regression (#19): "%" and "_" were LIKE wildcards and matched every event.
    assert client.get("/events.json").json()["count"] > 0
    assert client.get("/events.json", params={"actor": actor}).json()["count"] == 0


@pytest.mark.parametrize("url", ["javascript:alert(document.domain)", "JavaScript:alert(1)", "data:text/html,x"])
def test_web_api_only_http_links_are_links(tmp_path, url):
    # Regression (#19): a stored "javascript:" URL became the article's clickable "original" link.
    s = Store(f"sqlite:///{tmp_path / 'x.db'}")
    s.write_documents([Document(article=Article(id="c" * 24, text="Talks\n\nTalks went on.", title="Talks",
                                                url=url, published=dt.date(2024, 3, 5)))])
    page = TestClient(create_app(s)).get(f"/articles/{'c' * 24}").text
    s.close()
    assert f'href="{url}' not in page and 'href="javascript' not in page.lower()


@pytest.mark.parametrize("path", ["/", "/events", "/events.json", "/map", "/static/style.css", "/nope"])
def test_web_api_security_headers_on_every_response(client, path):
    # Regression (#19): no Content-Security-Policy or framing/sniffing headers were sent, so an
    # injected inline script would have run and another site could frame the correction forms.
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"


def _links_to(html: str, prefix: str) -> list[str]:
    import html as html_lib
    import re
    return [html_lib.unescape(h) for h in re.findall(rf'href="({re.escape(prefix)}[^"#]*)"', html)]


def test_web_api_reviewer_added_actor_pages_answer(client):
    # Regression (#19): a reviewer's new actor ("review:...") linked from the article page answered 404.
    added = _correct(client, action="add", article_id="a" * 24,
                     changes={"event": "AGREE", "actor": "Jane Q. Doe", "recipient": "anna-berg", "evidence": "keep talking"})
    _correct(client, action="modify", event_id="aaaaaaaaaaaa-000", changes={"recipient": "Jane Q. Doe"})
    link = next(h for h in _links_to(client.get(f"/articles/{'a' * 24}").text, "/actors/") if "review" in h)
    page = client.get(link)
    assert page.status_code == 200 and "Jane Q. Doe" in page.text
    for path in (f"{link}.json", "/api/actors/review:jane-q-doe"):
        data = client.get(path).json()
        assert data["actor"]["name"] == "Jane Q. Doe" and data["actor"]["reviewed"] is True
        assert [(e["id"], p["side"]) for e, p in zip(data["events"], data["timeline"])] == [
            ("aaaaaaaaaaaa-000", "target"), (added["event"]["id"], "source")]
        assert [p["id"] for p in data["partners"]] == ["anna-berg"]


def test_web_api_reviewer_actor_with_long_name_is_reachable(client):
    # Regression (#19): "review:" + a long name's slug overflowed the 255-character id (and the URL pattern).
    saved = _correct(client, action="modify", event_id="aaaaaaaaaaaa-001", changes={"recipient": "Ruiz " * 60})
    actor_id = saved["event"]["recipient"][0]["id"]
    assert len(actor_id) <= 255
    assert client.get(f"/api/actors/{actor_id}").json()["events"][0]["id"] == "aaaaaaaaaaaa-001"


def test_web_api_unknown_review_actor_is_404(client):
    assert client.get("/api/actors/review:nobody").status_code == 404


def test_web_api_correction_restore_undoes_reject(client, store):
    # Regression (#19): a rejected event could not be brought back.
    _correct(client, action="reject", event_id="aaaaaaaaaaaa-001")
    page = client.get(f"/articles/{'a' * 24}").text
    assert 'data-restore="aaaaaaaaaaaa-001"' in page and 'data-restore="aaaaaaaaaaaa-000"' not in page
    saved = _correct(client, action="restore", event_id="aaaaaaaaaaaa-001")
    assert saved["changes"] == {"rejected": {"from": True, "to": False}} and not saved["event"].get("rejected")
    assert [e["id"] for e in client.get("/api/events").json()["events"]] == ["aaaaaaaaaaaa-000", "aaaaaaaaaaaa-001"]
    assert [e["id"] for e in store.events(type="CONSULT")] == ["aaaaaaaaaaaa-001"]
    audit = client.get("/api/corrections", params={"event_id": "aaaaaaaaaaaa-001"}).json()["corrections"]
    assert [(c["action"], c["reviewer"]) for c in audit] == [("reject", "tester"), ("restore", "tester")]
    assert 'data-restore=' not in client.get(f"/articles/{'a' * 24}").text


def test_web_api_correction_restore_keeps_earlier_modify_and_reject_again(client, store):
    _correct(client, action="modify", event_id="aaaaaaaaaaaa-000", changes={"event": "THREATEN"})
    _correct(client, action="reject", event_id="aaaaaaaaaaaa-000")
    _correct(client, action="restore", event_id="aaaaaaaaaaaa-000")
    assert [e["event"] for e in store.events(article_id="a" * 24)][:1] == ["THREATEN"]
    _correct(client, action="reject", event_id="aaaaaaaaaaaa-000")
    assert [e["id"] for e in store.events()] == ["aaaaaaaaaaaa-001"]


@pytest.mark.parametrize("event_id,status,error", [("aaaaaaaaaaaa-000", 400, "is not rejected"),
                                                    ("nope", 404, "no event")])
def test_web_api_correction_restore_needs_a_rejected_event(client, event_id, status, error):
    r = client.post("/api/corrections", json={"reviewer": "tester", "action": "restore", "event_id": event_id})
    assert (r.status_code, error in r.json()["error"]) == (status, True)


def test_web_api_correction_restore_brings_back_an_added_event(client, store):
    added = _correct(client, action="add", article_id="a" * 24, changes={"event": "AID", "evidence": "free"})["event"]
    _correct(client, action="reject", event_id=added["id"])
    assert _correct(client, action="restore", event_id=added["id"])["event"]["added"] is True
    assert [e["id"] for e in store.events(type="AID")] == [added["id"]]
