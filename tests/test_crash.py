"""Crash safety (issue 11): `warledger ingest` killed with SIGKILL at 20 random moments never leaves a
store that fails its integrity check or holds half an event, and a rerun completes with exactly the
events of one uninterrupted run. The trials are in tests/crash.py.

Each store kind runs the same trials; PostgreSQL joins `STORES` with its backend (a URL factory here
and a checker in crash.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from crash import crash_trials
from test_cli import warledger_command

KILLS = 20
STORES: dict[str, Callable[[Path], Callable[[str], str]]] = {
    "sqlite": lambda folder: (lambda name: f"sqlite:///{folder / name}.db"),
}


@pytest.mark.issue(11)
@pytest.mark.parametrize("kind", sorted(STORES))
def test_sigkill_at_random_moments_never_corrupts_the_store_or_duplicates_rows(kind: str, tmp_path: Path) -> None:
    trials = crash_trials(warledger_command(), STORES[kind](tmp_path), tmp_path, kind=kind, trials=KILLS)
    assert trials.kills == KILLS
    assert trials.problems == []
    assert trials.final_matches_reference and trials.duplicate_rows == 0
