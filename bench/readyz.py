"""`GET /readyz` with many tenants, beside a plain `SELECT 1` round trip and the full migration listing
that every probe used to run, all measured in one run.

    python -m bench.readyz [--tenants 550] [--probes 300]

The app runs in-process (httpx's ASGI transport: no sockets), so the figures are the server's own work.
Creating the tenants is bounded (8 at a time; about a minute for 550 on the 2-core machine). The machine is
shared: figures are noisy; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import time
import uuid

import httpx

from bench.common import bench_database, bench_kek_file, median
from riwayat.app import create_app
from riwayat.infra import event_loop
from riwayat.infra.tenants import TenantRegistry
from riwayat.services import provisioners


async def timed(run, times: int) -> list[float]:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        await run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


async def main(tenants: int, probes: int) -> None:
    async with bench_database() as db:
        registry = TenantRegistry(db, provisioners())
        await registry.ensure_control()
        existing = len(await registry.list())
        gate = asyncio.Semaphore(8)
        prefix = uuid.uuid4().hex[:6]

        async def create(i: int) -> None:
            async with gate:
                await registry.create(f"r{prefix}_{i:04d}", f"Kabupaten {i}")

        started = time.perf_counter()
        await asyncio.gather(*(create(i) for i in range(max(0, tenants - existing))))
        count = len(await registry.list())
        print(f"{count} tenants ready in {time.perf_counter() - started:.1f} s")

        app = create_app(dataclasses.replace(db.settings, kek_file=bench_kek_file()))  # a server needs one
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

                async def probe() -> None:
                    response = await client.get("/readyz")
                    assert response.status_code == 200, response.text

                pool = await db.pool()

                async def select_one() -> None:
                    await pool.fetchval("SELECT 1")

                svc = app.state.services

                async def health() -> None:
                    assert (await client.get("/healthz")).status_code == 200

                async def full_listing() -> None:
                    await svc.tenants.pending_migrations()

                async def relisting() -> None:
                    await app.state.readiness.pending_migrations()

                # The first probes after start list every tenant once (cold cache); they answer 503 if
                # that takes longer than RIWAYAT_READYZ_TIMEOUT, and the listing goes on meanwhile.
                cold = time.perf_counter()
                while (await client.get("/readyz")).status_code != 200:
                    assert time.perf_counter() - cold < 120, "never ready"
                    await asyncio.sleep(0.05)
                print(f"first ready answer after {time.perf_counter() - cold:.2f} s (cold: one full listing)")
                full = await timed(full_listing, 5)
                relist = await timed(relisting, 5)
                baseline = await timed(select_one, probes)
                healthz = await timed(health, probes)
                readyz = await timed(probe, probes)
    print(f"SELECT 1 round trip (baseline)        median {median(baseline):8.2f} ms")
    print(f"GET /healthz (the HTTP path, no SQL)  median {median(healthz):8.2f} ms")
    print(
        f"GET /readyz, {count} tenants             median {median(readyz):8.2f} ms"
        f"   p95 {sorted(readyz)[int(len(readyz) * 0.95)]:.2f} ms"
        f"   = {median(readyz) / median(baseline):.1f}x SELECT 1"
    )
    print(
        f"full listing (what every probe ran)   median {median(full):8.2f} ms"
        f"   = {median(full) / median(readyz):.0f}x /readyz now"
    )
    print(
        f"listing after a change (now)          median {median(relist):8.2f} ms"
        f"   (a few statements per database instead of two per tenant)"
    )
    print(f"target: median /readyz < 20 ms -> {'met' if median(readyz) < 20 else 'NOT met'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tenants", type=int, default=550)
    parser.add_argument("--probes", type=int, default=300)
    args = parser.parse_args()
    event_loop.run(main(args.tenants, args.probes))
