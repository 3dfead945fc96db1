"""Shared fixtures: the ../shared data, the loaded pipeline, the seed Document, stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "moscow-parley.txt"
SEED_GOLD = SHARED / "seed" / "moscow-parley.gold.json"

needs_shared = pytest.mark.skipif(not SEED.is_file(), reason="../shared (seed and gold data) is not beside the repo")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("seed article not available")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_doc(seed_text, nlp):
    """The seed article extracted once per session (publication date as in the gold)."""
    import eventwire

    return eventwire.extract(seed_text, published="2024-02-19", nlp=nlp)


@pytest.fixture()
def memory_store():
    from eventwire.store import Store

    store = Store("sqlite://")
    yield store
    store.close()


@pytest.fixture()
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


def resolve_actors(nlp, text: str):
    """The actors stage alone on a text: spaCy's own components, then ``resolve_doc``."""
    from eventwire.actors.kb import load_kb
    from eventwire.actors.resolve import resolve_doc

    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name.startswith("eventwire_") and name != "eventwire_paragraphs":
            break
        doc = proc(doc)
    actors, _ = resolve_doc(doc, load_kb(), None)
    return actors


def actor_codes(nlp, text: str) -> dict[str, tuple]:
    """Actors of an article text as {mention text: (country, sector, name)}."""
    return {m.text: (a.country, a.sector, a.name) for a in resolve_actors(nlp, text) for m in a.mentions}


def ranked_type(doc) -> str | None:
    """The type the coder ranks first for a processed Doc: its best trigger candidate, emitted
    or not (a unit check of trigger typing; ``eval plover`` scores only emitted events)."""
    candidates = doc._.eventwire_event_candidates
    if candidates:
        return max(candidates, key=lambda c: c.score).event
    events = doc._.eventwire_events
    return max(events, key=lambda e: e.confidence).event if events else None


def event_triples(doc) -> set[tuple]:
    """(type, source country, target country) of each event on a processed Doc."""
    return {(e.event, e.actor[0].country, e.recipient[0].country if e.recipient else None)
            for e in doc._.eventwire_events}


# ---------------------------------------------------------------- web: a live server and chromium
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory):
    """A store holding a generated record of 2,500 events (``synthetic_record``), with stories."""
    from synthetic_record import make_record

    from eventwire.store import Store
    from eventwire.stories.store import update_unassigned

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('record') / 'record.db'}")
    store.record = make_record(store, events=2500)
    update_unassigned(store)
    yield store
    store.close()


@pytest.fixture(scope="session")
def live_server():
    """``live_server(app)``: run ``app`` with uvicorn in a thread on a free localhost port,
    as a context manager yielding the base URL."""
    return _live_server


def _live_server(app):
    import contextlib
    import socket
    import threading
    import time

    import uvicorn

    @contextlib.contextmanager
    def running():
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)

    return running()


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright; skips when either is missing."""
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright==1.65.2)")
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install chromium)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()
