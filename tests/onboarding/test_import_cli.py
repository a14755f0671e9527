"""The import command run as a user would, in its own process: killed midway and run again, every row is
written exactly once; the report file names each refused row."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import orjson

from tests.onboarding.test_import import HEADER

ROWS = 4000


def riwayat_cmd(database_url: str, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url, "RIWAYAT_JWT_SECRET": "cli-test-secret-" + "y" * 32}
    return subprocess.Popen(
        [sys.executable, "-m", "riwayat.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def big_file(path: Path, rows: int) -> None:
    lines = [HEADER]
    for i in range(rows):
        born = date(1975, 1, 1) + timedelta(days=i)
        nip = f"{born:%Y%m%d}200501{1 + i % 2}{1 + i % 999:03d}"
        sex = "L" if i % 2 == 0 else "P"
        lines.append(
            f"{nip},Pegawai {i},,,Medan,{born:%d-%m-%Y},{sex},PNS,01-01-2005,01-02-2006,III/c,01-04-2015,"
            f"SK/{i},20-03-2015,Staf,02-01-2019,BKPSDM,S1,2000,R{i}"
        )
    path.write_text("\n".join(lines) + "\n")


async def enrolled(store, tenant) -> tuple[int, int]:
    pool = await store.db.pool_for_tenant(tenant.slug)
    return await pool.fetchrow(
        f"SELECT count(*), count(DISTINCT data->>'nip') FROM {tenant.schema}.events"
        " WHERE topic LIKE '%Employee.Enrolled'"
    )


async def test_an_import_killed_midway_and_run_again_writes_every_row_exactly_once(
    app, ctx, store, database_url, tmp_path
) -> None:
    await app.establish_org_unit(ctx, code="BKPSDM", name="Badan Kepegawaian")
    path = tmp_path / "employees.csv"
    big_file(path, ROWS)
    args = ("import", "employees", "--tenant", ctx.tenant.slug, str(path), "--cut-over", "2025-01-02")

    # Slowed to a few rows in flight, so that it is surely killed midway
    first = riwayat_cmd(database_url, *args, "--concurrency", "2")
    deadline = time.monotonic() + 60
    while (await enrolled(store, ctx.tenant))[0] < 200:
        assert first.poll() is None and time.monotonic() < deadline, first.stderr.read().decode()[-2000:]
        await asyncio.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    written, _ = await enrolled(store, ctx.tenant)
    assert 200 <= written < ROWS

    report = tmp_path / "report.ndjson"
    second = riwayat_cmd(database_url, *args, "--report", str(report))
    stdout, stderr = second.communicate(timeout=120)
    assert second.returncode == 0, stderr.decode()[-2000:]
    assert f"{ROWS - written} written, {written} already imported, 0 refused" in stdout.decode()
    assert tuple(await enrolled(store, ctx.tenant)) == (ROWS, ROWS)
    assert report.read_bytes() == b""

    # A third run: nothing new; a bad row added is reported in the report file with its line
    with path.open("a") as f:
        f.write(
            "199901012020011001,,,,Medan,01-01-1999,L,CPNS,01-01-2020,,III/a,01-01-2020,SK/x,01-12-2019,"
            "Staf,01-01-2020,BKPSDM,S1,2019,RX\n"
        )
    third = riwayat_cmd(database_url, *args, "--report", str(report))
    stdout, _ = third.communicate(timeout=120)
    assert third.returncode == 1
    problems = [orjson.loads(line) for line in report.read_bytes().splitlines()]
    assert [(p["line"], p["column"], p["code"]) for p in problems] == [(ROWS + 2, "nama", "INVALID_INPUT")]
    assert tuple(await enrolled(store, ctx.tenant)) == (ROWS, ROWS)
