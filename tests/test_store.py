"""Tests of the store stage: migrations, idempotent upserts, all-or-nothing batches, queries."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from warledger.places import distance_km
from warledger.records import (
    SUB_EVENT_TYPES,
    Actor,
    Claim,
    DateSpan,
    Document,
    Event,
    Mention,
    Place,
    Skipped,
    Span,
)
from warledger.store import (
    SQLITE,
    AmbiguousEventId,
    EventFilter,
    Migration,
    Store,
    StoreError,
    document_hash,
    load_migrations,
)

# Coordinates from GeoNames (rounded).
STEPANAKERT = Place("geonames:174875", "Stepanakert", "AZE", 39.8153, 46.7519, 1, admin1="Xankandi")
SHUSHA = Place("geonames:147622", "Shusha", "AZE", 39.7583, 46.7500, 1, admin1="Shusha")
YEREVAN = Place("geonames:616052", "Yerevan", "ARM", 40.1811, 44.5136, 1, admin1="Yerevan")
AZ_ARMY = Actor("Military Forces of Azerbaijan", 1, "AZE")
AM_ARMY = Actor("Military Forces of Armenia", 1, "ARM")
PROTESTERS = Actor("Protesters (Armenia)", 6, "ARM")


def make_event(
    event_id: str,
    day: str,
    sub_event_type: str = "Armed clash",
    actor1: Actor | None = AZ_ARMY,
    actor2: Actor | None = AM_ARMY,
    place: Place | None = STEPANAKERT,
    sources: tuple[str, ...] = ("doc-1",),
    fatalities: int | None = None,
    historical: bool = False,
) -> dict[str, Any]:
    """A plausible output-contract dict, built through the real records so its shape is the contract's."""
    date = DateSpan.day(dt.date.fromisoformat(day))
    mentions = [
        Mention(
            doc_id=source,
            sentence=0,
            paragraph=0,
            span=Span(0, 40),
            trigger="clashed",
            trigger_span=Span(10, 17),
            event_type=SUB_EVENT_TYPES[sub_event_type],
            sub_event_type=sub_event_type,
            actor1=actor1,
            actor2=actor2,
            sides=tuple(a.side for a in (actor1, actor2) if a),
            place=place,
            place_span=Span(20, 30),
            date=date,
            date_span=None,
            historical=historical,
            text="Forces clashed near the town on Monday.",
        )
        for source in sources
    ]
    claims = [
        Claim(
            "Ministry of Defence of Armenia",
            "ARM",
            "two soldiers were killed",
            sources[0],
            Span(0, 40),
            2,
            "ARM",
        )
    ]
    event = Event(
        event_id=event_id,
        mentions=mentions,
        event_type=SUB_EVENT_TYPES[sub_event_type],
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor2=actor2,
        sides=tuple(a.side for a in (actor1, actor2) if a),
        place=place,
        date=date,
        historical=historical,
        fatalities=fatalities,
        fatalities_by_side={"ARM": fatalities} if fatalities else {},
        claims=claims,
        sources=list(sources),
        outlets=[f"Outlet {s}" for s in sources],
        notes="On this day, two armed forces clashed near the town.",
    )
    return event.as_contract()


