"""The PostgreSQL backend (`postgresql://USER@HOST/DATABASE`): one database shared by a team.

psycopg is imported only when a PostgreSQL store is opened, so SQLite users never need it.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from warledger.store.base import FETCH_CHUNK, LOCK_TIMEOUT_S, Dialect, StoreError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
# Any number: the advisory lock that warledger writers on one PostgreSQL database take in turn.
POSTGRES_WRITER_LOCK = 7_410_001
# Names of PostgreSQL server-side cursors, unique in a process.
_CURSOR_NUMBERS = itertools.count()


@functools.cache
def postgres_dialect() -> Dialect:
    """The PostgreSQL dialect (psycopg is imported only when a PostgreSQL store is opened)."""
    import psycopg

    return Dialect(name="postgresql", placeholder="%s", begin="BEGIN", errors=(psycopg.Error,),
                   writer_lock=f"SELECT pg_advisory_xact_lock({POSTGRES_WRITER_LOCK})", text_order=' COLLATE "C"',
                   begin_read="BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", pipelined=True)


def connect(url: str) -> Any:
    """A psycopg connection to the database at a postgresql:// URL."""
    try:
        import psycopg
    except ImportError:
        raise StoreError("PostgreSQL stores need the psycopg package: pip install 'psycopg[binary]'") from None
    try:
        # autocommit: the store issues BEGIN/COMMIT itself, as with SQLite; a connection may be used
        # by another thread than the one that opened it, one at a time
        return psycopg.connect(url, autocommit=True, connect_timeout=int(LOCK_TIMEOUT_S))
    except psycopg.Error as exc:
        raise StoreError(f"cannot open database {url!r}: {str(exc).strip().splitlines()[0]}") from None


def server_side_rows(connection: Any, query: str, params: Sequence[Any]) -> Iterator[Any]:
    """The rows of a query (in PostgreSQL's spelling) through a server-side cursor, a batch at a time:
    psycopg's plain cursor fetches every row at once. WITH HOLD: reads run outside transactions."""
    cursor = connection.cursor(name=f"warledger_rows_{next(_CURSOR_NUMBERS)}", withhold=True)
    cursor.itersize = FETCH_CHUNK
    cursor.execute(query, tuple(params))

    def rows() -> Iterator[Any]:
        try:
            yield from cursor
        finally:
            cursor.close()

    return rows()
