"""Commands per second through the application service, against the eventsourcing library's own PostgreSQL
persistence measured in the same run as the baseline.

    python -m bench.commands [--commands 12800] [--clients 32] [--rounds 3]

Ours: `Application.record_training` from 32 concurrent clients on one tenant (each on its own employee):
load (cached state + tail), rules, append with group commit, hash chain, inline projections when wired.
Baseline: eventsourcing's `Application.save` with `PERSISTENCE_MODULE=eventsourcing.postgres` (psycopg, one
transaction per save), the same `TrainingCompleted` events, from 8 threads (its best here).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlparse

from bench.common import bench_database, median
from riwayat.application import Application, CommandContext
from riwayat.domain.employee import Employee
from riwayat.domain.values import Decree
from riwayat.infra import event_loop
from riwayat.infra.codec import DateAsISO, DecreeAsDict, EventCodec
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import TenantRegistry


async def prepare(db, clients: int, with_projections: bool, prefix: str = "cmd") -> tuple[Any, ...]:
    """A new tenant with one unit and `clients` hired PNS: (store, application, context, employee ids)."""
    codec, projector, provisioners = EventCodec(), None, []
    if with_projections:
        from riwayat.projections.registry import make_projector, provision

        projector, provisioners = make_projector(codec), [provision]
    store = EventStore(db, codec, projector=projector)
    tenant = await TenantRegistry(db, provisioners).create(f"{prefix}{uuid.uuid4().hex[:8]}", "Bench")
    app = Application(store)
    ctx = CommandContext(tenant=tenant, actor="bench", roles=("hr",), request_id="bench")
    unit = (await app.establish_org_unit(ctx, code="BKPSDM", name="BKPSDM")).stream_id
    employees = []
    for i in range(clients):
        result = await app.hire_employee(
            ctx, nip=f"19860926201505{1 + i % 2}{i + 1:03d}", name=f"Pegawai {i}",
            gender="MALE" if i % 2 == 0 else "FEMALE", birth_date=date(1986, 9, 26), employment_type="PNS",
            rank="III/a", position="Pelaksana", unit_id=unit, effective_on=date(2015, 5, 1),
            decree=Decree("SK-1", date(2015, 4, 1)),
        )  # fmt: skip
        employees.append(result.stream_id)
    return store, app, ctx, employees


async def trainings(app: Application, ctx: CommandContext, employee_id: uuid.UUID, n: int) -> None:
    """One client: `n` recordTraining commands on its employee, one after another."""
    for k in range(n):
        await app.record_training(
            ctx, employee_id=employee_id, title=f"Pelatihan {k}", kind="E_LEARNING", hours=2,
            completed_on=date(2024, 3, 1),
        )  # fmt: skip


async def ours(db, commands: int, clients: int, with_projections: bool) -> float:
    _, app, ctx, employees = await prepare(db, clients, with_projections)

    async def client(employee_id: uuid.UUID, n: int) -> None:
        await trainings(app, ctx, employee_id, n)

    start = time.perf_counter()
    await asyncio.gather(*(client(e, commands // clients) for e in employees))
    return (commands // clients * clients) / (time.perf_counter() - start)


def eventsourcing_baseline(url: str, commands: int, threads: int = 8) -> float:
    from eventsourcing.application import Application as EsApplication

    parsed = urlparse(url)
    host = parse_qs(parsed.query).get("host", [parsed.hostname or "127.0.0.1"])[0]
    schema = f"es_{uuid.uuid4().hex[:8]}"
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": parsed.path.lstrip("/") or "postgres",
        "POSTGRES_HOST": host,
        "POSTGRES_PORT": str(parsed.port or 5432),
        "POSTGRES_USER": parsed.username or "postgres",
        "POSTGRES_PASSWORD": parsed.password or "unused",
        "POSTGRES_SCHEMA": schema,
        "POSTGRES_POOL_SIZE": str(threads),
        "CREATE_TABLE": "y",
    }
    import psycopg

    with psycopg.connect(
        host=host,
        dbname=env["POSTGRES_DBNAME"],
        user=env["POSTGRES_USER"],
        port=env["POSTGRES_PORT"],
        autocommit=True,
    ) as con:  # noqa: E501
        con.execute(f"CREATE SCHEMA {schema}")

    class EsApp(EsApplication):
        def register_transcodings(self, transcoder) -> None:  # the same transcodings as ours
            super().register_transcodings(transcoder)
            transcoder.register(DateAsISO())
            transcoder.register(DecreeAsDict())

    es = EsApp(env=env)
    employees = []
    for i in range(threads):
        employee = Employee.hire(
            nip=f"19860926201505{1 + i % 2}{i + 1:03d}", name=f"Pegawai {i}",
            gender="MALE" if i % 2 == 0 else "FEMALE", birth_date=date(1986, 9, 26), employment_type="PNS",
            rank="III/a", position="Pelaksana", unit_id=uuid.uuid4(), effective_on=date(2015, 5, 1),
            decree=Decree("SK-1", date(2015, 4, 1)),
        )  # fmt: skip
        es.save(employee)
        employees.append(employee)

    def client(employee: Employee, n: int) -> None:
        for k in range(n):
            employee.record_training(f"Pelatihan {k}", "E_LEARNING", 2, date(2024, 3, 1))
            es.save(employee)

    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda e: client(e, commands // threads), employees))
    return (commands // threads * threads) / (time.perf_counter() - start)


async def main(commands: int, clients: int, rounds: int) -> dict[str, float]:
    """Prints the figures; returns the medians by measure."""
    async with bench_database() as db:
        rows = {"riwayat, no projections": [], "riwayat, inline projections": [], "eventsourcing save": []}
        for _ in range(rounds):
            rows["riwayat, no projections"].append(await ours(db, commands, clients, with_projections=False))
            rows["riwayat, inline projections"].append(
                await ours(db, commands, clients, with_projections=True)
            )
            rows["eventsourcing save"].append(
                await asyncio.to_thread(eventsourcing_baseline, db.url, min(commands, 3000))
            )
        base = median(rows["eventsourcing save"])
        print(f"{'measure':<32} {'events/s':>10} {'× baseline':>11}")
        for name, values in rows.items():
            print(f"{name:<32} {median(values):>10,.0f} {median(values) / base:>10.1f}×")
        return {name: median(values) for name, values in rows.items()}


def workload_options(description: str | None) -> argparse.ArgumentParser:
    """The options of every bench that runs this workload (`--commands`, `--clients`, `--rounds`); the
    caller adds its own, parses, and runs under a fixed hash seed (set here) so runs compare."""
    os.environ.setdefault("PYTHONHASHSEED", "0")
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--commands", type=int, default=12800)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    return parser


if __name__ == "__main__":
    args = workload_options(__doc__).parse_args()
    event_loop.run(main(args.commands, args.clients, args.rounds))
