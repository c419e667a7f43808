"""Benchmark: ingest throughput, memory and merge time as a store grows (issue 10).

Run with `make bench-scale` (COUNT=100000 by default; `make bench-scale COUNT=20000` for a shorter
run). Generates COUNT short reports from the team corpus's own short texts (tests/data/corpus/short,
written by the team): copy k of a text is published 52 weeks x k later with its own id, and every
date written in it ("on 16 January 2023", "March 27", "24-10-2024", "in 2019") is moved by as much,
so that each copy tells events of its own (its weekdays still agree with its dates) and the store
grows like a real one, instead of every copy of a dated text piling onto the same event.
Ingests them into a new SQLite store and (with a PostgreSQL server binary) into a PostgreSQL database
on a server started for the run (loopback, temporary folder, stopped afterwards), and prints for each
backend: reports/s for each 10,000 reports (each --step), the merge time per batch (median and
maximum of each step), and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # pgserver.py: the tests' PostgreSQL server, started the same way

import pgserver  # noqa: E402

from warledger.devcorpus import as_inputs  # noqa: E402
from warledger.ingest import ingest_documents  # noqa: E402
from warledger.pipeline import Pipeline  # noqa: E402
from warledger.read import read_records  # noqa: E402
from warledger.store import Store  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus" / "short"
# 52 weeks: a copy keeps its text's weekdays ("on Monday") and lands in the next year.
COPY_SHIFT = dt.timedelta(weeks=52)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH = "|".join(MONTHS)
# The ways the corpus's short texts write a date, tried in this order at each place.
_DATES = re.compile(
    rf"\b(?P<dmy_d>\d{{1,2}}) (?P<dmy_m>{_MONTH})(?P<dmy_sep>,? )(?P<dmy_y>(?:19|20)\d\d)\b"
    rf"|\b(?P<mdy_m>{_MONTH}) (?P<mdy_d>\d{{1,2}})(?P<mdy_sep>,? )(?P<mdy_y>(?:19|20)\d\d)\b"
    r"|\b(?P<num_d>\d{1,2})-(?P<num_m>\d{1,2})-(?P<num_y>(?:19|20)\d\d)\b"
    rf"|\b(?P<my_m>{_MONTH})(?P<my_sep>,? )(?P<my_y>(?:19|20)\d\d)\b"
    rf"|\b(?P<dm_d>\d{{1,2}}) (?P<dm_m>{_MONTH})\b"
    rf"|\b(?P<md_m>{_MONTH}) (?P<md_d>\d{{1,2}})\b"
    r"|\b(?P<y>(?:19|20)\d\d)\b"
)


def templates() -> list[dict[str, Any]]:
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return as_inputs(rows)


def reports(count: int) -> Iterator[dict[str, Any]]:
    """`count` input records, generated one at a time (nothing is held in memory)."""
    texts = templates()
    for number in range(count):
        copy, template = divmod(number, len(texts))
        record = dict(texts[template])
        published = dt.date.fromisoformat(record["date"])
        shift = copy * COPY_SHIFT
        record.update(id=f"{record['id']}-copy{copy}", date=(published + shift).isoformat(),
                      text=shift_dates(record["text"], shift, published),
                      title=record["title"] and shift_dates(record["title"], shift, published))
        yield record


def shift_dates(text: str, shift: dt.timedelta, published: dt.date) -> str:
    """`text` with every date it writes moved by `shift`, written the same way. A day and month without a
    year are taken as the last one on or before `published`; a month or a year alone moves with its middle."""

    def moved(match: re.Match[str]) -> str:
        part = match.groupdict()
        try:
            if part["dmy_d"]:
                day = dt.date(int(part["dmy_y"]), MONTHS.index(part["dmy_m"]) + 1, int(part["dmy_d"])) + shift
                return f"{day.day} {MONTHS[day.month - 1]}{part['dmy_sep']}{day.year}"
            if part["mdy_d"]:
                day = dt.date(int(part["mdy_y"]), MONTHS.index(part["mdy_m"]) + 1, int(part["mdy_d"])) + shift
                return f"{MONTHS[day.month - 1]} {day.day}{part['mdy_sep']}{day.year}"
            if part["num_d"]:
                day = dt.date(int(part["num_y"]), int(part["num_m"]), int(part["num_d"])) + shift
                width_d, width_m = len(part["num_d"]), len(part["num_m"])
                return f"{day.day:0{width_d}d}-{day.month:0{width_m}d}-{day.year}"
            if part["my_m"]:
                day = dt.date(int(part["my_y"]), MONTHS.index(part["my_m"]) + 1, 15) + shift
                return f"{MONTHS[day.month - 1]}{part['my_sep']}{day.year}"
            if part["dm_d"] or part["md_d"]:
                month = MONTHS.index(part["dm_m"] or part["md_m"]) + 1
                day = _last_on_or_before(month, int(part["dm_d"] or part["md_d"]), published) + shift
                if part["dm_d"]:
                    return f"{day.day} {MONTHS[day.month - 1]}"
                return f"{MONTHS[day.month - 1]} {day.day}"
            return str((dt.date(int(part["y"]), 7, 2) + shift).year)
        except ValueError:  # not a date after all ("31 February"): left as written
            return match.group(0)

    return _DATES.sub(moved, text)


def _last_on_or_before(month: int, day: int, published: dt.date) -> dt.date:
    for year in (published.year, published.year - 1, published.year - 2, published.year - 3, published.year - 4):
        with contextlib.suppress(ValueError):  # 29 February: the last leap year
            if (date := dt.date(year, month, day)) <= published:
                return date
    raise ValueError(f"no {day}/{month} before {published}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(url: str, count: int, step: int, pipeline: Pipeline) -> None:
    merge_times: list[float] = []
    step_started = time.monotonic()
    done = 0
    started = time.monotonic()
    with Store.open(url) as store:
        original = store.merge_batch

        def timed_merge(*args: Any, **kwargs: Any) -> Any:
            begun = time.monotonic()
            try:
                return original(*args, **kwargs)
            finally:
                merge_times.append(time.monotonic() - begun)

        store.merge_batch = timed_merge  # type: ignore[method-assign]

        def progress() -> None:
            nonlocal done, step_started
            done += 1
            if done % step == 0:
                now = time.monotonic()
                batches, merge_times[:] = list(merge_times), []
                merge = (f"merge per batch median {statistics.median(batches):.2f} s, max {max(batches):.2f} s "
                         f"({len(batches)} batches)" if batches else "no batch stored yet")
                print(f"  reports {done - step + 1:>7,}-{done:<7,} {step / (now - step_started):6.1f} reports/s; "
                      f"{merge}; peak RSS {peak_rss_mb():.0f} MB", flush=True)
                step_started = now

        summary = ingest_documents(pipeline, store, read_records(reports(count), "bench"), progress)
        counts = store.counts()
    elapsed = time.monotonic() - started
    print(f"  total: {summary.new_documents:,} reports in {elapsed:.0f} s ({summary.new_documents / elapsed:.1f}/s), "
          f"{len(summary.skipped)} skipped, {counts['events']:,} events; peak RSS {peak_rss_mb():.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="reports to generate and ingest")
    parser.add_argument("--step", type=int, default=10_000, help="print the rate every this many reports")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    step = min(args.step, args.count)
    pipeline = Pipeline()
    print(f"{args.count:,} reports from {len(templates()):,} corpus texts; pipeline loaded, peak RSS "
          f"{peak_rss_mb():.0f} MB", flush=True)
    with tempfile.TemporaryDirectory(prefix="warledger-bench-scale-") as folder:
        if args.backend in ("sqlite", "both"):
            print("SQLite", flush=True)
            run(str(Path(folder) / "scale.db"), args.count, step, pipeline)
    if args.backend in ("postgresql", "both"):
        with pgserver.bench_database("warledger-bench-postgres-") as url:
            if url is not None:
                run(url, args.count, step, pipeline)


if __name__ == "__main__":
    main()
