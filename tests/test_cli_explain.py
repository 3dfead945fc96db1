"""`eventwire explain ID` on the seed article: the stored coding, reviewed corrections, added events."""

from __future__ import annotations

import pytest
from conftest import needs_shared
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import Store
from eventwire.store.review import Correction, add_correction

pytestmark = needs_shared


@pytest.fixture()
def seed_store(tmp_path, seed_doc):
    url = f"sqlite:///{tmp_path / 'explain.db'}"
    store = Store(url)
    store.write_documents([seed_doc])
    yield url, store, seed_doc
    store.close()


def _explain(url: str, event_id: str):
    return CliRunner().invoke(app, ["explain", event_id, "--db", url])


def test_explain_prints_the_why_of_a_stored_event(seed_store):
    url, _, doc = seed_store
    request = next(e for e in doc.events if e.event == "REQUEST" and e.recipient and e.recipient[0].name == "Hamas")
    result = _explain(url, request.id)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("REQUEST")
    assert f"rule     : {request.rule}" in result.output
    assert "Hamas" in result.output and request.evidence in result.output


def test_explain_shows_the_reviewed_coding_and_added_events(seed_store):
    url, store, doc = seed_store
    event = doc.events[0]
    add_correction(store, Correction("modify", "tester", event_id=event.id, changes={"status": "hypothetical"}))
    assert "status   : hypothetical" in _explain(url, event.id).output
    added = add_correction(store, Correction("add", "tester", article_id=doc.article.id,
                                             changes={"event": "ACCUSE", "actor": "Hamas", "evidence": "Hamas"}))
    result = _explain(url, added["event"]["id"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ACCUSE") and "rule     : review:tester" in result.output


def test_explain_unknown_or_rejected_event_fails(seed_store):
    url, store, doc = seed_store
    assert _explain(url, "000000000000-999").exit_code == 1
    add_correction(store, Correction("reject", "tester", event_id=doc.events[0].id))
    result = _explain(url, doc.events[0].id)
    assert result.exit_code == 1 and "no event" in result.output
