"""Load: many concurrent clients reading the HTTP API over a large store, on loopback.

Run with `make reliability` (or alone). Builds (or reuses) bench_api.py's store of --events synthetic
events, starts `warledger serve` on it as a separate process, and runs --clients threads, each with
its own keep-alive connection, sending GETs for --seconds: the dashboard's filtered /api/events
queries (bench_api.py's kinds), /api/stats and event details. Prints the requests served, the
errors (any answer but 200, any failed connection) and the latency percentiles.

The clients run on the same machine as the server, so on a small machine they share its cores:
the figures are a floor for what the server does on its own.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import build_store, free_port, get, percentile, query_kinds  # noqa: E402

# Parameters of /api/events that /api/stats does not take.
PAGING = ("sort", "limit", "offset")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", type=Path, default=Path("/tmp/warledger-bench-api.db"))
    args = parser.parse_args()
    build_store(args.db, args.events)
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("warledger")), "serve", "--db", str(args.db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = json.loads(get(base + "/api/events?limit=50"))
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    message = server.stderr.read() if server.stderr else ""
                    raise SystemExit(f"the server did not start: {message}") from None
                time.sleep(0.2)
        event_ids = [e["event_id"] for e in page["events"]]
        latencies: list[float] = []
        errors: dict[str, int] = {}
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds

        def client(seed: int) -> None:
            rng = random.Random(seed)
            kinds = list(query_kinds(rng).values())
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine: list[float] = []
            failed: dict[str, int] = {}
            while time.monotonic() < stop_at:
                draw = rng.random()
                if draw < 0.1:
                    filters = {k: v for k, v in rng.choice(kinds)().items() if k not in PAGING}
                    path = "/api/stats?" + urllib.parse.urlencode(filters)
                elif draw < 0.2:
                    path = "/api/events/" + rng.choice(event_ids)
                else:
                    path = "/api/events?" + urllib.parse.urlencode(rng.choice(kinds)())
                started = time.perf_counter()
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    response.read()
                    if response.status != 200:
                        failed[f"HTTP {response.status}"] = failed.get(f"HTTP {response.status}", 0) + 1
                    else:
                        mine.append(time.perf_counter() - started)
                except (OSError, http.client.HTTPException) as error:
                    failed[type(error).__name__] = failed.get(type(error).__name__, 0) + 1
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.close()
            with lock:
                latencies.extend(mine)
                for key, count in failed.items():
                    errors[key] = errors.get(key, 0) + count

        threads = [threading.Thread(target=client, args=(seed,)) for seed in range(args.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        served = len(latencies)
        print(f"{args.clients} clients, {elapsed:.0f} s of GETs over {args.events:,} events on loopback: "
              f"{served:,} answered 200 ({served / elapsed:.0f}/s), errors {sum(errors.values())} {errors or ''}")
        if latencies:
            print(f"latency ms: p50 {percentile(latencies, 0.5) * 1000:.0f}, "
                  f"p95 {percentile(latencies, 0.95) * 1000:.0f}, p99 {percentile(latencies, 0.99) * 1000:.0f}, "
                  f"max {max(latencies) * 1000:.0f}")
        if server.poll() is not None:
            raise SystemExit("the server died under load")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
