"""The schema: numbered migrations, and the derived columns they define (content hashes, search text).

The migrations are src/warledger/migrations/NNNN_name.sql, applied in order and recorded in the
`migrations` table, each with the Python backfill it needs (BACKFILLS). Their SQL is kept portable:
both backends run the same files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.resources
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from warledger.records import Document, mention_from_json
from warledger.store import repost_index
from warledger.store.base import StoreBase, StoreError
from warledger.store.merge_candidates import MergeIndex

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+$")
_WORD = re.compile(r"\w+")


@dataclass(slots=True, frozen=True)
class Migration:
    """One numbered schema change: its name (file stem) and its SQL statements."""

    name: str
    sql: str


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


def _statements(sql: str) -> list[str]:
    """The statements of a migration file: `--` comments dropped, split on semicolons."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def utc_now() -> str:
    """The time stamp written with rows and migrations."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# -- derived columns ---------------------------------------------------------------------------


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


def search_words(text: str) -> list[str]:
    """The words of a text as search_text spells them: lower-cased."""
    return _WORD.findall(text.lower())


def search_text(event: dict[str, Any]) -> str:
    """What the text filter searches in: the words of the event's notes and evidence sentences,
    lower-cased, one space before each, one line per sentence or note.

    Matching ' word' then finds words by their start ("Uri" finds "Uri's" but not "security"), and
    a phrase cannot run from one sentence into the next.
    """
    parts = [str(event.get("notes") or "")]
    parts += [str(e.get("text") or "") for e in event.get("evidence") or ()]
    return "\n".join("".join(" " + word for word in search_words(part)) for part in parts) + "\n"


def event_body(text: str) -> dict[str, Any]:
    """A stored event's JSON, parsed."""
    value: dict[str, Any] = json.loads(text)
    return value


# -- applying migrations -----------------------------------------------------------------------


def _backfill_search_text(store: StoreBase) -> None:
    rows = store._execute("SELECT event_id, body FROM events").fetchall()
    for event_id, body in rows:
        text = search_text(event_body(body))
        store._execute("UPDATE events SET search_text = ? WHERE event_id = ?", (text, event_id))


def _backfill_merge_index(store: MergeIndex) -> None:
    rows = store._execute("SELECT document_id, body FROM mention_clusters").fetchall()
    for document_id, body in rows:
        clusters = [[mention_from_json(m) for m in cluster] for cluster in json.loads(body)]
        store._index_clusters(document_id, clusters)


# Work a migration needs done in Python after its SQL, run inside the same transaction.
BACKFILLS: dict[str, Callable[[MergeIndex], None]] = {
    "0003_search_text": _backfill_search_text,
    "0005_search_words": _backfill_search_text,
    "0006_merge_index": _backfill_merge_index,
    "0007_reposts": repost_index.backfill,
}


class Schema(MergeIndex):
    """Bringing a store's schema up to date (the merge index's backfill writes through MergeIndex)."""

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
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (migration.name, utc_now())
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
