"""Projection rebuild throughput, with the raw asyncpg read-and-decode rate of the same events as baseline.

    python -m bench.rebuild [--events 1000000] [--rounds 3]

Generates one tenant through the store's append path (domain aggregates, 500 events per append, careers of
many employees interleaved: hire, probation, trainings, appraisals, promotions), then measures, as medians
of the rounds (events/s):
- raw asyncpg: keyset pages of every event column, `data` decoded with orjson (no codecs, no domain);
- store read + domain decode: `store.iter_events` + `store.decode` into domain events (a reference: the
  rebuild no longer does this, its handlers read the stored data);
- full rebuild of every projection (`riwayat.projections.rebuild.rebuild`), swap included.
Uses DATABASE_URL if set, else an embedded PostgreSQL in a temp dir.
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from collections.abc import Iterator
from datetime import date

import asyncpg
import orjson

from bench.common import bench_database, median, rate
from riwayat.domain.checks import add_years
from riwayat.domain.employee import Employee
from riwayat.domain.rank import Rank
from riwayat.domain.values import Decree
from riwayat.infra import event_loop
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant, TenantRegistry
from riwayat.projections.rebuild import rebuild
from riwayat.projections.registry import projection_status, provision

META = {"actor": "bench", "roles": ["hr"], "request_id": "bench"}
DECREE = Decree("800/BKPSDM", date(2010, 1, 1))
APPRAISER = "197001011995031002"
RATINGS = ("ABOVE", "MEETS", "MEETS", "MEETS", "BELOW")
BATCH = 500


def career(i: int, rng: random.Random, units: list[uuid.UUID]) -> list:
    """One employee's events, from appointment to 2025 (about 30–60 events)."""
    tmt = date(rng.randint(2008, 2020), rng.randint(1, 12), 1)
    born = date(rng.randint(1965, 1985), rng.randint(1, 12), rng.randint(1, 28))
    sex = 1 + i % 2
    e = Employee.hire(
        nip=f"{born:%Y%m%d}{tmt:%Y%m}{sex}{i % 999 + 1:03d}", name=f"Pegawai {i:07d}",
        gender="MALE" if sex == 1 else "FEMALE", birth_date=born, employment_type="PNS", rank="II/a",
        position="Pelaksana", unit_id=rng.choice(units), effective_on=tmt, decree=DECREE,
    )  # fmt: skip
    e.complete_probation(add_years(tmt, 1), DECREE)
    for year in range(tmt.year, 2026):
        for _ in range(rng.randint(1, 4)):
            day = max(tmt, date(year, rng.randint(1, 12), 15))
            e.record_training("Bimtek", "WORKSHOP", rng.choice((2, 4, 8, 16)), day)
        if year > tmt.year:
            e.record_appraisal(year - 1, rng.choice(RATINGS), rng.choice(RATINGS), APPRAISER)
        following = Rank.parse(e.rank).next()
        if year >= e.rank_since.year + 4 and following is not None:
            e.promote(following.code, date(year, 4, 1), DECREE)
    return e.collect_events()


def interleaved(events: int, seed: int = 1) -> Iterator[list]:
    """Batches of BATCH events: cohorts of 50 careers merged round-robin (each stream stays in order)."""
    rng, units, n, emitted, batch = random.Random(seed), [uuid.uuid4() for _ in range(40)], 0, 0, []
    while emitted < events:
        cohort = [career(n + k, rng, units) for k in range(50)]
        n += 50
        while any(cohort) and emitted < events:
            for stream in cohort:
                if stream and emitted < events:
                    batch.append(stream.pop(0))
                    emitted += 1
                    if len(batch) == BATCH:
                        yield batch
                        batch = []
    if batch:
        yield batch


async def generate(store: EventStore, tenant: Tenant, events: int) -> float:
    start = time.perf_counter()
    for batch in interleaved(events):
        await store.append(tenant, batch, metadata=META)
    return events / (time.perf_counter() - start)


async def raw_read(url: str, schema: str) -> int:
    """The baseline: every event row in keyset pages, its jsonb decoded with orjson; nothing else."""
    con = await asyncpg.connect(url)
    try:
        after, count = 0, 0
        query = (
            "SELECT position, stream_id, stream_type, version, topic, data::text, metadata::text,"
            f" recorded_at, effective_on, hash FROM {schema}.events"
            " WHERE position > $1 ORDER BY position LIMIT 5000"
        )
        while rows := await con.fetch(query, after):
            for row in rows:
                orjson.loads(row[5])
                orjson.loads(row[6])
            count += len(rows)
            after = rows[-1][0]
        return count
    finally:
        await con.close()


async def store_decode(store: EventStore, tenant: Tenant) -> None:
    async for page in store.iter_events(tenant):
        for rec in page:
            store.decode(rec)


async def main(events: int, rounds: int) -> tuple[float, float]:
    """Prints the figures; returns (rebuild events/s, raw read-and-decode events/s)."""
    async with bench_database() as db:
        registry = TenantRegistry(db, [provision])
        tenant = await registry.create(f"bench_{uuid.uuid4().hex[:8]}", "Bench")
        store = EventStore(db)  # no inline projector: the rebuild fills the read models
        print(f"generating {events:,} events through store.append ({BATCH} per append) …", flush=True)
        print(f"  appended at {await generate(store, tenant, events):,.0f} events/s")
        url = db.url
        raw, decoded, rebuilt = [], [], []
        for _ in range(rounds):
            raw.append(await rate(events, lambda: raw_read(url, tenant.schema)))
            decoded.append(await rate(events, lambda: store_decode(store, tenant)))
            rebuilt.append(await rate(events, lambda: rebuild(store, tenant)))
        pool = await db.pool_for_tenant(tenant.slug)
        assert {s.lag for s in await projection_status(pool, tenant.schema)} == {0}
        rows = await pool.fetchval(f"SELECT count(*) FROM {tenant.schema}.employees")
        print(f"events {events:,} ({rows:,} employees), rounds {rounds}, medians in events/s:")
        print(f"  raw asyncpg read + orjson decode: {median(raw):>10,.0f}")
        print(f"  store read + domain decode:       {median(decoded):>10,.0f}")
        print(f"  full rebuild (all projections):   {median(rebuilt):>10,.0f}")
        print(f"  rebuild / raw baseline: {median(rebuilt) / median(raw):.2f}")
        return median(rebuilt), median(raw)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    event_loop.run(main(args.events, args.rounds))
