"""The web app: server-rendered pages over the store, each with a ``.json`` twin, plus ``/api``.

Pages: ``/`` (articles), ``/articles/{id}``, ``/events``, ``/actors``, ``/actors/{id}``,
``/network``, ``/map``, ``/timeline``. Each answers ``<path>.json`` with the shape documented in
``web/views.py``; ``/api/...`` serves the same data for programs, described at
``/openapi.json``. Writes (``POST /api/corrections``, ``POST /api/actor-overrides``)
need the token when the app was given one (``eventwire serve`` always gives one when it
listens beyond localhost).
"""

from __future__ import annotations

import csv
import hmac
import io
import logging
import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..schema import EVENT_TYPES, STATUSES
from ..settings import load_options
from ..store import Store, review
from ..store.export import FLAT_COLUMNS, flatten_event
from . import analyst, stories, svg, views
from .params import EventFilters, Filters, Limit, Offset, twin_url as _twin

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
# Ids reach SQL only as bound parameters, but a strict shape also keeps them out of
# file paths, headers and logs: hex/word article and event ids, word-ish actor ids.
ARTICLE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
ACTOR_ID = re.compile(r"^(?!.*\.\.)[\w][\w:.@+' -]{0,254}$")
PAGE_SIZE = 50


class CorrectionIn(BaseModel):
    """A reviewer's correction. ``changes`` maps editable fields (event, mode, status,
    actor, recipient, date; plus evidence for ``add``) to new values."""

    action: str = Field(..., pattern="^(reject|restore|modify|add)$")
    reviewer: str = Field(..., min_length=1, max_length=100)
    event_id: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    article_id: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    changes: dict[str, Any] = Field(default_factory=dict)
    token: str | None = Field(None, description="The write token, if not sent as `Authorization: Bearer`.")


