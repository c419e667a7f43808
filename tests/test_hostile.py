"""Hostile input (issue 11): each case of tests/hostile.py, in a batch with a good report, is named on
standard error with its reason, leaves the good report stored, and never ends in a traceback or a hang.

The cases run in this process through `run_cli`, one batch each; the whole corpus, with the 100 MB
files and the megabyte of one word, runs once through the installed command in a process of its own,
whose peak memory is read back from the kernel.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile import CASES, GOOD_RECORD, GOOD_TEXT, Case, write_case, write_good
from test_cli import warledger_command

from warledger.store import Store

# Hang guards, far above what the cases take (a few seconds; the whole corpus a minute on a loaded
# 2-core machine): a case that reaches them has looped, not merely run slowly.
CASE_LIMIT_S = 300
CORPUS_LIMIT_S = 1200
# Peak memory of the whole corpus's process: the model and gazetteer take about 450 MB and a 20 MB line
# is held once; a reader that loaded a 100 MB file whole, or expanded an entity bomb, would pass this.
CORPUS_MAX_RSS_MB = 1500
# The ingest is started by a small launcher that reports the ingest's own peak: a process started straight from
# pytest counts pytest's size at the moment as its own peak (Linux keeps the old address space's high-water mark
# across exec), and pytest holds spaCy, which imports torch whenever torch is installed.
LAUNCHER = ("import os, subprocess, sys; child = subprocess.Popen(sys.argv[2:]); "
            "_, status, usage = os.wait4(child.pid, 0); "
            "open(sys.argv[1], 'w').write(str(usage.ru_maxrss)); sys.exit(os.waitstatus_to_exitcode(status))")
SKIP_LINE = "warledger: skipped "


class Hung(Exception):
    """A case ran past its hang guard."""


@contextlib.contextmanager
def bounded(seconds: float) -> Iterator[None]:
    def expire(_signal: int, _frame: Any) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def skip_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(SKIP_LINE)]


def lines_naming(lines: list[str], path: Path) -> list[str]:
    """The skip lines whose origin is `path` or a line of it (`path:N`)."""
    return [line for line in lines if line.startswith(f"{SKIP_LINE}{path}: ") or line.startswith(f"{SKIP_LINE}{path}:")]


def check_case(case: Case, path: Path, stderr: str, store: Store) -> None:
    named = lines_naming(skip_lines(stderr), path)
    assert len(named) == case.lines, named
    assert all(case.reason is not None and case.reason in line for line in named), named
    for doc_id in case.stored:
        assert store.has_document(doc_id), doc_id


@pytest.mark.issue(11)
@pytest.mark.parametrize("case", [c for c in CASES if not c.large], ids=lambda c: c.name)
def test_a_hostile_input_is_named_and_the_good_report_of_its_batch_is_stored(case: Case, run_cli: Any,
                                                                             tmp_path: Path) -> None:
    path = write_case(case, tmp_path / "in")
    good = write_good(tmp_path)
    db = tmp_path / "store.db"
    with bounded(CASE_LIMIT_S):
        result = run_cli("ingest", path, good, "--db", db)
    assert "Traceback" not in result.stderr
    assert result.exit_code == (3 if case.lines else 0), result.stderr
    # every skip line is this input's: the good report was read
    assert len(skip_lines(result.stderr)) == case.lines, result.stderr
    with Store.open(str(db)) as store:
        check_case(case, path, result.stderr, store)
        assert store.has_document(GOOD_RECORD["id"])


@pytest.mark.issue(11)
def test_a_page_of_scripts_is_stored_as_its_text_without_them(run_cli: Any, tmp_path: Path) -> None:
    (case,) = [c for c in CASES if c.name == "scripts.html"]
    path = write_case(case, tmp_path)
    db = tmp_path / "store.db"
    assert run_cli("ingest", path, "--db", db).exit_code == 0
    with Store.open(str(db)) as store:
        text = store.document_text("scripts.html") or ""
    assert "Azerbaijani troops attacked" in text
    assert "pwned" not in text and "alert(" not in text and "javascript" not in text.lower()


@pytest.mark.issue(11)
def test_an_entity_bomb_is_not_expanded(run_cli: Any, tmp_path: Path) -> None:
    (case,) = [c for c in CASES if c.name == "entity-bomb.html"]
    path = write_case(case, tmp_path)
    db = tmp_path / "store.db"
    assert run_cli("ingest", path, "--db", db).exit_code == 0
    with Store.open(str(db)) as store:
        text = store.document_text("entity-bomb.html") or ""
    # 10^9 "lol"s had it been expanded
    assert "Azerbaijani troops attacked" in text and len(text) < 10 * len(GOOD_TEXT)


@pytest.mark.issue(11)
def test_100000_lines_of_json_lines_with_bad_rows_between_good_ones(run_cli: Any, tmp_path: Path) -> None:
    bad_rows = ['{"text": ', "[]", '{"title": "no text"}', '{"text": 7}', '{"text": "x", "date": "someday"}',
                '{"text": "x", "id": true}', "\x00", '{"text": "\\ud800 half a pair", "date": "2024-01-01"', "ÿ"]
    lines, good_ids, bad_numbers = [], [], set()
    for number in range(1, 100_001):
        if number % 5_000 == 0:
            record = {**GOOD_RECORD, "id": f"good-{number}"}
            lines.append(json.dumps(record))
            good_ids.append(record["id"])
        elif number % 997 == 0:
            lines.append("   ")  # blank lines are neither documents nor errors
        else:
            lines.append(bad_rows[number % len(bad_rows)])
            bad_numbers.add(number)
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "store.db"
    with bounded(CASE_LIMIT_S):
        result = run_cli("ingest", path, "--db", db)
    assert result.exit_code == 3 and "Traceback" not in result.stderr
    named = skip_lines(result.stderr)
    numbers = [int(line.removeprefix(f"{SKIP_LINE}{path}:").split(":", 1)[0]) for line in named]
    assert sorted(numbers) == sorted(bad_numbers)  # each bad row once, nothing else
    assert f"documents: {len(good_ids)} new, 0 already stored, {len(bad_numbers)} skipped" in result.stderr
    with Store.open(str(db)) as store:
        assert all(store.has_document(doc_id) for doc_id in good_ids)


@pytest.mark.issue(11)
def test_the_whole_corpus_in_one_process_names_every_input_in_bounded_memory(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    paths = {case.name: write_case(case, folder) for case in CASES}
    write_good(folder)
    db = tmp_path / "store.db"
    with open(tmp_path / "stderr", "w+", encoding="utf-8") as stderr:
        peak = tmp_path / "peak_kb"
        process = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(peak), *warledger_command(), "ingest",
                                    str(folder), "--db", str(db)],
                                   stdout=subprocess.DEVNULL, stderr=stderr, cwd=tmp_path, start_new_session=True)
        try:
            with bounded(CORPUS_LIMIT_S):
                status = process.wait()
        except Hung:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
        stderr.seek(0)
        output = stderr.read()
    assert status == 3, output
    assert "Traceback" not in output
    assert int(peak.read_text()) / 1024 < CORPUS_MAX_RSS_MB  # ru_maxrss is in KB on Linux
    assert len(skip_lines(output)) == sum(case.lines for case in CASES), output
    with Store.open(str(db)) as store:
        for case in CASES:
            check_case(case, paths[case.name], output, store)
        assert store.has_document(GOOD_RECORD["id"])
