"""Issue 10: the progress line of ingest and extract, on a terminal only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from warledger.progress import Progress, count_reports


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_it_shows_done_rate_and_time_left() -> None:
    screen = Terminal()
    bar = Progress("ingesting", 100, screen)
    assert bar.line(10.0) == "ingesting: 0/100 reports, 0.0/s"
    bar.done = 25
    assert bar.line(10.0) == "ingesting: 25/100 reports, 2.5/s, 0:30 left"
    bar.done = 0
    bar.advance(40)
    bar.close()
    assert screen.getvalue().startswith("\ringesting: 40/100 reports") and screen.getvalue().endswith("\n")


def test_an_unknown_total_shows_no_time_left() -> None:
    bar = Progress("extracting", None, Terminal())
    bar.done = 7200
    assert bar.line(3600.0) == "extracting: 7,200 reports, 2.0/s"


def test_piped_it_writes_nothing() -> None:
    pipe = io.StringIO()
    bar = Progress("ingesting", 3, pipe)
    bar.advance(3)
    bar.close()
    assert pipe.getvalue() == ""


def test_piped_it_writes_when_asked_to(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARLEDGER_PROGRESS", "always")
    pipe = io.StringIO()
    bar = Progress("ingesting", 3, pipe)
    bar.advance(3)
    bar.close()
    assert "ingesting: 3/3 reports" in pipe.getvalue()


def test_reports_are_counted_without_reading_them(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one report")
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / "more.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    assert count_reports([str(tmp_path)]) == 3
    assert count_reports([str(tmp_path / "a.txt"), "-"]) is None
