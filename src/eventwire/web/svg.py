"""Coordinates for the inline SVG charts (network, timeline, map); templates draw them.

Plain geometry, no JavaScript and no chart library, so every page works offline and
the drawing is the same in a test browser as in an analyst's.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

QUAD_COLOURS = {1: "#2b8cbe", 2: "#1a9850", 3: "#f46d43", 4: "#b2182b", None: "#888888"}


def quad_colour(quad: int | None) -> str:
    """Blues/greens for cooperation (1-2), oranges/reds for conflict (3-4).

    >>> quad_colour(4)
    '#b2182b'
    """
    return QUAD_COLOURS.get(quad, QUAD_COLOURS[None])


def circle_layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], size: int = 640) -> dict[str, Any]:
    """Place nodes on a circle, most active first; edges run between the circles' rims.

    A circle keeps every label readable and is deterministic, which a force layout
    is not without a seed; with ≤60 actors it is the clearer picture. The drawing is
    ``size`` high and wider by a margin on each side, so long names are not cut off.
    RETURNS (dict): ``{"size", "width", "nodes": [node + x, y, r], "edges": [edge + x1, y1, x2, y2, colour, width]}``.

    >>> circle_layout([{"id": "a", "events": 1}], [], size=100)["nodes"][0]["y"]
    50.0
    """
    margin = 150
    cx, cy = size / 2 + margin, size / 2
    radius = size / 2 - 40 if len(nodes) > 1 else 0
    most = max((n["events"] for n in nodes), default=1)
    placed, where = [], {}
    for i, n in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        x, y = round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)
        r = round(5 + 10 * math.sqrt(n["events"] / most), 1)
        where[n["id"]] = (x, y, r)
        placed.append({**n, "x": x, "y": y, "r": r, "anchor": "start" if x >= cx else "end",
                       "lx": round(x + (r + 4 if x >= cx else -r - 4), 1)})
    drawn = []
    for e in edges:
        (x1, y1, r1), (x2, y2, r2) = where[e["source"]], where[e["target"]]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        quad = 1 if e["cooperation"] >= e["conflict"] and e["cooperation"] else 3 if e["conflict"] else None
        drawn.append({**e, "x1": round(x1 + ux * r1, 1), "y1": round(y1 + uy * r1, 1),
                      "x2": round(x2 - ux * (r2 + 2), 1), "y2": round(y2 - uy * (r2 + 2), 1),
                      "colour": quad_colour(quad),
                      "family": "cooperation" if quad == 1 else "conflict" if quad == 3 else "unknown",
                      "width": round(1 + math.log2(1 + e["events"]), 1)})
    return {"size": size, "width": size + 2 * margin, "nodes": placed, "edges": drawn}


def _as_date(value: str | None) -> dt.date | None:
    """The first day an ISO date, month, year or range starts on; None if unreadable.

    >>> _as_date("2024-02"), _as_date("2024-02-26/2024-03-03"), _as_date(None)
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 26), None)
    """
    if not value:
        return None
    value = value.split("/")[0]
    parts = value.split("-") + ["01", "01"]
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except (ValueError, IndexError):
        return None


def timeline_layout(items: list[dict[str, Any]], width: int = 720) -> dict[str, Any]:
    """Events on a date axis, in a "source" lane above a "target" lane.

    RETURNS (dict): ``{"width", "height", "points", "ticks", "undated"}``.
    """
    dated = [(d, i) for i in items if (d := _as_date(i.get("date")))]
    left, right = 80, width - 20
    lanes = {"source": 40, "target": 100}
    if not dated:
        return {"width": width, "height": 140, "points": [], "ticks": [], "undated": len(items), "lanes": lanes}
    lo, hi = min(d for d, _ in dated), max(d for d, _ in dated)
    span = max((hi - lo).days, 1)

    def x(d: dt.date) -> float:
        return round(left + (right - left) * ((d - lo).days / span if hi != lo else 0.5), 1)

    points = [{**i, "x": x(d), "y": lanes[i["side"]], "colour": quad_colour(i["quad_class"])} for d, i in dated]
    ticks = sorted({lo, hi, lo + (hi - lo) / 2})
    return {"width": width, "height": 140, "points": points, "undated": len(items) - len(dated), "lanes": lanes,
            "ticks": [{"x": x(d), "label": d.isoformat()} for d in ticks]}


def map_layout(points: list[dict[str, Any]], width: int = 720) -> dict[str, Any]:
    """Equirectangular projection: longitude to x, latitude to y, 2:1 aspect.

    >>> map_layout([{"lat": 0.0, "lon": 0.0, "quad_class": 1}], width=360)["points"][0]["x"]
    180.0
    """
    height = width / 2
    scale = width / 360
    placed = [{**p, "x": round((p["lon"] + 180) * scale, 1), "y": round((90 - p["lat"]) * scale, 1),
               "colour": quad_colour(p["quad_class"])} for p in points]
    meridians = [round((lon + 180) * scale, 1) for lon in range(-150, 180, 30)]
    parallels = [round((90 - lat) * scale, 1) for lat in range(-60, 90, 30)]
    return {"width": width, "height": height, "points": placed, "meridians": meridians, "parallels": parallels,
            "equator": round(90 * scale, 1)}