def make_document(doc_id: str, text: str = "Forces clashed near the town on Monday.") -> Document:
    return Document(
        id=doc_id,
        text=text,
        published=dt.date(2020, 10, 5),
        url=f"https://news.example/{doc_id}",
        title="A report",
        outlet="Example News",
        language="en",
        origin=f"/inputs/{doc_id}.txt",
    )


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A new store on each backend: SQLite, PostgreSQL (see conftest.store_url)."""
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    """Five events over three places, two actors pairs, one background event."""
    store.save_batch(
        [make_document("doc-1"), make_document("doc-2")],
        [
            make_event("ev-aaaa01", "2020-09-27", fatalities=5),
            make_event("ev-aaaa02", "2020-09-28", "Shelling/artillery/missile attack", place=SHUSHA),
            make_event("ev-bbbb03", "2020-10-10", "Peaceful protest", PROTESTERS, None, YEREVAN),
            make_event("ev-bbbb04", "2020-11-08", "Government regains territory", place=SHUSHA),
            make_event(
                "ev-cccc05",
                "1992-05-08",
                "Non-state actor overtakes territory",
                AM_ARMY,
                AZ_ARMY,
                SHUSHA,
                historical=True,
            ),
        ],
    )
    return store


def ids(events: list[dict[str, Any]]) -> list[str]:
    return [e["event_id"] for e in events]


# -- opening ---------------------------------------------------------------------------------


def test_open_accepts_path_and_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(str(tmp_path / "a.db")) as first:
        first.save_batch([make_document("doc-1")], [])
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as same:
        assert same.counts()["documents"] == 1
    monkeypatch.chdir(tmp_path)
    with Store.open("sqlite:///relative.db") as relative:
        assert relative.counts()["documents"] == 0
    assert (tmp_path / "relative.db").exists()
    with Store.open("sqlite://:memory:") as memory:
        assert memory.counts() == {"documents": 0, "events": 0, "event_sources": 0, "skipped": 0}


def test_postgres_server_that_does_not_answer_is_one_clear_error() -> None:
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError) as caught:
        Store.open(f"postgresql://analyst@127.0.0.1:{port}/warledger")
    message = str(caught.value)
    assert message.startswith("cannot open database 'postgresql://analyst@127.0.0.1:") and "\n" not in message


@pytest.mark.parametrize("url", ["mysql://host/db", "sqlite:relative.db", "", "postgresql+psycopg://host/db"])
def test_unusable_urls_are_store_errors(url: str) -> None:
    with pytest.raises(StoreError):
        Store.open(url)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not SQLite\n" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        Store.open(str(path))


def test_closed_store_refuses_work(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "c.db")) as opened:
        pass
    with pytest.raises(sqlite3.ProgrammingError):
        opened.counts()


# -- migrations ------------------------------------------------------------------------------


def test_migrations_applied_once_and_recorded(store_url: str) -> None:
    path = store_url
    shipped = [m.name for m in load_migrations()]
    assert shipped[0] == "0001_initial" and shipped == sorted(shipped)
    with Store.open(path) as first:
        recorded = first.applied_migrations()
    assert [name for name, _ in recorded] == shipped
    with Store.open(path) as again:
        assert again.migrate(load_migrations()) == []
        assert again.applied_migrations() == recorded  # same names, same applied_at


def test_new_migration_applies_and_failed_migration_rolls_back(store: Store) -> None:
    good = Migration("0900_add_tags", "CREATE TABLE tags (event_id TEXT, tag TEXT);")
    assert store.migrate([*load_migrations(), good]) == ["0900_add_tags"]
    assert store.migrate([*load_migrations(), good]) == []
    also_good = Migration("0901_add_notes", "CREATE TABLE analyst_notes (event_id TEXT, note TEXT)")
    broken = Migration("0902_broken", "CREATE TABLE half (x INTEGER); INSERT INTO no_such_table VALUES (1)")
    with pytest.raises(StoreError, match="0902_broken"):
        store.migrate([*load_migrations(), good, also_good, broken])
    assert [n for n, _ in store.applied_migrations()][-1] == "0900_add_tags"
    for table in ("analyst_notes", "half"):
        with pytest.raises(store.dialect.errors, match="no such table|does not exist"):
            store._execute(f"SELECT * FROM {table}")


def test_database_from_a_newer_version_is_refused(store_url: str) -> None:
    path = store_url
    with Store.open(path) as opened:
        opened.migrate([*load_migrations(), Migration("9999_future", "CREATE TABLE future (x INTEGER)")])
    with pytest.raises(StoreError, match="9999_future.*newer"):
        Store.open(path)


# -- saving ----------------------------------------------------------------------------------


def test_saving_twice_changes_nothing(store_url: str) -> None:
    documents = [make_document("doc-1"), make_document("doc-2")]
    events = [make_event("ev-1", "2020-09-27", sources=("doc-1", "doc-2")), make_event("ev-2", "2020-09-28")]
    skipped = [Skipped("/inputs/broken.html", "no text found")]
    with Store.open(store_url) as store:
        first = store.save_batch(documents, events, skipped)
        assert (first.documents_new, first.events_new, first.skipped_new) == (2, 2, 1)
        counts = store.counts()
        stamps = store._execute("SELECT event_id, updated_at FROM events ORDER BY event_id").fetchall()
        second = store.save_batch(documents, events, skipped)
        assert second.documents_unchanged == 2 and second.documents_new == second.documents_updated == 0
        assert second.events_unchanged == 2 and second.events_new == second.events_updated == 0
        assert second.skipped_new == 0
        assert store.counts() == counts == {"documents": 2, "events": 2, "event_sources": 3, "skipped": 1}
        assert (
            store._execute("SELECT event_id, updated_at FROM events ORDER BY event_id").fetchall() == stamps
        )


def test_event_that_gains_a_source_is_updated_not_duplicated(store: Store) -> None:
    store.save_batch([make_document("doc-1")], [make_event("ev-1", "2020-09-27")])
    merged = make_event("ev-1", "2020-09-27", sources=("doc-1", "doc-2"), fatalities=3)
    result = store.save_batch([make_document("doc-2")], [merged])
    assert (result.events_new, result.events_updated, result.events_unchanged) == (0, 1, 0)
    assert store.counts()["events"] == 1
    assert store.counts()["event_sources"] == 2
    stored = store.get_event("ev-1")
    assert stored == merged
    assert store.query(EventFilter())[0]["sources"] == ["doc-1", "doc-2"]


def test_changed_document_is_updated(store: Store) -> None:
    store.save_batch([make_document("doc-1")], [])
    changed = make_document("doc-1", text="A corrected text.")
    result = store.save_batch([changed], [])
    assert result.documents_updated == 1 and result.documents_new == 0
    assert store.document_text("doc-1") == "A corrected text."
    assert store.counts()["documents"] == 1


def test_stored_event_keeps_the_contract_key_order(store: Store) -> None:
    event = make_event("ev-1", "2020-09-27")
    store.save_batch([], [event])
    stored = store.get_event("ev-1")
    assert stored is not None and list(stored) == list(event)


def test_exception_mid_batch_rolls_everything_back(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.save_batch([make_document("doc-0")], [make_event("ev-0", "2020-09-20")])
        before = store.counts()
        unserialisable = make_event("ev-3", "2020-09-29")
        unserialisable["notes"] = object()
        with pytest.raises(TypeError):
            store.save_batch(
                [make_document("doc-1")],
                [make_event("ev-1", "2020-09-27"), make_event("ev-2", "2020-09-28"), unserialisable],
            )
        assert store.counts() == before
        assert not store.has_document("doc-1")
    # the file is consistent for the next process too, and still takes batches
    with Store.open(store_url) as reopened:
        assert reopened.counts() == before
        assert reopened.save_batch([], [make_event("ev-1", "2020-09-27")]).events_new == 1


def test_keyboard_interrupt_mid_batch_rolls_back(store: Store) -> None:
    class InterruptedAfterTwo(list[dict[str, Any]]):
        def __iter__(self) -> Iterator[dict[str, Any]]:
            yield from self[:2]
            raise KeyboardInterrupt

    events = InterruptedAfterTwo([make_event("ev-1", "2020-09-27"), make_event("ev-2", "2020-09-28")])
    with pytest.raises(KeyboardInterrupt):
        store.save_batch([make_document("doc-1")], events, [Skipped("x", "y")])
    assert store.counts() == {"documents": 0, "events": 0, "event_sources": 0, "skipped": 0}


def test_event_without_required_field_fails_the_batch(store: Store) -> None:
    broken = make_event("ev-2", "2020-09-28")
    del broken["event_type"]
    with pytest.raises(StoreError, match="ev-2.*event_type"):
        store.save_batch([], [make_event("ev-1", "2020-09-27"), broken])
    assert store.counts()["events"] == 0


def test_documents_round_trip(store: Store) -> None:
    undated = Document(id="doc-9", text="Text without a date.", published=None, published_source="none")
    documents = [make_document("doc-2"), make_document("doc-1"), undated]
    store.save_batch(documents, [])
    assert list(store.documents()) == sorted(documents, key=lambda d: d.id)
    assert store.has_document("doc-1")
    assert store.has_document("doc-1", document_hash(make_document("doc-1")))
    assert not store.has_document("doc-1", document_hash(make_document("doc-1", text="other")))
    assert not store.has_document("doc-404")
    assert store.document_text("doc-9") == "Text without a date."
    assert store.document_text("doc-404") is None


def test_same_document_from_another_path_is_unchanged(store: Store) -> None:
    store.save_batch([make_document("doc-1")], [])
    moved = dataclasses.replace(make_document("doc-1"), origin="/elsewhere/doc-1.txt")
    assert store.save_batch([moved], []).documents_unchanged == 1


def test_skipped_inputs_are_recorded_once(store: Store) -> None:
    items = [Skipped("/in/a.html", "no text found"), Skipped("/in/b.pdf", "unsupported file type")]
    assert store.save_batch([], [], items).skipped_new == 2
    assert store.save_batch([], [], items[:1]).skipped_new == 0
    assert sorted(store.skipped(), key=lambda s: s.origin) == items


# -- queries ---------------------------------------------------------------------------------


def test_query_orders_by_date_then_id(filled: Store) -> None:
    filled.save_batch([], [make_event("ev-aaaa00", "2020-09-27")])
    assert ids(filled.query()) == [
        "ev-cccc05",
        "ev-aaaa00",
        "ev-aaaa01",
        "ev-aaaa02",
        "ev-bbbb03",
        "ev-bbbb04",
    ]


def test_date_filters_are_inclusive(filled: Store) -> None:
    found = filled.query(EventFilter(since=dt.date(2020, 9, 28), until=dt.date(2020, 10, 10)))
    assert ids(found) == ["ev-aaaa02", "ev-bbbb03"]
    assert ids(filled.query(EventFilter(until=dt.date(2000, 1, 1)))) == ["ev-cccc05"]


def test_event_type_matches_type_or_sub_type_ignoring_case(filled: Store) -> None:
    assert ids(filled.query(EventFilter(event_type="battles"))) == ["ev-cccc05", "ev-aaaa01", "ev-bbbb04"]
    assert ids(filled.query(EventFilter(event_type="SHELLING/artillery/missile attack"))) == ["ev-aaaa02"]
    with pytest.raises(StoreError, match="unknown event type 'battle'"):
        filled.query(EventFilter(event_type="battle"))


@pytest.mark.parametrize("country", ["ARM", "arm", "Armenia", "armenia", "AM"])
def test_country_by_code_or_name(filled: Store, country: str) -> None:
    assert ids(filled.query(EventFilter(country=country))) == ["ev-bbbb03"]


def test_unknown_country_is_a_clear_error(filled: Store) -> None:
    with pytest.raises(StoreError, match="unknown country 'Atlantis'"):
        filled.query(EventFilter(country="Atlantis"))


def test_actor_is_a_case_insensitive_substring_of_either_actor(filled: Store) -> None:
    assert ids(filled.query(EventFilter(actor="protesters"))) == ["ev-bbbb03"]
    # Armenia's forces are actor2 in four events and actor1 in the background one
    assert len(filled.query(EventFilter(actor="FORCES OF ARMENIA"))) == 4
    # LIKE wildcards in the user's text are taken literally
    assert filled.query(EventFilter(actor="%")) == []
    assert filled.query(EventFilter(actor="_")) == []


def test_historical_filter(filled: Store) -> None:
    assert ids(filled.query(EventFilter(historical=True))) == ["ev-cccc05"]
    assert len(filled.query(EventFilter(historical=False))) == 4


def test_limit_and_offset(filled: Store) -> None:
    everything = ids(filled.query())
    assert ids(filled.query(EventFilter(limit=2))) == everything[:2]
    assert ids(filled.query(EventFilter(limit=2, offset=2))) == everything[2:4]
    assert ids(filled.query(EventFilter(offset=3))) == everything[3:]
    assert filled.query(EventFilter(limit=0)) == []
    with pytest.raises(StoreError, match="limit"):
        filled.query(EventFilter(limit=-1))


def test_filters_combine(filled: Store) -> None:
    found = filled.query(EventFilter(event_type="Battles", historical=False, since=dt.date(2020, 10, 1)))
    assert ids(found) == ["ev-bbbb04"]


def test_near_uses_exact_distance(store: Store) -> None:
    # ~8 km north and ~8 km east of Stepanakert: inside the bounding box of a 10 km radius, but
    # about 11.3 km away, so the exact check must drop it.
    north_east = Place(
        "test:ne", "Corner", "AZE", STEPANAKERT.latitude + 0.0719, STEPANAKERT.longitude + 0.0935, 1
    )
    store.save_batch(
        [],
        [
            make_event("ev-1", "2020-10-01", place=STEPANAKERT),
            make_event("ev-2", "2020-10-02", place=SHUSHA),
            make_event("ev-3", "2020-10-03", place=YEREVAN),
            make_event("ev-4", "2020-10-04", place=north_east),
            make_event("ev-5", "2020-10-05", place=None),
        ],
    )
    corner_km = distance_km(
        STEPANAKERT.latitude, STEPANAKERT.longitude, north_east.latitude, north_east.longitude
    )
    assert 11.0 < corner_km < 11.6
    near = (STEPANAKERT.latitude, STEPANAKERT.longitude, 10.0)
    assert ids(store.query(EventFilter(near=near))) == ["ev-1", "ev-2"]
    assert ids(store.query(EventFilter(near=(*near[:2], 12.0)))) == ["ev-1", "ev-2", "ev-4"]
    assert ids(store.query(EventFilter(near=near, limit=1, offset=1))) == ["ev-2"]
    assert len(store.query(EventFilter(near=(*near[:2], 300.0)))) == 4


def test_near_across_the_antimeridian(store: Store) -> None:
    west = Place("test:w", "West", "FJI", -17.0, 179.98, 1)
    east = Place("test:e", "East", "FJI", -17.0, -179.98, 1)
    store.save_batch(
        [], [make_event("ev-w", "2020-01-01", place=west), make_event("ev-e", "2020-01-02", place=east)]
    )
    assert ids(store.query(EventFilter(near=(-17.0, 179.99, 10.0)))) == ["ev-w", "ev-e"]


@pytest.mark.parametrize("near", [(91.0, 0.0, 5.0), (0.0, 200.0, 5.0), (0.0, 0.0, 0.0)])
def test_bad_near_is_a_clear_error(store: Store, near: tuple[float, float, float]) -> None:
    with pytest.raises(StoreError, match="near"):
        store.query(EventFilter(near=near))


def test_haversine_one_degree_of_latitude() -> None:
    assert distance_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(111.19, abs=0.01)
    assert distance_km(40.0, 44.5, 40.0, 44.5) == 0.0


def test_get_event_by_id_or_unique_prefix(filled: Store) -> None:
    assert filled.get_event("ev-aaaa02")["sub_event_type"] == "Shelling/artillery/missile attack"  # type: ignore[index]
    with pytest.raises(AmbiguousEventId, match="ev-bbbb0"):
        filled.get_event("ev-bbbb0")
    assert filled.get_event("ev-cccc")["event_id"] == "ev-cccc05"  # type: ignore[index]
    assert filled.get_event("ev-cc") is None  # too short to be a prefix
    assert filled.get_event("ev-zzzz") is None
    assert filled.get_event("EV-CCCC") is None  # ids are case-sensitive


def test_mention_clusters_are_kept_and_replaced_per_document(store: Store) -> None:
    event = make_event("e1", "2022-09-13", sources=("a",))
    store.save_batch([make_document("a")], [event], clusters={"a": [[{"m": 1}]]})
    store.save_batch([], [event], clusters={"a": [[{"m": 2}], [{"m": 3}]]})
    assert store.mention_clusters() == {"a": [[{"m": 2}], [{"m": 3}]]}


def test_replacing_events_removes_rows_merged_away(store: Store) -> None:
    store.save_batch([make_document("a"), make_document("b")],
                     [make_event("e1", "2022-09-13", sources=("a",)), make_event("e2", "2022-09-13", sources=("b",))])
    result = store.save_batch([], [make_event("e3", "2022-09-13", sources=("a", "b"))], replace_events=True)
    assert result.events_removed == 2
    assert ids(store.query(EventFilter())) == ["e3"]


# -- paging, sorting, searching and counting (what the HTTP API asks of the store) -------------------


def test_query_page_counts_all_matches_while_returning_one_page(filled: Store) -> None:
    page = filled.query_page(EventFilter(historical=False, limit=2, offset=1))
    assert page.total == 4
    assert [json.loads(b)["event_id"] for b in page.bodies] == ["ev-aaaa02", "ev-bbbb03"]
    assert filled.query_page(EventFilter(limit=0)).total == 5


def test_sub_type_filter_is_exact(filled: Store) -> None:
    assert ids(filled.query(EventFilter(sub_event_type="peaceful protest"))) == ["ev-bbbb03"]
    with pytest.raises(StoreError, match="unknown event type"):
        filled.query(EventFilter(sub_event_type="protest"))


def test_text_search_looks_in_notes_and_evidence_as_one_phrase(filled: Store) -> None:
    assert len(filled.query(EventFilter(text="CLASHED NEAR"))) == 5  # evidence sentence, any case
    assert len(filled.query(EventFilter(text="two   armed forces"))) == 5  # notes, spaces folded
    assert filled.query(EventFilter(text="near clashed")) == []
    assert filled.query(EventFilter(text="Ministry of Defence")) == []  # claims are not searched


@pytest.mark.parametrize("filters", [
    EventFilter(), EventFilter(sort="-fatalities", limit=2, offset=1), EventFilter(offset=3),
    EventFilter(near=(39.76, 46.75, 30), sort="location", offset=1), EventFilter(historical=False, limit=0),
])
def test_iter_bodies_yields_what_a_page_holds(filled: Store, filters: EventFilter) -> None:
    assert list(filled.iter_bodies(filters)) == filled.query_page(filters, count=False).bodies


def test_iter_bodies_checks_the_filters_before_reading(filled: Store) -> None:
    with pytest.raises(StoreError, match="unknown event type"):
        filled.iter_bodies(EventFilter(event_type="Battle"))


def test_a_blank_actor_filter_is_no_filter(store: Store) -> None:
    store.save_batch([make_document("doc-1")], [make_event("ev-none01", "2020-10-10", "Peaceful protest", None, None,
                                                           YEREVAN)])
    assert ids(store.query(EventFilter(actor="   "))) == ["ev-none01"]


def test_text_search_matches_words_by_their_start(store: Store) -> None:
    event = make_event("ev-words", "2020-09-27")
    event["notes"] = "Security forces in Uri's old town fired on al-Fashir-bound trucks."
    event["evidence"] = [{"doc": "doc-1", "text": "Shelling resumed. Nobody was hurt."}]
    store.save_batch([make_document("doc-1")], [event])
    for found in ("uri", "URI'S", "sec", "al fashir", "al-Fashir-bound", "town fired on al", "shelling resumed"):
        assert ids(store.query(EventFilter(text=found))) == ["ev-words"], found
    # inside a word, words out of order, and a phrase running from the notes into a source sentence
    for missed in ("ri", "curity", "old fired", "trucks shelling"):
        assert store.query(EventFilter(text=missed)) == [], missed


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-event_date", ["ev-bbbb04", "ev-bbbb03", "ev-aaaa02", "ev-aaaa01", "ev-cccc05"]),
        # events without a figure come last, in date order
        ("-fatalities", ["ev-aaaa01", "ev-cccc05", "ev-aaaa02", "ev-bbbb03", "ev-bbbb04"]),
        ("location", ["ev-cccc05", "ev-aaaa02", "ev-bbbb04", "ev-aaaa01", "ev-bbbb03"]),
    ],
)
def test_sort_orders_and_breaks_ties_by_date(filled: Store, sort: str, expected: list[str]) -> None:
    assert ids(filled.query(EventFilter(sort=sort))) == expected


def test_sort_key_must_be_known(filled: Store) -> None:
    with pytest.raises(StoreError, match="cannot sort by 'body'"):
        filled.query(EventFilter(sort="body"))


def test_stats_count_by_day_type_and_country(filled: Store) -> None:
    stats = filled.stats(EventFilter(historical=False))
    assert stats.total == 4 and stats.fatalities == 5
    assert stats.by_day_and_type == {
        ("2020-09-27", "Battles"): 1,
        ("2020-09-28", "Explosions/Remote violence"): 1,
        ("2020-10-10", "Protests"): 1,
        ("2020-11-08", "Battles"): 1,
    }
    assert stats.by_country == {"AZE": 3, "ARM": 1}
    near = filled.stats(EventFilter(near=(40.18, 44.51, 20)))
    assert near.total == 1 and near.by_country == {"ARM": 1}


def test_documents_by_id_returns_the_known_ones(filled: Store) -> None:
    found = filled.documents_by_id(["doc-2", "doc-404", "doc-1"])
    assert sorted(found) == ["doc-1", "doc-2"] and found["doc-1"] == make_document("doc-1")


def test_search_migration_fills_rows_stored_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    older = [m for m in load_migrations() if m.name < "0003"]
    connection = sqlite3.connect(path, isolation_level=None)
    store = Store(connection, SQLITE, str(path))
    store.migrate(older)
    connection.execute(
        "INSERT INTO events (event_id, content_hash, event_date, event_type, sub_event_type, historical, body, "
        "updated_at) VALUES ('ev-old', 'h', '2020-09-27', 'Battles', 'Armed clash', 0, ?, 'now')",
        (json.dumps(make_event("ev-old", "2020-09-27")),),
    )
    connection.close()
    with Store.open(str(path)) as upgraded:
        assert ids(upgraded.query(EventFilter(text="clashed near the town"))) == ["ev-old"]
