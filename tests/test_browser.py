"""The dashboard in a real headless browser (Debian's chromium driven by Playwright) against a real
server over the example store.

One browser session walks the page as an analyst would: the map shows the example events, a
timeline selection narrows the table, an event panel shows claims and highlighted evidence, and a
report carrying <script> shows it as text. The run saves a screenshot of the page to
build/dashboard.png (docs/dashboard.png in the README is a copy of it).

Without /usr/bin/chromium the module is skipped, except under CI (the CI variable set), where a
missing browser is a failure: .ci/run installs it with apt.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from brief_support import requires_pdf_libraries
from conftest import REPOSITORY, SHARED, live_server, requires_shared

# The dashboard's ES modules: app.js imports the others.
MODULES = ["app.js", "dom.js", "state.js", "filters.js", "map.js", "timeline.js", "table.js", "panel.js"]
CHROMIUM = os.environ.get("WARLEDGER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOT = REPOSITORY / "build" / "dashboard.png"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI needs a chromium for the browser test; none at {CHROMIUM} (apt-get install chromium)")
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright  # noqa: E402

# Everything the browser could reach outside the test server is switched off: the page must work offline.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
]


def api(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Watched:
    """A page with its console errors, uncaught exceptions and requests outside the server recorded."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("request", lambda request: None if request.url.startswith((base, "data:"))
                else self.foreign.append(request.url))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def ready(self) -> None:
        """Wait until the page has finished its latest reload."""
        self.page.wait_for_selector('body[data-ready="1"]', timeout=20_000)


@contextlib.contextmanager
def open_dashboard(browser: Browser, base: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    watched = Watched(page, base)
    page.goto(base + "/")
    watched.ready()
    try:
        yield watched
    finally:
        context.close()


@pytest.fixture()
def dashboard(browser: Browser, read_only_server: str) -> Iterator[Watched]:
    with open_dashboard(browser, read_only_server) as watched:
        yield watched


def table_total(page: Page) -> int:
    text = page.locator("#table-count").inner_text()
    found = re.search(r"of ([\d,]+)", text) or re.search(r"([\d,]+)", text)
    assert found, text
    return int(found.group(1).replace(",", ""))


def find_event(base: str, **fields: Any) -> dict:
    """The one stored event whose fields have the values given."""
    events = api(base, "/api/events?limit=1000")["events"]
    found = [e for e in events if all(e.get(k) == v for k, v in fields.items())]
    assert len(found) == 1, (fields, found)
    return found[0]


def open_event_by_search(watched: Watched, words: str, event_id: str) -> None:
    """Search the way a user would, then open the event from the table."""
    page = watched.page
    page.fill("#f-q", words)
    page.click("#apply")
    watched.ready()
    page.locator(f'#table tbody tr[data-event-id="{event_id}"]').click()
    page.wait_for_selector('#panel[data-loaded="1"]', timeout=20_000)


def test_map_shows_a_point_for_every_located_current_event(dashboard: Watched, read_only_server: str) -> None:
    page = dashboard.page
    # a new user sees the news: background events wait behind the toggle
    events = api(read_only_server, "/api/events?limit=1000&historical=false")["events"]
    located = {e["event_id"] for e in events if e.get("latitude") is not None}
    assert located
    points = page.locator("circle.event-point")
    shown = {points.nth(i).get_attribute("data-event-id") for i in range(points.count())}
    assert shown == located
    assert page.locator("#map path.country").count() > 100  # the offline basemap drew the world
    assert table_total(page) == len(events)
    assert dashboard.errors == []
    assert dashboard.foreign == []


def test_clicking_a_point_opens_its_event(dashboard: Watched) -> None:
    page = dashboard.page
    point = page.locator("circle.event-point").first
    event_id = point.get_attribute("data-event-id")
    point.dispatch_event("click")
    page.wait_for_selector('#panel[data-loaded="1"]', timeout=20_000)
    expect(page.locator("#panel")).to_be_visible()
    assert page.locator(f'#table tbody tr.selected[data-event-id="{event_id}"]').count() == 1
    assert page.locator("#panel .fields").count() == 1
    assert dashboard.errors == []


def test_a_timeline_selection_filters_the_table_and_map(dashboard: Watched, read_only_server: str) -> None:
    page = dashboard.page
    before = table_total(page)
    bars = page.locator("#timeline rect.bar")
    assert bars.count() > 0
    # the bar with the fewest events, so the selection is sure to leave some out
    counts = [int(bars.nth(i).get_attribute("data-count") or 0) for i in range(bars.count())]
    bar = bars.nth(counts.index(min(counts)))
    start, end = bar.get_attribute("data-start"), bar.get_attribute("data-end")
    assert start and end
    box = bar.bounding_box()
    assert box
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    dashboard.ready()
    page.wait_for_function(f"document.querySelector('#table-count').textContent.includes('of') "
                           f"&& !document.querySelector('#table-count').textContent.includes(' of {before}')",
                           timeout=20_000)
    dashboard.ready()
    expected = api(read_only_server, f"/api/events?since={start}&until={end}&historical=false&limit=1000")["events"]
    assert 0 < len(expected) < before
    assert table_total(page) == len(expected)
    rows = page.locator("#table tbody tr[data-event-id]")
    shown = {rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())}
    assert shown == {e["event_id"] for e in expected}
    points = page.locator("circle.event-point")
    on_map = {points.nth(i).get_attribute("data-event-id") for i in range(points.count())}
    assert on_map == {e["event_id"] for e in expected if e.get("latitude") is not None}

    page.click("#clear-selection")
    dashboard.ready()
    assert table_total(page) == before
    assert dashboard.errors == []


