"""Tests of the export formats: each one parses back, ACLED's columns are exact."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any

import pytest
from conftest import SHARED, requires_shared

from warledger.export import (
    ACLED_COLUMNS,
    FLAT_COLUMNS,
    FORMATS,
    TABLE_COLUMNS,
    acled_date,
    country_facts,
    write_events,
)
from warledger.records import SUB_EVENT_TYPES, Actor, Claim, DateSpan, Event, Mention, Place, Span

ACLED_NOTES = SHARED / "ACLED.md"
ACLED_REGIONS = {
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "Middle East",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Caucasus and Central Asia",
    "Europe",
    "North America",
    "Central America",
    "Caribbean",
    "South America",
    "Oceania",
    "Antarctica",
}
# Coordinates from GeoNames (rounded).
AGDAM = Place("geonames:148159", "Ağdam", "AZE", 39.99096, 46.92736, 1, admin1="Agdam")
GYUMRI = Place("geonames:616635", "Gyumri", "ARM", 40.7942, 43.84528, 1, admin1="Shirak")
AZ_ARMY = Actor("Military Forces of Azerbaijan", 1, "AZE")
AM_ARMY = Actor("Military Forces of Armenia", 1, "ARM")
CIVILIANS = Actor("Civilians (Armenia)", 7, "CIV")


def make_event(
    event_id: str,
    day: str,
    sub_event_type: str = "Armed clash",
    actor2: Actor = AM_ARMY,
    place: Place | None = AGDAM,
    fatalities: int | None = 4,
    historical: bool = False,
) -> dict[str, Any]:
    """A plausible output-contract dict, built through the real records."""
    date = DateSpan.day(dt.date.fromisoformat(day))
    mention = Mention(
        doc_id="doc-1",
        sentence=2,
        paragraph=1,
        span=Span(100, 160),
        trigger="fought",
        trigger_span=Span(120, 126),
        event_type=SUB_EVENT_TYPES[sub_event_type],
        sub_event_type=sub_event_type,
        actor1=AZ_ARMY,
        actor2=actor2,
        sides=("AZE", actor2.side),
        place=place,
        place_span=None,
        date=date,
        date_span=None,
        historical=historical,
        text="The two armies fought near the town, an official said.",
    )
    claims = [
        Claim("Ministry of Defence of Azerbaijan", "AZE", "four killed", "doc-1", Span(100, 160), 4, "ARM"),
        Claim("Ministry of Defence of Armenia", "ARM", "one killed", "doc-2", Span(10, 40), 1, "ARM"),
    ]
    return Event(
        event_id=event_id,
        mentions=[mention],
        event_type=SUB_EVENT_TYPES[sub_event_type],
        sub_event_type=sub_event_type,
        actor1=AZ_ARMY,
        actor2=actor2,
        sides=("AZE", actor2.side),
        place=place,
        date=date,
        historical=historical,
        fatalities=fatalities,
        fatalities_by_side={"ARM": fatalities} if fatalities else {},
        claims=claims,
        sources=["doc-1", "doc-2"],
        outlets=["Example Wire", "Caucasus Daily"],
        notes="On 4 October, the two armies fought near Ağdam; the sides disagree on losses.",
    ).as_contract()


@pytest.fixture
def events() -> list[dict[str, Any]]:
    return [
        make_event("ev-0001", "2020-10-04"),
        make_event("ev-0002", "2020-11-07", "Shelling/artillery/missile attack", CIVILIANS, GYUMRI, None),
        make_event(
            "ev-0003", "1993-07-23", "Non-state actor overtakes territory", place=None, historical=True
        ),
    ]


def export(events: list[dict[str, Any]], fmt: str, **options: Any) -> tuple[int, str]:
    out = io.StringIO()
    count = write_events(iter(events), fmt, out, **options)
    return count, out.getvalue()


def test_unknown_format_names_the_allowed_values(events: list[dict[str, Any]]) -> None:
    with pytest.raises(
        ValueError, match="unknown format 'xlsx': use one of jsonl, csv, acled, geojson, table"
    ):
        export(events, "xlsx")
    assert FORMATS == ("jsonl", "csv", "acled", "geojson", "table")


def test_jsonl_parses_back_to_the_same_dicts(events: list[dict[str, Any]]) -> None:
    count, text = export(events, "jsonl")
    assert count == 3
    lines = text.splitlines()
    assert [json.loads(line) for line in lines] == events
    assert "Ağdam" in lines[0]  # written as UTF-8 text, not \u escapes


def test_csv_flat_columns(events: list[dict[str, Any]]) -> None:
    count, text = export(events, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == len(rows) == 3
    assert tuple(rows[0]) == FLAT_COLUMNS
    assert "claims" not in rows[0] and "evidence" not in rows[0]
    first = rows[0]
    assert first["event_id"] == "ev-0001"
    assert first["sources"] == "doc-1; doc-2"
    assert first["outlets"] == "Example Wire; Caucasus Daily"
    assert first["claimants"] == "Ministry of Defence of Armenia; Ministry of Defence of Azerbaijan"
    assert first["sides"] == "AZE; ARM"
    assert first["fatalities_by_side"] == "ARM: 4"
    assert first["disputed"] == "true" and first["historical"] == "false"
    assert float(first["latitude"]) == AGDAM.latitude
    # null stays empty (not 0) in warledger's own formats
    assert rows[1]["fatalities"] == ""
    assert rows[1]["civilian_targeting"] == "Civilian targeting"
    assert rows[2]["location"] == "" and rows[2]["historical"] == "true"


def test_acled_header_is_the_projects_column_list(events: list[dict[str, Any]]) -> None:
    _, text = export(events, "acled", timestamp=1_700_000_000)
    header = next(csv.reader(io.StringIO(text)))
    assert tuple(header) == ACLED_COLUMNS
    # ACLED's 31 columns, each once, from the event's id to the time it was written
    assert len(ACLED_COLUMNS) == len(set(ACLED_COLUMNS)) == 31
    assert (ACLED_COLUMNS[0], ACLED_COLUMNS[-1]) == ("event_id_cnty", "timestamp")
    assert ACLED_COLUMNS.index("actor1") < ACLED_COLUMNS.index("assoc_actor_1") < ACLED_COLUMNS.index("inter1")


@requires_shared("ACLED.md", purpose="cross-check of ACLED_COLUMNS against the notes on ACLED's codebook")
def test_acled_columns_match_the_shared_notes_on_acleds_codebook() -> None:
    # the same list, in the same order, as the notes on ACLED's codebook beside the repository spell it
    notes = ACLED_NOTES.read_text(encoding="utf-8")
    listed = notes.split("## Columns of an ACLED export", 1)[1].strip().rstrip(".")
    assert tuple(re.split(r",\s*", listed)) == ACLED_COLUMNS


@pytest.mark.issue(12)
def test_acled_tags_carry_the_corroboration_after_the_events_own_tags() -> None:
    event = {"event_id": "x", "event_date": "2020-10-04", "event_type": "Battles", "sub_event_type": "Armed clash",
             "corroboration": "disputed", "tags": "crowd size=no report"}
    [row] = list(csv.DictReader(io.StringIO(export([event], "acled", timestamp=0)[1])))
    assert row["tags"] == "crowd size=no report; corroboration: disputed"
    del event["corroboration"]
    [row] = list(csv.DictReader(io.StringIO(export([event], "acled", timestamp=0)[1])))
    assert row["tags"] == "crowd size=no report"


def test_acled_values(events: list[dict[str, Any]]) -> None:
    count, text = export(events, "acled", timestamp=1_700_000_000)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == len(rows) == 3
    first, second, third = rows
    assert first["event_id_cnty"] == "AZEev-0001"
    assert first["event_date"] == "04 October 2020" and first["year"] == "2020"
    assert first["disorder_type"] == "Political violence"
    assert first["iso"] == "31" and first["country"] == "Azerbaijan"
    assert first["region"] == "Caucasus and Central Asia"
    assert first["interaction"] == "11" and first["inter1"] == "1"
    assert first["source"] == "Example Wire; Caucasus Daily"
    assert first["fatalities"] == "4" and first["timestamp"] == "1700000000"
    assert first["latitude"] == "39.991" and first["longitude"] == "46.9274"  # 4 decimals, as ACLED
    assert first["assoc_actor_1"] == first["admin2"] == ""
    assert first["tags"] == f"corroboration: {events[0]['corroboration']}"
    assert second["fatalities"] == "0"  # ACLED writes 0 where no figure is known
    assert second["iso"] == "51" and second["location"] == "Gyumri"
    assert second["civilian_targeting"] == "Civilian targeting"
    # no place: no country facts, no coordinates, still a row
    assert third["event_id_cnty"] == "ev-0003" and third["iso"] == "" and third["latitude"] == ""


def test_acled_timestamp_defaults_to_now(events: list[dict[str, Any]]) -> None:
    _, text = export(events[:1], "acled")
    stamp = int(next(csv.DictReader(io.StringIO(text)))["timestamp"])
    assert abs(stamp - dt.datetime.now(dt.UTC).timestamp()) < 60


def test_acled_date_spelling() -> None:
    assert acled_date("2022-09-14") == "14 September 2022"
    assert acled_date("2020-11-07") == "07 November 2020"


def test_country_facts_use_acled_names_and_regions() -> None:
    assert country_facts("COD").name == "Democratic Republic of Congo"
    assert country_facts("COD").region == "Middle Africa"
    assert country_facts("UKR").number == 804 and country_facts("UKR").region == "Europe"
    unknown = country_facts("NKR")
    assert (unknown.name, unknown.number, unknown.region) == ("NKR", None, "")


def test_region_data_covers_acled_countries() -> None:
    from warledger.export import _acled_reference

    regions = _acled_reference()["regions"]
    assert len(regions) >= 120
    assert set(regions.values()) <= ACLED_REGIONS
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in regions)


def test_geojson_points_are_lon_lat(events: list[dict[str, Any]]) -> None:
    count, text = export(events, "geojson")
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert count == len(features) == 2  # the event without a place is left out
    first = features[0]
    assert first["geometry"] == {"type": "Point", "coordinates": [AGDAM.longitude, AGDAM.latitude]}
    assert first["id"] == "ev-0001"
    properties = first["properties"]
    assert set(properties) == set(FLAT_COLUMNS)
    assert properties["fatalities"] == 4 and properties["historical"] is False
    assert properties["sources"] == "doc-1; doc-2"
    assert all(not isinstance(v, dict | list) for v in properties.values())


def test_geojson_of_nothing_is_an_empty_collection() -> None:
    count, text = export([], "geojson")
    assert count == 0 and json.loads(text) == {"type": "FeatureCollection", "features": []}


def test_table_is_fixed_width_and_marks_background(events: list[dict[str, Any]]) -> None:
    long_actor = make_event(
        "ev-0004", "2020-10-05", actor2=Actor("Unidentified Armed Group (Azerbaijan)", 3, "AZE")
    )
    count, text = export([*events, long_actor], "table")
    lines = text.splitlines()
    assert count == 4 and len(lines) == 2 + 4
    header, rule, *rows = lines
    assert header.split()[:3] == ["ID", "DATE", "SUB-EVENT"]
    # every cell starts where its header does
    date_at = header.index("DATE")
    assert all(
        row[date_at : date_at + 10] in ("2020-10-04", "2020-11-07", "1993-07-23", "2020-10-05")
        for row in rows
    )
    dead_end = header.index("DEAD") + len("DEAD")
    assert rows[0][dead_end - 1] == "4" and rows[1][dead_end - 1] == "-"
    assert rows[2].endswith("H") and not rows[0].endswith("H")
    assert "Unidentified Armed Group…" in rows[3]  # long cells are cut with an ellipsis
    assert len(rule) == sum(c.width for c in TABLE_COLUMNS) + 2 * (len(TABLE_COLUMNS) - 1)
    assert all(len(row) <= len(rule) for row in rows)
    assert "Ağdam, AZE" in rows[0]


@pytest.mark.issue(11)
@pytest.mark.parametrize("fmt", ["csv", "acled"])
def test_a_carriage_return_in_a_cell_does_not_end_the_row(fmt: str) -> None:
    event = {"event_id": "e1", "event_date": "2022-09-13", "event_type": "Battles", "sub_event_type": "Armed clash",
             "notes": "first line\rsecond line\r\nthird", "outlets": ["a\rb"]}
    out = io.StringIO()
    write_events([event], fmt, out, timestamp=0)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert len(rows) == 2 and len(rows[1]) == len(rows[0])
    assert "first line\nsecond line\nthird" in rows[1]
