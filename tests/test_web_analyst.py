"""The analyst views' JSON and pieces (#20): network controls and labels, weekly timelines for
each scope, the map's points and Leaflet assets, the basemap (TopoJSON decoding, integrity)."""

from __future__ import annotations

import io
import json
import tarfile
import warnings

import pytest

from eventwire.timeline import involves
from eventwire.web import basemap
from eventwire.web.app import create_app
from eventwire.web.netlayout import place_labels
from eventwire.web.topojson import feature_collection

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(synthetic_store):
    return TestClient(create_app(synthetic_store))


@pytest.mark.parametrize("path,keys", [
    ("/network.json", {"nodes", "edges", "filters", "min_weight", "top", "events_read", "truncated"}),
    ("/map.json", {"points", "filters", "basemap"}),
    ("/timeline.json", {"scope", "title", "weeks", "series", "total", "undated", "unclassified", "filters"}),
    ("/api/timeline?actor_id=actor-000", {"weeks", "series"}),
])
def test_web_analyst_json_twins_have_documented_keys(client, path, keys):
    r = client.get(path)
    assert r.status_code == 200 and keys <= set(r.json())


@pytest.mark.parametrize("query,status", [("min_weight=0", 422), ("top=-1", 422), ("labels=1000", 422),
                                          ("top=0&min_weight=3", 200), ("since=2024-06-01&country=USA", 200)])
def test_web_analyst_network_controls_are_checked(client, query, status):
    assert client.get(f"/network?{query}").status_code == status


def test_web_analyst_network_top_and_min_weight_cut_the_graph(client):
    full = client.get("/network.json?top=0").json()
    top = client.get("/network.json?top=20").json()
    heavy = client.get("/network.json?top=0&min_weight=10").json()
    assert len(top["nodes"]) == 20 < len(full["nodes"])
    assert len(heavy["edges"]) < len(full["edges"]) and min(e["events"] for e in heavy["edges"]) >= 10
    assert sum(e["events"] for e in full["edges"]) == full["events_read"]  # one dyad per synthetic event


