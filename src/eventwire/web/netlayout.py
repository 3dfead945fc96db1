"""Where the network page draws nodes, edges and labels (computed here, drawn by the template).

A force-directed layout (networkx ``spring_layout``, fixed seed: the same graph is drawn
the same way every time) pulls strongly linked actors together, which a circle cannot.
Labels are placed greedily, most active actor first; a label whose box would overlap one
already placed, or leave the drawing, is not shown (the node keeps its tooltip).
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

import networkx as nx

from ..network import quad_family
from .svg import quad_colour

FONT_PX = 11
SEED = 20


def text_width(text: str, font_px: float = FONT_PX) -> float:
    """A generous estimate of ``text``'s width in a sans-serif font, in pixels.

    Over- rather than under-estimated, so that boxes judged apart are apart in any browser:
    wide letters count as a full em, East Asian characters as a full em, narrow ones as a third.

    >>> text_width("iii") < text_width("MMM")
    True
    """
    em = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F") or ch in "MWmw@%":
            em += 1.0
        elif ch in " .,:;'!|il1()[]-/":
            em += 0.36
        elif ch.isupper() or ch.isdigit():
            em += 0.76
        else:
            em += 0.64
    return em * font_px


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float], pad: float = 2.0) -> bool:
    """Whether boxes ``(x0, y0, x1, y1)`` come within ``pad`` of each other.

    >>> _overlaps((0, 0, 10, 10), (11, 0, 20, 10)), _overlaps((0, 0, 10, 10), (13, 0, 20, 10))
    (True, False)
    """
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def place_labels(nodes: list[dict[str, Any]], *, limit: int, width: float, height: float,
                 font_px: float = FONT_PX) -> list[dict[str, Any]]:
    """Labels for at most ``limit`` nodes (in the given order), none overlapping another.

    Each node (``x``, ``y``, ``r``, ``name``) tries four spots: right, left, above, below.
    RETURNS (list[dict]): ``{"id", "text", "x", "y", "anchor", "box"}``; ``x, y`` is the text
        anchor and baseline, ``box`` the estimated ``[x0, y0, x1, y1]``.

    >>> nodes = [{"id": "a", "name": "Alpha", "x": 50, "y": 50, "r": 5},
    ...          {"id": "b", "name": "Beta", "x": 52, "y": 50, "r": 5}]
    >>> [p["id"] for p in place_labels(nodes, limit=5, width=200, height=100)]
    ['a', 'b']
    """
    placed: list[dict[str, Any]] = []
    boxes: list[tuple[float, float, float, float]] = []
    # The text box, from the baseline: ascent ~0.8 em above, descent ~0.25 em below.
    up, down = 0.85 * font_px, 0.3 * font_px
    for n in nodes:
        if len(placed) >= limit:
            break
        w = text_width(n["name"], font_px)
        x, y, r = n["x"], n["y"], n["r"]
        spots = (
            ("start", x + r + 3, y + font_px * 0.35, (x + r + 3, y + font_px * 0.35 - up, x + r + 3 + w, y + font_px * 0.35 + down)),
            ("end", x - r - 3, y + font_px * 0.35, (x - r - 3 - w, y + font_px * 0.35 - up, x - r - 3, y + font_px * 0.35 + down)),
            ("middle", x, y - r - 4, (x - w / 2, y - r - 4 - up, x + w / 2, y - r - 4 + down)),
            ("middle", x, y + r + 4 + up, (x - w / 2, y + r + 4, x + w / 2, y + r + 4 + up + down)),
        )
        for anchor, lx, ly, box in spots:
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if inside and not any(_overlaps(box, b) for b in boxes):
                boxes.append(box)
                placed.append({"id": n["id"], "text": n["name"], "x": round(lx, 1), "y": round(ly, 1),
                               "anchor": anchor, "box": [round(v, 1) for v in box]})
                break
    return placed


def network_layout(graph: nx.DiGraph, *, width: int = 1100, height: int = 760, labels: int = 30,
                   seed: int = SEED) -> dict[str, Any]:
    """Coordinates for drawing ``graph`` (``network.build_graph``'s output).

    graph (nx.DiGraph): nodes with ``name`` and ``events``, edges with ``events`` and ``quad``.
    labels (int): the most labels to show (most active actors first).
    RETURNS (dict): ``{"width", "height", "nodes": [node + x, y, r], "edges": [edge + x1, y1, x2, y2,
        colour, width, opacity, family], "labels": [see place_labels]}``.
    """
    margin = 30
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes)
    for s, t, d in graph.edges(data=True):
        # Log weights: a 300-event dyad should pull harder than a 3-event one, not 100 times harder.
        w = math.log1p(d["events"]) + (undirected[s][t]["weight"] if undirected.has_edge(s, t) else 0)
        undirected.add_edge(s, t, weight=w)
    n = max(len(undirected), 1)
    pos = nx.spring_layout(undirected, seed=seed, weight="weight", k=2.2 / math.sqrt(n), iterations=80) if len(undirected) else {}
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    (x0, x1), (y0, y1) = (min(xs), max(xs)), (min(ys), max(ys))

    def scale(v: float, lo: float, hi: float, size: int) -> float:
        return round(margin + (size - 2 * margin) * ((v - lo) / (hi - lo) if hi > lo else 0.5), 1)

    most = max((d["events"] for _, d in graph.nodes(data=True)), default=1)
    nodes, where = [], {}
    for node, d in graph.nodes(data=True):
        x, y = scale(pos[node][0], x0, x1, width), scale(pos[node][1], y0, y1, height)
        r = round(3 + 9 * math.sqrt(d["events"] / most), 1)
        where[node] = (x, y, r)
        nodes.append({"id": node, **d, "x": x, "y": y, "r": r})
    heaviest = max((d["events"] for _, _, d in graph.edges(data=True)), default=1)
    edges = []
    for s, t, d in graph.edges(data=True):
        (xa, ya, ra), (xb, yb, rb) = where[s], where[t]
        length = math.hypot(xb - xa, yb - ya) or 1
        ux, uy = (xb - xa) / length, (yb - ya) / length
        # Both directions of a dyad: each drawn 1.5 px to its own side so neither hides the other.
        off = 1.5 if graph.has_edge(t, s) else 0.0
        edges.append({"source": s, "target": t, **{k: v for k, v in d.items() if k != "weight"},
                      "x1": round(xa + ux * ra - uy * off, 1), "y1": round(ya + uy * ra + ux * off, 1),
                      "x2": round(xb - ux * (rb + 2) - uy * off, 1), "y2": round(yb - uy * (rb + 2) + ux * off, 1),
                      "colour": quad_colour(d["quad"]), "family": quad_family(d["quad"]),
                      "width": round(0.6 + 3.4 * math.log1p(d["events"]) / math.log1p(heaviest), 2),
                      # Faint light links, solid heavy ones: the strong ties stand out of the mass.
                      "opacity": round(0.2 + 0.7 * math.log1p(d["events"]) / math.log1p(heaviest), 2)})
    # Light edges first, so heavy ones are drawn on top.
    edges.reverse()
    return {"width": width, "height": height, "nodes": nodes, "edges": edges,
            "labels": place_labels(nodes, limit=labels, width=width, height=height)}

