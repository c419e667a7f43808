"""Reading stored documents and what the store keeps beside them (mention clusters, skipped inputs, counts)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

from warledger.records import Document, Skipped
from warledger.store.base import FETCH_CHUNK, StoreBase


class Documents(StoreBase):
    """The stored documents, streamed or by id, and the store's other records of what it read."""

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
