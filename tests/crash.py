"""Crash trials: `warledger ingest` killed with SIGKILL at random moments, the store checked after each.

Used by tests/test_crash.py and bench/reliability.py. A trial runs the installed command on a corpus
of short reports made here, in small batches so that a kill lands before, inside and between
transactions, and kills it after a random delay. After each kill the store must open, pass its
integrity check and hold no half event; the next trial runs on the same store, as a user would rerun
the command. A last run completes and must give exactly the events of one uninterrupted run.

The store is named by URL. `CHECKERS` knows how to inspect each kind: SQLite through its own integrity
and foreign-key checks, PostgreSQL through `amcheck` on every index (where the server has the
extension) and the same portable queries for half events.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warledger.store import _sqlite_path

PLACES = ("Kharkiv", "Kherson", "Donetsk", "Odesa", "Mykolaiv", "Zaporizhzhia", "Sumy", "Chernihiv",
          "Bakhmut", "Izium", "Kramatorsk", "Sloviansk")
# Reports per corpus and per transaction: ten commits, each re-merging the store.
CORPUS_REPORTS = 60
BATCH_SIZE = 6
# What `ingest` writes to standard error once its first report is extracted (its progress line, drawn
# on a pipe because the trials set WARLEDGER_PROGRESS=always): the kills are timed from it, so that
# they land while reports are extracted and stored.
STARTED_READING = "ingesting"


def write_corpus(path: Path, reports: int = CORPUS_REPORTS) -> Path:
    """JSON Lines of short reports, each of one shelling on its own day and place."""
    start = dt.date(2022, 3, 1)
    with path.open("w", encoding="utf-8") as out:
        for number in range(reports):
            published = start + dt.timedelta(days=number * 3)
            place = PLACES[number % len(PLACES)]
            text = (f"Russian forces shelled the city of {place} on {(published - dt.timedelta(days=1)):%A}, "
                    f"killing {number % 7 + 1} civilians, the regional governor said.\n\n"
                    f"Ukraine's army said its units repelled an assault near {PLACES[(number + 5) % len(PLACES)]}.")
            record = {"id": f"report-{number:03d}", "date": published.isoformat(), "outlet": "Wire Desk",
                      "text": text}
            out.write(json.dumps(record) + "\n")
    return path


def sqlite_problems(url: str) -> list[str]:
    """What is wrong with a SQLite store: its own integrity check, then the checks of every store."""
    connection = sqlite3.connect(_sqlite_path(url))
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [row[0] for row in connection.execute("PRAGMA foreign_key_check")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "events" in tables:  # a kill during the first migration leaves no schema, which is fine
            problems += half_events(lambda query: connection.execute(query).fetchall())
        return problems
    finally:
        connection.close()


def half_events(fetch: Callable[[str], Sequence[Any]]) -> list[str]:
    """Rows that only part of a batch could have left: portable SQL over the store's tables."""
    checks = {
        "event with no source": "SELECT event_id FROM events e WHERE NOT EXISTS "
                                "(SELECT 1 FROM event_sources s WHERE s.event_id = e.event_id)",
        "source with no document": "SELECT event_id, document_id FROM event_sources s WHERE NOT EXISTS "
                                   "(SELECT 1 FROM documents d WHERE d.id = s.document_id)",
        "source with no event": "SELECT document_id FROM event_sources s WHERE NOT EXISTS "
                                "(SELECT 1 FROM events e WHERE e.event_id = s.event_id)",
        "document with no mention clusters": "SELECT id FROM documents d WHERE NOT EXISTS "
                                             "(SELECT 1 FROM mention_clusters m WHERE m.document_id = d.id)",
        "mention clusters with no document": "SELECT document_id FROM mention_clusters m WHERE NOT EXISTS "
                                             "(SELECT 1 FROM documents d WHERE d.id = m.document_id)",
    }
    problems = [f"{name}: {rows[0]}" for name, query in checks.items() if (rows := fetch(query))]
    stored_sources: dict[str, set[str]] = {}
    for event_id, document_id in fetch("SELECT event_id, document_id FROM event_sources"):
        stored_sources.setdefault(event_id, set()).add(document_id)
    for event_id, body in fetch("SELECT event_id, body FROM events"):
        event = json.loads(body)
        sources = set(event.get("sources") or ())
        stored = stored_sources.get(event_id, set())
        if sources != stored:
            problems.append(f"event {event_id}: sources {sorted(sources)} but {sorted(stored)} stored")
        for claim in event.get("claims") or ():
            if claim.get("source") not in sources:
                problems.append(f"claim with no event: {event_id} cites {claim.get('source')}")
    return problems


def sqlite_events(url: str) -> dict[str, str]:
    """event_id -> content hash of every stored event."""
    connection = sqlite3.connect(_sqlite_path(url))
    try:
        return dict(connection.execute("SELECT event_id, content_hash FROM events").fetchall())
    finally:
        connection.close()


def sqlite_documents(url: str) -> int:
    connection = sqlite3.connect(_sqlite_path(url))
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return int(connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0]) if "documents" in tables else 0
    finally:
        connection.close()


def sqlite_remove(url: str) -> None:
    path = Path(_sqlite_path(url))
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        name.unlink(missing_ok=True)


