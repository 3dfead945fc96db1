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
