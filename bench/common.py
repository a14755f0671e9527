"""Shared bench plumbing: a database (DATABASE_URL, else an embedded PostgreSQL in a temp dir), medians."""

from __future__ import annotations

import contextlib
import glob
import os
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

from riwayat.infra.database import Database, start_embedded
from riwayat.infra.settings import Settings


def bench_kek_file() -> Path:
    """A fresh key-encryption key for a bench's own database (a server on DATABASE_URL requires one)."""
    from riwayat.infra.privacy import generate_kek_file

    path = Path(tempfile.mkdtemp(prefix="riwayat-bench-kek-")) / "kek.key"
    generate_kek_file(path)
    return path


def processes() -> Iterator[tuple[int, str, int, list[int]]]:
    """(pid, name, parent pid, [utime, stime, cutime, cstime] in clock ticks) of every process, from /proc;
    one that ends while it is read is left out."""
    for path in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(path) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        yield int(path.split("/")[2]), name, int(fields[1]), [int(v) for v in fields[11:15]]


@contextlib.asynccontextmanager
async def bench_database() -> AsyncIterator[Database]:
    url = os.environ.get("DATABASE_URL")
    server = None
    if not url:
        url, server = start_embedded(Path(tempfile.mkdtemp(prefix="riwayat-bench-")))
    db = Database(Settings(database_url=url, pool_max=40))
    await db.start()
    try:
        yield db
    finally:
        await db.close()
        if server is not None:
            server.cleanup()


async def rate(count: int, run: Callable[[], Awaitable[None]]) -> float:
    start = time.perf_counter()
    await run()
    return count / (time.perf_counter() - start)


def median(values: list[float]) -> float:
    return statistics.median(values)
