"""PostgreSQL's CPU per appended command, two ways that a shared, loaded machine disturbs less than
events/s:

    python -m bench.pg_cpu [--commands 6400] [--clients 32] [--rounds 3] [--replays 200] [--explain FILE]

1. Per round of `bench.commands`' workload (`Application.record_training` from 32 clients, inline
   projections): CPU of THIS bench's server only (the postmaster and its children, from /proc; other
   helpers' servers are not counted, as `bench.append_cpu` counts them), per command.
2. Replayed: one real batch's statement (the one-statement append with its inline parts, caught in an
   extra round after the timed ones, before it is sent), run `--replays` times as BEGIN; statement;
   ROLLBACK on a connection of its own, on the tenant as it was; the backend's CPU time
   (/proc/<pid>/schedstat, in ns) per replay and per command of the batch. No fsync, no wake-ups of
   the group commit: the statement's own work. `--explain FILE` writes its EXPLAIN (ANALYZE, BUFFERS) there.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time

from bench.commands import prepare, trainings
from bench.common import bench_database, median
from riwayat.infra import event_loop
from riwayat.infra.ledger import attempts, packed, statements

_caught: dict = {}
SETTINGS: list[str] = []
PERF: str | None = None


def _cpu_of(pids: list[int]) -> float:
    """CPU seconds (user + system, exited children included) of the processes `pids`."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        total += sum(int(v) for v in fields[11:15])
    return total / os.sysconf("SC_CLK_TCK")


def _server_pids(postmaster: int) -> list[int]:
    pids = [postmaster]
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == postmaster:
                pids.append(int(name))
    return pids


def _run_ns(pid: int) -> int:
    with open(f"/proc/{pid}/schedstat") as f:
        return int(f.read().split()[0])


async def _postmaster(pool) -> int:
    pid = await pool.fetchval("SELECT pg_backend_pid()")
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def _catch(db, replays: int, explain: str | None, after: int):
    """Wraps `attempts.on_head`: the `after`-th batch of 12 commands or more is replayed first."""
    real = attempts.on_head
    seen = [0]

    async def on_head(session, schema, planned, requests):
        if "done" not in _caught and len(requests) >= 12 and session.tx is None:
            seen[0] += 1
            if seen[0] >= after:
                _caught["done"] = True
                statement = packed.write_on_head(
                    schema, planned.head, planned.expected, requests, planned.chained, planned.inline,
                    planned.rows,
                ) or statements.write_on_head(
                    schema, planned.head, planned.expected, requests, planned.chained, planned.inline
                )  # fmt: skip
                _caught["result"] = await _replay(session.pool, statement, len(requests), replays, explain)
        return await real(session, schema, planned, requests)

    attempts.on_head = on_head


async def _replay(pool, statement, commands: int, replays: int, explain: str | None) -> tuple[float, ...]:
    sql, args = statement
    async with pool.acquire() as con:
        pid = await con.fetchval("SELECT pg_backend_pid()")
        for setting in SETTINGS:  # e.g. plan_cache_mode=force_generic_plan, for comparison
            name, value = setting.split("=", 1)
            await con.execute("SELECT set_config($1, $2, false)", name, value)
        for _ in range(10):  # plans, caches
            await con.execute("BEGIN")
            assert (await con.fetchrow(sql, *args))["written"]
            await con.execute("ROLLBACK")
        times = []
        perf = None
        if PERF:
            import subprocess

            record = ["perf", "record", "-F", "2000", "--call-graph", "dwarf,16384", "-o", PERF]
            record += ["-p", str(pid)]
            perf = subprocess.Popen(record)
            await asyncio.sleep(0.5)
        for _ in range(replays):
            before = _run_ns(pid)
            await con.execute("BEGIN")
            await con.fetchrow(sql, *args)
            await con.execute("ROLLBACK")
            times.append(_run_ns(pid) - before)
        if perf is not None:
            perf.send_signal(2)
            perf.wait()
        if explain:
            await con.execute("BEGIN")
            plan = await con.fetch("EXPLAIN (ANALYZE, BUFFERS, VERBOSE) " + sql, *args)
            await con.execute("ROLLBACK")
            with open(explain, "w") as f:
                f.write(sql + "\n\n" + "\n".join(r[0] for r in plan) + "\n")
    per = median(times) / 1e3
    return per, per / commands, commands


async def one_round(db, commands: int, clients: int, postmaster_box: list) -> tuple[float, float, float]:
    _, app, ctx, employees = await prepare(db, clients, True, prefix="pgc")
    pool = await db.pool_for_tenant(ctx.tenant.slug)
    if not postmaster_box:
        postmaster_box.append(await _postmaster(pool))
    pids = _server_pids(postmaster_box[0])
    per_client = commands // clients
    server, start = _cpu_of(pids), time.perf_counter()
    await asyncio.gather(*(trainings(app, ctx, e, per_client) for e in employees))
    wall = time.perf_counter() - start
    server = _cpu_of(_server_pids(postmaster_box[0])) - server
    n = per_client * clients
    batches = await pool.fetchval(f"SELECT count(DISTINCT recorded_at) FROM {ctx.tenant.schema}.events")
    return n / wall, server / n * 1e6, n / batches


async def main(commands: int, clients: int, rounds: int, replays: int, explain: str | None) -> None:
    async with bench_database() as db:
        box: list = []
        await one_round(db, clients * 10, clients, box)  # warm-up
        cpus = []
        for n in range(rounds):
            rate, server, size = await one_round(db, commands, clients, box)
            cpus.append(server)
            print(
                f"round {n + 1}: {rate:>8,.0f} events/s, this server's CPU {server:6.1f} µs per command,"
                f" {size:.1f} commands per batch"
            )
        if replays:
            real = attempts.on_head
            _catch(db, replays, explain, after=20)
            await one_round(db, clients * 40, clients, box)  # not timed: a batch of it is replayed
            attempts.on_head = real
            per, per_command, size = _caught["result"]
            print(
                f"replayed batch of {size} commands: {per:.0f} µs backend CPU per statement"
                f" = {per_command:.1f} µs per command (median of {replays})"
            )
        print(f"median: this server's CPU {median(cpus):.1f} µs per command; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commands", type=int, default=6400)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--replays", type=int, default=200)
    parser.add_argument("--explain")
    parser.add_argument("--set", action="append", default=[], help="name=value for the replaying session")
    parser.add_argument("--perf", help="perf record the replaying backend into this file")
    a = parser.parse_args()
    SETTINGS.extend(a.set)
    PERF = a.perf
    os.environ.setdefault("PYTHONHASHSEED", "0")
    event_loop.run(main(a.commands, a.clients, a.rounds, a.replays, a.explain))
