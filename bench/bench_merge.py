"""Benchmark: the store's side of an ingest batch, apart from extraction (issue 10).

Extracts COUNT generated reports (bench_scale.py's generator) once, then stores them batch by batch
with `Store.merge_batch` into a new SQLite store and a PostgreSQL database on a server started for
the run, and prints for each batch: the statements the store sent (one per `_execute`, one per
`_execute_many`), the merge time, and at the end a digest of the events table (event ids and content
hashes), which must be the same on both backends and before and after a change to the store.

    python bench/bench_merge.py --count 5000 [--cache /tmp/clusters.pickle]

`--cache` keeps the extracted batches in a file, so that a second run measures the store alone.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import pgserver  # noqa: E402
from bench_scale import reports  # noqa: E402

from warledger.merge import could_meet  # noqa: E402
from warledger.pipeline import Pipeline  # noqa: E402
from warledger.read import read_records  # noqa: E402
from warledger.records import Document, Mention  # noqa: E402
from warledger.store import Store  # noqa: E402
from warledger.workers import cores  # noqa: E402

Batch = tuple[list[Document], dict[str, list[list[Mention]]]]


def extracted(pipeline: Pipeline, count: int, batch_size: int) -> list[Batch]:
    batches: list[Batch] = []
    documents = [d for d in read_records(reports(count), "bench") if isinstance(d, Document)]
    for start in range(0, len(documents), batch_size):
        chunk = documents[start : start + batch_size]
        clusters = {result.document.id: result.clusters for result in pipeline.documents(chunk)}
        batches.append((chunk, clusters))
    return batches


def run(url: str, batches: Sequence[Batch], pipeline: Pipeline) -> str:
    gazetteer = pipeline.gazetteer
    statements = 0

    def meet(cluster: Sequence[Mention], other: Sequence[Mention]) -> bool:
        return could_meet(cluster, other, gazetteer)

    with Store.open(url) as store:
        execute, execute_many = store._execute, store._execute_many

        def counted_execute(*args: Any, **kwargs: Any) -> Any:
            nonlocal statements
            statements += 1
            return execute(*args, **kwargs)

        def counted_execute_many(*args: Any, **kwargs: Any) -> Any:
            nonlocal statements
            statements += 1
            return execute_many(*args, **kwargs)

        store._execute = counted_execute  # type: ignore[method-assign]
        store._execute_many = counted_execute_many  # type: ignore[method-assign]
        times, counts = [], []
        for number, (documents, clusters) in enumerate(batches, 1):
            statements = 0
            started = time.monotonic()
            result = store.merge_batch(documents, clusters, [], pipeline.merge, meet)
            times.append(time.monotonic() - started)
            counts.append(statements)
            print(f"  batch {number:>3}: {statements:>6,} statements, merge {times[-1]:.2f} s, "
                  f"events new {result.events_new} updated {result.events_updated} removed {result.events_removed}",
                  flush=True)
        rows = store._execute("SELECT event_id, content_hash FROM events ORDER BY event_id").fetchall()
    digest = hashlib.sha256("".join(f"{a} {b}\n" for a, b in rows).encode()).hexdigest()[:16]
    print(f"  statements per batch median {statistics.median(counts):,.0f}; merge per batch median "
          f"{statistics.median(times):.2f} s, total {sum(times):.1f} s; {len(rows):,} events, digest {digest}",
          flush=True)
    return digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--cache", type=Path, help="pickle of the extracted batches, written if missing")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    with Pipeline(processes=cores()) as pipeline:
        if args.cache and args.cache.exists():
            batches = pickle.loads(args.cache.read_bytes())
        else:
            batches = extracted(pipeline, args.count, args.batch)
            if args.cache:
                args.cache.write_bytes(pickle.dumps(batches))
    print(f"{sum(len(d) for d, _ in batches):,} reports in {len(batches)} batches", flush=True)
    with tempfile.TemporaryDirectory(prefix="warledger-bench-merge-") as folder:
        if args.backend in ("sqlite", "both"):
            print("SQLite", flush=True)
            run(str(Path(folder) / "merge.db"), batches, pipeline)
    if args.backend in ("postgresql", "both"):
        with pgserver.bench_database("warledger-bench-postgres-") as url:
            if url is not None:
                run(url, batches, pipeline)


if __name__ == "__main__":
    main()
