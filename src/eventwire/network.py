"""The actor network: events aggregated per directed dyad (source actor -> target actor).

One graph serves the web app's network page, its ``.json`` twin and
``eventwire export --format graphml|gexf``, so a graph opened in Gephi has exactly the
nodes and edges the page drew. Pure functions over event dicts (the ``Store.events``
shape); networkx is used only to hold and write the graph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from sqlalchemy import select

QUADS = (1, 2, 3, 4)
GRAPH_FORMATS = ("graphml", "gexf")


def quad_family(quad: int | None) -> str:
    """PLOVER quad classes 1-2 are cooperation, 3-4 conflict.

    >>> quad_family(2), quad_family(4), quad_family(None)
    ('cooperation', 'conflict', 'unknown')
    """
    return "cooperation" if quad in (1, 2) else "conflict" if quad in (3, 4) else "unknown"


def _first_day(date: str | None) -> str | None:
    """The ISO text a date sorts by: a range starts on its first day.

    >>> _first_day("2024-02-26/2024-03-03"), _first_day(None)
    ('2024-02-26', None)
    """
    return date.split("/")[0] if date else None


def aggregate(events: Iterable[Mapping[str, Any]]) -> tuple[dict[str, dict], dict[tuple[str, str], dict]]:
    """Nodes and per-dyad edges of ``events`` (each source actor with each target actor).

    RETURNS (tuple): ``(nodes, edges)``: nodes by id ``{id, name, code, country, sector, events}``,
        edges by ``(source, target)`` ``{source, target, events, cooperation, conflict, quad,
        quads, types, first, last}``; ``quad`` is the edge's most frequent quad class.

    >>> nodes, edges = aggregate([{"event": "ASSAULT", "quad_class": 4, "date": "2024-01-02",
    ...     "actor": [{"id": "a", "name": "A"}], "recipient": [{"id": "b", "name": "B"}]}])
    >>> edges["a", "b"]["events"], edges["a", "b"]["quad"], nodes["b"]["events"]
    (1, 4, 1)
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for e in events:
        day = _first_day(e.get("date"))
        for src in e["actor"]:
            for tgt in e["recipient"]:
                if src["id"] == tgt["id"]:
                    continue
                for a in (src, tgt):
                    n = nodes.setdefault(a["id"], {"id": a["id"], "name": a["name"], "code": a.get("code"),
                                                   "country": a.get("country"), "sector": a.get("sector"),
                                                   "events": 0})
                    n["events"] += 1
                edge = edges.setdefault((src["id"], tgt["id"]), {
                    "source": src["id"], "target": tgt["id"], "events": 0, "cooperation": 0, "conflict": 0,
                    "quads": Counter(), "types": Counter(), "first": None, "last": None})
                edge["events"] += 1
                family = quad_family(e.get("quad_class"))
                if family != "unknown":
                    edge[family] += 1
                    edge["quads"][e["quad_class"]] += 1
                edge["types"][e["event"]] += 1
                if day:
                    edge["first"] = min(edge["first"] or day, day)
                    edge["last"] = max(edge["last"] or day, day)
    for edge in edges.values():
        # Ties go to the more conflictual class: an analyst would rather see the threat.
        edge["quad"] = max(edge["quads"], key=lambda q: (edge["quads"][q], q)) if edge["quads"] else None
        edge["quads"] = {str(q): edge["quads"][q] for q in QUADS}
        edge["types"] = dict(sorted(edge["types"].items()))
    return nodes, edges


def build_graph(events: Iterable[Mapping[str, Any]], *, min_weight: int = 1, top: int | None = None,
                attributes: Mapping[str, Mapping[str, Any]] | None = None) -> nx.DiGraph:
    """The network of ``events``: the ``top`` most active actors, linked by dyads of at least
    ``min_weight`` events; actors left without a link are dropped.

    events (Iterable[dict]): events in the ``Store.events`` shape.
    min_weight (int): the fewest events an edge needs to be kept.
    top (int | None): keep only this many actors, most events first (None or 0: all).
    attributes (Mapping): stored attributes by actor id (``kind``; ``country``/``sector``
        when an event's copy has none), as ``actor_attributes`` reads them.
    RETURNS (nx.DiGraph): nodes ``{name, code, country, sector, kind, events}``, edges as ``aggregate``
        gives them, ``weight`` = events. Node and edge order is the drawing order, most events first.
    """
    nodes, edges = aggregate(events)
    ranked = sorted(nodes.values(), key=lambda n: (-n["events"], n["name"], n["id"]))
    keep = {n["id"] for n in (ranked[:top] if top else ranked)}
    kept = sorted((e for e in edges.values()
                   if e["events"] >= min_weight and e["source"] in keep and e["target"] in keep),
                  key=lambda e: (-e["events"], e["source"], e["target"]))
    linked = {i for e in kept for i in (e["source"], e["target"])}
    graph = nx.DiGraph()
    attributes = attributes or {}
    for n in ranked:
        if n["id"] in linked:
            extra = attributes.get(n["id"], {})
            graph.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"},
                           kind=extra.get("kind"))
            for key in ("country", "sector"):
                if graph.nodes[n["id"]][key] is None:
                    graph.nodes[n["id"]][key] = extra.get(key)
    for e in kept:
        graph.add_edge(e["source"], e["target"], weight=e["events"],
                       **{k: v for k, v in e.items() if k not in ("source", "target")})
    return graph


