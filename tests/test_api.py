"""The HTTP API, against a real uvicorn server on loopback over a store built from the example reports."""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from brief_support import requires_pdf_libraries
from conftest import live_server

from warledger import api, cli
from warledger.api import MAX_PAGE, Settings
from warledger.export import ACLED_COLUMNS, FLAT_COLUMNS
from warledger.pipeline import Pipeline
from warledger.places import distance_km
from warledger.store import EventFilter, Store

TOKEN = "a-write-token-for-tests-only"


@dataclass
class Reply:
    status: int
    headers: Any
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(base: str, path: str, params: dict[str, Any] | None = None, method: str = "GET",
            data: Any = None, headers: dict[str, str] | None = None) -> Reply:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    body = None if data is None else json.dumps(data).encode("utf-8")
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": "application/json",
                                                                          **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


@pytest.fixture(scope="module")
def stored(example_db: Path) -> list[dict[str, Any]]:
    with Store.open(str(example_db)) as store:
        return store.query()


def event_where(events: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    found = [e for e in events if all(e.get(k) == v for k, v in fields.items())]
    assert len(found) == 1, (fields, [(e["event_date"], e["sub_event_type"], e["location"]) for e in events])
    return found[0]


# -- /api/events ----------------------------------------------------------------------------------


def test_events_page_holds_every_stored_event_in_date_order(read_only_server: str, stored: list) -> None:
    reply = request(read_only_server, "/api/events")
    assert reply.status == 200 and reply.headers["Content-Type"] == "application/json"
    page = reply.json()
    assert page["total"] == len(stored) == len(page["events"])
    assert [e["event_id"] for e in page["events"]] == [e["event_id"] for e in stored]
    assert [e["event_date"] for e in page["events"]] == sorted(e["event_date"] for e in stored)


def test_pages_join_up_to_the_whole_result_without_overlap(read_only_server: str, stored: list) -> None:
    seen = []
    for offset in range(0, len(stored), 4):
        page = request(read_only_server, "/api/events", {"limit": 4, "offset": offset}).json()
        assert page["total"] == len(stored) and page["limit"] == 4 and page["offset"] == offset
        seen += [e["event_id"] for e in page["events"]]
    assert seen == [e["event_id"] for e in stored]


def test_page_size_is_capped(read_only_server: str) -> None:
    assert request(read_only_server, "/api/events", {"limit": MAX_PAGE * 10}).json()["limit"] == MAX_PAGE


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "Protests"}, lambda e: e["event_type"] == "Protests"),
        ({"type": "armed clash"}, lambda e: e["sub_event_type"] == "Armed clash"),
        ({"sub_type": "Shelling/artillery/missile attack"},
         lambda e: e["sub_event_type"] == "Shelling/artillery/missile attack"),
        ({"country": "SDN"}, lambda e: e["country"] == "SDN"),
        ({"country": "Sudan"}, lambda e: e["country"] == "SDN"),
        ({"actor": "rapid support"}, lambda e: "Rapid Support" in f"{e['actor1']} {e['actor2']}"),
        ({"since": "2024-01-01", "until": "2024-12-31"}, lambda e: e["event_date"].startswith("2024")),
        ({"historical": "true"}, lambda e: e["historical"]),
        ({"historical": "false"}, lambda e: not e["historical"]),
        ({"q": "SOTK"}, lambda e: any("Sotk" in x["text"] for x in e["evidence"]) or "Sotk" in e["notes"]),
        # within 100 km of Yerevan
        ({"near": "40.18,44.51,100"},
         lambda e: e["latitude"] is not None and distance_km(40.18, 44.51, e["latitude"], e["longitude"]) <= 100),
    ],
)
def test_filters_return_exactly_the_matching_events(read_only_server: str, stored: list, params: dict,
                                                    expected: Any) -> None:
    page = request(read_only_server, "/api/events", params).json()
    wanted = [e["event_id"] for e in stored if expected(e)]
    assert wanted, f"the example store has no event for {params}: the test would prove nothing"
    assert [e["event_id"] for e in page["events"]] == wanted
    assert page["total"] == len(wanted)


