"""Cost of personal-data encryption (issue 19): appends and a GraphQL read with it on and off, same run.

    python -m bench.privacy [--events 3200] [--requests 300] [--rounds 3]

- append, 32 concurrent clients, events/s: `Complaint.Filed` with a reporter's contact (the worst case:
  every event is a new subject, so a data key is made, wrapped and inserted) and `TrainingCompleted` (no
  personal field: the per-class decision only), each through an `EventStore` with `privacy` and without;
- GraphQL `auditLog(first: 50)` over 50 sealed complaints as an auditor, in-process ASGI, requests/s:
  decrypted (privacy on) against the same page left sealed (privacy off).
Rounds alternate on and off so that load on the shared machine hits both alike. On a loaded machine the
rates are noisy; the CPU figures are steadier: microseconds of CPU per event, of this process and of the
bench's own PostgreSQL (its postmaster's children, from /proc), summed.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from bench.append import META, _employee, store_appends
from bench.common import bench_database, median, rate
from riwayat.domain.complaint import Complaint
from riwayat.infra import event_loop
from riwayat.infra.auth import issue_token
from riwayat.infra.ledger import EventStore
from riwayat.infra.privacy import Privacy, generate_kek_file
from riwayat.infra.tenants import TenantRegistry
from riwayat.services import provisioners


def _complaint(i: int) -> Complaint:
    return Complaint.file(
        channel="WEB", category="PELAYANAN", description="Antrian terlalu lama", employee_id=None,
        unit_id=None, reporter_contact=f"0812-{i:04d}-{i % 9999:04d}", tracking_code=None, received_on=None,
        anonymous=False, confidential=False, lapor_ticket=None,
    )  # fmt: skip


async def filings(store: EventStore, tenant, count: int, clients: int) -> None:
    async def client(k: int) -> None:
        for i in range(count // clients):
            await store.append(tenant, _complaint(k * 100000 + i).collect_events(), metadata=META)

    await asyncio.gather(*(client(k) for k in range(clients)))


def _ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def postgres_cpu() -> float:
    """CPU seconds of the bench's PostgreSQL: every process whose parent's command line names the bench's
    data directory (other sessions' servers on the machine are not counted)."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rpartition(")")[2].split()[1])
            with open(f"/proc/{ppid}/cmdline", "rb") as f:
                if b"riwayat-bench-" not in f.read():
                    continue
            total += _ticks(int(entry))
        except (OSError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


async def cpu_per_event(count: int, run) -> float:
    """Microseconds of CPU (this process + the bench's PostgreSQL) per event."""
    before = time.process_time() + postgres_cpu()
    await run()
    return (time.process_time() + postgres_cpu() - before) / count * 1e6


async def appends(db, privacy: Privacy, events: int, rounds: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    registry = TenantRegistry(db, provisioners())
    for round_ in range(rounds):
        order = [("off", None), ("on", privacy)]
        for label, p in order if round_ % 2 == 0 else order[::-1]:
            store = EventStore(db, privacy=p)
            tenant = await registry.create(f"bench{uuid.uuid4().hex[:8]}", "Bench")
            employees = [_employee(i) for i in range(32)]
            for e in employees:
                await store.append(tenant, e.collect_events(), metadata=META)
            n = events - events % 32
            filed = await rate(n, lambda s=store, t=tenant, n=n: filings(s, t, n, 32))
            trained = await rate(n, lambda s=store, t=tenant, e=employees, n=n: store_appends(s, t, e, n, 32))
            results.setdefault(f"append Complaint.Filed, privacy {label}", []).append(filed)
            results.setdefault(f"append TrainingCompleted, privacy {label}", []).append(trained)
            cpu_filed = await cpu_per_event(n, lambda s=store, t=tenant, n=n: filings(s, t, n, 32))
            cpu_trained = await cpu_per_event(
                n, lambda s=store, t=tenant, e=employees, n=n: store_appends(s, t, e, n, 32)
            )
            results.setdefault(f"CPU µs/event Complaint.Filed, privacy {label}", []).append(cpu_filed)
            results.setdefault(f"CPU µs/event TrainingCompleted, privacy {label}", []).append(cpu_trained)
    return results


async def graphql(settings, requests: int, rounds: int) -> dict[str, list[float]]:
    from riwayat.app import create_app

    app = create_app(settings)
    results: dict[str, list[float]] = {}
    async with app.router.lifespan_context(app):
        svc = app.state.services
        tenant = await svc.tenants.create(f"bench{uuid.uuid4().hex[:8]}", "Bench")
        for i in range(50):
            await svc.store.append(tenant, _complaint(i).collect_events(), metadata=META)
        privacy = svc.store.privacy
        bearer = issue_token(settings, tenant=tenant.slug, roles=["auditor"], subject="bench", ttl=3600)
        query = {"query": "{ auditLog(first: 50) { edges { node { type data hash } } } }"}
        headers = {"Authorization": f"Bearer {bearer}"}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

            async def run() -> None:
                for _ in range(requests):
                    response = await client.post("/graphql", json=query, headers=headers)
                    assert response.status_code == 200 and "errors" not in response.json(), response.text

            for _ in range(rounds):
                for label, p in (("off (sealed)", None), ("on (decrypted)", privacy)):
                    svc.store.privacy = p
                    results.setdefault(f"GraphQL auditLog(first: 50), privacy {label}", []).append(
                        await rate(requests, run)
                    )
        svc.store.privacy = privacy
    return results


async def main(events: int, requests: int, rounds: int) -> None:
    kek_file = Path(tempfile.mkdtemp(prefix="riwayat-bench-kek-")) / "kek.key"
    kek = generate_kek_file(kek_file)
    async with bench_database() as db:
        results = await appends(db, Privacy(db, kek), events, rounds)
        settings = dataclasses.replace(
            db.settings, kek_file=kek_file, jwt_secret="bench-secret-" + "x" * 32, response_cache=False
        )
        results |= await graphql(settings, requests, rounds)
    print(f"{'measure':<52} {'per s':>10}")
    for name, values in results.items():
        print(f"{name:<52} {median(values):>10,.0f}")
    for what in (
        "append Complaint.Filed", "append TrainingCompleted",
        "CPU µs/event Complaint.Filed", "CPU µs/event TrainingCompleted",
    ):  # fmt: skip
        on, off = median(results[f"{what}, privacy on"]), median(results[f"{what}, privacy off"])
        print(f"{what}: on/off = {on / off:.3f}")
    on = median(results["GraphQL auditLog(first: 50), privacy on (decrypted)"])
    off = median(results["GraphQL auditLog(first: 50), privacy off (sealed)"])
    print(f"GraphQL auditLog: on/off = {on / off:.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=3200)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    event_loop.run(main(args.events, args.requests, args.rounds))
