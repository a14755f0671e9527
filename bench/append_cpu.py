"""Python CPU per appended command, the figure issue 20 point 3 is about, measured as CPU time of this
process (not wall time), so that it compares across runs on a shared, loaded machine.

    python -m bench.append_cpu [--commands 12800] [--clients 32] [--rounds 3] [--no-projections]
    RIWAYAT_EVENT_LOOP=asyncio python -m bench.append_cpu   # the standard loop, as the figures before round 7

The same commands as `bench.commands` (`Application.record_training` from 32 concurrent clients on one
tenant); prints, per round, events/s (wall) and µs of Python CPU per command over the timed section
(`os.times` of this process, user + system: PostgreSQL runs in its own processes and is not counted; its
CPU per command is printed beside it, from /proc, over every `postgres` process of the machine).
Run it under `py-spy record` or `valgrind --tool=callgrind` to see where that time goes.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid

from bench.commands import prepare, trainings, workload_options
from bench.common import bench_database, median, processes
from riwayat.infra import event_loop


async def one_round(db, commands: int, clients: int, with_projections: bool) -> tuple[float, ...]:
    """(events/s, µs of user and of system CPU per command, commands per batch) for one round on a new
    tenant."""
    _, app, ctx, employees = await prepare(db, clients, with_projections, prefix="cpu")
    tenant = ctx.tenant

    async def client(employee_id: uuid.UUID, n: int) -> None:
        await trainings(app, ctx, employee_id, n)

    per_client = commands // clients
    server, before, start = server_cpu(), os.times(), time.perf_counter()
    await asyncio.gather(*(client(e, per_client) for e in employees))
    wall, after, server = time.perf_counter() - start, os.times(), server_cpu() - server
    n = per_client * clients
    pool = await db.pool_for_tenant(tenant.slug)
    batches = await pool.fetchval(f"SELECT count(DISTINCT recorded_at) FROM {tenant.schema}.events")
    cpu = (after.user - before.user) / n * 1e6, (after.system - before.system) / n * 1e6
    return n / wall, *cpu, n / batches, server / n * 1e6  # a batch's events share one timestamp


def server_cpu() -> float:
    """CPU seconds of every `postgres` process on this machine (the bench's server, and any other's: on
    a shared machine a rough figure), children that exited included (their parent's cutime)."""
    ticks = sum(sum(cpu) for _, name, _, cpu in processes() if name.startswith("postgres"))
    return ticks / os.sysconf("SC_CLK_TCK")


async def main(commands: int, clients: int, rounds: int, with_projections: bool) -> float:
    """Prints each round and the median; returns the median µs of Python CPU per command."""
    async with bench_database() as db:
        await one_round(db, clients * 10, clients, with_projections)  # warm-up: imports, plans, caches
        cpus = []
        for n in range(rounds):
            rate, user, system, size, server = await one_round(db, commands, clients, with_projections)
            cpus.append(user + system)
            pg = f"{server:.1f} µs" if server >= 0 else "n/a (a server process ended)"
            print(
                f"round {n + 1}: {rate:>8,.0f} events/s  {user + system:6.1f} µs Python CPU per command"
                f" ({user:.1f} user + {system:.1f} system), {size:.1f} commands per batch;"
                f" PostgreSQL {pg} per command"
            )
        print(f"median: {median(cpus):.1f} µs Python CPU per command (projections: {with_projections})")
        return median(cpus)


if __name__ == "__main__":
    parser = workload_options(__doc__)
    parser.add_argument("--no-projections", action="store_true")
    args = parser.parse_args()
    event_loop.run(main(args.commands, args.clients, args.rounds, not args.no_projections))
