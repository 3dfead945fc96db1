"""The actor network (#20): per-dyad aggregation, top-N and min-weight, and GraphML/GEXF exports
that load back in networkx with exactly the network page's nodes and edges."""

from __future__ import annotations

import warnings

import networkx as nx
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.network import aggregate, build_graph
from eventwire.web.app import create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


def _event(src: str, tgt: str, kind: str = "ASSAULT", quad: int = 4, date: str = "2024-01-02") -> dict:
    return {"event": kind, "quad_class": quad, "date": date,
            "actor": [{"id": src, "name": src.upper(), "country": "AAA"}],
            "recipient": [{"id": tgt, "name": tgt.upper(), "country": None}]}


EVENTS = [_event("a", "b"), _event("a", "b", "AID", 2, "2024-03-01"), _event("a", "b", "CONSULT", 1, "2023-12-30"),
          _event("b", "a", "THREATEN", 3), _event("a", "c"), _event("d", "d")]


def test_network_aggregates_each_directed_dyad():
    nodes, edges = aggregate(EVENTS)
    ab = edges["a", "b"]
    assert (ab["events"], ab["cooperation"], ab["conflict"]) == (3, 2, 1)
    assert ab["quads"] == {"1": 1, "2": 1, "3": 0, "4": 1}
    assert ab["types"] == {"AID": 1, "ASSAULT": 1, "CONSULT": 1}
    assert (ab["first"], ab["last"]) == ("2023-12-30", "2024-03-01")
    assert edges["b", "a"]["events"] == 1 and ("d", "d") not in edges  # no self-loops
    assert nodes["a"]["events"] == 5


@pytest.mark.parametrize("min_weight,top,expected_nodes,expected_edges", [
    (1, None, {"a", "b", "c"}, {("a", "b"), ("b", "a"), ("a", "c")}),
    (2, None, {"a", "b"}, {("a", "b")}),       # c loses its only link, so it goes too
    (1, 2, {"a", "b"}, {("a", "b"), ("b", "a")}),
])
def test_network_min_weight_and_top(min_weight, top, expected_nodes, expected_edges):
    graph = build_graph(EVENTS, min_weight=min_weight, top=top)
    assert set(graph.nodes) == expected_nodes and set(graph.edges) == expected_edges


def test_network_ties_colour_by_the_more_conflictual_class():
    graph = build_graph([_event("a", "b", "AID", 2), _event("a", "b", "ASSAULT", 4)])
    assert graph.edges["a", "b"]["quad"] == 4


@pytest.fixture(scope="module")
def record(synthetic_store):
    return synthetic_store, TestClient(create_app(synthetic_store))


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
@pytest.mark.parametrize("args,query", [
    ([], "?top=0"), (["--top", "60"], ""), (["--min-weight", "5", "--type", "ASSAULT,AID,THREATEN"],
                                            "?min_weight=5&top=0&type=ASSAULT,AID,THREATEN")])
def test_network_export_loads_back_like_the_network_page(record, tmp_path, fmt, read, args, query):
    store, client = record
    page = client.get(f"/network.json{query}").json()
    out = tmp_path / f"network.{fmt}"
    result = CliRunner().invoke(app, ["export", str(out), "--db", store.url, *args])
    assert result.exit_code == 0, result.output
    graph = read(out)
    assert graph.is_directed()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (len(page["nodes"]), len(page["edges"]))
    assert {(e["source"], e["target"]) for e in page["edges"]} == set(graph.edges)
    first = page["edges"][0]
    exported = graph.edges[first["source"], first["target"]]
    assert exported["events"] == first["events"] and exported["first_date"] == first["first"]
    assert sum(v for k, v in exported.items() if k.startswith("type_")) == first["events"]
    assert sum(exported[f"quad_{q}"] for q in (1, 2, 3, 4)) == first["events"]
    node = graph.nodes[page["nodes"][0]["id"]]
    assert {"country", "sector", "kind"} <= set(node) and node["kind"]


def test_network_export_format_contradicting_extension_is_refused(record, tmp_path):
    store, _ = record
    result = CliRunner().invoke(app, ["export", str(tmp_path / "n.graphml"), "--format", "gexf", "--db", store.url])
    assert result.exit_code == 2 and "does not match the extension" in result.output
