"""The analyst views: ``/network``, ``/map`` and ``/timeline``, each with its ``.json`` twin and
``/api`` route, plus what the map loads: Leaflet from its PyPI packages (``xstatic-leaflet``,
``xstatic-leaflet-markercluster``, served from the installed files under ``/vendor/``) and
the decoded Natural Earth basemap at ``/basemap.json``.

Registered by ``create_app`` with the app's ``page`` renderer. Shapes are documented in
``web/views.py``; the data come from ``eventwire.network`` and ``eventwire.timeline``.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import select

from ..network import graph_json, store_graph
from ..store import tables as t
from ..timeline import MAX_TIMELINE_EVENTS, QUAD_LABELS, scope_events, weekly_counts
from . import basemap as basemap_file
from . import svg, views
from .netlayout import network_layout
from .params import EventFilters, Filters, twin_url as _twin

log = logging.getLogger(__name__)

MinWeight = Annotated[int, Query(ge=1, le=1_000_000, description="Fewest events a dyad needs to be drawn.")]
Top = Annotated[int, Query(ge=0, le=1000, description="Most active actors kept (0: all).")]
Labels = Annotated[int, Query(ge=0, le=300, description="Most actor labels shown (overlapping ones are dropped).")]
ActorId = Annotated[str | None, Query(max_length=255, pattern=r"^[\w][\w:.@+' -]*$",
                                      description="One actor's id (either side).")]
StoryId = Annotated[str | None, Query(pattern=r"^st-[0-9a-f]{16}$", description="A story's id.")]
DEFAULT_TOP, DEFAULT_LABELS = 60, 30
# The Leaflet builds this app serves, from the installed PyPI packages (never copied into the repo).
VENDOR = {"leaflet": "xstatic.pkg.leaflet", "markercluster": "xstatic.pkg.leaflet_markercluster"}


def mount_vendor(app: FastAPI) -> dict[str, bool]:
    """Serve each installed XStatic package under ``/vendor/<name>``.

    RETURNS (dict): which packages are served (the map page says when one is missing).
    """
    served = {}
    for name, module in VENDOR.items():
        try:
            base = importlib.import_module(module).BASE_DIR
        except ImportError:
            log.warning("%s is not installed: the map page cannot draw (pip install %s)",
                        module, module.replace(".pkg.", "-").replace("_", "-"))
            served[name] = False
            continue
        app.mount(f"/vendor/{name}", StaticFiles(directory=base), name=f"vendor-{name}")
        served[name] = True
    return served


def register(app: FastAPI, page: Callable[..., HTMLResponse], *, basemap: Path | None = None) -> None:
    """Add the network, map and timeline routes to ``app`` (the store is ``app.state.store``).

    basemap (Path | None): the TopoJSON basemap; default ``eventwire.web.basemap.DEFAULT_PATH``.
    """
    store = app.state.store
    basemap_path = Path(basemap) if basemap else basemap_file.DEFAULT_PATH
    vendor = mount_vendor(app)
    twin = dict(include_in_schema=False)

    def has_basemap() -> bool:
        return basemap_file.load(basemap_path) is not None

    def network_data(f: EventFilters, min_weight: int, top: int) -> tuple[Any, dict[str, Any]]:
        events = store.events(**f.active(), limit=views.MAX_GRAPH_EVENTS)
        graph = store_graph(store, events, min_weight=min_weight, top=top or None)
        return graph, {**graph_json(graph), "filters": f.active(), "min_weight": min_weight, "top": top,
                       "events_read": len(events), "truncated": len(events) >= views.MAX_GRAPH_EVENTS}

    def map_data(f: EventFilters) -> dict[str, Any]:
        return {"points": views.map_points(store.events(**f.active(), limit=views.MAX_GRAPH_EVENTS)),
                "filters": f.active(), "basemap": has_basemap()}

    def timeline_data(f: EventFilters, actor_id: str | None, partner_id: str | None,
                      story: str | None) -> dict[str, Any]:
        if partner_id and not actor_id:
            raise HTTPException(400, "partner_id needs actor_id (a dyad is two actors)")
        scope, title = _scope(store, actor_id, partner_id, story)
        events = scope_events(store, actor_id=actor_id, partner_id=partner_id, story_id=story, filters=f.active())
        return {"scope": scope, "title": title, **weekly_counts(events), "filters": f.active(),
                "truncated": len(events) >= MAX_TIMELINE_EVENTS}

    # ------------------------------------------------------------ JSON twins
    @app.get("/network.json", **twin)
    def network_json(f: Filters, min_weight: MinWeight = 1, top: Top = DEFAULT_TOP):
        return network_data(f, min_weight, top)[1]

    @app.get("/map.json", **twin)
    def map_json(f: Filters):
        return map_data(f)

    @app.get("/timeline.json", **twin)
    def timeline_json(f: Filters, actor_id: ActorId = None, partner_id: ActorId = None, story: StoryId = None):
        return timeline_data(f, actor_id, partner_id, story)

    @app.get("/basemap.json", **twin)
    def basemap_json():
        data = basemap_file.load(basemap_path)
        if data is None:
            raise HTTPException(404, "no basemap installed (make basemap)")
        # The borders never change while the app runs: let the browser keep them.
        return JSONResponse(data, headers={"Cache-Control": "public, max-age=86400"})

    # ------------------------------------------------------------ HTML pages
    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, f: Filters, min_weight: MinWeight = 1, top: Top = DEFAULT_TOP,
                     labels: Labels = DEFAULT_LABELS):
        graph, data = network_data(f, min_weight, top)
        return page(request, "network.html", data=data, f=f, graph=network_layout(graph, labels=labels),
                    controls={"min_weight": min_weight, "top": top, "labels": labels},
                    json_url=_twin(request, "/network.json"))

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, f: Filters):
        return page(request, "map.html", data=map_data(f), f=f, vendor=vendor,
                    colours={str(q).lower(): svg.quad_colour(q) for q in (1, 2, 3, 4, None)},
                    quad_labels=QUAD_LABELS, json_url=_twin(request, "/map.json"))

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, f: Filters, actor_id: ActorId = None, partner_id: ActorId = None,
                      story: StoryId = None):
        data = timeline_data(f, actor_id, partner_id, story)
        return page(request, "timeline.html", data=data, f=f, chart=svg.weekly_chart(data),
                    hidden={k: v for k, v in dict(actor_id=actor_id, partner_id=partner_id, story=story).items() if v},
                    json_url=_twin(request, "/timeline.json"))

    # ------------------------------------------------------------ JSON API
    @app.get("/api/network", tags=["events"], summary="Actor network of the filtered events (per-dyad edges)")
    def api_network(f: Filters, min_weight: MinWeight = 1, top: Top = DEFAULT_TOP):
        return network_data(f, min_weight, top)[1]

    @app.get("/api/map", tags=["events"], summary="Filtered events that have coordinates")
    def api_map(f: Filters):
        return map_data(f)

    @app.get("/api/timeline", tags=["events"],
             summary="Events per week by quad class: whole record, an actor, a dyad or a story")
    def api_timeline(f: Filters, actor_id: ActorId = None, partner_id: ActorId = None, story: StoryId = None):
        return timeline_data(f, actor_id, partner_id, story)


def _scope(store: Any, actor_id: str | None, partner_id: str | None, story: str | None) -> tuple[dict[str, Any], str]:
    """What a timeline covers and its title; 404 for an unknown actor or story."""
    if story:
        with store.engine.connect() as conn:
            title = conn.execute(select(t.stories.c.title).where(t.stories.c.id == story)).scalar_one_or_none()
            known = title is not None or conn.execute(
                select(t.stories.c.id).where(t.stories.c.id == story)).first() is not None
        if not known:
            raise HTTPException(404, f"no story {story}")
        return {"kind": "story", "story": story}, f"Story: {title or story}"
    if actor_id:
        names = []
        for aid in filter(None, (actor_id, partner_id)):
            actor = store.actor(aid)
            if actor is None:
                raise HTTPException(404, f"no actor {aid}")
            names.append(actor["name"])
        if partner_id:
            return {"kind": "dyad", "actor_id": actor_id, "partner_id": partner_id}, " ↔ ".join(names)
        return {"kind": "actor", "actor_id": actor_id}, names[0]
    return {"kind": "record"}, "The whole record"
