"""Fixtures shared by the command-line, golden-corpus and model tests.

Loading the pipeline (the spaCy model and a gazetteer of 600,000 names) takes about 5 s and 300 MB,
so a test session loads it once and every command run through `run_cli` uses that one pipeline.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pgserver
import pytest
from click.testing import CliRunner, Result
from pgserver import Server

from warledger import cli
from warledger.pipeline import Pipeline

REPOSITORY = Path(__file__).resolve().parents[1]
# Material kept outside the repository (the seed reports, their gold annotation, the reference scorer,
# notes on ACLED's codebook) sits beside it as ../shared in a full checkout; a bare clone has none of
# it. The project never reads it: only tests that cross-check against it do, through
# `requires_shared`, and they are skipped, saying why, where it is absent.
SHARED = REPOSITORY.parent / "shared"

RunCli = Callable[..., Result]


def shared_absent(*parts: str) -> str | None:
    """What is missing of ../shared/PART for each of `parts` ("../shared is absent" when the whole
    folder is), or None when everything is there."""
    if not SHARED.is_dir():
        return "../shared is absent"
    missing = [part for part in parts if not (SHARED / part).exists()]
    return f"../shared/{missing[0]} is absent" if missing else None


def requires_shared(*parts: str, purpose: str) -> pytest.MarkDecorator:
    """Skip the test (or, as `pytestmark`, the module) unless ../shared/PART exists for every part.

    The reason names what is missing and `purpose`, what the test would check with it:
    "../shared is absent: PURPOSE". The one way tests depend on ../shared, so that a bare clone runs.
    """
    absent = shared_absent(*parts)
    return pytest.mark.skipif(absent is not None, reason=f"{absent}: {purpose}")


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The one pipeline of the session, with the packaged knowledge and no profile."""
    return Pipeline()


@pytest.fixture(scope="session")
def run_cli(pipeline: Pipeline) -> RunCli:
    """Run `warledger ARGS...` in this process, as a user would from a shell; returns click's Result
    (exit_code, stdout, stderr). `stdin` feeds standard input.

    Commands get the session's pipeline instead of loading their own. A command given --profile
    (or --scheduler) gets a pipeline built for real with it: the shared one does not know its contents.
    Exceptions are not caught, so an unhandled error fails the test instead of hiding in a Result.
    """

    def build(profiles: Sequence[Path], processes: int, scheduler: str | None = None) -> Pipeline:
        return Pipeline(profiles, processes, scheduler) if profiles or scheduler else pipeline

    def invoke(*args: str | Path, stdin: str | bytes | None = None) -> Result:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(cli, "build_pipeline", build)
            return CliRunner().invoke(cli.main, [str(a) for a in args], input=stdin, catch_exceptions=False)

    return invoke


# A report whose title, outlet, URL and sentences carry markup and script: the dashboard must show it
# as text and never run it.
HOSTILE_REPORT = REPOSITORY / "tests" / "data" / "hostile-report.jsonl"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """A store built from the example reports the project ships, plus the hostile report. Shared by the
    API and browser tests, which only read it."""
    from warledger.ingest import ingest_documents
    from warledger.read import read_inputs
    from warledger.store import Store

    path = tmp_path_factory.mktemp("served") / "examples.db"
    with Store.open(str(path)) as store:
        summary = ingest_documents(pipeline, store, read_inputs([str(REPOSITORY / "examples"), str(HOSTILE_REPORT)]))
    assert not summary.skipped, summary.skipped
    return path


@contextlib.contextmanager
def live_server(settings: Any) -> Iterator[str]:
    """Run the real app under uvicorn on a free loopback port in a background thread; yield its base URL."""
    import uvicorn

    from warledger.api import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="session")
def read_only_server(example_db: Path) -> Iterator[str]:
    """The dashboard and API over the example store, read-only, as `warledger serve` starts them."""
    from warledger.api import Settings

    with live_server(Settings(db=str(example_db))) as url:
        yield url


# -- PostgreSQL -------------------------------------------------------------------------------------------
# The store tests run on SQLite and on a real PostgreSQL server that the session starts: Debian's
# postgresql package (.ci/run installs it), a cluster in a temporary folder, listening on loopback only,
# stopped when the session ends (pgserver.py, which bench/bench_scale.py uses too).


@dataclass
class PostgresServer:
    """A running PostgreSQL server of the test session; `new_database()` gives a fresh database's URL."""

    server: Server
    created: int = 0

    def url(self, database: str) -> str:
        return self.server.url(database)

    def new_database(self) -> str:
        import psycopg

        self.created += 1
        name = f"warledger_test_{self.created}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name}")
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if not pgserver.BINARIES:
        pytest.skip("no PostgreSQL server binary under /usr/lib/postgresql: install Debian's postgresql "
                    "package (.ci/run does) to run the store tests on PostgreSQL")
    root = Path(tempfile.mkdtemp(prefix="warledger-pg-"))
    try:
        # durability off: the tests kill clients, never the server
        with pgserver.running_server(root, "-c fsync=off -c full_page_writes=off") as server:
            yield PostgresServer(server)
    finally:
        shutil.rmtree(root, ignore_errors=True)


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def new_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """Gives a new, empty store's URL at each call, on each backend in turn: an SQLite file, a PostgreSQL
    database of the session's server."""
    if request.param == "sqlite":
        numbers = iter(range(1_000_000))
        return lambda: str(tmp_path / f"store-{next(numbers)}.db")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database


@pytest.fixture
def store_url(new_store_url: Callable[[], str]) -> str:
    """A new, empty store's URL, on each backend in turn."""
    return new_store_url()
