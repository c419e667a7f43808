"""Issue 10: the commands and the HTTP API give the same answers on an SQLite file and on PostgreSQL."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from conftest import REPOSITORY, RunCli, live_server

from warledger.api import Settings


def _get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=60) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def sqlite_answers(run_cli: RunCli, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = str(tmp_path_factory.mktemp("reference") / "events.db")
    assert run_cli("ingest", REPOSITORY / "examples", "--db", db).exit_code == 0
    return _answers(run_cli, db)


def _answers(run_cli: RunCli, db: str) -> dict[str, str]:
    events = run_cli("events", "--db", db, "--format", "jsonl").stdout
    first = json.loads(events.splitlines()[0])["event_id"]
    return {
        "events": events,
        "csv": run_cli("events", "--db", db, "--format", "acled", "--sort", "-location").stdout,
        "show": run_cli("show", first[:8], "--db", db).stdout,
        "filtered": run_cli("events", "--db", db, "--format", "jsonl", "--type", "Battles", "--since",
                            "2020-01-01").stdout,
    }


@pytest.mark.issue(10)
def test_ingest_events_show_and_the_api_agree_across_backends(
    run_cli: RunCli, new_store_url: Callable[[], str], sqlite_answers: dict[str, str]
) -> None:
    db = new_store_url()
    first = run_cli("ingest", REPOSITORY / "examples", "--db", db)
    assert first.exit_code == 0, first.stderr
    answers = _answers(run_cli, db)
    assert answers == sqlite_answers
    assert answers["events"].count("\n") >= 4 and answers["show"] and answers["filtered"]
    again = run_cli("ingest", REPOSITORY / "examples", "--db", db)
    assert "documents: 0 new, 5 already stored" in again.stderr
    with live_server(Settings(db=db)) as base:
        page = _get(base, "/api/events?limit=2&sort=-event_date")
        assert page["total"] == answers["events"].count("\n")
        stored = [json.loads(line) for line in answers["events"].splitlines()]
        newest = sorted(stored, key=lambda e: (e["event_date"], e["event_id"]), reverse=True)[:2]
        assert [e["event_id"] for e in page["events"]] == [e["event_id"] for e in newest]
        one = _get(base, f"/api/events/{newest[0]['event_id']}")
        assert one["event"]["event_id"] == newest[0]["event_id"]