def test_event_panel_shows_claims_side_by_side_and_marks_the_evidence(dashboard: Watched,
                                                                     read_only_server: str) -> None:
    page = dashboard.page
    clash = find_event(read_only_server, location="Uri", historical=False)
    event_id = clash["event_id"]
    page.locator(f'circle.event-point[data-event-id="{event_id}"]').dispatch_event("click")
    page.wait_for_selector('#panel[data-loaded="1"]', timeout=20_000)
    panel = page.locator("#panel")
    expect(panel).to_be_visible()
    claims = panel.locator(".claims tbody tr")
    assert claims.count() >= 2
    disputed = panel.locator(".claims tbody tr.disputed")
    assert disputed.count() >= 2  # India's figure against Pakistan's for Indian losses
    disputed_text = " ".join(disputed.all_inner_texts())
    assert "7" in disputed_text and "2" in disputed_text
    sentences = panel.locator(".evidence .sentence")
    assert sentences.count() >= 1
    for field in ("trigger", "place", "actor1"):
        assert panel.locator(f".evidence .sentence mark.mark-{field}").count() >= 1, field
    place_marks = panel.locator(".evidence .sentence mark.mark-place").all_inner_texts()
    assert any("Uri" in text for text in place_marks), place_marks
    links = panel.locator(".sources a[href]")
    assert links.count() >= 1
    assert all(href.startswith("https://") for href in
               (links.nth(i).get_attribute("href") or "" for i in range(links.count())))
    # the README's picture: map, timeline, table and this panel
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.click("#panel-close")
    expect(panel).to_be_hidden()
    assert dashboard.errors == []


def test_a_report_with_script_and_markup_is_shown_as_text(dashboard: Watched, read_only_server: str) -> None:
    page = dashboard.page
    protest = find_event(read_only_server, location="Tbilisi", event_type="Protests")
    open_event_by_search(dashboard, "Tbilisi", protest["event_id"])
    panel = page.locator("#panel")
    text = panel.inner_text()
    assert "<script>window.__pwned = 'text'</script>" in text
    assert "Example <b>Bold</b> News" in text
    # nothing from the report became markup or ran
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#panel script, #panel img, #panel b, #table script, #table img").count() == 0
    assert page.locator("script").count() == 1  # app.js only, which imports the other modules
    # the javascript: URL is not a link
    assert panel.locator('a[href^="javascript:"]').count() == 0
    assert "javascript:alert(1)" in text
    assert dashboard.errors == []


def test_a_sort_click_during_a_filter_change_still_refreshes_every_view(dashboard: Watched,
                                                                        read_only_server: str) -> None:
    page = dashboard.page
    protests = api(read_only_server, "/api/events?type=Protests&historical=false&limit=1000")["events"]
    assert protests
    held: list[Any] = []
    page.route("**/api/stats?*", lambda route: held.append(route))  # the timeline's answer is slow
    page.select_option("#f-type", "Protests")
    page.click("#apply")
    while not held:
        page.wait_for_timeout(20)
    page.click('th[data-sort="location"] button')  # a sort while the filter change is in flight
    page.unroute("**/api/stats?*")
    for route in held:
        try:
            route.continue_()
        except Exception:  # noqa: BLE001 - the page has already given up on this request
            pass
    dashboard.ready()
    assert table_total(page) == len(protests)
    bars = page.locator("#timeline rect.bar")
    assert sum(int(bars.nth(i).get_attribute("data-count") or 0) for i in range(bars.count())) == len(protests)
    assert page.locator("#counts").inner_text().startswith(f"{len(protests)} event")
    assert page.locator("circle.event-point").count() == sum(1 for e in protests if e.get("latitude") is not None)


def test_the_views_are_es_modules_served_as_javascript(dashboard: Watched, read_only_server: str) -> None:
    page = dashboard.page
    assert page.locator('script[type="module"][src="/static/app.js"]').count() == 1
    loaded = page.evaluate("performance.getEntriesByType('resource').map((entry) => entry.name)")
    for name in MODULES:
        assert f"{read_only_server}/static/{name}" in loaded, name
        with urllib.request.urlopen(f"{read_only_server}/static/{name}", timeout=30) as response:
            assert response.headers["Content-Type"].startswith("text/javascript"), name
    assert dashboard.errors == []
    assert dashboard.foreign == []


