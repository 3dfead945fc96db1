"""Store behaviour on every backend: the tests of test_store.py, re-run on SQLite and PostgreSQL.

PostgreSQL runs when EVENTWIRE_TEST_POSTGRES_URL is set (scripts/start_postgres.sh prints
one). Without it the PostgreSQL cases skip, except under CI=true, where they fail: CI must
not pass by silently skipping the server.
"""

from __future__ import annotations

import os

import pytest
import test_store
from sqlalchemy import text

from eventwire.store import Store
from eventwire.store.db import make_engine

POSTGRES_ENV = "EVENTWIRE_TEST_POSTGRES_URL"

# Collect test_store's behaviour tests into this module, where `memory_store` below
# (one store per backend) overrides the conftest's SQLite-only fixture.
globals().update({name: fn for name, fn in vars(test_store).items() if name.startswith("test_store_")})


def postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {POSTGRES_ENV} is not set: start PostgreSQL with scripts/start_postgres.sh")
    pytest.skip(f"{POSTGRES_ENV} not set")


def _empty_postgres(url: str) -> None:
    # A throwaway test database: every test starts from an empty public schema.
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def memory_store(request):
    if request.param == "sqlite":
        store = Store("sqlite://")
    else:
        url = postgres_url()
        _empty_postgres(url)
        store = Store(url)
    yield store
    store.close()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_store_backends_postgres_url_required_under_ci(monkeypatch, backend):
    monkeypatch.delenv(POSTGRES_ENV, raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        postgres_url()


def test_store_backends_dialect_matches_url(memory_store):
    assert memory_store.engine.dialect.name == memory_store.url.split(":", 1)[0].split("+", 1)[0]