def test_sorting_by_fatalities_descending_puts_unknown_figures_last(read_only_server: str, stored: list) -> None:
    events = request(read_only_server, "/api/events", {"sort": "-fatalities"}).json()["events"]
    figures = [e["fatalities"] for e in events]
    known = [f for f in figures if f is not None]
    assert known == sorted(known, reverse=True) and len(known) >= 3
    assert figures == known + [None] * (len(figures) - len(known))


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"since": "2024-13-01"}, "since"),
        ({"type": "Battle"}, "unknown event type"),
        ({"country": "Atlantis"}, "unknown country"),
        ({"near": "somewhere"}, "LAT,LON,KM"),
        ({"sort": "notes"}, "cannot sort"),
        ({"limit": "-1"}, "limit"),
        ({"format": "xlsx"}, "format"),
        ({"typ": "Battles"}, "typ"),  # a misspelt filter must not silently match everything
        ({"offset": str(10**23)}, "offset"),  # beyond SQLite's integers
        ({"limit": str(10**23), "format": "csv"}, "limit"),
        ({"near": "0,0,inf"}, "near"),
        ({"near": "95,0,10"}, "latitude"),
    ],
)
def test_bad_parameters_get_400_with_one_line_reason(read_only_server: str, params: dict, words: str) -> None:
    reply = request(read_only_server, "/api/events", params)
    assert reply.status == 400
    detail = reply.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail and words in detail


def test_sql_in_a_filter_is_only_text(read_only_server: str, stored: list) -> None:
    for value in ("' OR 1=1 --", "%", "_", "\"; DROP TABLE events; --"):
        assert request(read_only_server, "/api/events", {"actor": value}).json()["total"] == 0
    for value in ("' OR 1=1 --", "%%", "\"; DROP TABLE events; --"):
        assert request(read_only_server, "/api/events", {"q": value}).json()["total"] == 0
    assert request(read_only_server, "/api/events").json()["total"] == len(stored)


def test_csv_export_matches_the_cli_exporter(read_only_server: str, example_db: Path, run_cli: Any) -> None:
    reply = request(read_only_server, "/api/events", {"format": "csv", "country": "ARM"})
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/csv")
    assert reply.headers["Content-Disposition"] == 'attachment; filename="warledger-events.csv"'
    from_cli = run_cli("events", "--db", example_db, "--country", "ARM", "--format", "csv")
    assert from_cli.exit_code == 0
    assert reply.text == from_cli.stdout
    rows = list(csv.DictReader(io.StringIO(reply.text)))
    assert rows and list(rows[0]) == list(FLAT_COLUMNS)


def test_acled_export_has_acled_columns_and_dates(read_only_server: str, stored: list) -> None:
    reply = request(read_only_server, "/api/events", {"format": "acled"})
    rows = list(csv.DictReader(io.StringIO(reply.text)))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert len(rows) == len(stored)
    sotk = next(r for r in rows if r["location"] == "Sotk")
    assert sotk["country"] == "Armenia" and sotk["event_date"].endswith("April 2023")


def test_geojson_export_has_a_point_per_located_event(read_only_server: str, stored: list) -> None:
    reply = request(read_only_server, "/api/events", {"format": "geojson", "type": "Battles"})
    assert reply.headers["Content-Type"] == "application/geo+json"
    collection = reply.json()
    battles = [e for e in stored if e["event_type"] == "Battles" and e["latitude"] is not None]
    assert [f["id"] for f in collection["features"]] == [e["event_id"] for e in battles]
    first = collection["features"][0]
    assert first["geometry"]["coordinates"] == [battles[0]["longitude"], battles[0]["latitude"]]


# -- /api/events/{id} -----------------------------------------------------------------------------


