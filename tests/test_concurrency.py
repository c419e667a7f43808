"""Issue 10: two ingest processes and a running `serve` on one store, at once, on the same inputs.

Nothing is lost or duplicated (the store ends with the rows one ingest gives), no reader ever sees an
event without its sources, and no process fails ("database is locked" or any other error).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from conftest import REPOSITORY

from warledger.devcorpus import as_inputs
from warledger.ingest import ingest_documents
from warledger.pipeline import Pipeline
from warledger.read import read_inputs
from warledger.store import EventFilter, Store

CORPUS_FILE = REPOSITORY / "tests" / "data" / "corpus" / "short" / "armenia-azerbaijan.jsonl"
# Small batches, so that the two writers' transactions interleave many times.
INGEST_SCRIPT = """
import sys
from warledger.ingest import ingest_documents
from warledger.pipeline import Pipeline
from warledger.read import read_inputs
from warledger.store import Store
pipeline = Pipeline()
with Store.open(sys.argv[1]) as store:
    summary = ingest_documents(pipeline, store, read_inputs(sys.argv[2:], None), batch_size=4)
print(summary.new_documents, summary.unchanged_documents, len(summary.skipped))
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The examples and 40 short reports of one conflict (many merge across reports)."""
    folder = tmp_path_factory.mktemp("inputs")
    rows = [json.loads(line) for line in CORPUS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()][:40]
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in as_inputs(rows)), encoding="utf-8")
    return [str(REPOSITORY / "examples"), str(corpus)]


@pytest.fixture(scope="module")
def expected(inputs: list[str], pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    with Store.open(str(tmp_path_factory.mktemp("reference") / "one.db")) as store:
        ingest_documents(pipeline, store, read_inputs(inputs, None))
        return store.query(EventFilter())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


@pytest.mark.issue(10)
def test_two_ingests_and_a_server_at_once(store_url: str, inputs: list[str], expected: list[dict[str, Any]],
                                          tmp_path: Path) -> None:
    Store.open(store_url).close()  # `serve` wants a store that exists
    port = _free_port()
    warledger = str(Path(sys.executable).with_name("warledger"))
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen([warledger, "serve", "--db", store_url, "--port", str(port)],
                              stderr=subprocess.PIPE, text=True, env=environment)
    base = f"http://127.0.0.1:{port}"
    seen_pages: list[dict[str, Any]] = []
    problems: list[str] = []
    done = threading.Event()

    def read_while_writing() -> None:
        while not done.is_set():
            try:
                page = _get(base + "/api/events?limit=1000")
            except OSError as error:
                problems.append(f"reader: {error}")
                return
            seen_pages.append(page)
            ids = [e["event_id"] for e in page["events"]]
            if len(ids) != len(set(ids)) or page["total"] != len(ids):
                problems.append(f"reader saw {len(ids)} rows, {len(set(ids))} ids, total {page['total']}")
            problems.extend(f"reader saw {e['event_id']} without sources" for e in page["events"] if not e["sources"])
            time.sleep(0.05)

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/api/events?limit=1")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"serve did not start: {server.stderr.read() if server.stderr else ''}")
                time.sleep(0.2)
        reader = threading.Thread(target=read_while_writing)
        reader.start()
        writers = [subprocess.Popen([sys.executable, "-c", INGEST_SCRIPT, store_url, *order], text=True,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
                   for order in (inputs, inputs[::-1])]
        outcomes = [writer.communicate(timeout=600) for writer in writers]
        done.set()
        reader.join(timeout=60)
    finally:
        done.set()
        server.terminate()
        server.wait(timeout=30)
    for writer, (_out, err) in zip(writers, outcomes, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
    # between them the two stored every report once
    new = [int(out.split()[0]) for out, _ in outcomes]
    assert sum(new) == 45, outcomes
    assert not problems, problems[:5]
    assert len(seen_pages) > 3
    with Store.open(store_url) as store:
        assert store.query(EventFilter()) == expected
        assert store.counts()["documents"] == 45
