"""The web app in a real browser: Debian chromium driven by Playwright, over the real pipeline.

The server runs uvicorn in a thread on a free localhost port over a temp SQLite store into
which the seed article (read from ../shared at test time) and a hostile article were
ingested. Screenshots of every page land in ``screenshots/`` at the repo root.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "moscow-parley.txt"
SCREENSHOTS = REPO / "screenshots"
HOSTILE = "Breaking <script>alert(1)</script> story\n\nOfficials met <img src=x onerror=alert(2)> in a hall.\n"

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed (pip install playwright==1.65.2)"),
    pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED}"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory, live_server):
    """Ingest the seed and the hostile article, serve them; yields base URL and article ids."""
    from eventwire.jobs import ingest
    from eventwire.settings import load_options
    from eventwire.store import Store
    from eventwire.web.app import create_app

    tmp = tmp_path_factory.mktemp("web")
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    store = Store(f"sqlite:///{tmp / 'browser.db'}")
    options = load_options()
    ingest([str(SEED)], store, options, published=dt.date(2024, 2, 19))
    ingest([str(hostile)], store, options, published=dt.date(2024, 3, 1))
    ids = {Path(a["origin"]).name: a["id"] for a in store.articles()}
    with live_server(create_app(store)) as base:
        yield {"base": base, "seed": ids[SEED.name], "hostile": ids["hostile.txt"], "store": store}
    store.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.dialogs = []  # every alert/confirm the page tries to open
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    assert page.dialogs == [], f"the page opened dialogs: {page.dialogs}"
    context.close()


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _request_card(page):
    """The event card of Shtayyeh urging Hamas (REQUEST)."""
    return (page.locator('li.event[data-type="REQUEST"]')
            .filter(has=page.locator(".source", has_text="Shtayyeh"))
            .filter(has=page.locator(".target", has_text="Hamas")))


def test_web_browser_article_lists_and_highlights_request(site, page):
    page.goto(f"{site['base']}/articles/{site['seed']}")
    card = _request_card(page)
    expect(card).to_have_count(1)
    event_id = card.get_attribute("data-event-id")
    mark = page.locator(f'#article-text mark.ev[data-events~="{event_id}"]')
    expect(mark.first).to_be_visible()
    assert mark.first.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    expect(page.locator("#article-text a.actor", has_text="Hamas").first).to_be_visible()
    _shot(page, "article")


def test_web_browser_events_filter_by_actor(site, page):
    page.goto(f"{site['base']}/events")
    everything = page.locator("#events-table tr.event").count()
    page.fill("input[name=actor]", "Hamas")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"actor=Hamas"))
    rows = page.locator("#events-table tr.event")
    assert 0 < rows.count() < everything
    for text in rows.all_inner_texts():
        assert "Hamas" in text
    expect(page.locator("#download-csv")).to_have_attribute("href", re.compile(r"/events\.csv\?.*actor=Hamas"))
    _shot(page, "events")


def test_web_browser_network_shows_actor_nodes(site, page):
    page.goto(f"{site['base']}/network")
    nodes = page.locator("svg#network a.node")
    assert nodes.count() >= 2
    expect(page.locator('svg#network a.node[data-actor="hamas"]')).to_have_count(1)
    assert page.locator("svg#network line.edge").count() >= 1
    _shot(page, "network")


def test_web_browser_actor_page_draws_timeline(site, page):
    page.goto(f"{site['base']}/articles/{site['seed']}")
    _request_card(page).locator(".target a.actor-link", has_text="Hamas").click()
    page.wait_for_url(re.compile(r"/actors/"))
    expect(page.locator("h1.actor-name")).to_have_text("Hamas")
    assert page.locator("svg#timeline circle.point").count() >= 1
    _shot(page, "actor")


def test_web_browser_map_renders(site, page):
    page.goto(f"{site['base']}/map")
    expect(page.locator("#map.leaflet-container")).to_be_visible()
    expect(page.locator("#map")).to_have_attribute("data-ready", "true")
    _shot(page, "map")


def test_web_browser_correction_persists_after_reload(site, page):
    page.goto(f"{site['base']}/articles/{site['seed']}")
    page.fill("#reviewer", "browser-test")
    page.dispatch_event("#reviewer", "change")
    card = _request_card(page)
    event_id = card.get_attribute("data-event-id")
    card.locator("details summary").click()
    card.locator("select[name=status]").select_option("planned")
    with page.expect_navigation():
        card.locator("button[type=submit]").click()
    page.reload()
    card = page.locator(f'li.event[data-event-id="{event_id}"]')
    expect(card.locator(".status")).to_have_text("planned")
    expect(card.locator(".flag")).to_have_text("reviewed")
    expect(page.locator("#corrections")).to_contain_text("browser-test")
    stored = next(e for e in site["store"].events(status="planned") if e["id"] == event_id)
    assert stored["reviewed"] is True
    _shot(page, "article-corrected")


def test_web_browser_script_article_is_text(site, page):
    page.goto(f"{site['base']}/articles/{site['hostile']}")
    expect(page.locator("#article-text")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator("#article-text")).to_contain_text("<img src=x onerror=alert(2)>")
    assert page.locator("#article-text script, #article-text img").count() == 0
    page.wait_for_timeout(300)  # give any injected handler the chance to fire
    assert page.dialogs == []
    _shot(page, "hostile-article")


def test_web_browser_reject_then_restore(site, page):
    # Regression (#19): "Mark wrong" had no undo.
    page.goto(f"{site['base']}/articles/{site['seed']}")
    page.fill("#reviewer", "browser-test")
    page.dispatch_event("#reviewer", "change")
    card = page.locator('li.event:not([data-type="REQUEST"])').last
    event_id = card.get_attribute("data-event-id")
    card = page.locator(f'li.event[data-event-id="{event_id}"]')
    with page.expect_navigation():
        card.locator("button.reject").click()
    expect(card.locator(".flag")).to_have_text("rejected")
    with page.expect_navigation():
        card.locator("button.restore").click()
    expect(card).not_to_have_class(re.compile(r"\brejected\b"))
    expect(card.locator("button.reject")).to_be_visible()
    assert event_id in {e["id"] for e in site["store"].events(article_id=site["seed"])}
    _shot(page, "article-restored")
