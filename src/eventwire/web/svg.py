"""Coordinates for the inline SVG charts (an actor's events, weekly timelines); templates draw them.

Plain geometry, no JavaScript and no chart library, so every page works offline and
the drawing is the same in a test browser as in an analyst's.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ..timeline import QUAD_LABELS, first_day

QUAD_COLOURS = {1: "#2b8cbe", 2: "#1a9850", 3: "#f46d43", 4: "#b2182b", None: "#888888"}


def quad_colour(quad: int | None) -> str:
    """Blues/greens for cooperation (1-2), oranges/reds for conflict (3-4).

    >>> quad_colour(4)
    '#b2182b'
    """
    return QUAD_COLOURS.get(quad, QUAD_COLOURS[None])


def timeline_layout(items: list[dict[str, Any]], width: int = 720) -> dict[str, Any]:
    """Events on a date axis, in a "source" lane above a "target" lane.

    RETURNS (dict): ``{"width", "height", "points", "ticks", "undated"}``.
    """
    dated = [(d, i) for i in items if (d := first_day(i.get("date")))]
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


def weekly_chart(data: dict[str, Any], width: int = 900, height: int = 280) -> dict[str, Any]:
    """A line per quad class over ``timeline.weekly_counts`` output, with axes and a legend.

    RETURNS (dict): ``{"width", "height", "series": [{"quad_class", "label", "colour", "path",
        "points": [{"x", "y", "week", "count"}], "total"}], "yticks", "xticks", "plot"}``.

    >>> chart = weekly_chart({"weeks": ["2024-01-01", "2024-01-08"], "series": [
    ...     {"quad_class": 1, "label": "verbal cooperation", "counts": [0, 2], "total": 2}]}, width=200, height=100)
    >>> chart["series"][0]["path"]
    'M 50.0 70.0 L 190.0 20.0'
    """
    left, right, top, bottom = 50, width - 10, 20, height - 30
    weeks = data["weeks"]
    most = max((c for s in data["series"] for c in s["counts"]), default=0) or 1
    step = (right - left) / max(len(weeks) - 1, 1)

    def x(i: int) -> float:
        return round(left + (i * step if len(weeks) > 1 else (right - left) / 2), 1)

    def y(count: int) -> float:
        return round(bottom - (bottom - top) * count / most, 1)

    series = []
    for s in data["series"]:
        points = [{"x": x(i), "y": y(c), "week": weeks[i], "count": c} for i, c in enumerate(s["counts"])]
        path = " ".join(f"{'M' if i == 0 else 'L'} {p['x']} {p['y']}" for i, p in enumerate(points))
        series.append({"quad_class": s["quad_class"], "label": s.get("label", QUAD_LABELS.get(s["quad_class"])),
                       "colour": quad_colour(s["quad_class"]), "path": path, "points": points,
                       "total": s.get("total", sum(s["counts"]))})
    yticks = sorted({0, most // 2, most})
    # About eight date labels, whatever the span.
    every = max(1, math.ceil(len(weeks) / 8))
    xticks = [{"x": x(i), "label": weeks[i]} for i in range(0, len(weeks), every)]
    return {"width": width, "height": height, "series": series, "xticks": xticks,
            "yticks": [{"y": y(v), "label": v} for v in yticks],
            "plot": {"left": left, "right": right, "top": top, "bottom": bottom}}
