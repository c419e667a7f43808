"""Issue 10: a new report joins the stored event it belongs to without the whole store being merged again.

The property: whatever order the reports arrive in, one by one or a few at a time, the store ends with
the events that merging all of them at once gives (same rows, same sources, same claims, same ids).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import REPOSITORY, SHARED, RunCli, shared_absent

from warledger.devcorpus import as_inputs
from warledger.merge import could_meet
from warledger.pipeline import Pipeline
from warledger.read import read_inputs, read_records
from warledger.records import Document, Mention
from warledger.store import EventFilter, Store

# One conflict's short reports of the team corpus: many reports of the same days, places and sides, so
# clusters chain and vague recaps choose between events.
CORPUS_FILE = REPOSITORY / "tests" / "data" / "corpus" / "short" / "russia-ukraine.jsonl"
SEED_ARTICLES = SHARED / "eval" / "seeds" / "articles.jsonl"

Extracted = list[tuple[Document, list[list[Mention]]]]
# Reports written for this test, two of each event (one a vague recap), so that merges across reports
# happen without ../shared too.
TWICE_TOLD = [
    ("sotk-1", dt.date(2023, 4, 11), "Azerbaijani troops shelled Armenian positions near Sotk on Monday, Armenia's "
                                     "defence ministry said."),
    ("sotk-2", dt.date(2023, 4, 11), "Armenia's defence ministry said Azerbaijani forces shelled its positions near "
                                     "Sotk on Monday, wounding two soldiers."),
    ("fasher-1", dt.date(2024, 6, 3), "Shelling by the Rapid Support Forces killed 12 civilians in El Fasher on "
                                      "Sunday, a local volunteer group said."),
    ("fasher-2", dt.date(2024, 6, 4), "The Rapid Support Forces shelled El Fasher on Sunday, killing 15 civilians, "
                                      "medics said."),
    ("omdurman-1", dt.date(2024, 2, 14), "Sudanese troops and RSF fighters clashed in Omdurman on Tuesday, residents "
                                         "said."),
    ("omdurman-2", dt.date(2024, 2, 14), "The RSF said its fighters fought the army in Omdurman on Tuesday, killing 12 "
                                         "soldiers."),
    ("sake-1", dt.date(2024, 2, 8), "M23 rebels clashed with Congolese troops in Sake on Tuesday."),
    ("sake-2", dt.date(2024, 2, 8), "Congo's army said it fought M23 rebels in Sake on Tuesday."),
    ("recap-1", dt.date(2023, 9, 20), "Armenia and Azerbaijan fought a war over Nagorno-Karabakh in 2020."),
    ("recap-2", dt.date(2024, 1, 5), "Azerbaijan and Armenia fought a six-week war over Nagorno-Karabakh in 2020."),
]


@pytest.fixture(scope="module")
def reports(pipeline: Pipeline) -> Extracted:
    """TWICE_TOLD, the examples, one corpus file, and the seed reports when ../shared is beside the project."""
    inputs = [REPOSITORY / "examples"]
    if shared_absent("eval/seeds/articles.jsonl") is None:
        inputs.append(SEED_ARTICLES)
    documents = [Document(name, text, day, origin=name) for name, day, text in TWICE_TOLD]
    documents += [d for d in read_inputs([str(p) for p in inputs], None) if isinstance(d, Document)]
    corpus = [json.loads(line) for line in CORPUS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    documents += [d for d in read_records(as_inputs(corpus), "corpus") if isinstance(d, Document)]
    return [(r.document, r.clusters) for r in pipeline.documents(documents) if r.skipped is None]


def _ingest(store: Store, pipeline: Pipeline, batches: Sequence[Extracted]) -> None:
    def meet(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
        return could_meet(a, b, pipeline.gazetteer)

    for batch in batches:
        store.merge_batch([d for d, _ in batch], {d.id: c for d, c in batch}, [], pipeline.merge, meet)


def _rows(store: Store) -> list[dict[str, Any]]:
    return store.query(EventFilter())


def _in_batches(items: Extracted, size: int) -> list[Extracted]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _shuffled(seed: int) -> Callable[[Extracted], Extracted]:
    def order(items: Extracted) -> Extracted:
        copy = list(items)
        random.Random(seed).shuffle(copy)
        return copy

    return order


ORDERS = {
    "as read": list,
    "reversed": lambda items: list(reversed(items)),
    "shuffled 1": _shuffled(1),
    "shuffled 2": _shuffled(2),
    "shuffled 3": _shuffled(3),
}


@pytest.fixture(scope="module")
def all_at_once(reports: Extracted, pipeline: Pipeline) -> list[dict[str, Any]]:
    """The events of merging every report in one pass, as the pipeline does without a store."""
    events = pipeline.merge([c for _, clusters in reports for c in clusters])
    return json.loads(json.dumps([e.as_contract() for e in events]))


def test_the_reports_give_events_worth_comparing(reports: Extracted, all_at_once: list[dict[str, Any]]) -> None:
    assert len(reports) > 80
    # reports merged across documents, which is what an order could change
    assert sum(len(e["sources"]) > 1 for e in all_at_once) >= 5


@pytest.mark.issue(10)
@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("batch_size", [1, 7])
def test_reports_in_any_order_give_the_events_of_all_at_once(
    reports: Extracted, pipeline: Pipeline, all_at_once: list[dict[str, Any]], store_url: str, order: str,
    batch_size: int,
) -> None:
    with Store.open(store_url) as store:
        _ingest(store, pipeline, _in_batches(ORDERS[order](reports), batch_size))
        stored = _rows(store)
    by_id = {e["event_id"]: e for e in all_at_once}
    assert sorted(by_id) == sorted(e["event_id"] for e in stored)
    for event in stored:
        assert event == by_id[event["event_id"]]  # rows, sources and claims alike


@pytest.mark.issue(10)
def test_a_new_report_reads_only_the_clusters_it_could_join(reports: Extracted, pipeline: Pipeline,
                                                             store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last report's merge reads the stored clusters of its own type and days, not the store."""
    *earlier, last = reports
    with Store.open(store_url) as store:
        _ingest(store, pipeline, [earlier])
        read: list[str] = []
        load = store._load_documents

        def recording(document_ids: set[str], loaded: dict[str, Any]) -> None:
            read.extend(document_ids - loaded.keys())
            load(document_ids, loaded)

        monkeypatch.setattr(store, "_load_documents", recording)
        _ingest(store, pipeline, [[last]])
    assert len(read) < len(earlier) / 4