def test_event_detail_marks_the_words_behind_each_field(read_only_server: str, stored: list) -> None:
    clash = event_where(stored, location="Sotk")
    detail = request(read_only_server, f"/api/events/{clash['event_id']}").json()
    assert detail["event"] == clash
    source = detail["sources"][0]
    assert source == {"id": "border-clash.txt", "url": "https://example-wire.invalid/caucasus/border-clash",
                      "title": "Armenia and Azerbaijan trade blame after overnight border clash",
                      "outlet": "Example Wire", "published": "2023-04-11"}
    text = (Path(__file__).resolve().parents[1] / "examples" / "border-clash.txt").read_text(encoding="utf-8")
    marked = {}
    for item in detail["evidence"]:
        start, end = item["span"]
        assert item["text"] == text[start:end]
        for mark in item["marks"]:
            marked.setdefault(mark["field"], set()).add(item["text"][mark["start"]:mark["end"]])
    assert "Sotk" in marked["place"]
    assert "Azerbaijani troops" in marked["actor1"]
    assert "two" in marked["fatalities"]
    assert "Armenia's defence ministry" in marked["claimant"]
    assert {"trigger", "date", "actor2"} <= set(marked)


def test_claims_with_different_figures_for_one_side_are_flagged_disputed(read_only_server: str,
                                                                         stored: list) -> None:
    clash = event_where(stored, location="Uri", historical=False)
    assert clash["disputed"]
    claims = request(read_only_server, f"/api/events/{clash['event_id']}").json()["claims"]
    figures = {(c["claimant"], c["fatalities"], c["fatalities_side"]): c["disputed"]
               for c in claims if c["fatalities"] is not None}
    # India's dead: seven per Pakistan's army, two per India's; Pakistan's four are told by one side only
    assert figures == {
        ("Military Forces of Pakistan", 7, "IND"): True,
        ("Military Forces of India", 2, "IND"): True,
        ("Military Forces of India", 4, "PAK"): False,
    }


def test_unknown_event_is_404(read_only_server: str) -> None:
    reply = request(read_only_server, "/api/events/0000000000000000")
    assert reply.status == 404 and "no event" in reply.json()["detail"]


def test_markup_from_a_report_comes_back_as_plain_text(read_only_server: str, stored: list) -> None:
    protest = event_where(stored, location="Tbilisi", event_type="Protests")
    detail = request(read_only_server, f"/api/events/{protest['event_id']}").json()
    assert "<script>window.__pwned = 'text'</script>" in detail["evidence"][0]["text"]
    assert detail["sources"][0]["url"] == "javascript:alert(1)"  # stored as given; the page refuses to link it


# -- /api/stats -----------------------------------------------------------------------------------


def test_stats_count_every_event_once(read_only_server: str, stored: list) -> None:
    stats = request(read_only_server, "/api/stats").json()
    assert stats["total"] == len(stored)
    assert stats["fatalities"] == sum(e["fatalities"] or 0 for e in stored)
    assert sum(sum(b["counts"].values()) for b in stats["timeline"]) == len(stored)
    assert sum(stats["by_type"].values()) == sum(stats["by_country"].values()) == len(stored)
    assert stats["date_min"] == min(e["event_date"] for e in stored)
    assert stats["date_max"] == max(e["event_date"] for e in stored)


def test_stats_timeline_is_continuous_in_the_bucket_asked_for(read_only_server: str, stored: list) -> None:
    params = {"since": "2024-05-01", "until": "2024-10-31"}
    wanted = [e for e in stored if "2024-05-01" <= e["event_date"] <= "2024-10-31"]
    for bucket in ("day", "week"):
        stats = request(read_only_server, "/api/stats", {**params, "bucket": bucket}).json()
        timeline = stats["timeline"]
        assert stats["bucket"] == bucket and stats["total"] == len(wanted)
        assert all(b["start"] <= b["end"] for b in timeline)
        for before, after in zip(timeline, timeline[1:], strict=False):
            assert _next_day(before["end"]) == after["start"]
        if bucket == "day":
            assert len(timeline) == _days_between(stats["date_min"], stats["date_max"]) + 1
        assert sum(sum(b["counts"].values()) for b in timeline) == len(wanted)


