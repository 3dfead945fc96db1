"""Story pages: ``/stories`` and ``/stories/{id}``, each with its ``.json`` twin.

``/stories.json``: ``{"stories": [...], "limit", "offset"}``; ``/stories/{id}.json``:
``{"story", "articles", "events", "disagreements"}`` as ``eventwire.stories.story_view``
returns it (events in time order, each with every report and its disagreement flags).
Registered by ``create_app`` with the app's ``page`` renderer, so templates share
``base.html``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse

from ..stories.views import list_stories, story_view
from .params import Limit, Offset

STORY_ID = re.compile(r"^st-[0-9a-f]{16}$")


def register(app: FastAPI, page: Callable[..., HTMLResponse]) -> None:
    """Add the story routes to ``app`` (the store is ``app.state.store``)."""
    twin = dict(include_in_schema=False)

    def stories_data(limit: int, offset: int) -> dict[str, Any]:
        return {"stories": list_stories(app.state.store, limit=limit, offset=offset), "limit": limit, "offset": offset}

    def story_data(story_id: str) -> dict[str, Any]:
        data = story_view(app.state.store, story_id) if STORY_ID.match(story_id) else None
        if data is None:
            raise HTTPException(404, f"no story {story_id}")
        return data

    # JSON twins first: "/stories/{id}" would otherwise also match "/stories/x.json".
    @app.get("/stories.json", **twin)
    def stories_json(limit: Limit = 50, offset: Offset = 0):
        return stories_data(limit, offset)

    @app.get("/stories/{story_id}.json", **twin)
    def story_json(story_id: str):
        return story_data(story_id)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, limit: Limit = 50, offset: Offset = 0):
        return page(request, "stories.html", data=stories_data(limit, offset), json_url="/stories.json")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str):
        return page(request, "story.html", data=story_data(story_id), json_url=f"/stories/{story_id}.json")

    @app.get("/api/stories", tags=["stories"], summary="Stories across sources, most recent first")
    def api_stories(limit: Limit = 50, offset: Offset = 0):
        return stories_data(limit, offset)

    @app.get("/api/stories/{story_id}", tags=["stories"],
             summary="One story: its event clusters in time order, every report, and disagreements")
    def api_story(story_id: str):
        return story_data(story_id)
