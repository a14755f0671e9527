"""Appends of ONE tenant served by 1, 2, 4 worker processes (issue 20.2): events/s of each, measured in one
run, with the 1-worker figure as the baseline.

    python -m bench.workers [--workers 1,2,4] [--commands 9600] [--clients 32] [--rounds 3]

Each worker is a process of its own with its own `Database` pool, `EventStore` (committers) and
`Application` (caches), as `riwayat serve --workers N` makes them; its clients are in-process coroutines
calling `Application.record_training` (each on its own employee, inline projections wired), so that the
clients cost no more than the application's own work: the 2 cores are shared by the clients, the workers
and PostgreSQL, and an HTTP client would measure itself. The `--clients` are split over the workers, the
same total for every N; each worker warms its caches (one training per employee) before a common start.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import time
import uuid
from datetime import date

from bench.commands import prepare
from bench.common import bench_database, median


async def _worker(
    url: str, slug: str, employees: list[uuid.UUID], n: int, handoff: bool, start, out
) -> None:
    from riwayat.application import Application, CommandContext
    from riwayat.infra.codec import EventCodec
    from riwayat.infra.database import Database
    from riwayat.infra.ledger import EventStore
    from riwayat.infra.settings import Settings
    from riwayat.infra.tenants import TenantRegistry
    from riwayat.projections.registry import make_projector

    db = Database(Settings(database_url=url, pool_max=20))
    await db.start()
    codec = EventCodec()
    store = EventStore(db, codec, projector=make_projector(codec), handoff=handoff)
    app = Application(store)
    tenant = await TenantRegistry(db).require(slug)
    ctx = CommandContext(tenant=tenant, actor="bench", roles=("hr",), request_id="bench")

    async def client(employee_id: uuid.UUID, count: int) -> None:
        for k in range(count):
            await app.record_training(
                ctx, employee_id=employee_id, title=f"Pelatihan {k}", kind="E_LEARNING", hours=2,
                completed_on=date(2024, 3, 1),
            )  # fmt: skip

    await asyncio.gather(*(client(e, 1) for e in employees))  # warm: caches loaded, pool open
    await asyncio.to_thread(start.wait)
    began = time.perf_counter()
    cpu = os.times()
    await asyncio.gather(*(client(e, n) for e in employees))
    ended = time.perf_counter()
    used = os.times()
    out.put((began, ended, n * len(employees), used.user - cpu.user + used.system - cpu.system))
    await asyncio.to_thread(start.wait)  # every worker is done: no writer leaves while others forward
    await store.close()
    await db.close()


def _run_worker(*args) -> None:
    asyncio.run(_worker(*args))


async def measure(db, workers: int, commands: int, clients: int, handoff: bool) -> tuple[float, float]:
    """(events/s over all workers, worker CPU seconds per 1,000 events) for one fresh tenant."""
    store, _, ctx, employees = await prepare(db, clients, with_projections=True, prefix="wrk")
    ctx_spawn = multiprocessing.get_context("spawn")
    start, out = ctx_spawn.Barrier(workers + 1), ctx_spawn.Queue()
    per_client = commands // clients
    procs = [
        ctx_spawn.Process(
            target=_run_worker,
            args=(db.url, ctx.tenant.slug, employees[w::workers], per_client, handoff, start, out),
        )
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    await asyncio.to_thread(start.wait)
    results = [await asyncio.to_thread(out.get, True, 600) for _ in procs]
    await asyncio.to_thread(start.wait)
    for p in procs:
        await asyncio.to_thread(p.join, 60)
    began, ended = min(r[0] for r in results), max(r[1] for r in results)
    total = sum(r[2] for r in results)
    return total / (ended - began), sum(r[3] for r in results) / total * 1000


async def main(
    workers: list[int], commands: int, clients: int, rounds: int, handoff: bool
) -> dict[int, float]:
    async with bench_database() as db:
        rates: dict[int, list[float]] = {w: [] for w in workers}
        cpus: dict[int, list[float]] = {w: [] for w in workers}
        for _ in range(rounds):
            for w in workers:  # interleaved, so that a noisy moment falls on every N alike
                rate, cpu = await measure(db, w, commands, clients, handoff)
                rates[w].append(rate)
                cpus[w].append(cpu)
                print(f"  {w} worker(s): {rate:,.0f} events/s, {cpu * 1000:,.0f} µs worker CPU/event", flush=True)
        base = median(rates[workers[0]])
        print(f"{'workers':<10} {'events/s':>10} {'× 1st':>7} {'worker CPU µs/event':>20}")
        for w in workers:
            print(f"{w:<10} {median(rates[w]):>10,.0f} {median(rates[w]) / base:>6.2f}× {median(cpus[w]) * 1000:>20,.0f}")
        return {w: median(rates[w]) for w in workers}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--commands", type=int, default=9600)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--handoff", choices=("on", "off"), default="on", help="off: each worker writes alone")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    asyncio.run(main([int(w) for w in args.workers.split(",")], args.commands, args.clients, args.rounds,
                     args.handoff == "on"))
