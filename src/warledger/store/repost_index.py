"""The repost index (migration 0007): stored reports grouped into the versions of one report as they
arrive (warledger/reposts.py says what makes two reports one).

Each stored document has a row in document_fingerprints (its lead, signature, publication date, outlet
and original) and one row per MinHash band in fingerprint_bands. A new report is compared only with
the reports that share a band with it, found by an indexed lookup of its band hashes, so the cost of
an ingest does not grow with the store. When it joins a group, the group's original is chosen again
(the earliest published, then the smallest id): an earlier report arriving late becomes the original
and the former original a repost of it. The groups are the connected components of the pairs that
share a band and pass reposts.same_report, whatever order the reports come in.

Only the store calls these functions (Writing.merge_batch, the migration's backfill), inside its write
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from warledger.clean import clean
from warledger.records import Document
from warledger.reposts import (
    WINDOW_DAYS,
    Fingerprint,
    Origin,
    Report,
    fingerprint,
    first_published,
    grams,
    same_report,
    within_window,
)
from warledger.store.base import StoreBase


@dataclass(slots=True, frozen=True)
class _Stored:
    published: dt.date | None
    lead: str
    original: str


def index_document(store: StoreBase, document: Document, print_: Fingerprint) -> set[str]:
    """Record a stored document's fingerprint and regroup its report. Returns the ids of the stored
    documents whose original changed (the document itself when it is a repost), whose events must be
    merged again."""
    former = forget_document(store, document.id)
    published = document.published.isoformat() if document.published else None
    store._execute(
        "INSERT INTO document_fingerprints (document_id, published, outlet, lead, signature, original_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (document.id, published, document.outlet, print_.lead, print_.signature_hex(), document.id),
    )
    changed = regroup(store, former) if former else set()
    if document.published is None:
        return changed  # an undated report is compared with none (reposts.within_window)
    buckets = sorted(set(print_.bands()))
    store._execute_many("INSERT INTO fingerprint_bands (bucket, published, document_id) VALUES (?, ?, ?)",
                        [(bucket, published, document.id) for bucket in buckets])
    # The stored groups are already whole: the new report joins every group it is one report with.
    window = dt.timedelta(days=WINDOW_DAYS)
    marks = ", ".join("?" for _ in buckets)
    rows = store._execute(
        f"SELECT DISTINCT document_id FROM fingerprint_bands WHERE bucket IN ({marks}) "
        "AND published BETWEEN ? AND ? AND document_id <> ?",
        (*buckets, (document.published - window).isoformat(), (document.published + window).isoformat(), document.id))
    candidates = _load(store, {str(r[0]) for r in rows})
    mine = grams(print_.lead)
    joined = sorted({c.original for c in candidates.values() if same_report(print_.lead, c.lead, mine)})
    if not joined:
        return changed
    members = {document.id: _Stored(document.published, print_.lead, document.id)}
    marks = ", ".join("?" for _ in joined)
    rows = store._execute("SELECT document_id, published, original_id FROM document_fingerprints "
                          f"WHERE original_id IN ({marks})", joined)
    members.update((str(d), _Stored(dt.date.fromisoformat(p) if p else None, "", str(o))) for d, p, o in rows)
    return changed | _choose_original(store, members)


def forget_document(store: StoreBase, document_id: str) -> set[str]:
    """Drop a document from the index (it is about to be stored again with other text); the other members
    of the report it was part of, which must be regrouped without it."""
    row = store._execute("SELECT original_id FROM document_fingerprints WHERE document_id = ?",
                         (document_id,)).fetchone()
    if row is None:
        return set()
    members = {str(r[0]) for r in store._execute(
        "SELECT document_id FROM document_fingerprints WHERE original_id = ?", (row[0],))}
    store._execute("DELETE FROM fingerprint_bands WHERE document_id = ?", (document_id,))
    store._execute("DELETE FROM document_fingerprints WHERE document_id = ?", (document_id,))
    return members - {document_id}


def regroup(store: StoreBase, seeds: Iterable[str]) -> set[str]:
    """Find again the groups of the seed documents (the rest of a group that lost a member, which may fall
    apart) and their originals; the ids whose original changed."""
    done: set[str] = set()
    changed: set[str] = set()
    for seed in sorted(seeds):
        if seed in done:
            continue
        group = _group(store, seed)
        done |= group.keys()
        changed |= _choose_original(store, group)
    return changed


def _choose_original(store: StoreBase, group: dict[str, _Stored]) -> set[str]:
    """Point every member of a group at its earliest report; the ids whose original changed."""
    if not group:
        return set()
    original = first_published(Report(d, s.published, Fingerprint("", ())) for d, s in group.items()).id
    moved = sorted(d for d, s in group.items() if s.original != original)
    store._execute_many("UPDATE document_fingerprints SET original_id = ? WHERE document_id = ?",
                        [(original, d) for d in moved])
    return set(moved)


def _group(store: StoreBase, seed: str) -> dict[str, _Stored]:
    """The stored documents joined to `seed` by a chain of pairs that share a band and are one report."""
    loaded = _load(store, {seed})
    if seed not in loaded:
        return {}
    group = {seed: loaded[seed]}
    compared: set[tuple[str, str]] = set()
    frontier = [seed]
    while frontier:
        found: list[str] = []
        for document_id in frontier:
            candidates = sorted(_sharing_a_band(store, document_id) - group.keys())
            loaded.update(_load(store, set(candidates) - loaded.keys()))
            for candidate in candidates:
                pair = (min(document_id, candidate), max(document_id, candidate))
                if candidate in group or pair in compared or candidate not in loaded:
                    continue
                compared.add(pair)
                if within_window(group[document_id].published, loaded[candidate].published) and \
                        same_report(group[document_id].lead, loaded[candidate].lead):
                    group[candidate] = loaded[candidate]
                    found.append(candidate)
        frontier = found
    return group


def _sharing_a_band(store: StoreBase, document_id: str) -> set[str]:
    rows = store._execute(
        "SELECT DISTINCT other.document_id FROM fingerprint_bands mine "
        "JOIN fingerprint_bands other ON other.bucket = mine.bucket "
        "WHERE mine.document_id = ? AND other.document_id <> ?",
        (document_id, document_id),
    )
    return {str(r[0]) for r in rows}


def _load(store: StoreBase, document_ids: set[str]) -> dict[str, _Stored]:
    rows = store._rows_in("SELECT document_id, published, lead, original_id FROM document_fingerprints "
                          "WHERE document_id IN ({ids})", sorted(document_ids))
    return {str(document_id): _Stored(dt.date.fromisoformat(published) if published else None, str(lead),
                                      str(original))
            for document_id, published, lead, original in rows}


def origins(store: StoreBase, document_ids: Iterable[str]) -> dict[str, Origin]:
    """The reposts among these stored documents, keyed by id: the report each copies, and the outlets."""
    copies: dict[str, tuple[str, str | None]] = {
        str(d): (str(original), outlet) for d, original, outlet in store._rows_in(
            "SELECT document_id, original_id, outlet FROM document_fingerprints "
            "WHERE document_id IN ({ids}) AND original_id <> document_id", sorted(set(document_ids)))}
    originals = sorted({original for original, _ in copies.values()})
    outlets: dict[str, str | None] = {str(d): outlet for d, outlet in store._rows_in(
        "SELECT document_id, outlet FROM document_fingerprints WHERE document_id IN ({ids})", originals)}
    return {d: Origin(original, outlet, outlets.get(original)) for d, (original, outlet) in copies.items()}


def backfill(store: StoreBase) -> None:
    """Migration 0007 for a store written before it: fingerprint every stored document (the packaged
    boilerplate rules clean them), group them, and mark every cluster for merging again on the next
    ingest, which gives every event its reposts and corroboration."""
    ids = [str(row[0]) for row in store._execute("SELECT id FROM documents ORDER BY id").fetchall()]
    # (the rows of a chunk are read before indexing writes)
    for document_id, text, published, outlet in store._rows_in(
            "SELECT id, text, published, outlet FROM documents WHERE id IN ({ids}) ORDER BY id", ids):
        document = Document(str(document_id), str(text), dt.date.fromisoformat(published) if published else None,
                            outlet=outlet)
        index_document(store, document, fingerprint(clean(document.text).text))
    store._execute("UPDATE merge_clusters SET event_id = NULL")
