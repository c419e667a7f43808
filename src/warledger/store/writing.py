"""Writing: batches of documents, their mention clusters and events, upserted by content hash.

Each batch is one transaction: a crash, an exception or Ctrl-C halfway through leaves the database
as it was before the batch, and saving the same batch twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from warledger.records import Document, Event, Mention, Skipped, mention_to_json
from warledger.reposts import Fingerprint, Origin
from warledger.store import repost_index
from warledger.store.base import FETCH_CHUNK, StoreError
from warledger.store.merge_candidates import ClusterRef, MergeIndex
from warledger.store.schema import document_hash, event_hash, search_text, utc_now

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
    "corroboration",
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


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


class Writing(MergeIndex):
    """Saving batches: documents, clusters and events upserted, and new clusters merged into the stored events."""

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
        now = utc_now()
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
        merge: Callable[[Sequence[list[Mention]], Mapping[str, Origin]], list[Event]],
        could_meet: Callable[[Sequence[Mention], Sequence[Mention]], bool],
        fingerprints: Mapping[str, Fingerprint] | None = None,
    ) -> BatchResult:
        """Store new documents with their mention clusters (keyed by document id) and merge them into the
        stored events, in one transaction; all or nothing.

        Only the stored clusters that the new ones could be one event with, directly or through others
        (`could_meet`, looked up by event type and date window), are read and merged again with them
        (`merge`), and only their events are rewritten: the rows are the ones that merging everything
        would give, at a cost that does not grow with the store. Writers take turns (the write lock is
        taken at the start), so a document another process stored meanwhile is left as it is.

        With `fingerprints` (keyed by document id, reposts.Fingerprint), each new document is also
        compared with the stored reports it shares a MinHash band with (repost_index.py): a repost is
        recorded as a copy of its group's earliest report, and the events of every document whose
        original changed are merged again, with `merge` told each repost's original.
        """
        counts = {field: 0 for field in BatchResult.__dataclass_fields__}
        now = utc_now()
        with self._batch_transaction():
            seeds: dict[ClusterRef, list[Mention]] = {}
            # the batch's documents that are new or changed, with their clusters (a repeated id: the last)
            rewritten: dict[str, list[list[Mention]]] = {}
            regrouped: set[str] = set()  # documents whose original report changed
            stored = self._stored_hashes("documents", "id", [document.id for document in documents])
            for document in documents:
                outcome = self._upsert_document(document, now, stored)
                counts[outcome] += 1
                if outcome == "documents_unchanged":
                    continue  # stored by another process since this one extracted it
                document_clusters = [list(c) for c in clusters.get(document.id, ())]
                rewritten[document.id] = document_clusters
                seeds.update(((document.id, number), c) for number, c in enumerate(document_clusters))
                if fingerprints is not None and document.id in fingerprints:
                    regrouped |= repost_index.index_document(self, document, fingerprints[document.id])
            touched_events = self._unindex_documents(list(rewritten))
            self._delete_where_in("mention_clusters", "document_id", list(rewritten))
            self._execute_many(
                "INSERT INTO mention_clusters (document_id, body) VALUES (?, ?)",
                [(document_id, json.dumps([[mention_to_json(m) for m in c] for c in document_clusters],
                                          ensure_ascii=False))
                 for document_id, document_clusters in rewritten.items()],
            )
            self._index_documents(rewritten)
            loaded: dict[str, list[list[Mention]]] = {}
            stored_refs = [ref for ref in self._clusters_of_events(touched_events) + self._unmerged_clusters()
                           + self._clusters_of_documents(regrouped) if ref not in seeds]
            self._load_documents({document_id for document_id, _ in stored_refs}, loaded)
            for ref in stored_refs:
                seeds.setdefault(ref, self._stored_cluster(ref, loaded))
            counts.update(self._merge_reachable(seeds, loaded, merge, could_meet, touched_events, now))
            for item in skipped:
                counts["skipped_new"] += self._insert_skipped(item, now)
        return BatchResult(**counts)

    def _merge_reachable(
        self,
        seeds: dict[ClusterRef, list[Mention]],
        loaded: dict[str, list[list[Mention]]],
        merge: Callable[[Sequence[list[Mention]], Mapping[str, Origin]], list[Event]],
        could_meet: Callable[[Sequence[Mention], Sequence[Mention]], bool],
        old_events: set[str],
        now: str,
    ) -> dict[str, int]:
        """Merge the seed clusters with every stored cluster they reach and rewrite the events concerned."""
        reached = self._reachable(seeds, loaded, could_meet)
        counts = {"events_new": 0, "events_updated": 0, "events_unchanged": 0, "events_removed": 0}
        if not reached:
            return counts
        old_events = old_events | self._events_of_clusters(reached)
        refs_of_mentions = {id(m): ref for ref, cluster in reached.items() for m in cluster}
        kept: set[str] = set()
        links: list[tuple[str, str, int]] = []
        origins = repost_index.origins(self, {document_id for document_id, _ in reached})
        events = merge(list(reached.values()), origins)
        stored = self._stored_hashes("events", "event_id", [event.event_id for event in events])
        for event in events:
            counts[self._upsert_event(event.as_contract(), now, stored)] += 1
            kept.add(event.event_id)
            links += [(event.event_id, *ref) for ref in sorted({refs_of_mentions[id(m)] for m in event.mentions})]
        self._execute_many("UPDATE merge_clusters SET event_id = ? WHERE document_id = ? AND cluster_no = ?", links)
        removed = sorted(old_events - kept)
        self._delete_where_in("event_sources", "event_id", removed)
        self._delete_where_in("events", "event_id", removed)
        counts["events_removed"] += len(removed)
        return counts

    def _stored_hashes(self, table: str, key: str, ids: Sequence[str]) -> dict[str, str]:
        """The content hash of each of these rows that is stored, by id: a few queries instead of one per row.
        The upserts keep it up to date as they write."""
        found: dict[str, str] = {}
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), FETCH_CHUNK):
            chunk = wanted[start : start + FETCH_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = self._execute(f"SELECT {key}, content_hash FROM {table} WHERE {key} IN ({marks})", chunk)
            found.update((str(row[0]), str(row[1])) for row in rows.fetchall())
        return found

    def _upsert_document(self, document: Document, now: str, stored: dict[str, str] | None = None) -> str:
        """Insert or update a document; `stored` (from _stored_hashes), when given, saves asking for its hash."""
        content_hash = document_hash(document)
        row = self._stored_hash("documents", "id", document.id, content_hash, stored)
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

    def _upsert_event(self, event: dict[str, Any], now: str, stored: dict[str, str] | None = None) -> str:
        for key in ("event_id", "event_date", "event_type", "sub_event_type"):
            if not event.get(key):
                raise StoreError(f"event {event.get('event_id')!r} has no {key}")
        event_id = str(event["event_id"])
        content_hash = event_hash(event)
        row = self._stored_hash("events", "event_id", event_id, content_hash, stored)
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
            event.get("corroboration"),
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

    def _stored_hash(self, table: str, key: str, row_id: str, content_hash: str,
                     stored: dict[str, str] | None) -> tuple[str] | None:
        """The stored content hash of a row, as a one-column row (None: not stored); from `stored` when
        given, which then takes `content_hash`, the one the caller writes (or finds unchanged)."""
        if stored is None:
            row = self._execute(f"SELECT content_hash FROM {table} WHERE {key} = ?", (row_id,)).fetchone()
            return None if row is None else (str(row[0]),)
        previous = stored.get(row_id)
        stored[row_id] = content_hash
        return None if previous is None else (previous,)

    def _delete_where_in(self, table: str, key: str, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), FETCH_CHUNK):
            chunk = ids[start : start + FETCH_CHUNK]
            self._execute(f"DELETE FROM {table} WHERE {key} IN ({', '.join('?' for _ in chunk)})", chunk)

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