@pytest.mark.issue(10)
def test_a_store_from_before_the_merge_index_is_merged_once_in_full(
    reports: Extracted, pipeline: Pipeline, all_at_once: list[dict[str, Any]], store_url: str
) -> None:
    """Clusters whose event is not recorded (a store written by an older version: its migration fills the
    index without events) are merged on the next ingest, and their stale rows go."""
    first, rest = reports[:40], reports[40:]
    with Store.open(store_url) as store:
        _ingest(store, pipeline, [first])
        store._execute("UPDATE merge_clusters SET event_id = NULL")
        # a row the older version left that merging again no longer gives
        stale = dict(_rows(store)[0], event_id="0123456789abcdef")
        store.save_batch([], [stale])
        _ingest(store, pipeline, _in_batches(rest, 25))
        stored = _rows(store)
    assert [e["event_id"] for e in stored] == [e["event_id"] for e in all_at_once]


@pytest.mark.issue(10)
def test_extract_streams_the_events_of_one_merge(run_cli: RunCli, all_at_once: list[dict[str, Any]],
                                                 tmp_path: Path) -> None:
    """`extract` merges batch by batch in a scratch store (memory stays flat) and writes the same rows as
    one merge of every report."""
    inputs: list[str | Path] = [REPOSITORY / "examples"]
    if shared_absent("eval/seeds/articles.jsonl") is None:
        inputs.append(SEED_ARTICLES)
    corpus = tmp_path / "corpus.jsonl"
    rows = [json.loads(line) for line in CORPUS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in as_inputs(rows)), encoding="utf-8")
    twice = tmp_path / "twice.jsonl"
    twice.write_text("".join(json.dumps({"id": name, "date": day.isoformat(), "text": text}) + "\n"
                             for name, day, text in TWICE_TOLD), encoding="utf-8")
    result = run_cli("extract", twice, *inputs, corpus)
    written = [json.loads(line) for line in result.stdout.splitlines()]
    assert written == all_at_once


@pytest.mark.issue(10)
def test_a_vague_date_is_filed_by_year_and_still_found(reports: Extracted, pipeline: Pipeline,
                                                        new_store_url: Callable[[], str]) -> None:
    """A recap dated "in 2020" is filed under the years its window touches (a row per week would make every
    such recap a few hundred index rows, read again by each later one), and the two recaps of the 2020
    war still become one event, whichever arrives first."""
    recaps = [r for r in reports if r[0].id.startswith("recap-")]
    mentions = sum(len(cluster) for _, clusters in recaps[:1] for cluster in clusters)
    for order in (recaps, recaps[::-1]):
        with Store.open(new_store_url()) as store:
            _ingest(store, pipeline, [[report] for report in order])
            keys = store._execute("SELECT COUNT(*) FROM merge_keys WHERE document_id = ?", ("recap-1",)).fetchone()[0]
            events = [e for e in _rows(store) if e["historical"]]
        assert 1 <= keys <= 3 * mentions  # 2019 (the slack day), 2020, 2021
        assert [sorted(e["sources"]) for e in events] == [["recap-1", "recap-2"]]
