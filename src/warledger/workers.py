"""Where the per-document stages run: in this process, in a pool of local processes (`-j N`), or on
the workers of a Dask cluster (`--scheduler tcp://HOST:8786`).

Each task is a few documents; it runs stages 1-6a (clean, parse, annotate, detect, resolve, merge
inside each report) where it is sent and gives back only the mention clusters, which are small. The
main process reads the inputs, hands out tasks, and merges across reports. A document's result does
not depend on where it ran or on which documents shared its task, so every way gives the same events.

A worker loads the model and the gazetteer once: a local worker is forked from the process that
loaded them (or, where fork is missing, loads its own when it starts); a Dask worker loads them on
its first task and keeps them for the next ones (`_cached_pipeline`).
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import shutil
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from warledger.records import Document, Mention, Skipped

if TYPE_CHECKING:
    from warledger.pipeline import Pipeline

# What a task gives back for each of its documents: the mention clusters, or why it was skipped.
Outcome = tuple[list[list[Mention]], Skipped | None]
# How long to wait for a Dask scheduler before telling the user it cannot be reached.
CONNECT_TIMEOUT_S = 15


class SchedulerError(RuntimeError):
    """The Dask scheduler cannot be reached or used."""


class WorkerError(RuntimeError):
    """A worker process died or could not run a task (a document's own error never gets here: it
    becomes that document's skip reason inside the worker)."""


def cores() -> int:
    """The cores this process may run on: the default number of local worker processes."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Future(Protocol):
    def result(self) -> list[Outcome]: ...


class Workers(Protocol):
    """Somewhere tasks run: a local process pool or a Dask cluster."""

    slots: int

    def submit(self, documents: list[Document]) -> _Future: ...

    def close(self) -> None: ...


def run(workers: Workers, tasks: Iterable[list[Document]]) -> Iterator[tuple[Document, Outcome]]:
    """Each document with its outcome, in input order. At most two tasks per worker are in flight, so
    memory stays flat on a corpus of any size."""
    pending: deque[tuple[list[Document], _Future]] = deque()
    for task in tasks:
        pending.append((task, workers.submit(task)))
        if len(pending) >= 2 * workers.slots:
            yield from _collect(*pending.popleft())
    while pending:
        yield from _collect(*pending.popleft())


def _collect(task: list[Document], future: _Future) -> Iterator[tuple[Document, Outcome]]:
    try:
        outcomes = future.result()
    except Exception as error:  # a killed or broken worker: the batch stops, nothing of it is stored
        first = task[0].origin or task[0].id
        raise WorkerError(f"a worker failed on the task starting with {first}: "
                          f"{type(error).__name__}: {error}") from error
    if len(outcomes) != len(task):
        raise RuntimeError(f"a worker gave {len(outcomes)} results for a task of {len(task)} documents")
    yield from zip(task, outcomes, strict=True)


# ---- local processes --------------------------------------------------------------------------------

_LOCAL_PIPELINE: Pipeline | None = None


def _adopt(pipeline: Pipeline) -> None:
    """Initializer of a forked worker: the parent's loaded pipeline, shared copy-on-write. Everything the
    worker inherits lives as long as it does, so the garbage collector is told to leave it alone
    (gc.freeze): its collections then neither walk the model and the gazetteer again and again nor
    write to their pages, which would copy them into the worker's own memory."""
    global _LOCAL_PIPELINE
    gc.freeze()
    _LOCAL_PIPELINE = pipeline


def _load(profiles: tuple[str, ...]) -> None:
    """Initializer of a spawned worker (no fork on this system): load a pipeline of its own."""
    from warledger.pipeline import Pipeline

    _adopt(Pipeline([Path(p) for p in profiles]))


def _local_task(documents: list[Document]) -> list[Outcome]:
    assert _LOCAL_PIPELINE is not None, "worker started without a pipeline"
    return outcomes(_LOCAL_PIPELINE, documents)


class LocalWorkers:
    """A pool of `processes` worker processes on this machine."""

    def __init__(self, pipeline: Pipeline, processes: int):
        self.slots = processes
        if "fork" in multiprocessing.get_all_start_methods():
            # the arguments of a forked process are not pickled: the child has the parent's pipeline
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(processes, mp_context=context, initializer=_adopt,
                                             initargs=(pipeline,))
        else:
            self._pool = ProcessPoolExecutor(processes, initializer=_load,
                                             initargs=(tuple(str(p) for p in pipeline.profiles),))

    def submit(self, documents: list[Document]) -> _Future:
        return self._pool.submit(_local_task, documents)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


# ---- a Dask cluster ---------------------------------------------------------------------------------

# Pipelines a Dask worker process has loaded, by the digest of their profiles' contents.
_CACHED: dict[str, Pipeline] = {}
_CACHE_LOCK = threading.Lock()
# A worker may run tasks in several threads; spaCy's pipeline is used by one at a time.
_RUN_LOCKS: dict[str, threading.Lock] = {}


def _digest(profiles: Sequence[tuple[str, bytes]]) -> str:
    hasher = hashlib.sha256()
    for name, content in profiles:
        hasher.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return hasher.hexdigest()


def _cached_pipeline(profiles: Sequence[tuple[str, bytes]]) -> tuple[Pipeline, threading.Lock]:
    """The worker's pipeline for these profiles, loaded on first use and kept for later tasks."""
    from warledger.pipeline import Pipeline

    key = _digest(profiles)
    with _CACHE_LOCK:
        if key not in _CACHED:
            # the profiles travel as contents: the worker's machine need not have the user's files
            folder = Path(tempfile.mkdtemp(prefix="warledger-profiles-"))
            try:
                paths = []
                for number, (name, content) in enumerate(profiles):
                    path = folder / f"{number}-{Path(name).name}"
                    path.write_bytes(content)
                    paths.append(path)
                _CACHED[key] = Pipeline(paths)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            _RUN_LOCKS[key] = threading.Lock()
        return _CACHED[key], _RUN_LOCKS[key]


def _dask_task(profiles: list[tuple[str, bytes]], documents: list[Document]) -> list[Outcome]:
    pipeline, lock = _cached_pipeline(profiles)
    with lock:
        return outcomes(pipeline, documents)


class DaskWorkers:
    """The workers of a running dask.distributed cluster, reached through its scheduler."""

    def __init__(self, address: str, profiles: Sequence[Path]):
        try:
            from distributed import Client
        except ImportError as error:  # pragma: no cover - a pinned dependency
            raise SchedulerError(f"--scheduler needs the package distributed: {error}") from None
        self._profiles = [(Path(p).name, Path(p).read_bytes()) for p in profiles]
        try:
            self._client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        threads = sum(self._client.nthreads().values())
        if not threads:
            self._client.close()
            raise SchedulerError(f"the Dask scheduler at {address} has no workers: start some with "
                                 f"`dask worker {address}`")
        self.slots = threads

    def submit(self, documents: list[Document]) -> _Future:
        future: Any = self._client.submit(_dask_task, self._profiles, documents, pure=False)
        return future  # type: ignore[no-any-return]

    def close(self) -> None:
        self._client.close()


def outcomes(pipeline: Pipeline, documents: list[Document]) -> list[Outcome]:
    """Run stages 1-6a on a task's documents, where the task was sent."""
    return [(result.clusters, result.skipped) for result in pipeline.extract_here(documents)]
