"""A progress line for long runs: reports done, rate and time left, on a terminal only.

Piped or redirected, it writes nothing, so logs and scripts get only the summary, unless the
environment sets WARLEDGER_PROGRESS=always (a supervisor that reads standard error, such as the crash
trials of tests/crash.py, which time their kills from the first line). The total is counted cheaply
beforehand (files, and lines of JSON Lines files), without reading any report.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

# Set to "always" to draw the line on a pipe too.
FORCE_VARIABLE = "WARLEDGER_PROGRESS"
# Redraw at most this often: a faster redraw costs more than it tells.
REDRAW_SECONDS = 0.25


def count_reports(inputs: Iterable[str]) -> int | None:
    """How many reports the inputs hold, counted without parsing them: one per file, one per non-blank
    line of a .jsonl file. None for standard input, whose length is unknown."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.name.endswith(".meta.json"):
                continue  # a sidecar of the report beside it
            if file.suffix == ".jsonl":
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


class Progress:
    """Call `advance()` once per report done; `close()` ends the line. Silent unless `stream` is a terminal."""

    def __init__(self, label: str, total: int | None, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() or os.environ.get(FORCE_VARIABLE) == "always"
        self.done = 0
        self.started = time.monotonic()
        self.drawn_at = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and now - self.drawn_at >= REDRAW_SECONDS:
            self.drawn_at = now
            self.stream.write("\r" + self.line(now - self.started) + "\x1b[K")
            self.stream.flush()

    def line(self, elapsed: float) -> str:
        """The text shown after `elapsed` seconds: done (of total), reports/s, time left."""
        rate = self.done / elapsed if elapsed > 0 else 0.0
        done = f"{self.done:,}" if self.total is None else f"{self.done:,}/{self.total:,}"
        text = f"{self.label}: {done} reports, {rate:.1f}/s"
        if self.total is not None and rate > 0 and self.done <= self.total:
            text += f", {_clock((self.total - self.done) / rate)} left"
        return text

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\r" + self.line(time.monotonic() - self.started) + "\x1b[K\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, second = divmod(int(seconds + 0.5), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}" if hours else f"{minute}:{second:02d}"