def _next_day(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def _days_between(first: str, last: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days


def test_stats_follow_the_filters(read_only_server: str, stored: list) -> None:
    stats = request(read_only_server, "/api/stats", {"country": "UKR"}).json()
    assert stats["total"] == len([e for e in stored if e["country"] == "UKR"]) > 0
    assert set(stats["by_country"]) == {"UKR"}


# -- /api/brief -----------------------------------------------------------------------------------


def test_brief_in_each_format_for_the_filters_of_the_events_endpoint(read_only_server: str, stored: list) -> None:
    requires_pdf_libraries()
    ukraine = [e for e in stored if e["country"] == "UKR" and not e["historical"]]
    assert ukraine
    deaths = sum(e["fatalities"] or 0 for e in ukraine)
    for fmt, media_type, start in [("pdf", "application/pdf", b"%PDF-"), ("html", "text/html", b"<!doctype html>"),
                                   ("md", "text/markdown", b"# Conflict brief")]:
        reply = request(read_only_server, "/api/brief", {"country": "UKR", "format": fmt})
        assert reply.status == 200, reply.body[:200]
        assert reply.headers["Content-Type"].startswith(media_type)
        assert reply.body.startswith(start)
        day = ukraine[0]["event_date"]
        assert reply.headers["Content-Disposition"] == f'attachment; filename="warledger-brief-{day}.{fmt}"'
    markdown = request(read_only_server, "/api/brief", {"country": "UKR", "format": "md"}).text
    assert f"{len(ukraine)} events, {deaths} death{'' if deaths == 1 else 's'} by the lowest credible" in markdown
    assert markdown.count("\n### ") == len(ukraine)
    html = request(read_only_server, "/api/brief", {"country": "UKR", "format": "html"})
    # the brief's own style and pictures, nothing else, even if opened from the server
    policy = html.headers["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy and "img-src data:" in policy and "script" not in policy


def test_brief_counts_current_events_whatever_the_view_shows(read_only_server: str, stored: list) -> None:
    current = [e for e in stored if not e["historical"]]
    for params in ({}, {"historical": "true"}, {"historical": "false"}):
        markdown = request(read_only_server, "/api/brief", {"format": "md", **params}).text
        assert markdown.splitlines()[2].startswith(f"**{len(current)} events, ")
        assert f"{sum(1 for e in stored if e['historical'])} background events that these reports recall" in markdown


@pytest.mark.parametrize(("params", "words"), [
    ({"format": "docx"}, "format"),
    ({"since": "yesterday"}, "since"),
    ({"near": "north"}, "near"),
    ({"colour": "red"}, "colour"),
])
def test_bad_brief_parameters_get_400_with_one_line_reason(read_only_server: str, params: dict, words: str) -> None:
    reply = request(read_only_server, "/api/brief", params)
    assert reply.status == 400
    assert words in reply.json()["detail"] and "\n" not in reply.json()["detail"]


# -- the page, headers, schema --------------------------------------------------------------------


def test_page_and_its_files_are_served_with_a_strict_content_security_policy(read_only_server: str) -> None:
    page = request(read_only_server, "/")
    assert page.status == 200 and page.headers["Content-Type"].startswith("text/html")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe" not in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert '<script type="module" src="/static/app.js"' in page.text
    for name in ("app.js", "app.css", "countries-50m.json"):
        assert request(read_only_server, f"/static/{name}").status == 200
    # browsers run module scripts only when they come with a JavaScript type
    assert request(read_only_server, "/static/app.js").headers["Content-Type"].startswith("text/javascript")
    outlines = request(read_only_server, "/static/countries-50m.json").json()
    assert outlines["type"] == "Topology" and len(outlines["objects"]["countries"]["geometries"]) > 200


def test_cors_is_closed_by_default(read_only_server: str) -> None:
    reply = request(read_only_server, "/api/events", headers={"Origin": "https://elsewhere.example"})
    assert reply.status == 200 and "Access-Control-Allow-Origin" not in reply.headers


def test_cors_opens_only_to_the_origins_named(example_db: Path) -> None:
    with live_server(Settings(db=str(example_db), cors_origins=["http://localhost:3000"])) as url:
        allowed = request(url, "/api/stats", headers={"Origin": "http://localhost:3000"})
        other = request(url, "/api/stats", headers={"Origin": "https://elsewhere.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert "Access-Control-Allow-Origin" not in other.headers


def test_openapi_schema_documents_the_endpoints_and_filters(read_only_server: str) -> None:
    schema = request(read_only_server, "/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/brief",
            "/api/documents"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "type", "sub_type", "country", "actor", "near", "q", "historical", "sort", "limit",
            "offset", "format"} <= names


def test_serve_listens_on_loopback_unless_told_otherwise() -> None:
    host = next(p for p in cli.serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_serve_refuses_a_missing_store(run_cli: Any, tmp_path: Path) -> None:
    result = run_cli("serve", "--db", tmp_path / "missing.db")
    assert result.exit_code == 1 and "no store at" in result.stderr


# -- POST /api/documents --------------------------------------------------------------------------

REPORT = {
    "id": "posted-1",
    "date": "2024-06-12",
    "url": "https://example-wire.invalid/posted-1",
    "title": "Shelling hits Kherson",
    "text": "Russian forces shelled the city of Kherson on Tuesday, killing three civilians, the regional "
            "governor said.",
}


@pytest.fixture()
def writable(example_db: Path, tmp_path: Path, pipeline: Pipeline) -> Iterator[tuple[str, Path]]:
    db = tmp_path / "writable.db"
    shutil.copy(example_db, db)
    with live_server(Settings(db=str(db), write_token=TOKEN, pipeline_factory=lambda: pipeline)) as url:
        yield url, db


def test_writing_is_refused_when_no_token_is_configured(read_only_server: str, stored: list) -> None:
    reply = request(read_only_server, "/api/documents", method="POST", data=REPORT,
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert reply.status == 403 and "--write-token" in reply.json()["detail"]
    assert request(read_only_server, "/api/events").json()["total"] == len(stored)


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token-of-some-length", TOKEN, f"Basic {TOKEN}"])
def test_writing_is_refused_without_the_right_token(writable: tuple[str, Path], authorization: str | None) -> None:
    url, db = writable
    headers = {"Authorization": authorization} if authorization else {}
    reply = request(url, "/api/documents", method="POST", data=REPORT, headers=headers)
    assert reply.status == 401
    with Store.open(str(db)) as store:
        assert not store.has_document("posted-1")


def test_the_token_is_checked_before_the_body_is_read(writable: tuple[str, Path]) -> None:
    url, _ = writable
    garbage = urllib.request.Request(url + "/api/documents", data=b"{not json", method="POST",
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(garbage, timeout=60)
    assert refused.value.code == 401


def test_a_body_over_the_limit_is_refused(writable: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    url, db = writable
    monkeypatch.setattr(api, "MAX_POST_BYTES", 1000)
    reply = request(url, "/api/documents", method="POST", data=[REPORT] * 10,
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert reply.status == 413 and "MB" in reply.json()["detail"]
    with Store.open(str(db)) as store:
        assert not store.has_document("posted-1")


def test_the_store_pool_never_opens_more_than_its_size(example_db: Path) -> None:
    pool = api._StorePool(str(example_db), size=2)
    counts: list[int] = []

    def query() -> None:
        with pool.borrow() as store:
            counts.append(store.query_page(EventFilter(limit=1)).total)

    threads = [threading.Thread(target=query) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(counts) == 20 and len(set(counts)) == 1 and counts[0] > 0
        assert len(pool.opened) <= 2
    finally:
        pool.close()


def test_posted_report_is_extracted_stored_and_not_duplicated_when_posted_again(
        writable: tuple[str, Path], stored: list) -> None:
    url, db = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = request(url, "/api/documents", method="POST", data=[REPORT, {"id": "bad", "title": "no text"}],
                    headers=auth).json()
    assert first["documents_new"] == 1 and first["events_new"] >= 1
    assert first["skipped"] == [{"origin": "post:2", "reason": "record has no text (fields text, maintext or "
                                                              "description)"}]
    events = request(url, "/api/events", {"country": "UKR", "since": "2024-06-01", "until": "2024-06-30"}).json()
    kherson = [e for e in events["events"] if e["location"] == "Kherson"]
    assert len(kherson) == 1 and kherson[0]["sources"] == ["posted-1"] and kherson[0]["fatalities"] == 3
    again = request(url, "/api/documents", method="POST", data=REPORT, headers=auth).json()
    assert again["documents_new"] == 0 and again["documents_unchanged"] == 1
    with Store.open(str(db)) as store:
        assert len(store.query(EventFilter())) == len(stored) + first["events_new"]
