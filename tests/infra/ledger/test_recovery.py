"""A command's result read back from the log (`recovery.result_at`): what a forwarder answers for a call
whose writer landed it and died before answering — every position of the command, a command of several
events included, and none of the command before it or after it."""

from __future__ import annotations

from riwayat.infra.ledger import EventStore, recovery
from tests.infra.ledger.fixtures import Thing, metadata


def _several(n: int) -> Thing:
    thing = Thing(name="a")
    for i in range(n - 1):
        thing.rename(name=f"a{i}")
    return thing


async def test_a_commands_result_is_read_back_whole_from_the_log(db, tenant) -> None:
    store = EventStore(db)
    before = await store.append(tenant, _several(2).collect_events(), metadata=metadata())
    several = await store.append(tenant, _several(3).collect_events(), metadata=metadata())
    after = await store.append(tenant, _several(1).collect_events(), metadata=metadata())
    pool = await db.pool_for_tenant(tenant.slug)

    async with pool.acquire() as con:
        told = (before, several, after)
        read = [await recovery.result_at(con, tenant.schema, r.positions[-1]) for r in told]
        counted = await recovery.result_at(con, tenant.schema, several.positions[-1], events=3)

    for answer, found in zip(told, read, strict=True):
        assert (found.stream_id, found.version, found.positions) == (
            answer.stream_id,
            answer.version,
            answer.positions,
        )
        assert type(found.stream_id) is type(answer.stream_id)  # a plain UUID, not the driver's subclass
    assert counted.positions == several.positions and len(several.positions) == 3