def graph_json(graph: nx.DiGraph) -> dict[str, Any]:
    """The graph as ``{"nodes": [{id, ...}], "edges": [{source, target, ...}]}`` (the page's JSON).

    >>> g = nx.DiGraph(); g.add_edge("a", "b", events=2, weight=2)
    >>> graph_json(g)["edges"]
    [{'source': 'a', 'target': 'b', 'events': 2}]
    """
    return {
        "nodes": [{"id": n, **attrs} for n, attrs in graph.nodes(data=True)],
        "edges": [{"source": s, "target": t, **{k: v for k, v in attrs.items() if k != "weight"}}
                  for s, t, attrs in graph.edges(data=True)],
    }


def actor_attributes(store: Any, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The stored ``country``, ``sector`` and ``kind`` of each actor id (kind is only stored there)."""
    from .store import tables as t

    ids = list(ids)
    found: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):  # stay under SQL parameter limits
            q = (select(t.actors.c.id, t.actors.c.country, t.actors.c.sector, t.actors.c.kind)
                 .where(t.actors.c.id.in_(ids[start:start + 500])))
            for aid, country, sector, kind in conn.execute(q):
                found[aid] = {"country": country, "sector": sector, "kind": kind}
    return found


def store_graph(store: Any, events: list[dict[str, Any]], *, min_weight: int = 1,
                top: int | None = None) -> nx.DiGraph:
    """``build_graph`` with each actor's stored attributes (what the page and the export both use)."""
    ids = {a["id"] for e in events for a in (*e["actor"], *e["recipient"])}
    return build_graph(events, min_weight=min_weight, top=top, attributes=actor_attributes(store, ids))


def flat_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy with scalar attributes only, as GraphML and GEXF require: no None, counts by
    type as ``type_<TYPE>`` and by quad class as ``quad_<N>``, dates as ``first_date``/``last_date``.

    >>> g = nx.DiGraph(); g.add_node("a", country=None); g.add_node("b", country="USA")
    >>> g.add_edge("a", "b", types={"AID": 1}, quads={"2": 1}, first="2024-01-01", last="2024-01-01", quad=2)
    >>> f = flat_graph(g)
    >>> f.nodes["a"]["country"], f.edges["a", "b"]["type_AID"], f.edges["a", "b"]["quad_2"]
    ('', 1, 1)
    """
    flat = nx.DiGraph()
    types = sorted({k for _, _, d in graph.edges(data=True) for k in d.get("types", {})})
    for n, attrs in graph.nodes(data=True):
        # "label" is the name Gephi shows (it would show the id otherwise).
        flat.add_node(n, label=attrs.get("name") or n, **{k: ("" if v is None else v) for k, v in attrs.items()})
    for s, t, attrs in graph.edges(data=True):
        row = {k: v for k, v in attrs.items() if k not in ("types", "quads", "first", "last", "quad")}
        row.update({f"type_{k}": attrs.get("types", {}).get(k, 0) for k in types})
        row.update({f"quad_{q}": attrs.get("quads", {}).get(str(q), 0) for q in QUADS})
        row.update(first_date=attrs.get("first") or "", last_date=attrs.get("last") or "",
                   quad_class=attrs.get("quad") or 0)
        flat.add_edge(s, t, **row)
    return flat


def write_graph(graph: nx.DiGraph, fmt: str, out: str | Path) -> tuple[int, int]:
    """Write ``graph`` as GraphML or GEXF (Gephi, networkx, igraph read both).

    RETURNS (tuple): the numbers of nodes and edges written.
    """
    flat = flat_graph(graph)
    if fmt == "graphml":
        nx.write_graphml(flat, str(out))
    elif fmt == "gexf":
        nx.write_gexf(flat, str(out))
    else:
        raise ValueError(f"unknown graph format {fmt!r}: use {' or '.join(GRAPH_FORMATS)}")
    return flat.number_of_nodes(), flat.number_of_edges()


def export_graph(store: Any, events: list[dict[str, Any]], fmt: str, out: str | Path, *, min_weight: int = 1,
                 top: int | None = None) -> tuple[int, int]:
    """Write the network of ``events`` (as the web page builds it) to ``out`` as GraphML or GEXF.

    RETURNS (tuple): the numbers of nodes and edges written.
    """
    return write_graph(store_graph(store, events, min_weight=min_weight, top=top), fmt, out)
