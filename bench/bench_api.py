"""Benchmark: latency of the HTTP API's filtered /api/events queries over a large store.

Run with `make bench-api`. Generates a store of --events synthetic events (default 100,000: six
event types over three years, 40 countries, a notes sentence and an evidence sentence each), starts
`warledger serve` on it as a separate process on a loopback port, and times --requests sequential
requests of each kind of filtered query from this process (a warm-up round first, not counted).
Prints the median and 95th percentile per kind and over all kinds (the aim is p95 < 200 ms), then
downloads every event as CSV, ACLED CSV and GeoJSON and reports the server's peak memory.

The generated store is kept at --db (default under /tmp) and reused when it already holds
--events events, so reruns skip the generation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from warledger.records import DISORDER_TYPES, EVENT_TYPES  # noqa: E402
from warledger.store import Store  # noqa: E402

# (ISO3, latitude, longitude) of the places events are scattered around: capitals of 40 countries,
# rounded (GeoNames).
CENTRES = [
    ("ARM", 40.18, 44.51), ("AZE", 40.38, 49.89), ("UKR", 50.45, 30.52), ("RUS", 55.75, 37.62),
    ("SDN", 15.55, 32.53), ("SSD", 4.85, 31.58), ("ETH", 9.03, 38.74), ("SOM", 2.04, 45.34),
    ("KEN", -1.29, 36.82), ("COD", -4.32, 15.31), ("NGA", 9.06, 7.49), ("MLI", 12.65, -8.0),
    ("BFA", 12.37, -1.53), ("NER", 13.51, 2.11), ("TCD", 12.11, 15.04), ("CAF", 4.36, 18.56),
    ("CMR", 3.85, 11.5), ("LBY", 32.89, 13.19), ("EGY", 30.04, 31.24), ("ISR", 31.77, 35.22),
    ("PSE", 31.5, 34.47), ("LBN", 33.89, 35.5), ("SYR", 33.51, 36.29), ("IRQ", 33.34, 44.4),
    ("YEM", 15.35, 44.21), ("IRN", 35.69, 51.42), ("AFG", 34.53, 69.17), ("PAK", 33.72, 73.04),
    ("IND", 28.61, 77.21), ("MMR", 19.75, 96.13), ("BGD", 23.81, 90.41), ("PHL", 14.6, 120.98),
    ("COL", 4.71, -74.07), ("MEX", 19.43, -99.13), ("HTI", 18.54, -72.34), ("VEN", 10.49, -66.88),
    ("BRA", -15.79, -47.88), ("GEO", 41.72, 44.79), ("TUR", 39.93, 32.86), ("MOZ", -25.97, 32.57),
]
ACTORS = ["Military Forces of {c}", "Police Forces of {c}", "Rebel group {n}", "Protesters ({c})",
          "Civilians ({c})", "Unidentified Armed Group ({c})", "Militia {n}"]
WORDS = ("shelling artillery strike drone clash protest rally village town district checkpoint convoy "
         "ministry spokesman governor casualties wounded killed police market hospital bridge road").split()
FIRST_DAY = dt.date(2022, 1, 1)
DAYS = 3 * 365
BATCH = 5000


def synthetic_events(count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """Events in the output contract's shape, with the spread of a real multi-country dataset."""
    rng = random.Random(seed)
    sub_types = [(kind, sub) for kind, subs in EVENT_TYPES.items() for sub in subs]
    for i in range(count):
        iso3, lat, lon = rng.choice(CENTRES)
        kind, sub = rng.choice(sub_types)
        day = (FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat()
        actor1 = rng.choice(ACTORS).format(c=iso3, n=rng.randrange(50))
        actor2 = rng.choice(ACTORS).format(c=iso3, n=rng.randrange(50)) if rng.random() < 0.7 else None
        fatalities = rng.choice([None, None, 0, 1, 2, 3, 5, 8, 13, 40])
        sentence = " ".join(rng.choice(WORDS) for _ in range(25)).capitalize() + "."
        notes = f"On {day}, {actor1} {sub.lower()} near place {i % 997} in {iso3}."
        yield {
            "event_id": f"bench{i:011d}", "event_date": day, "date_start": day, "date_end": day,
            "time_precision": 1, "date_precision": 1, "disorder_type": DISORDER_TYPES[kind],
            "event_type": kind, "sub_event_type": sub, "actor1": actor1, "actor2": actor2,
            "inter1": 1, "inter2": 2 if actor2 else None, "interaction": 12 if actor2 else 10,
            "civilian_targeting": None, "sides": [iso3], "location": f"Place {i % 997}", "country": iso3,
            "admin1": None, "latitude": round(lat + rng.uniform(-2, 2), 4),
            "longitude": round(lon + rng.uniform(-2, 2), 4), "geo_precision": 1, "place_source": "bench",
            "fatalities": fatalities, "fatalities_by_side": {}, "historical": rng.random() < 0.05,
            "claimants": [], "claims": [], "disputed": False, "sources": [f"bench-doc-{i // 3}"],
            "outlets": ["Bench Wire"], "notes": notes,
            "evidence": [{"source": f"bench-doc-{i // 3}", "span": [0, len(sentence)], "text": sentence,
                          "marks": []}],
        }


def build_store(db: Path, count: int) -> None:
    with Store.open(str(db)) as store:
        if store.counts()["events"] == count:
            print(f"reusing {db} ({count:,} events)")
            return
    db.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    with Store.open(str(db)) as store:
        batch: list[dict[str, Any]] = []
        for event in synthetic_events(count):
            batch.append(event)
            if len(batch) == BATCH:
                store.save_batch([], batch)
                batch = []
        if batch:
            store.save_batch([], batch)
    print(f"generated {count:,} events in {time.perf_counter() - started:.0f} s "
          f"({db.stat().st_size / 2**20:.0f} MB)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
        return bytes(response.read())


def query_kinds(rng: random.Random) -> dict[str, Callable[[], dict[str, Any]]]:
    """Each kind of filtered query a dashboard user makes, with fresh random values per call."""

    def window(days: int) -> dict[str, str]:
        start = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS - days))
        return {"since": start.isoformat(), "until": (start + dt.timedelta(days=days)).isoformat()}

    def country() -> str:
        return rng.choice(CENTRES)[0]

    return {
        "date range 90 d + type": lambda: {**window(90), "type": rng.choice(list(EVENT_TYPES))},
        "country + 1 year": lambda: {**window(365), "country": country()},
        "country + type, by -fatalities": lambda: {"country": country(), "type": rng.choice(list(EVENT_TYPES)),
                                                   "sort": "-fatalities"},
        "actor substring": lambda: {"actor": f"Rebel group {rng.randrange(50)}"},
        "near point, 50 km": lambda: {"near": "{:.2f},{:.2f},50".format(*rng.choice(CENTRES)[1:])},
        "text search + 180 d": lambda: {**window(180), "q": rng.choice(WORDS)},
        "no filter, page 20": lambda: {"offset": 1900, "limit": 100},
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per kind of query")
    parser.add_argument("--db", type=Path, default=Path("/tmp/warledger-bench-api.db"))
    args = parser.parse_args()
    build_store(args.db, args.events)

    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("warledger")), "serve", "--db", str(args.db), "--port", str(port)],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(base + "/api/events?limit=1")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    message = server.stderr.read() if server.stderr else ""
                    raise SystemExit(f"the server did not start: {message}") from None
                time.sleep(0.1)
        rng = random.Random(11)
        kinds = query_kinds(rng)
        for make in kinds.values():  # warm-up: page cache, the server's per-thread connections
            for _ in range(5):
                get(base + "/api/events?" + urllib.parse.urlencode(make()))
        timings: dict[str, list[float]] = {name: [] for name in kinds}
        matched: dict[str, list[int]] = {name: [] for name in kinds}
        for _ in range(args.requests):
            for name, make in kinds.items():
                url = base + "/api/events?" + urllib.parse.urlencode(make())
                started = time.perf_counter()
                body = get(url)
                timings[name].append((time.perf_counter() - started) * 1000)
                matched[name].append(json.loads(body)["total"])
        every = [t for values in timings.values() for t in values]
        print(f"\n/api/events over {args.events:,} events, {args.requests} requests per kind, sequential, "
              f"one client on loopback (JSON, 100 events a page)")
        print(f"{'query':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'median matches':>15}")
        for name, values in timings.items():
            print(f"{name:34} {statistics.median(values):8.1f} {percentile(values, 0.95):8.1f} "
                  f"{max(values):8.1f} {statistics.median(matched[name]):15,.0f}")
        p95 = percentile(every, 0.95)
        print(f"{'all kinds':34} {statistics.median(every):8.1f} {p95:8.1f} {max(every):8.1f}")
        print(f"\naim: p95 < 200 ms -> {'met' if p95 < 200 else 'NOT met'}")
        print(f"\nexports of all {args.events:,} events (server memory: peak resident set of the process)")
        print(f"  before any export: {peak_rss_mb(server.pid):.0f} MB")
        for fmt in ("csv", "acled", "geojson"):
            started = time.perf_counter()
            size = download(base + f"/api/events?format={fmt}")
            print(f"  {fmt:8} {size / 1e6:6.1f} MB in {time.perf_counter() - started:4.1f} s; "
                  f"server peak so far {peak_rss_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)


def download(url: str) -> int:
    """Read a response to the end a megabyte at a time; return its size in bytes."""
    size = 0
    with urllib.request.urlopen(url, timeout=600) as response:
        while chunk := response.read(1 << 20):
            size += len(chunk)
    return size


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
