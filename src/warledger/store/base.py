"""What every part of the store stands on: the connection, the SQL dialect it speaks, its transactions.

The backends (sqlite.py, postgres.py) differ only in how a connection is opened and in the small
`Dialect` below; everything written with `_execute` is shared SQL with `?` placeholders.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

# Rows fetched per round trip when streaming documents out of the store.
FETCH_CHUNK = 200
# How long a writer waits for another process's lock before failing (SQLite busy timeout).
LOCK_TIMEOUT_S = 30.0


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
    # a batch's statements are sent without waiting for each one's answer (psycopg's pipeline mode): only
    # a read whose rows are wanted waits for the server, so a batch costs a few round trips, not thousands
    pipelined: bool = False

    def sql(self, query: str) -> str:
        """Rewrite a query written with `?` placeholders for this engine."""
        return query if self.placeholder == "?" else query.replace("?", self.placeholder)


class StoreBase:
    """An open connection to a warledger database, and the transactions every part of the store uses."""

    def __init__(self, connection: Any, dialect: Dialect, location: str) -> None:
        self._connection = connection
        self.dialect = dialect
        self.location = location

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Self:
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

    def _rows_in(self, query: str, ids: Sequence[str]) -> Iterator[Any]:
        """The rows of `query` for these ids, FETCH_CHUNK ids a statement: the query's "{ids}" stands
        for the list of placeholders ("... WHERE document_id IN ({ids})")."""
        for start in range(0, len(ids), FETCH_CHUNK):
            chunk = list(ids[start : start + FETCH_CHUNK])
            yield from self._execute(query.format(ids=", ".join("?" for _ in chunk)), chunk).fetchall()

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
            # an error of a pipelined statement is raised by the next read, or on leaving the pipeline
            with self._pipeline():
                self._lock_writers()
                yield
        except self.dialect.errors as exc:
            self._rollback()
            raise StoreError(f"could not save the batch to {self.location!r}: {exc}") from exc
        except BaseException:
            self._rollback()
            raise
        self._commit()

    def _pipeline(self) -> contextlib.AbstractContextManager[Any]:
        if self.dialect.pipelined:
            return self._connection.pipeline()  # type: ignore[no-any-return]
        return contextlib.nullcontext()

    def _lock_writers(self) -> None:
        if self.dialect.writer_lock is not None:
            self._execute(self.dialect.writer_lock)

    def _commit(self) -> None:
        self._connection.commit()

    def _rollback(self) -> None:
        self._connection.rollback()
