"""The figures of README's "Reliability" table: hostile inputs, crash trials and fuzzing, measured.

Run with `make reliability` (bench_load.py then measures the API under load). Uses the installed
command and the tests' own corpus and trials (tests/hostile.py, tests/crash.py), so it measures what CI
checks; the API's attack tests are in tests/test_api_attack.py.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from crash import CORPUS_REPORTS, crash_trials  # noqa: E402
from hostile import CASES, write_case, write_good  # noqa: E402

COMMAND = [str(Path(sys.executable).with_name("warledger"))]


def hostile(folder: Path) -> None:
    corpus = folder / "corpus"
    for case in CASES:
        write_case(case, corpus)
    write_good(corpus)
    started = time.monotonic()
    process = subprocess.Popen([*COMMAND, "ingest", str(corpus), "--db", str(folder / "hostile.db")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    output = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - started
    skipped = [line for line in output.splitlines() if line.startswith("warledger: skipped ")]
    read = sum(1 for case in CASES if case.reason is None)
    print(f"hostile corpus: {len(CASES)} inputs ({read} to read, {len(CASES) - read} to refuse), "
          f"{sum(c.lines for c in CASES)} skip lines expected, {len(skipped)} given; exit status "
          f"{os.waitstatus_to_exitcode(status)}; traceback: {'Traceback' in output}; "
          f"{elapsed:.0f} s, peak memory {usage.ru_maxrss / 1024:.0f} MB")


def crashes(folder: Path, kills: int) -> None:
    trials = crash_trials(COMMAND, lambda name: f"sqlite:///{folder / name}.db", folder, trials=kills)
    landed = sorted(trials.stored_at_kill)
    print(f"crash trials: {trials.kills} SIGKILLs ({min(trials.delays):.1f}-{max(trials.delays):.1f} s into "
          f"the {trials.reading_s:.1f} s of reading; documents stored when killed: {landed} of {CORPUS_REPORTS}), "
          f"{trials.finished_first} runs finished before their kill; problems {len(trials.problems)} "
          f"{trials.problems[:3]}; final store equals one uninterrupted run: {trials.final_matches_reference}; "
          f"extra rows {trials.duplicate_rows}")


def fuzz(folder: Path, seconds: int) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "fuzz_read.py"), f"-max_total_time={seconds}",
                           "-rss_limit_mb=2048", "-max_len=8192"], cwd=folder, capture_output=True, text=True)
    last = [line for line in done.stderr.splitlines() if line.startswith("Done ")]
    crashes_found = [p.name for p in folder.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-"))]
    print(f"fuzzing the readers: {last[-1] if last else done.stderr[-500:]}; exit status {done.returncode}; "
          f"crashes {crashes_found}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--fuzz-seconds", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="warledger-reliability-") as work:
        folder = Path(work)
        for name, step in (("hostile", lambda f: hostile(f)), ("crash", lambda f: crashes(f, args.kills)),
                           ("fuzz", lambda f: fuzz(f, args.fuzz_seconds))):
            (folder / name).mkdir()
            step(folder / name)


if __name__ == "__main__":
    main()
