"""Batches that follow each other hand their connection on; an idle committer holds none."""

from __future__ import annotations

import asyncio

from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from tests.infra.ledger.fixtures import Thing, metadata


async def test_an_idle_committer_gives_every_connection_back_to_the_pool(
    bare_store: EventStore, tenant: Tenant
) -> None:
    pool = await bare_store.db.pool_for_tenant(tenant.slug)
    taken = []
    original = pool.acquire

    def acquire(*args, **kwargs):
        taken.append(1)
        return original(*args, **kwargs)

    pool.acquire = acquire
    async def client(thing: Thing) -> None:  # one append after the other, as a busy tenant's users
        await bare_store.append(tenant, thing.collect_events(), metadata=metadata())
        for k in range(9):
            thing.rename(name=f"{thing.name} {k}")
            await bare_store.append(tenant, thing.collect_events(), metadata=metadata())

    try:
        await asyncio.gather(*(client(Thing(name=f"t{i}")) for i in range(10)))
    finally:
        del pool.acquire
    committer = bare_store.committer(tenant)
    assert len(committer.spares) == 0  # nothing held once nothing is written
    log = await bare_store.read_log(tenant, limit=200)
    assert [e.position for e in log] == list(range(1, 101))
    batches = len({e.recorded_at for e in log})
    assert batches >= 10 and len(taken) <= batches // 2  # most batches took the one before's connection
