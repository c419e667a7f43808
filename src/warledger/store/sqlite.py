"""The SQLite backend: a file path or a sqlite:/// URL, one file shared by processes through WAL."""

from __future__ import annotations

import sqlite3

from warledger.store.base import LOCK_TIMEOUT_S, Dialect, StoreError

SQLITE = Dialect(name="sqlite", placeholder="?", begin="BEGIN IMMEDIATE", errors=(sqlite3.Error,))


def sqlite_path(url_or_path: str) -> str:
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


def connect(url_or_path: str, any_thread: bool) -> sqlite3.Connection:
    """A connection to the SQLite file at a path or sqlite:/// URL (created if missing), in WAL mode."""
    path = sqlite_path(url_or_path)
    try:
        # isolation_level=None: the store issues BEGIN/COMMIT itself, so that DDL in
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
    except sqlite3.Error as exc:
        connection.close()
        raise StoreError(f"cannot use database {url_or_path!r}: {exc}") from None
    return connection
