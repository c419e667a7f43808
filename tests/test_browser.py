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

import json
import os
import re
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPOSITORY

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


@pytest.fixture()
def dashboard(browser: Browser, read_only_server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    watched = Watched(page, read_only_server)
    page.goto(read_only_server + "/")
    watched.ready()
    try:
        yield watched
    finally:
        context.close()


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


def test_map_shows_a_point_for_every_located_example_event(dashboard: Watched, read_only_server: str) -> None:
    page = dashboard.page
    events = api(read_only_server, "/api/events?limit=1000")["events"]
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
    expected = api(read_only_server, f"/api/events?since={start}&until={end}&limit=1000")["events"]
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
    assert page.locator("script").count() == 1  # app.js only
    # the javascript: URL is not a link
    assert panel.locator('a[href^="javascript:"]').count() == 0
    assert "javascript:alert(1)" in text
    assert dashboard.errors == []


def test_a_sort_click_during_a_filter_change_still_refreshes_every_view(dashboard: Watched,
                                                                        read_only_server: str) -> None:
    page = dashboard.page
    protests = api(read_only_server, "/api/events?type=Protests&limit=1000")["events"]
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
