"""Commands on ONE stream (issue 21.5): 32 clients recording trainings on the same employee, without
`expectedVersion`, against the same clients each on its own employee measured in the same run as the
baseline. No command may be refused: a client that did not ask for a version check never sees a conflict.

    python -m bench.hot_stream [--commands 6400] [--clients 32] [--rounds 3]

Through `Application.record_training` with inline projections, group commit on, one tenant. "two workers"
splits the hot clients over two applications with their own stores (two processes' worth of caches,
stream lines and committers on one database): their commands do conflict at the append and are re-run.
The machine is shared (2 cores, other jobs): figures are noisy, compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from datetime import date

from bench.common import bench_database, median
from riwayat.application import Application, CommandContext
from riwayat.domain.values import Decree
from riwayat.infra import event_loop
from riwayat.infra.codec import EventCodec
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import TenantRegistry
from riwayat.projections.registry import make_projector, provision


def _store(db) -> EventStore:
    codec = EventCodec()
    store = EventStore(db, codec, projector=make_projector(codec))
    return store


async def _setup(db, employees: int) -> tuple[Application, CommandContext, list[uuid.UUID]]:
    tenant = await TenantRegistry(db, [provision]).create(f"hot{uuid.uuid4().hex[:8]}", "Bench")
    app = Application(_store(db))
    ctx = CommandContext(tenant=tenant, actor="bench", roles=("hr",), request_id="bench")
    unit = (await app.establish_org_unit(ctx, code="BKPSDM", name="BKPSDM")).stream_id
    ids = []
    for i in range(employees):
        result = await app.hire_employee(
            ctx, nip=f"19860926201505{1 + i % 2}{i + 1:03d}", name=f"Pegawai {i}",
            gender="MALE" if i % 2 == 0 else "FEMALE", birth_date=date(1986, 9, 26), employment_type="PNS",
            rank="III/a", position="Pelaksana", unit_id=unit, effective_on=date(2015, 5, 1),
            decree=Decree("SK-1", date(2015, 4, 1)),
        )  # fmt: skip
        ids.append(result.stream_id)
    return app, ctx, ids


async def measure(db, commands: int, clients: int, mode: str) -> tuple[float, float, int]:
    """(commands/s, p99 latency in ms, commands refused) for `mode`: spread | hot | two workers."""
    app, ctx, ids = await _setup(db, clients if mode == "spread" else 1)
    apps = [app, Application(_store(db))] if mode == "two workers" else [app]
    latencies: list[float] = []
    refused = 0

    async def client(c: int, n: int) -> None:
        nonlocal refused
        worker, employee_id = apps[c % len(apps)], ids[c % len(ids)]
        for k in range(n):
            started = time.perf_counter()
            try:
                await worker.record_training(
                    ctx, employee_id=employee_id, title=f"Pelatihan {k}", kind="E_LEARNING", hours=2,
                    completed_on=date(2024, 3, 1),
                )  # fmt: skip
            except Exception as error:  # noqa: BLE001 — a refusal is what this bench counts
                refused += 1
                if refused == 1:
                    print(f"{mode}: first refusal after {time.perf_counter() - started:.1f} s: {error!r}")
            latencies.append(time.perf_counter() - started)

    per_client = commands // clients
    start = time.perf_counter()
    await asyncio.gather(*(client(c, per_client) for c in range(clients)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return per_client * clients / elapsed, latencies[int(len(latencies) * 0.99)] * 1000, refused


async def main(commands: int, clients: int, rounds: int) -> dict[str, tuple[float, float, int]]:
    """Prints the figures; returns the medians (rate, p99) and the total refusals by measure."""
    modes = {
        f"spread: {clients} employees (baseline)": "spread",
        "hot: one employee": "hot",
        "hot: one employee, two workers": "two workers",
    }
    async with bench_database() as db:
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in modes}
        for _ in range(rounds):
            for name, mode in modes.items():
                runs[name].append(await measure(db, commands, clients, mode))
    figures = {
        name: (median([r[0] for r in rs]), median([r[1] for r in rs]), sum(r[2] for r in rs))
        for name, rs in runs.items()
    }
    base = next(iter(figures.values()))[0]
    total = commands // clients * clients
    print(f"{clients} clients, {total:,} recordTraining per round, {rounds} rounds (medians)")
    print(f"{'measure':<40} {'commands/s':>10} {'× baseline':>11} {'p99 ms':>8} {'refused':>8}")
    for name, (rate, p99, refused) in figures.items():
        print(f"{name:<40} {rate:>10,.0f} {rate / base:>10.2f}× {p99:>8.1f} {refused:>8}")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=6400)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    event_loop.run(main(args.commands, args.clients, args.rounds))
