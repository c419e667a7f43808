"""A PostgreSQL server of our own, for the tests (conftest.py) and bench/bench_scale.py.

Debian's server binaries (/usr/lib/postgresql/*/bin) run in a folder of the caller's, listening on
loopback only, and stop when the block ends. PostgreSQL refuses to run as root, so under root it runs
as the postgres user.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"


def as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextlib.contextmanager
def running_server(root: Path, options: str = "") -> Iterator[Server]:
    """A server with its data in `root` (which the caller removes), `options` added to its settings."""
    bin_dir = BINARIES[-1].parent
    data = root / "data"
    user = "postgres" if os.geteuid() == 0 else getpass.getuser()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subprocess.run(as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", user, "-A", "trust",
                                   "--encoding=UTF8", "--locale=C.UTF-8"]), check=True, capture_output=True)
    settings = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} {options}".strip()
    subprocess.run(as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"),
                                   "-w", "-o", settings, "start"]), check=True, capture_output=True)
    try:
        yield Server("127.0.0.1", port, user)
    finally:
        subprocess.run(as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       check=False, capture_output=True)


@contextlib.contextmanager
def bench_database(prefix: str) -> Iterator[str | None]:
    """A fresh server with an empty database "bench" for a benchmark script: its URL, or None (after saying
    so) where no server binary is installed. The server's data sit in a folder of their own, which its
    user must be able to reach, removed afterwards."""
    if not BINARIES:
        print("PostgreSQL: skipped, no server binary under /usr/lib/postgresql", flush=True)
        yield None
        return
    root = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        with running_server(root) as server:
            subprocess.run(as_server_user([str(BINARIES[-1].parent / "createdb"), "-h", server.host, "-p",
                                           str(server.port), "-U", server.user, "bench"]),
                           check=True, capture_output=True)
            print("PostgreSQL", flush=True)
            yield server.url("bench")
    finally:
        shutil.rmtree(root, ignore_errors=True)
