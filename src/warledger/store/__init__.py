"""The store stage: the only part of warledger that writes to the database.

Documents and events are upserted keyed by their id, with a SHA-256 hash of their canonical JSON
beside them, so that saving the same batch twice changes nothing and an event that gained a
source is updated in place rather than duplicated. Each batch is one transaction: a crash, an
exception or Ctrl-C halfway through leaves the database as it was before the batch.

One interface, `Store`, over two backends, each part in its own module:

- base.py: the connection, the SQL dialect, transactions and the writers' lock
- sqlite.py, postgres.py: opening each backend, and what only it needs
- schema.py: the numbered migrations (src/warledger/migrations/NNNN_name.sql) and the derived
  columns they define (content hashes, search text)
- writing.py: saving a batch, upserts, merging new clusters into the stored events
- merge_candidates.py: the merge index, and the stored clusters a new one could join
- queries.py: filters, pages, counts and the stream an export reads
- documents.py: reading stored documents, skipped inputs and row counts

The SQL is kept portable, so that PostgreSQL only needs a different connection and the small
`Dialect` switch.
"""

from __future__ import annotations

from warledger.store import postgres, sqlite
from warledger.store.base import FETCH_CHUNK, LOCK_TIMEOUT_S, AmbiguousEventId, Dialect, StoreError
from warledger.store.documents import Documents
from warledger.store.merge_candidates import ClusterRef
from warledger.store.postgres import POSTGRES_SCHEMES, POSTGRES_WRITER_LOCK, postgres_dialect
from warledger.store.queries import (
    MAX_FILTER_CHARS,
    MIN_EVENT_ID_PREFIX,
    SORT_KEYS,
    EventFilter,
    Page,
    Queries,
    Stats,
    check_filter,
    country_code,
    event_type_names,
)
from warledger.store.schema import (
    BACKFILLS,
    Migration,
    Schema,
    canonical_json,
    document_hash,
    event_hash,
    load_migrations,
    search_text,
)
from warledger.store.sqlite import SQLITE, sqlite_path
from warledger.store.writing import BatchResult, Writing

# the name the CLI and the crash trials have always imported
_sqlite_path = sqlite_path

__all__ = [
    "BACKFILLS",
    "FETCH_CHUNK",
    "LOCK_TIMEOUT_S",
    "MAX_FILTER_CHARS",
    "MIN_EVENT_ID_PREFIX",
    "POSTGRES_SCHEMES",
    "POSTGRES_WRITER_LOCK",
    "SORT_KEYS",
    "SQLITE",
    "AmbiguousEventId",
    "BatchResult",
    "ClusterRef",
    "Dialect",
    "EventFilter",
    "Migration",
    "Page",
    "Stats",
    "Store",
    "StoreError",
    "canonical_json",
    "check_filter",
    "country_code",
    "document_hash",
    "event_hash",
    "event_type_names",
    "load_migrations",
    "postgres_dialect",
    "search_text",
    "sqlite_path",
]


class Store(Writing, Queries, Documents, Schema):
    """A warledger database. Open it with `Store.open(path_or_url)`; use it as a context manager."""

    @classmethod
    def open(cls, url_or_path: str, any_thread: bool = False) -> Store:
        """Open (creating if needed) the store at a file path, a sqlite:/// URL or a postgresql:// URL,
        and bring its schema up to date.

        `any_thread` lets another thread than the opening one use or close a SQLite store; the caller
        then makes sure that no two threads use it at once (a PostgreSQL connection always may).
        """
        if url_or_path.startswith(POSTGRES_SCHEMES):
            connection, dialect = postgres.connect(url_or_path), postgres_dialect()
        else:
            connection, dialect = sqlite.connect(url_or_path, any_thread), SQLITE
        try:
            store = cls(connection, dialect, url_or_path)
            store.migrate(load_migrations())
        except dialect.errors as exc:
            connection.close()
            raise StoreError(f"cannot use database {url_or_path!r}: {exc}") from None
        except BaseException:
            connection.close()
            raise
        return store
