"""Appends of ONE tenant served by 1, 2, 4 worker processes (issue 20.2): events/s of each, measured in one
run, with the 1-worker figure as the baseline.

    python -m bench.workers [--workers 1,2,4] [--commands 9600] [--clients 32] [--rounds 3] [--handoff on]

Each worker is a process of its own with its own `Database` pool, `EventStore` (committers) and
`Application` (caches), as `riwayat serve --workers N` makes them; its clients are in-process coroutines
calling `Application.record_training` (each on its own employee, inline projections wired), so that the
clients cost no more than the application's own work: the 2 cores are shared by the clients, the workers
and PostgreSQL, and an HTTP client would measure itself. The `--clients` are split over the workers, the
same total for every N; each worker warms its caches (one training per employee) before a common start.
`--handoff off` lets every worker write its own batches (as before issue 20.2).

Beside events/s: the CPU time per event of the workers (os.times, counted until every worker is done, so a
writer's work for the others is in it) and of PostgreSQL's processes (/proc), less noisy than the wall
clock on a shared machine, how many batches (tries) each worker wrote itself and how many commands they
held, and the context switches of each worker per event (two cores shared by 2–4 workers and PostgreSQL:
each switch costs cold caches besides its own time).
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
from riwayat.infra import event_loop


async def _worker(url: str, slug: str, employees: list[uuid.UUID], n: int, handoff: bool, sync, out) -> None:
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
    sizes: list[int] = []

    async def observe(attempt) -> None:  # the batches this worker wrote itself
        sizes.append(attempt.size)

    store = EventStore(db, codec, projector=make_projector(codec), handoff=handoff, observer=observe)
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
    await asyncio.to_thread(sync.wait)  # start
    began, cpu, switches = time.perf_counter(), os.times(), _switches()
    sizes.clear()
    await asyncio.gather(*(client(e, n) for e in employees))
    out.put((began, time.perf_counter(), n * len(employees)))
    await asyncio.to_thread(sync.wait)  # every worker is done (a writer may have written for the others)
    used = os.times()
    out.put((used.user - cpu.user + used.system - cpu.system, len(sizes), sum(sizes), _switches() - switches))
    await asyncio.to_thread(sync.wait)
    await store.close()
    await db.close()


def _switches() -> int:
    """This process's context switches so far, voluntary and not (/proc)."""
    with open("/proc/self/status") as status:
        return sum(int(line.split()[1]) for line in status if "ctxt_switches" in line)


def _run_worker(*args) -> None:
    event_loop.run(_worker(*args))


async def postgres_cpu(db) -> dict[str, float]:
    """CPU seconds used so far by each process of the bench's PostgreSQL server (their /proc stat; the
    machine may run other servers)."""
    pool = await db.pool()
    pids = [str(r["pid"]) for r in await pool.fetch("SELECT pid FROM pg_stat_activity")]
    found, tick = {}, os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                name, _, rest = stat.read().rpartition(")")
        except OSError:
            continue
        fields = rest.split()
        found[pid] = (int(fields[11]) + int(fields[12])) / tick
    return found


async def measure(db, workers: int, commands: int, clients: int, handoff: bool) -> dict[str, float]:
    """events/s over all workers, worker and PostgreSQL CPU µs per event, for one fresh tenant."""
    _, _, ctx, employees = await prepare(db, clients, with_projections=True, prefix="wrk")
    spawn = multiprocessing.get_context("spawn")
    sync, out = spawn.Barrier(workers + 1), spawn.Queue()
    procs = [
        spawn.Process(
            target=_run_worker,
            args=(db.url, ctx.tenant.slug, employees[w::workers], commands // clients, handoff, sync, out),
        )
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    await asyncio.to_thread(sync.wait)
    pg_before = await postgres_cpu(db)
    timings = [await asyncio.to_thread(out.get, True, 600) for _ in procs]
    await asyncio.to_thread(sync.wait)
    pg_after = await postgres_cpu(db)
    used = [await asyncio.to_thread(out.get, True, 60) for _ in procs]
    await asyncio.to_thread(sync.wait)
    for p in procs:
        await asyncio.to_thread(p.join, 60)
    total = sum(t[2] for t in timings)
    pg = sum(cpu - pg_before.get(pid, 0.0) for pid, cpu in pg_after.items())
    return {
        "rate": total / (max(t[1] for t in timings) - min(t[0] for t in timings)),
        "worker_us": sum(u[0] for u in used) / total * 1e6,
        "pg_us": pg / total * 1e6,
        "tries": [u[1] for u in used],
        "each_us": [round(u[0] / total * 1e6) for u in used],
        "per_batch": [round(u[2] / u[1], 1) if u[1] else 0 for u in used],
        "switches": round(sum(u[3] for u in used) / total, 2),
    }


async def main(
    workers: list[int], commands: int, clients: int, rounds: int, handoff: bool
) -> dict[int, float]:
    async with bench_database() as db:
        runs: dict[int, list[dict]] = {w: [] for w in workers}
        for _ in range(rounds):
            for w in workers:  # interleaved, so that a noisy moment falls on every N alike
                run = await measure(db, w, commands, clients, handoff)
                runs[w].append(run)
                print(
                    f"  {w} worker(s): {run['rate']:,.0f} events/s; CPU per event: workers"
                    f" {run['worker_us']:.0f} µs, PostgreSQL {run['pg_us']:.0f} µs; batches written by"
                    f" each worker {run['tries']} (commands per batch {run['per_batch']}), CPU µs per"
                    f" event of each {run['each_us']}; context switches per event {run['switches']}",
                    flush=True,
                )
        rates = {w: median([r["rate"] for r in runs[w]]) for w in workers}
        base = rates[workers[0]]
        print(f"handoff {'on' if handoff else 'off'}, {clients} clients, {commands} commands, medians:")
        head = f"{'workers':<8} {'events/s':>10} {'× ' + str(workers[0]):>7}"
        print(f"{head} {'worker µs/ev':>13} {'pg µs/ev':>9}")
        for w in workers:
            worker_us = median([r["worker_us"] for r in runs[w]])
            pg_us = median([r["pg_us"] for r in runs[w]])
            print(f"{w:<8} {rates[w]:>10,.0f} {rates[w] / base:>6.2f}× {worker_us:>13.0f} {pg_us:>9.0f}")
        return rates


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--commands", type=int, default=9600)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--handoff", choices=("on", "off"), default="on", help="off: every worker writes")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    workers = [int(w) for w in args.workers.split(",")]
    event_loop.run(main(workers, args.commands, args.clients, args.rounds, args.handoff == "on"))
