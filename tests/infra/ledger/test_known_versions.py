"""A batch's streams whose versions this store itself wrote on the head it chains on are not probed (the
statement's head check refuses the whole batch if anyone else wrote), and every other stream still is:
one another worker wrote, one probed by a batch that was not written, one after the head moved.

The probes are seen in the statements the store sends (asyncpg's `fetchrow`, $10 of `packed`), the
outcomes through the store's observer. A probe skipped wrongly would let the batch reach the events'
(stream, version) key and fail there (`Failed`), instead of being refused by its probe."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import asyncpg
import orjson
import pytest

from riwayat.domain.errors import ConcurrencyConflict
from riwayat.infra.audit import verify_tenant
from riwayat.infra.codec import GENESIS_HASH
from riwayat.infra.ledger import EventStore, Head
from riwayat.infra.ledger.attempts import Failed, HeadMoved, NotAsAssumed, Written, plan
from riwayat.infra.tenants import Tenant
from tests.infra.ledger.fixtures import Thing, metadata
from tests.infra.ledger.requests import request
from tests.infra.ledger.test_committer import Tries


@pytest.fixture
def probes(monkeypatch: pytest.MonkeyPatch) -> list[list]:
    """The versions probed by each batch statement sent on a head ($10: [[stream id, version], ...])."""
    seen: list[list] = []
    original = asyncpg.connection.Connection.fetchrow

    async def recording(self, query: str, *args: object, _original: Callable = original, **kw: object):
        if query.startswith("WITH locked") and isinstance(args[9], str):
            seen.append([(uuid.UUID(s), v) for s, v in orjson.loads(args[9])])
        return await _original(self, query, *args, **kw)

    monkeypatch.setattr(asyncpg.connection.Connection, "fetchrow", recording)
    return seen


async def written_three_times(store: EventStore, tenant: Tenant) -> Thing:
    """A stream at version 3, every version written by `store`: it knows the stream from its own writes."""
    thing = Thing(name="v1")
    await store.append(tenant, thing.collect_events(), metadata=metadata())
    for name in ("v2", "v3"):
        thing.rename(name=name)
        await store.append(tenant, thing.collect_events(), metadata=metadata())
    return thing


def stale_copy(thing: Thing, version: int) -> Thing:
    """A change of `thing` made on an aggregate read at `version`."""
    copy = Thing(name="read earlier")
    copy._id = thing.id
    copy.collect_events()
    copy._version = version
    copy.rename(name=f"made on version {version}")
    return copy


def test_a_plan_probes_only_the_streams_it_does_not_know_at_the_expected_version() -> None:
    known_at, other, new = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    tenant = Tenant("t", "t", "t")
    requests = [request(known_at, first=4), request(other, first=2), request(new)]
    known = {known_at.int: 3, other.int: 5}  # `other` is at 5, not 1: probed (and refused by the probe)
    planned = plan(Head(7, GENESIS_HASH), requests, tenant, None, datetime.now(UTC), known)

    assert planned is not None
    assert planned.expected == {other: 1, new: 0}
    assert planned.known == {known_at.int: 4, other.int: 2, new.int: 1}
    unknowing = plan(Head(7, GENESIS_HASH), requests, tenant, None, datetime.now(UTC))
    assert unknowing is not None and unknowing.expected == {known_at: 3, other: 1, new: 0}


async def test_a_stream_this_store_wrote_on_its_head_is_not_probed_again(
    db, tenant: Tenant, probes: list[list]
) -> None:
    store = EventStore(db)
    thing = Thing(name="v1")
    await store.append(tenant, thing.collect_events(), metadata=metadata())  # judged: no head known yet
    for name in ("v2", "v3", "v4"):
        thing.rename(name=name)
        await store.append(tenant, thing.collect_events(), metadata=metadata())

    # the first on its head is probed (the store judged the write before it), the next two are not
    assert probes == [[(thing.id, 1)], [], []]
    assert [e.version for e in await store.read_stream(tenant, thing.id)] == [1, 2, 3, 4]


async def test_a_stream_another_store_wrote_is_probed_and_a_change_on_its_old_version_refused(
    db, tenant: Tenant, probes: list[list]
) -> None:
    # Given a store that knows the stream at version 3 from its own writes
    tries = Tries()
    store, other = EventStore(db, observer=tries), EventStore(db)
    thing = await written_three_times(store, tenant)
    # When another store (another worker) writes version 4, and the first sends a change made on version 3
    thing.rename(name="the other worker's")
    await other.append(tenant, thing.collect_events(), metadata=metadata())
    tries.seen.clear()
    probes.clear()
    with pytest.raises(ConcurrencyConflict):
        await store.append(tenant, stale_copy(thing, 3).collect_events(), metadata=metadata())

    # Then it finds the head moved, probes the stream on the new head, and the change is refused by the probe
    assert tries.outcomes() == [HeadMoved, NotAsAssumed, Written]  # the last: judged, refused
    assert probes == [[], [(thing.id, 3)]]
    names = [e.data["name"] for e in await store.read_stream(tenant, thing.id)]
    assert names == ["v1", "v2", "v3", "the other worker's"]
    # and what it knew is forgotten: its next changes (judged, then on its own head) are probed again
    probes.clear()
    for version in (5, 6):
        thing.rename(name=f"v{version}")
        assert (await store.append(tenant, thing.collect_events(), metadata=metadata())).version == version
    assert probes == [[(thing.id, 5)]]
    assert (await verify_tenant(store, tenant)).ok


async def test_a_stream_probed_by_a_batch_that_was_refused_is_probed_again(
    db, tenant: Tenant, probes: list[list]
) -> None:
    # Given a store that knows the stream at version 2
    tries = Tries()
    store = EventStore(db, observer=tries)
    thing = Thing(name="v1")
    await store.append(tenant, thing.collect_events(), metadata=metadata())
    thing.rename(name="v2")
    await store.append(tenant, thing.collect_events(), metadata=metadata())
    # When a change made on version 1 is refused (probed: 1 is not what the store knows)
    probes.clear()
    tries.seen.clear()
    with pytest.raises(ConcurrencyConflict):
        await store.append(tenant, stale_copy(thing, 1).collect_events(), metadata=metadata())
    # Then the next changes (judged, then on its own head) are probed, not sent on what it knew before
    for version in (3, 4):
        thing.rename(name=f"v{version}")
        assert (await store.append(tenant, thing.collect_events(), metadata=metadata())).version == version
    assert probes == [[(thing.id, 1)], [(thing.id, 3)]]
    assert Failed not in tries.outcomes()


async def test_after_another_store_moves_the_head_every_stream_is_probed_on_the_new_head(
    db, tenant: Tenant, probes: list[list]
) -> None:
    tries = Tries()
    store, other = EventStore(db, observer=tries), EventStore(db)
    thing = await written_three_times(store, tenant)
    await other.append(tenant, Thing(name="elsewhere").collect_events(), metadata=metadata())
    tries.seen.clear()
    probes.clear()
    thing.rename(name="v4")
    assert (await store.append(tenant, thing.collect_events(), metadata=metadata())).version == 4

    # not probed on its own head (which had moved: refused whole), probed on the other store's
    assert tries.outcomes() == [HeadMoved, Written]
    assert probes == [[], [(thing.id, 3)]]