def test_web_analyst_labels_never_overlap_even_when_nodes_do():
    nodes = [{"id": str(i), "name": f"Actor number {i}", "x": 100 + i % 3, "y": 100 + i % 2, "r": 5} for i in range(40)]
    labels = place_labels(nodes, limit=30, width=400, height=300)
    assert 1 <= len(labels) <= 4  # four spots around one place
    boxes = [lab["box"] for lab in labels]
    assert all(not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
               for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert all(0 <= b[0] and b[2] <= 400 and 0 <= b[1] and b[3] <= 300 for b in boxes)


def test_web_analyst_timeline_counts_every_event_once(client, synthetic_store):
    data = client.get("/timeline.json").json()
    assert [s["quad_class"] for s in data["series"]] == [1, 2, 3, 4]
    assert sum(s["total"] for s in data["series"]) + data["undated"] + data["unclassified"] == data["total"] == 2500
    assert all(len(s["counts"]) == len(data["weeks"]) for s in data["series"])


@pytest.mark.parametrize("query,kind", [("actor_id=actor-003", "actor"),
                                        ("actor_id=actor-003&partner_id=actor-000", "dyad")])
def test_web_analyst_timeline_of_an_actor_and_a_dyad(client, synthetic_store, query, kind):
    data = client.get(f"/timeline.json?{query}").json()
    params = dict(p.split("=") for p in query.split("&"))
    expected = [e for e in synthetic_store.events() if involves(e, params["actor_id"], params.get("partner_id"))]
    assert data["scope"]["kind"] == kind and data["total"] == len(expected) > 0
    names = [synthetic_store.actor(params[k])["name"] for k in ("actor_id", "partner_id") if k in params]
    assert data["title"] == " ↔ ".join(names)


def test_web_analyst_timeline_of_a_story(client, synthetic_store):
    story = client.get("/stories.json").json()["stories"][0]
    data = client.get(f"/timeline.json?story={story['id']}").json()
    events = {e["id"] for e in synthetic_store.events()}
    assert data["scope"] == {"kind": "story", "story": story["id"]} and 0 < data["total"] <= len(events)


@pytest.mark.parametrize("query,status", [("partner_id=actor-001", 400), ("actor_id=nobody", 404),
                                          ("story=st-0000000000000000", 404), ("story=../etc", 422)])
def test_web_analyst_timeline_rejects_bad_scopes(client, query, status):
    assert client.get(f"/timeline.json?{query}").status_code == status


def test_web_analyst_map_points_carry_the_sentence_and_names(client):
    points = client.get("/map.json?type=AID").json()["points"]
    assert points and all(p["event"] == "AID" and "aid reported" in p["text"] and p["actor"] for p in points)


@pytest.mark.parametrize("path", ["/vendor/leaflet/leaflet.js", "/vendor/leaflet/leaflet.css",
                                  "/vendor/markercluster/leaflet.markercluster.js", "/static/map.js"])
def test_web_analyst_leaflet_is_served_from_its_package(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("content", [None, "{not json", '{"type": "Topology"}'])
def test_web_analyst_map_without_basemap_says_so(synthetic_store, tmp_path, content):
    path = tmp_path / "countries.json"
    if content is not None:
        path.write_text(content)  # a corrupt file is as good as none: no 500
    client = TestClient(create_app(synthetic_store, basemap=path))
    assert client.get("/basemap.json").status_code == 404
    assert client.get("/map.json").json()["basemap"] is False
    assert 'id="basemap-missing"' in client.get("/map").text


def test_web_analyst_topojson_decodes_quantized_shared_arcs():
    # Two squares sharing the edge x=1: arc 1 is walked forwards by one, backwards (~1) by the other.
    topo = {"type": "Topology", "transform": {"scale": [0.5, 0.5], "translate": [-1, -1]},
            "arcs": [[[2, 2], [0, 2], [2, 0]], [[4, 4], [0, -2]], [[4, 2], [-2, 0]], [[4, 4], [2, 0], [0, -2], [-2, 0]]],
            "objects": {"c": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0, 1, 2]], "properties": {"name": "West"}},
                {"type": "MultiPolygon", "arcs": [[[~1, 3]]], "properties": {"name": "East"}}]}}}
    west, east = feature_collection(topo, "c")["features"]
    assert west["geometry"]["coordinates"] == [[[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.0, 0.0]]]
    assert east["geometry"]["coordinates"] == [[[[1.0, 0.0], [1.0, 1.0], [2.0, 1.0], [2.0, 0.0], [1.0, 0.0]]]]


@pytest.mark.skipif(not basemap.DEFAULT_PATH.exists(), reason="no basemap: run `make basemap`")
def test_web_analyst_basemap_is_natural_earth_countries(client):
    r = client.get("/basemap.json")
    features = r.json()["features"]
    assert r.headers["cache-control"].startswith("public")
    names = {f["properties"]["name"] for f in features}
    assert len(features) == 177 and {"France", "Brazil", "Japan"} <= names
    ring = next(f for f in features if f["properties"]["name"] == "France")["geometry"]["coordinates"][0][0]
    assert ring[0] == ring[-1]  # rings close
    # Fiji, Chukotka and Antarctica cross the antimeridian: no edge may cut across the flat map
    # (a step along a pole, which closes Antarctica, is off the Mercator map).
    polygons = [p for f in features for p in (f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon"
                                              else [f["geometry"]["coordinates"]])]
    assert not [(a, b) for poly in polygons for r in poly for a, b in zip(r, r[1:])
                if abs(a[0] - b[0]) > 180 and abs(a[1]) != 90]


def _tarball(payload: bytes) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        info = tarfile.TarInfo(f"package/{basemap.FILE}")
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    return buf.getvalue()


def test_web_analyst_basemap_fetch_checks_integrity(tmp_path, monkeypatch):
    tarball = _tarball(json.dumps({"type": "Topology"}).encode())
    with pytest.raises(ValueError, match="integrity"):
        basemap.extract(tarball, tmp_path)
    assert not (tmp_path / basemap.FILE).exists()
    monkeypatch.setattr(basemap, "INTEGRITY", basemap.integrity(tarball))
    assert json.loads(basemap.extract(tarball, tmp_path).read_text()) == {"type": "Topology"}
