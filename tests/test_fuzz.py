"""Fuzzing the readers (issue 11): tests/fuzz_read.py under atheris for a bounded time, seeded with the
hostile corpus, must find no crash; the inputs that did crash a reader stay here as regression tests.

WARLEDGER_FUZZ_SECONDS sets the time (60 s by default, so that CI stays short; a longer run finds more).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import CASES, GOOD_RECORD, write_case
from test_hostile import LAUNCHER

from warledger.read import read_inputs
from warledger.records import Document, Skipped

FUZZ_SECONDS = int(os.environ.get("WARLEDGER_FUZZ_SECONDS", "60"))
FUZZER = Path(__file__).with_name("fuzz_read.py")
# Seeds larger than this are left out: libFuzzer mutates inputs up to the largest seed's size.
SEED_MAX_BYTES = 8192
# Inputs that crashed a reader (found by the hostile corpus and the fuzzer), with the file name they had.
REGRESSIONS = {
    "nested.json": b"[" * 3000 + b"]" * 3000,  # RecursionError out of json.loads
    "nested.jsonl": b'{"text": ' + b"[" * 3000 + b"]" * 3000 + b"}\n",
    "nul-row.jsonl": b"[]\n\x00\n" + json.dumps(GOOD_RECORD).encode() + b"\n",  # a NUL lost the whole file
    "wide.txt": "Shelling in Kharkiv.".encode("utf-16"),  # refused before UTF-16 was read
    "year-one.jsonl": b'{"text": "Shelling yesterday.", "date": "0001-01-01"}\n',  # overflowed date arithmetic
    "true-id.jsonl": b'{"id": true, "text": "Shelling.", "date": "2024-01-01"}\n',
}


@pytest.mark.issue(11)
@pytest.mark.parametrize("name", sorted(REGRESSIONS))
def test_an_input_that_once_crashed_a_reader_is_a_document_or_a_reason(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(REGRESSIONS[name])
    found = list(read_inputs([str(path)]))
    assert found and all(isinstance(item, Document | Skipped) for item in found)


@pytest.mark.issue(11)
def test_fuzzing_the_readers_for_a_bounded_time_finds_no_crash(tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    seeds = tmp_path / "seeds"
    for case in CASES:
        if not case.large:
            path = write_case(case, tmp_path / "cases")
            if path.stat().st_size <= SEED_MAX_BYTES:
                (seeds / case.name).parent.mkdir(exist_ok=True)
                (seeds / case.name).write_bytes(path.read_bytes())
    for name, data in REGRESSIONS.items():
        if len(data) <= SEED_MAX_BYTES:
            (seeds / f"regression-{name}").write_bytes(data)
    # through test_hostile's launcher: libFuzzer's memory limit reads the process's peak, which a child started
    # straight from pytest inherits from pytest
    done = subprocess.run([sys.executable, "-c", LAUNCHER, str(tmp_path / "peak_kb"), sys.executable, str(FUZZER),
                           f"-max_total_time={FUZZ_SECONDS}",
                           "-rss_limit_mb=2048", f"-max_len={SEED_MAX_BYTES}", "-timeout=30", str(seeds)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=FUZZ_SECONDS * 3 + 120)
    found = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-")))
    assert done.returncode == 0 and not found, (found, done.stderr[-3000:])
    assert "Done " in done.stderr  # libFuzzer's last line: "Done N runs in S second(s)"
