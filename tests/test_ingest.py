"""Ingest in batches: each batch one transaction, the same rows as one big batch, reruns change nothing."""

import datetime as dt
from collections.abc import Callable

from warledger.ingest import ingest_documents
from warledger.pipeline import Pipeline
from warledger.records import Document, Skipped
from warledger.store import EventFilter, Store

REPORTS = [
    ("a", dt.date(2023, 4, 11), "Azerbaijani troops shelled Armenian positions near Sotk on Monday, Armenia's "
                                "defence ministry said."),
    ("b", dt.date(2023, 4, 11), "Armenia's defence ministry said Azerbaijani forces shelled its positions near "
                                "Sotk on Monday, wounding two soldiers."),
    ("c", dt.date(2024, 6, 3), "Shelling by the Rapid Support Forces killed 12 civilians in El Fasher on Sunday, "
                               "a local volunteer group said."),
]


def documents() -> list[Document | Skipped]:
    items: list[Document | Skipped] = [Document(i, text, day, origin=i) for i, day, text in REPORTS]
    items.append(Skipped("broken.jsonl:3", "not JSON"))
    return items


def stored_rows(url: str) -> list[dict]:
    with Store.open(url) as store:
        return store.query(EventFilter())


def test_small_batches_store_the_same_rows_as_one_batch(pipeline: Pipeline, new_store_url: Callable[[], str]) -> None:
    one_url, many_url = new_store_url(), new_store_url()
    with Store.open(one_url) as store:
        whole = ingest_documents(pipeline, store, documents())
    with Store.open(many_url) as store:
        batched = ingest_documents(pipeline, store, documents(), batch_size=1)
    assert (whole.new_documents, batched.new_documents) == (3, 3)
    assert [s.origin for s in batched.skipped] == ["broken.jsonl:3"]
    one, many = stored_rows(one_url), stored_rows(many_url)
    assert [e["event_id"] for e in one] == [e["event_id"] for e in many]
    # the two reports of the Sotk shelling are one row citing both
    assert sorted(len(e["sources"]) for e in many) == [1, 2]


def test_rerun_in_batches_changes_nothing(pipeline: Pipeline, store_url: str) -> None:
    path = store_url
    with Store.open(path) as store:
        ingest_documents(pipeline, store, documents(), batch_size=2)
    before = stored_rows(path)
    with Store.open(path) as store:
        again = ingest_documents(pipeline, store, documents(), batch_size=2)
    assert (again.new_documents, again.unchanged_documents) == (0, 3)
    assert (again.batch.events_new, again.batch.events_updated, again.batch.events_removed) == (0, 0, 0)
    assert stored_rows(path) == before
