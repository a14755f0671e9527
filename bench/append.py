"""Append throughput of the event store, with raw asyncpg inserts measured in the same run as the baseline.

    python -m bench.append [--events 2000] [--rounds 3]

Figures (events/s, medians of the rounds):
- raw asyncpg: one INSERT per transaction into a plain table, sequential and 32 concurrent connections;
- store: one `TrainingCompleted` per append (head lock, version check, hash chain),
  sequential and 32 concurrent.
"""

from __future__ import annotations

import argparse
import asyncio
import uuid
from datetime import date

from bench.common import bench_database, median, rate
from riwayat.domain.employee import Employee
from riwayat.domain.values import Decree
from riwayat.infra import event_loop
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import TenantRegistry

META = {"actor": "bench", "roles": ["hr"], "request_id": "bench"}


def _employee(i: int) -> Employee:
    return Employee.hire(
        nip=f"19860926201505{1 if i % 2 == 0 else 2}{(i % 999) + 1:03d}",
        name=f"Pegawai {i}",
        gender="MALE" if i % 2 == 0 else "FEMALE",
        birth_date=date(1986, 9, 26),
        employment_type="PNS",
        rank="III/a",
        position="Pelaksana",
        unit_id=uuid.uuid4(),
        effective_on=date(2015, 5, 1),
        decree=Decree("SK-1", date(2015, 4, 1)),
    )


async def raw_inserts(pool, table: str, count: int, clients: int) -> None:
    async def client(n: int) -> None:
        async with pool.acquire() as con:
            for _ in range(n):
                async with con.transaction():
                    await con.execute(f"INSERT INTO {table} (data) VALUES ($1)", {"hours": 2})

    await asyncio.gather(*(client(count // clients) for _ in range(clients)))


async def store_appends(
    store: EventStore, tenant, employees: list[Employee], count: int, clients: int
) -> None:
    async def client(employee: Employee, n: int) -> None:
        for _ in range(n):
            employee.record_training("Pelatihan", "E_LEARNING", 2, date(2024, 3, 1))
            await store.append(tenant, employee.collect_events(), metadata=META)

    await asyncio.gather(*(client(employees[i], count // clients) for i in range(clients)))


async def main(events: int, rounds: int) -> None:
    async with bench_database() as db:
        pool = await db.pool()
        await pool.execute("CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, data jsonb)")
        store = EventStore(db)
        results: dict[str, list[float]] = {}
        for _ in range(rounds):
            tenant = await TenantRegistry(db).create(f"bench{uuid.uuid4().hex[:8]}", "Bench")
            employees = [_employee(i) for i in range(32)]
            for e in employees:
                await store.append(tenant, e.collect_events(), metadata=META)
            for clients in (1, 32):
                n = events - events % clients
                raw = await rate(n, lambda c=clients, n=n: raw_inserts(pool, "bench_raw", n, c))
                ours = await rate(
                    n, lambda c=clients, n=n, t=tenant, e=employees: store_appends(store, t, e, n, c)
                )
                results.setdefault(f"raw asyncpg, {clients} client(s)", []).append(raw)
                results.setdefault(f"event store, {clients} client(s)", []).append(ours)
        print(f"{'measure':<32} {'events/s':>10}")
        for name, values in results.items():
            print(f"{name:<32} {median(values):>10,.0f}")
        for clients in (1, 32):
            ratio = median(results[f"event store, {clients} client(s)"]) / median(
                results[f"raw asyncpg, {clients} client(s)"]
            )
            print(f"ratio store/raw, {clients} client(s): {ratio:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    event_loop.run(main(args.events, args.rounds))