def _postgres_tables(connection: Any) -> set[str]:
    return {row[0] for row in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def postgres_problems(url: str) -> list[str]:
    """What is wrong with a PostgreSQL store: amcheck on its B-tree indexes, then the checks of every store."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        if "events" not in _postgres_tables(connection):
            return []  # a kill during the first migration leaves no schema, which is fine
        problems: list[str] = []
        try:
            connection.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        except psycopg.Error:
            pass  # a server without the contrib modules: the portable checks below still run
        else:
            indexes = connection.execute(
                "SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE a.amname = 'btree' AND n.nspname = 'public'").fetchall()
            for oid, name in indexes:
                try:
                    connection.execute("SELECT bt_index_check(%s, true)", (oid,))
                except psycopg.Error as error:
                    problems.append(f"index {name}: {error}")
        return problems + half_events(lambda query: connection.execute(query).fetchall())


def postgres_events(url: str) -> dict[str, str]:
    import psycopg

    with psycopg.connect(url) as connection:
        return dict(connection.execute("SELECT event_id, content_hash FROM events").fetchall())


def postgres_documents(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as connection:
        if "documents" not in _postgres_tables(connection):
            return 0
        return int(connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])


def postgres_remove(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


@dataclass(frozen=True)
class Checker:
    """How to inspect one kind of store, and to remove it for a fresh start."""

    problems: Callable[[str], list[str]]
    events: Callable[[str], dict[str, str]]
    documents: Callable[[str], int]
    remove: Callable[[str], None]


CHECKERS = {"sqlite": Checker(sqlite_problems, sqlite_events, sqlite_documents, sqlite_remove),
            "postgresql": Checker(postgres_problems, postgres_events, postgres_documents, postgres_remove)}


@dataclass
class Trials:
    """What the trials saw."""

    kills: int = 0
    # runs that finished before their kill (the store is then checked against the reference and started over)
    finished_first: int = 0
    delays: list[float] = field(default_factory=list)
    # documents stored when each kill landed: kills after the first commit and before the last show
    # the rerun picking up where a batch was cut off
    stored_at_kill: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # how long one uninterrupted run reads, extracts and stores, after loading the model
    reading_s: float = 0.0
    final_matches_reference: bool = False
    duplicate_rows: int = 0


def wait_for_reading(process: subprocess.Popen[bytes], limit_s: float) -> None:
    """Return once the process says it has started reading (or has ended)."""
    assert process.stderr is not None
    seen = b""
    deadline = time.monotonic() + limit_s
    while STARTED_READING.encode() not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 0.5)
        if ready:
            chunk = os.read(process.stderr.fileno(), 4096)
            if not chunk:
                return
            seen += chunk
        elif process.poll() is not None:
            return


def run_ingest(command: Sequence[str], corpus: Path, url: str, cwd: Path,
               kill_after: float | None = None, limit_s: float = 600) -> tuple[int | None, float]:
    """Run `warledger ingest`; with `kill_after`, SIGKILL it that many seconds after it started reading.
    Returns its exit status (None when killed) and how long it read for."""
    args = [*command, "ingest", str(corpus), "--db", url, "--batch-size", str(BATCH_SIZE)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd,
                               start_new_session=True, env={**os.environ, "WARLEDGER_PROGRESS": "always"})
    try:
        wait_for_reading(process, limit_s)
        reading = time.monotonic()
        try:
            status = process.wait(timeout=limit_s if kill_after is None else kill_after)
            return status, time.monotonic() - reading
        except subprocess.TimeoutExpired:
            if kill_after is None:
                raise
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return None, time.monotonic() - reading
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def crash_trials(command: Sequence[str], make_url: Callable[[str], str], workdir: Path, kind: str = "sqlite",
                 trials: int = 20, seed: int = 11) -> Trials:
    """Kill `trials` ingests at random moments on one store, checking it after each; then finish."""
    checker = CHECKERS[kind]
    corpus = write_corpus(workdir / "corpus.jsonl")
    result = Trials()
    reference = make_url("reference")
    status, result.reading_s = run_ingest(command, corpus, reference, workdir)
    assert status == 0
    expected = checker.events(reference)
    url = make_url("killed")
    chance = random.Random(seed)
    for _ in range(trials * 3):
        if result.kills == trials:
            break
        # a rerun skips the reports already stored, so it reads for only the share left
        left = 1 - checker.documents(url) / CORPUS_REPORTS
        delay = chance.uniform(0.0, result.reading_s * left)
        if run_ingest(command, corpus, url, workdir, kill_after=delay)[0] is None:
            result.kills += 1
            result.delays.append(round(delay, 2))
            result.stored_at_kill.append(checker.documents(url))
            result.problems += checker.problems(url)
        else:
            # a rerun that outran its kill: it must have completed the store; later trials start afresh
            result.finished_first += 1
            result.problems += checker.problems(url)
            if checker.events(url) != expected:
                result.problems.append("a rerun after kills gave other events than one uninterrupted run")
            checker.remove(url)
    assert run_ingest(command, corpus, url, workdir)[0] == 0
    result.problems += checker.problems(url)
    final = checker.events(url)
    result.final_matches_reference = final == expected
    result.duplicate_rows = len(final) - len(expected)
    return result
