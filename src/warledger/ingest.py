"""Ingest: extract the reports a store does not hold yet and store them with the merged events.

Each batch of documents is one transaction. Events are merged across the whole store, not only the
batch, so that a new report of a stored event updates that event's row instead of adding a second
one; the mention clusters kept per document make this possible without parsing old text again, and
the store's merge index finds the few stored clusters a new report can join without reading the rest
(see Store.merge_batch). Each report's fingerprint goes with it, so that the store finds the stored
reports it copies, or that copy it, the same way (store/repost_index.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from warledger.merge import could_meet
from warledger.pipeline import Pipeline
from warledger.records import Document, Mention, Skipped
from warledger.reposts import Fingerprint
from warledger.store import BatchResult, Store, document_hash

# Documents stored per transaction: an interrupted run keeps every finished batch, and memory holds at
# most one batch of documents; 500 reports of a few kilobytes each are well under 50 MB.
INGEST_BATCH_DOCUMENTS = 500


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did: documents extracted, documents already stored, inputs skipped, rows changed."""

    new_documents: int = 0
    unchanged_documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    batch: BatchResult = field(default_factory=BatchResult)

    def add(self, result: BatchResult) -> None:
        """Add one transaction's counts to the totals."""
        totals = {name: getattr(self.batch, name) + getattr(result, name) for name in BatchResult.__dataclass_fields__}
        self.batch = BatchResult(**totals)


def ingest_documents(pipeline: Pipeline, store: Store, inputs: Iterable[Document | Skipped],
                     progress: Callable[[], None] = lambda: None,
                     batch_size: int = INGEST_BATCH_DOCUMENTS) -> IngestSummary:
    """Extract and store, one transaction per batch of `batch_size` documents.

    Nothing of a batch is written before all of its documents are extracted: an interruption (Ctrl-C,
    a crash) keeps the batches already finished and leaves no part of the current one.
    `progress` is called once per document extracted.
    """
    summary = IngestSummary()

    def fresh() -> Iterator[Document]:
        for item in inputs:
            if isinstance(item, Skipped):
                summary.skipped.append(item)
            elif store.has_document(item.id, document_hash(item)):
                summary.unchanged_documents += 1
            else:
                yield item

    gazetteer = pipeline.gazetteer

    def meet(cluster: Sequence[Mention], other: Sequence[Mention]) -> bool:
        return could_meet(cluster, other, gazetteer)

    documents = fresh()
    while True:
        skipped_before = len(summary.skipped)
        new_documents: list[Document] = []
        clusters_by_doc: dict[str, list[list[Mention]]] = {}
        fingerprints: dict[str, Fingerprint] = {}
        for result in pipeline.documents(islice(documents, batch_size)):
            progress()
            if result.skipped is not None:
                summary.skipped.append(result.skipped)
                continue
            new_documents.append(result.document)
            clusters_by_doc[result.document.id] = result.clusters
            fingerprints[result.document.id] = pipeline.fingerprint(result.document)
        batch_skipped = summary.skipped[skipped_before:]
        if not new_documents and not batch_skipped:
            break
        stored = store.merge_batch(new_documents, clusters_by_doc, batch_skipped, pipeline.merge, meet, fingerprints)
        summary.add(stored)
        summary.new_documents += stored.documents_new + stored.documents_updated
        # stored by another process since this one looked
        summary.unchanged_documents += stored.documents_unchanged
    return summary