def test_the_brief_button_downloads_the_brief_of_the_view(dashboard: Watched, read_only_server: str) -> None:
    requires_pdf_libraries()
    page = dashboard.page
    page.select_option("#f-type", "Battles")
    page.click("#apply")
    dashboard.ready()
    href = page.locator("#brief").get_attribute("href") or ""
    assert href.startswith("/api/brief?") and "type=Battles" in href and "format=pdf" in href
    with page.expect_download(timeout=60_000) as download_info:
        page.click("#brief")
    download = download_info.value
    assert download.failure() is None
    pdf = Path(download.path())
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert download.suggested_filename.startswith("warledger-brief") and download.suggested_filename.endswith(".pdf")
    battles = api(read_only_server, "/api/events?type=Battles&historical=false&limit=1000")["events"]
    deaths = sum(e["fatalities"] or 0 for e in battles)
    headline = f"{len(battles)} events, {deaths} deaths by the lowest credible figures"
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # test_brief.py reads PDFs back in full; here, that the button's brief is the view's
        text = " ".join(subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True,
                                       timeout=60).stdout.split())
        assert headline in text
    assert dashboard.errors == []


@pytest.fixture(scope="module")
def loud_background_server(example_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example store with one background event given 5,000 deaths, served read-only: the way the
    seed reports' 1990s wars inflated the header (issue 12)."""
    from warledger.api import Settings
    from warledger.store import Store

    with Store.open(str(example_db)) as source:
        documents = list(source.documents())
        events = source.query()
    background = next(e for e in events if e["historical"])
    rows = [e | {"fatalities": 5000, "fatalities_by_side": {"ARM": 5000}} if e is background else e for e in events]
    path = tmp_path_factory.mktemp("loud") / "loud.db"
    with Store.open(str(path)) as store:
        store.save_batch(documents, rows)
    with live_server(Settings(db=str(path))) as url:
        yield url


def headline(stats: dict[str, Any]) -> str:
    return f"{stats['total']} event{'' if stats['total'] == 1 else 's'} · {stats['fatalities']:,} reported deaths"


@pytest.mark.issue(12)
def test_a_new_user_sees_the_news_and_background_is_one_click_away(browser: Browser,
                                                                   loud_background_server: str) -> None:
    base = loud_background_server
    current, everything = api(base, "/api/stats?historical=false"), api(base, "/api/stats")
    assert everything["fatalities"] >= current["fatalities"] + 5000
    assert everything["date_min"] < current["date_min"]
    with open_dashboard(browser, base) as dashboard:
        page = dashboard.page
        assert page.locator("#counts").inner_text() == headline(current)
        assert not page.locator("#f-background").is_checked()
        assert table_total(page) == current["total"]
        assert page.locator("#table tbody tr.historical").count() == 0
        assert page.locator("circle.event-point.historical").count() == 0
        assert current["date_min"] in page.locator("#timeline-title").inner_text()
        fitted = page.locator("#map").get_attribute("viewBox")

        page.check("#f-background")  # one click
        dashboard.ready()
        assert table_total(page) == everything["total"]
        assert page.locator("#table tbody tr.historical").count() > 0
        background = everything["total"] - current["total"]
        # shown, never counted: the header keeps the current events' numbers
        assert page.locator("#counts").inner_text() == (
            f"{headline(current)} · {background} background event{'' if background == 1 else 's'} shown, not counted")
        assert everything["date_min"] in page.locator("#timeline-title").inner_text()
        assert page.locator("#map").get_attribute("viewBox") == fitted  # the fit stays on the news
        assert "background=1" in page.url

        page.reload()  # the address keeps the toggle
        dashboard.ready()
        assert page.locator("#f-background").is_checked()
        assert table_total(page) == everything["total"]

        page.click("#reset")
        dashboard.ready()
        assert not page.locator("#f-background").is_checked()
        assert page.locator("#counts").inner_text() == headline(current)
        assert dashboard.errors == []


@pytest.mark.issue(12)
@requires_shared("eval/seeds/articles.jsonl",
                 purpose="the dashboard over the seed reports counts only their current events")
def test_over_the_seed_reports_the_header_counts_no_background_war(browser: Browser, pipeline: Any,
                                                                   tmp_path: Path) -> None:
    from warledger.api import Settings
    from warledger.ingest import ingest_documents
    from warledger.read import read_inputs
    from warledger.store import Store

    path = tmp_path / "seeds.db"
    with Store.open(str(path)) as store:
        ingest_documents(pipeline, store, read_inputs([str(SHARED / "eval" / "seeds" / "articles.jsonl")]))
    with live_server(Settings(db=str(path))) as base, open_dashboard(browser, base) as dashboard:
        current, everything = api(base, "/api/stats?historical=false"), api(base, "/api/stats")
        # the seeds recall the wars of the 1990s: thousands of deaths told as background
        assert everything["fatalities"] > current["fatalities"]
        assert dashboard.page.locator("#counts").inner_text() == headline(current)
        title = dashboard.page.locator("#timeline-title").inner_text()
        assert current["date_min"] in title and everything["date_min"] not in title
        assert dashboard.errors == []