class OverrideIn(BaseModel):
    """An actor correction for the user override file (used by every later run)."""

    name: str = Field(..., min_length=1, max_length=255)
    country: str | None = Field(None, pattern="^[A-Z]{3}$")
    sector: str | None = Field(None, pattern="^[A-Z]{2,4}$")
    aliases: list[str] = Field(default_factory=list, max_length=50)
    token: str | None = None


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("eventwire.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(quad_colour=svg.quad_colour, event_types=EVENT_TYPES, statuses=STATUSES, version=__version__)
    return env


def _check_id(value: str, pattern: re.Pattern) -> str:
    if not pattern.match(value):
        raise HTTPException(404, "not found")
    return value


# Scripts only from this app (no inline script, no eval); styles may be inline because the
# templates colour badges with style attributes; images may be data: URIs (Leaflet's icons).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(store: Store, *, token: str | None = None, basemap: Path | None = None) -> FastAPI:
    """Build the web app over ``store``.

    store (Store): the event store to show and correct.
    token (str | None): when set, write endpoints require it (Bearer header or ``token`` field).
    basemap (Path | None): the map's TopoJSON basemap (default: the one ``make basemap`` fetches).
    RETURNS (FastAPI): the app, ready for uvicorn or TestClient.
    """
    # Swagger/ReDoc pages load their assets from a CDN; the schema alone works offline.
    app = FastAPI(title="eventwire", version=__version__, docs_url=None, redoc_url=None,
                  description="Browse and correct eventwire's event record. Every HTML page has a `.json` twin.")
    app.state.store = store
    app.state.token = token

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        # The write token lives in the page's session storage: a script injected into any
        # page could read it, so only our own scripts may run and no other site may frame us.
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    templates = Jinja2Templates(env=_environment())
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        context.setdefault("token_required", token is not None)
        return templates.TemplateResponse(request, name, context)

    def require_token(request: Request, body_token: str | None) -> None:
        if token is None:
            return
        header = request.headers.get("authorization", "")
        given = header[7:].strip() if header.lower().startswith("bearer ") else (body_token or "")
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid token is required to write (Authorization: Bearer <token>)",
                                headers={"WWW-Authenticate": "Bearer"})

    def require_json(request: Request) -> None:
        # Forcing a JSON content type makes cross-site form posts impossible (they cannot
        # send it without a CORS preflight, which this app never grants).
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise HTTPException(415, "send the correction as application/json")

    # ------------------------------------------------------------ data (shared by twins and /api)
    def articles_data(request: Request, limit: int, offset: int) -> dict[str, Any]:
        rows = store.articles(limit=limit + 1, offset=offset)
        return {"articles": rows[:limit], "limit": limit, "offset": offset,
                "next": _next(request, offset + limit) if len(rows) > limit else None}

    def events_data(request: Request, f: EventFilters, limit: int, offset: int) -> dict[str, Any]:
        rows = store.events(**f.active(), limit=limit + 1, offset=offset)
        return {"events": rows[:limit], "count": min(len(rows), limit), "limit": limit, "offset": offset,
                "filters": f.active(), "next": _next(request, offset + limit) if len(rows) > limit else None}

    def article_data(article_id: str) -> dict[str, Any]:
        data = views.article_view(store, _check_id(article_id, ARTICLE_ID))
        if data is None:
            raise HTTPException(404, f"no article {article_id}")
        return data

    def actor_data(actor_id: str) -> dict[str, Any]:
        data = views.actor_view(store, _check_id(actor_id, ACTOR_ID))
        if data is None:
            raise HTTPException(404, f"no actor {actor_id}")
        return data

    def actors_data(query: str | None, limit: int) -> dict[str, Any]:
        return {"actors": store.actors(query=query or None, limit=limit), "query": query, "limit": limit}

    # ------------------------------------------------------------ JSON twins (declared before the
    # HTML routes: "/articles/{id}" would otherwise also match "/articles/x.json")
    twin = dict(include_in_schema=False)

    @app.get("/articles.json", **twin)
    @app.get("/index.json", **twin)
    def articles_json(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0):
        return articles_data(request, limit, offset)

    @app.get("/articles/{article_id}.json", **twin)
    def article_json(article_id: str):
        return article_data(article_id)

    @app.get("/events.json", **twin)
    def events_json(request: Request, f: Filters, limit: Limit = PAGE_SIZE, offset: Offset = 0):
        return events_data(request, f, limit, offset)

    @app.get("/events.csv", **twin)
    def events_csv(f: Filters, limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000, offset: Offset = 0):
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        writer.writerows(flatten_event(e) for e in store.events(**f.active(), limit=limit, offset=offset))
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/actors.json", **twin)
    def actors_json(q: Annotated[str | None, Query(max_length=255)] = None, limit: Limit = 100):
        return actors_data(q, limit)

    @app.get("/actors/{actor_id}.json", **twin)
    def actor_json(actor_id: str):
        return actor_data(actor_id)

    # ------------------------------------------------------------ HTML pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0):
        data = articles_data(request, limit, offset)
        return page(request, "index.html", data=data, counts=store.counts(), json_url=_twin(request, "/articles.json"))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str):
        data = article_data(article_id)
        return page(request, "article.html", data=data, runs=views.highlight_segments(data),
                    json_url=f"/articles/{article_id}.json")

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, f: Filters, limit: Limit = PAGE_SIZE, offset: Offset = 0):
        data = events_data(request, f, limit, offset)
        prev = _next(request, max(offset - limit, 0)) if offset else None
        return page(request, "events.html", data=data, f=f, prev=prev,
                    json_url=_twin(request, "/events.json"), csv_url=_twin(request, "/events.csv"))

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, q: Annotated[str | None, Query(max_length=255)] = None, limit: Limit = 100):
        return page(request, "actors.html", data=actors_data(q, limit), json_url=_twin(request, "/actors.json"))

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, actor_id: str):
        data = actor_data(actor_id)
        return page(request, "actor.html", data=data, timeline=svg.timeline_layout(data["timeline"]),
                    json_url=f"/actors/{actor_id}.json")

    # ------------------------------------------------------------ JSON API
    @app.get("/api/events", tags=["events"], summary="Events, filtered and paged (the /events.json shape)")
    def api_events(request: Request, f: Filters, limit: Limit = PAGE_SIZE, offset: Offset = 0):
        return events_data(request, f, limit, offset)

    @app.get("/api/actors", tags=["actors"], summary="Stored actors with mention and event counts")
    def api_actors(q: Annotated[str | None, Query(max_length=255, description="Name substring.")] = None,
                   limit: Limit = 100):
        return actors_data(q, limit)

    @app.get("/api/actors/{actor_id}", tags=["actors"], summary="One actor: aliases, roles, events, partners")
    def api_actor(actor_id: str):
        return actor_data(actor_id)

    @app.get("/api/articles", tags=["articles"], summary="Stored articles, newest first")
    def api_articles(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0):
        return articles_data(request, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article with its corrected events")
    def api_article(article_id: str):
        return article_data(article_id)

    @app.get("/api/corrections", tags=["review"], summary="The correction audit trail")
    def api_corrections(article_id: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,64}$")] = None,
                        event_id: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,64}$")] = None):
        return {"corrections": review.corrections(store, article_id=article_id, event_id=event_id)}

    @app.post("/api/corrections", tags=["review"], status_code=201,
              summary="Reject, restore (undo a reject), modify or add an event; stored with reviewer and time, "
                      "never overwriting")
    def api_correct(request: Request, body: CorrectionIn, _json: None = Depends(require_json)):
        require_token(request, body.token)
        try:
            return review.add_correction(store, review.Correction(
                action=body.action, reviewer=body.reviewer, article_id=body.article_id,
                event_id=body.event_id, changes=body.changes))
        except review.ReviewError as err:
            raise HTTPException(err.status, str(err)) from None

    @app.post("/api/actor-overrides", tags=["review"], status_code=201,
              summary="Save an actor correction to the user override file")
    def api_override(request: Request, body: OverrideIn, _json: None = Depends(require_json)):
        require_token(request, body.token)
        add_override = _find_add_override()
        if add_override is None:
            raise HTTPException(501, "actor overrides need eventwire.actors.kb.add_override, "
                                     "which this installation does not have")
        path = load_options().overrides
        add_override(path, body.name, country=body.country, sector=body.sector, aliases=body.aliases)
        return {"saved": body.name, "file": str(path)}

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException):
        wants_json = request.url.path.startswith("/api/") or request.url.path.endswith((".json", ".csv"))
        if wants_json or request.method != "GET":
            return JSONResponse({"ok": False, "error": exc.detail, "status": exc.status_code},
                                status_code=exc.status_code, headers=getattr(exc, "headers", None))
        html = templates.get_template("error.html").render(
            request=request, status=exc.status_code, message=exc.detail, json_url=None,
            token_required=token is not None)
        return HTMLResponse(html, status_code=exc.status_code)

    stories.register(app, page)  # /stories, /stories/{id} and their .json twins
    analyst.register(app, page, basemap=basemap)  # /network, /map, /timeline, their twins, /basemap.json
    return app


def _find_add_override():
    """The knowledge base's override writer, wherever this version keeps it (None if absent)."""
    import importlib

    for module in ("eventwire.actors.kb", "eventwire.actors.overrides"):
        try:
            fn = getattr(importlib.import_module(module), "add_override", None)
        except ImportError:
            continue
        if fn is not None:
            return fn
    return None


def _next(request: Request, offset: int) -> str:
    """The same URL with another offset (paging links keep every filter)."""
    params = dict(request.query_params)
    params["offset"] = str(offset)
    return f"{request.url.path}?{urlencode(params)}"
