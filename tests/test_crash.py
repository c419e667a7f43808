"""Crash safety (issue 11): `warledger ingest` killed with SIGKILL at 20 random moments never leaves a
store that fails its integrity check or holds half an event, and a rerun completes with exactly the
events of one uninterrupted run. The trials are in tests/crash.py.

Each store kind runs the same trials: SQLite files, and databases of the session's PostgreSQL server
(skipped, saying why, where no server binary is installed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from crash import crash_trials
from test_cli import warledger_command

KILLS = 20


@pytest.mark.issue(11)
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_sigkill_at_random_moments_never_corrupts_the_store_or_duplicates_rows(
        kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    make_url: Callable[[str], str]
    if kind == "postgresql":
        server = request.getfixturevalue("postgres_server")
        make_url = lambda _name: server.new_database()  # noqa: E731
    else:
        make_url = lambda name: f"sqlite:///{tmp_path / name}.db"  # noqa: E731
    trials = crash_trials(warledger_command(), make_url, tmp_path, kind=kind, trials=KILLS)
    assert trials.kills == KILLS
    assert trials.problems == []
    assert trials.final_matches_reference and trials.duplicate_rows == 0
