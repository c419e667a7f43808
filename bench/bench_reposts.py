"""Benchmark: the repost index as a store grows to 100,000 reports (issue 12).

Run with `.venv/bin/python bench/bench_reposts.py --count 100000`. Builds COUNT reports from the team
corpus's sentences (tests/data/corpus, written by the team): each report is six sentences drawn at random,
so its lead is its own, and one report in ten is instead a copy of a recent one under a new title with a
content farm's boilerplate around it, published a day or more later. Reports drawn from one pool of
sentences share sentences by chance: a pair that shares half its sentences is grouped, as it should be,
and is counted apart. Stores each report's fingerprint with repost_index.index_document,
one transaction per 500 reports (as ingest does), into a new SQLite store, and (with --backend postgresql
or both, where a PostgreSQL server binary exists) into a PostgreSQL database on a server started for the
run. Prints for each backend the reports indexed per second for each --step reports, the candidates
compared per report, and at the end how many copies were found and how many reports were grouped wrongly.
The NLP stages are left out: bench/bench_scale.py measures a whole ingest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import pgserver  # noqa: E402

from warledger.clean import clean  # noqa: E402
from warledger.records import Document  # noqa: E402
from warledger.reposts import fingerprint  # noqa: E402
from warledger.store import Store, repost_index  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
BATCH = 500
COPY_SHARE = 0.1
# Reports are spread over this many days; copies are made of the originals of the last RECENT_DAYS.
SPAN_DAYS = 1500
RECENT_DAYS = 7
FARM = ("[ad_1]\n\nAdvertisement\n\nAlso read: Seven simple habits that quietly drain your phone battery\n\n"
        "Disclaimer: This story is auto-aggregated by a computer program and has not been created or edited by "
        "our staff.\n\nFollow us on Telegram for the latest updates")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sentences() -> list[str]:
    found: set[str] = set()
    for path in sorted(CORPUS.glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.update(s.strip() for s in _SENTENCE.split(json.loads(line)["text"]) if len(s.split()) >= 6)
    return sorted(found)


def reports(count: int, seed: int = 12) -> Iterator[tuple[Document, str | None]]:
    """(report, the id of the report it copies or None)."""
    chance = random.Random(seed)
    pool = sentences()
    originals: list[Document] = []
    start = dt.date(2020, 1, 1)
    recent = max(1, count * RECENT_DAYS // SPAN_DAYS)
    for number in range(count):
        published = start + dt.timedelta(days=number * SPAN_DAYS // count)
        if originals and chance.random() < COPY_SHARE:
            # a copy of a recent report, a day or more after it
            source = chance.choice(originals[-recent:])
            text = f"Breaking: you won't believe this {number}\n\n{FARM}\n\n{source.text}\n\n{FARM}"
            assert source.published is not None
            day = max(published, source.published + dt.timedelta(days=1))
            yield Document(f"copy-{number:06d}", text, day, outlet="farm.example"), source.id
            continue
        text = f"Report {number}\n\n" + " ".join(chance.sample(pool, 6))
        document = Document(f"report-{number:06d}", text, published, outlet="wire.example")
        originals.append(document)
        yield document, None


def run(url: str, count: int, step: int) -> None:
    truth: dict[str, str] = {}
    compared = 0
    started = step_started = time.monotonic()
    with Store.open(url) as store:
        original_load = repost_index._load

        def counting_load(store_: Store, ids: set[str]) -> dict[str, repost_index._Stored]:
            nonlocal compared
            compared += len(ids)
            return original_load(store_, ids)

        repost_index._load = counting_load  # type: ignore[assignment]
        try:
            batch: list[tuple[Document, str | None]] = []
            for done, (document, copies) in enumerate(reports(count), 1):
                truth[document.id] = copies or document.id
                batch.append((document, copies))
                if len(batch) == BATCH or done == count:
                    with store._batch_transaction():
                        for item, _ in batch:
                            store._upsert_document(item, "now")
                            repost_index.index_document(store, item, fingerprint(clean(item.text).text))
                    batch = []
                if done % step == 0:
                    now = time.monotonic()
                    print(f"  reports {done - step + 1:>7,}-{done:<7,} {step / (now - step_started):7.1f} reports/s; "
                          f"{compared / step:.1f} candidates read per report", flush=True)
                    compared, step_started = 0, now
        finally:
            repost_index._load = original_load  # type: ignore[assignment]
        found = dict(store._execute("SELECT document_id, original_id FROM document_fingerprints").fetchall())
    elapsed = time.monotonic() - started
    copies = sum(1 for d, o in truth.items() if d != o)
    # a copy is found when it is grouped with the report it copies (whose own original may be an earlier
    # report it shares sentences with)
    right = sum(1 for d, o in truth.items() if d != o and found.get(d) == found.get(o))
    chance_groups = sum(1 for d, o in found.items() if o != truth[d] and truth[d] == d)
    print(f"  total: {count:,} reports in {elapsed:.0f} s ({count / elapsed:.1f}/s); copies {copies:,}, grouped "
          f"with the report they copy {right:,}; originals grouped with another by sentences shared by chance "
          f"{chance_groups:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--step", type=int, default=10_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.backend in ("sqlite", "both"):
            print("SQLite")
            run(str(Path(folder) / "reposts.db"), args.count, args.step)
    if args.backend in ("postgresql", "both"):
        with pgserver.bench_database("warledger-bench-reposts-") as url:
            if url is not None:
                run(url, args.count, args.step)


if __name__ == "__main__":
    main()
