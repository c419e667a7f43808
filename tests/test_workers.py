"""Where the extraction runs: local worker processes (-j) and a real Dask cluster (--scheduler) give
the very same events as one process; the trigger-word test before parsing passes every text that
holds a trigger.

The Dask test starts a distributed.LocalCluster of two worker processes on loopback, which load
the model on their first task, and stops it at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from conftest import REPOSITORY, RunCli

from warledger import workers
from warledger.clean import clean
from warledger.pipeline import TASK_DOCUMENTS, Pipeline
from warledger.read import read_inputs
from warledger.records import Document

CORPUS = REPOSITORY / "tests" / "data" / "corpus"
# Long reports of the team's corpus: several tasks' worth, with many events to merge across reports.
LONG_REPORTS = ("sudan", "kenya", "haiti", "myanmar")
NO_TRIGGER_TEXT = "The minister visited a new school in the capital on Monday, and pupils sang for the guests."


def _corpus_rows(kind: str, conflicts: tuple[str, ...] | None = None) -> list[dict]:
    rows = []
    for path in sorted((CORPUS / kind).glob("*.jsonl")):
        if conflicts is None or path.stem in conflicts:
            rows.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return rows


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples and a dozen long reports, one input folder; and one report with no trigger word."""
    folder = tmp_path_factory.mktemp("reports")
    records = [{"id": r["doc"], "title": r["title"], "text": r["text"], "date": r["pub_date"]}
               for r in _corpus_rows("long", LONG_REPORTS)]
    records.append({"id": "school", "text": NO_TRIGGER_TEXT, "date": "2024-03-04"})
    (folder / "long.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    for path in (REPOSITORY / "examples").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _documents(folder: Path) -> list[Document]:
    return [d for d in read_inputs([str(folder)], None) if isinstance(d, Document)]


def _rows(pipeline: Pipeline, documents: list[Document]) -> list[str]:
    events, skipped = pipeline.extract(documents)
    assert not skipped
    return [json.dumps(e.as_contract(), ensure_ascii=False, sort_keys=True) for e in events]


@pytest.mark.issue(10)
def test_local_worker_processes_give_the_events_of_one_process(pipeline: Pipeline, reports: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    documents = _documents(reports)
    assert len(documents) > TASK_DOCUMENTS  # two tasks or more, so that the workers really start
    alone = _rows(pipeline, documents)
    monkeypatch.setattr(pipeline, "processes", 2)
    try:
        pooled = _rows(pipeline, documents)
        assert isinstance(pipeline._workers, workers.LocalWorkers)
    finally:
        pipeline.close()
    assert len(alone) > 20
    assert pooled == alone


@pytest.mark.issue(10)
def test_a_worker_process_that_dies_stops_the_batch_with_a_clear_error(pipeline: Pipeline, reports: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    documents = _documents(reports)
    monkeypatch.setattr(pipeline, "processes", 2)
    # the forked workers inherit this: each dies on its first task, as a process killed for memory would
    monkeypatch.setattr(pipeline, "extract_here", lambda _documents: os._exit(9))
    try:
        with pytest.raises(workers.WorkerError, match="a worker failed on the task starting with .*BrokenProcessPool"):
            pipeline.extract(documents)
    finally:
        pipeline.close()


@pytest.mark.issue(10)
def test_a_dask_cluster_gives_the_events_of_one_process(run_cli: RunCli, reports: Path, tmp_path: Path) -> None:
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    alone = run_cli("extract", reports, "-j", "1")
    assert alone.exit_code == 0, alone.stderr
    # the scheduler's and workers' scratch folders go to the test's own temporary folder
    with dask.config.set({"temporary-directory": str(tmp_path)}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                     dashboard_address=None) as cluster:
        spread = run_cli("extract", reports, "--scheduler", cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            # each worker loaded the pipeline once and ran tasks with it
            loaded = client.run(lambda: len(workers._CACHED))
    assert spread.exit_code == 0, spread.stderr
    assert sorted(loaded.values()) == [1, 1]
    assert spread.stdout == alone.stdout
    assert len(alone.stdout.splitlines()) > 20


@pytest.mark.issue(10)
def test_an_unreachable_scheduler_is_one_line(run_cli: RunCli, reports: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(workers, "CONNECT_TIMEOUT_S", 1)
    result = run_cli("extract", reports, "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert result.stderr.startswith("warledger: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.issue(10)
def test_every_text_with_a_trigger_passes_the_test_before_parsing(pipeline: Pipeline) -> None:
    texts = [clean(r["text"]).text for r in _corpus_rows("short") + _corpus_rows("long")]
    turned_down = [text for text in texts if not pipeline.trigger_words.can_hold_event(text)]
    assert 0 < len(turned_down) < len(texts) * 0.1
    for text, doc in zip(turned_down, pipeline.nlp.pipe(turned_down), strict=True):
        assert not pipeline.detector._matches(doc), text
    # irregular forms reach the lemma through the lemmatizer's exceptions
    for text in ("Rebels fought the army.", "A missile struck the town.", "Gunmen shot a farmer.",
                 "Troops opened fire on the crowd."):
        assert pipeline.trigger_words.can_hold_event(text), text


@pytest.mark.issue(10)
def test_a_text_without_a_trigger_word_is_not_parsed_and_gives_what_a_parse_would(pipeline: Pipeline) -> None:
    assert not pipeline.trigger_words.can_hold_event(NO_TRIGGER_TEXT)
    document = Document("school", NO_TRIGGER_TEXT, dt.date(2024, 3, 4))
    [result] = pipeline.extract_here([document])
    assert result.clusters == [] and result.skipped is None
    # the full stages, had they run, find nothing either
    cleaned = clean(NO_TRIGGER_TEXT)
    assert pipeline._after_parse(document, cleaned, pipeline.nlp(cleaned.text)) == []
