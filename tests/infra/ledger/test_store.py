"""The ledger: ordered, gap-free, optimistic, idempotent, append-only, per tenant."""

from __future__ import annotations

import asyncio
from datetime import date

import asyncpg
import pytest

from riwayat.application.as_of import in_force_on
from riwayat.domain.errors import ConcurrencyConflict, IdempotencyKeyReused, InvalidInput
from riwayat.infra.ledger import Claim, ClaimTaken, EventStore, LogFilter
from riwayat.infra.tenants import Tenant
from tests.infra.ledger.fixtures import Thing, metadata


async def test_fifty_concurrent_appends_get_positions_one_to_n_without_gaps(
    bare_store: EventStore, tenant: Tenant
) -> None:
    things = [Thing(name=f"thing {i}") for i in range(50)]
    for thing in things[:25]:
        thing.rename(name="renamed")

    results = await asyncio.gather(
        *(bare_store.append(tenant, t.collect_events(), metadata=metadata()) for t in things)
    )

    positions = sorted(p for r in results for p in r.positions)
    assert positions == list(range(1, 76))
    log = await bare_store.read_log(tenant, limit=1000)
    assert [e.position for e in log] == list(range(1, 76))
    for thing in things:
        versions = [e.version for e in await bare_store.read_stream(tenant, thing.id)]
        assert versions == list(range(1, thing.version + 1))


async def test_a_stale_version_appends_nothing_and_raises_a_conflict(
    bare_store: EventStore, tenant: Tenant
) -> None:
    thing = Thing(name="first")
    await bare_store.append(tenant, thing.collect_events(), metadata=metadata())
    thing.rename(name="by writer one")
    await bare_store.append(tenant, thing.collect_events(), metadata=metadata())

    stale = Thing(name="x")
    stale._id = thing.id
    stale.collect_events()
    stale.rename(name="by writer two")  # built on version 1, stream is at 2
    with pytest.raises(ConcurrencyConflict):
        await bare_store.append(tenant, stale.collect_events(), metadata=metadata())

    assert await bare_store.stream_version(tenant, thing.id) == 2
    assert (await bare_store.head(tenant))[0] == 2


async def test_a_repeated_idempotency_key_returns_the_first_result_and_appends_nothing(
    bare_store: EventStore, tenant: Tenant
) -> None:
    first = await bare_store.append(
        tenant, Thing(name="once").collect_events(), metadata=metadata(), idempotency_key="k-1"
    )
    again = await bare_store.append(
        tenant, Thing(name="twice").collect_events(), metadata=metadata(), idempotency_key="k-1"
    )

    assert again.replayed and not first.replayed
    assert (again.stream_id, again.version, again.positions) == (first.stream_id, 1, [1])
    assert (await bare_store.head(tenant))[0] == 1
    assert (await bare_store.idempotent_result(tenant, "k-1")).positions == [1]


async def test_a_claimed_value_cannot_be_claimed_by_another_stream(
    bare_store: EventStore, tenant: Tenant
) -> None:
    a, b = Thing(name="a"), Thing(name="b")
    await bare_store.append(tenant, a.collect_events(), metadata=metadata(), claims=[Claim("nip", "1", a.id)])
    with pytest.raises(ClaimTaken):
        await bare_store.append(
            tenant, b.collect_events(), metadata=metadata(), claims=[Claim("nip", "1", b.id)]
        )
    assert (await bare_store.head(tenant))[0] == 1


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {s}.events SET topic = 'x'",
        "DELETE FROM {s}.events",
        "TRUNCATE {s}.events",
    ],
)
async def test_the_database_refuses_to_change_or_remove_events(
    bare_store: EventStore, tenant: Tenant, db, statement: str
) -> None:
    await bare_store.append(tenant, Thing(name="kept").collect_events(), metadata=metadata())
    pool = await db.pool()
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
        await pool.execute(statement.format(s=tenant.schema))
    assert len(await bare_store.read_log(tenant)) == 1


async def test_floats_and_nul_characters_are_refused_before_anything_is_written(
    bare_store: EventStore, tenant: Tenant
) -> None:
    with pytest.raises(InvalidInput):
        await bare_store.append(tenant, Thing(name="a\x00b").collect_events(), metadata=metadata())
    with pytest.raises(InvalidInput):
        await bare_store.append(tenant, Thing(name="ok").collect_events(), metadata={"score": 1.5})
    for odd in (1.5, ["ok", "a\x00b"], {"inner": 0.1}):
        with pytest.raises(InvalidInput):
            await bare_store.append(tenant, Thing(name=odd).collect_events(), metadata=metadata())
    assert (await bare_store.head(tenant))[0] == 0


async def test_reads_by_version_recorded_time_effective_date_and_log_filters(
    bare_store: EventStore, tenant: Tenant
) -> None:
    thing = Thing(name="v1", effective_on=date(2020, 1, 1))
    await bare_store.append(tenant, thing.collect_events(), metadata=metadata("alice"))
    thing.rename(name="v2", effective_on=date(2024, 1, 1))
    second = await bare_store.append(tenant, thing.collect_events(), metadata=metadata("bob"))
    thing.rename(name="v3 retroactive", effective_on=date(2022, 1, 1))
    await bare_store.append(tenant, thing.collect_events(), metadata=metadata("alice"))

    events = await bare_store.read_stream(tenant, thing.id)
    assert [e.version for e in events] == [1, 2, 3]
    assert [e.version for e in await bare_store.read_stream(tenant, thing.id, to_version=2)] == [1, 2]
    at_second = await bare_store.read_stream(tenant, thing.id, recorded_until=events[1].recorded_at)
    assert [e.position for e in at_second] == [1, second.positions[0]]
    decoded = [(e, bare_store.decode(e)) for e in events]
    assert [e.version for e, _ in in_force_on(decoded, date(2023, 6, 1))] == [1, 3]
    assert [e.version for e, _ in in_force_on(decoded, date(2025, 1, 1))] == [1, 3, 2]

    by_actor = await bare_store.read_log(tenant, log_filter=LogFilter(actor="alice"))
    assert [e.version for e in by_actor] == [1, 3]
    renamed_topic = events[1].topic
    for names in (["Renamed"], ["Thing.Renamed"], [renamed_topic], ["Renamed", "NoSuchType"]):
        by_type = await bare_store.read_log(tenant, log_filter=LogFilter(types=names))
        assert [e.version for e in by_type] == [2, 3], names
    assert await bare_store.read_log(tenant, log_filter=LogFilter(types=["NoSuchType"])) == []
    both = await bare_store.read_log(tenant, log_filter=LogFilter(types=["Renamed"], actor="alice"))
    assert [e.version for e in both] == [3]
    assert sorted(await bare_store.stored_topics(tenant)) == sorted({e.topic for e in events})
    assert [e.position for e in await bare_store.read_log(tenant, after=1, limit=1)] == [2]
    assert bare_store.decode(events[2]).name == "v3 retroactive"
    assert events[0].effective_on == date(2020, 1, 1)
    assert events[0].metadata["actor"] == "alice"


async def test_two_tenants_never_see_each_others_events(bare_store: EventStore, registry, tenant) -> None:
    other = await registry.create(tenant.slug + "b", "Other")
    mine = Thing(name="mine")
    await bare_store.append(tenant, mine.collect_events(), metadata=metadata())
    await bare_store.append(other, Thing(name="theirs").collect_events(), metadata=metadata())
    await bare_store.append(other, Thing(name="theirs too").collect_events(), metadata=metadata())

    assert [e.stream_id for e in await bare_store.read_log(tenant)] == [mine.id]
    assert len(await bare_store.read_log(other)) == 2
    assert await bare_store.read_stream(other, mine.id) == []
    assert (await bare_store.head(tenant))[0] == 1


@pytest.mark.parametrize("group_commit", [True, False])
async def test_a_key_names_one_request_the_same_request_replays_another_is_refused(
    db, tenant: Tenant, group_commit: bool
) -> None:
    store = EventStore(db, group_commit=group_commit)
    first = await store.append(
        tenant,
        Thing(name="once").collect_events(),
        metadata=metadata(),
        idempotency_key="k",
        fingerprint="hire:a",
    )
    again = await store.append(
        tenant,
        Thing(name="once").collect_events(),
        metadata=metadata(),
        idempotency_key="k",
        fingerprint="hire:a",
    )
    assert again.replayed and again.positions == first.positions
    with pytest.raises(IdempotencyKeyReused) as refused:
        await store.append(
            tenant,
            Thing(name="other").collect_events(),
            metadata=metadata(),
            idempotency_key="k",
            fingerprint="x",
        )
    assert refused.value.code == "IDEMPOTENCY_KEY_REUSED"
    with pytest.raises(IdempotencyKeyReused):
        await store.idempotent_result(tenant, "k", "x")
    assert (await store.idempotent_result(tenant, "k", "hire:a")).positions == first.positions
    assert (await store.head(tenant))[0] == 1


async def test_a_key_stored_without_a_fingerprint_matches_every_request(
    bare_store: EventStore, tenant
) -> None:
    first = await bare_store.append(
        tenant, Thing(name="old").collect_events(), metadata=metadata(), idempotency_key="o"
    )
    pool = await bare_store.db.pool_for_tenant(tenant.slug)
    assert await pool.fetchval(f"SELECT fingerprint FROM {tenant.schema}.idempotency_keys") is None
    assert (await bare_store.idempotent_result(tenant, "o", "anything")).positions == first.positions
    again = await bare_store.append(
        tenant, Thing(name="new").collect_events(), metadata=metadata(), idempotency_key="o", fingerprint="f"
    )
    assert again.replayed and again.positions == first.positions


async def test_a_released_claim_can_be_claimed_again_and_only_its_holder_releases_it(
    bare_store: EventStore, tenant: Tenant
) -> None:
    leaver, newcomer, stranger = Thing(name="transfers out"), Thing(name="comes later"), Thing(name="x")
    arrival = newcomer.collect_events()  # refused once, then written
    nip = "198609262015051001"
    await bare_store.append(
        tenant, leaver.collect_events(), metadata=metadata(), claims=[Claim("nip", nip, leaver.id)]
    )
    stranger.rename(name="tries to free it")
    await bare_store.append(  # not the holder: nothing is released
        tenant, stranger.collect_events(), metadata=metadata(), releases=[Claim("nip", nip, stranger.id)]
    )
    with pytest.raises(ClaimTaken):
        await bare_store.append(tenant, arrival, metadata=metadata(), claims=[Claim("nip", nip, newcomer.id)])
    leaver.rename(name="transferred out")
    await bare_store.append(
        tenant, leaver.collect_events(), metadata=metadata(), releases=[Claim("nip", nip, leaver.id)]
    )
    await bare_store.append(tenant, arrival, metadata=metadata(), claims=[Claim("nip", nip, newcomer.id)])
    pool = await bare_store.db.pool_for_tenant(tenant.slug)
    assert (
        await pool.fetchval(f"SELECT stream_id FROM {tenant.schema}.claims WHERE value = $1", nip)
        == newcomer.id
    )


async def test_a_release_and_a_new_claim_of_it_in_one_batch_both_succeed(db, tenant) -> None:
    """The release is deleted before the batch's claims are written: the newcomer's claim is not refused."""
    tries = []

    async def observe(attempt) -> None:
        tries.append((attempt.planned_on, attempt.size))

    store = EventStore(db, observer=observe)
    leaver, newcomer = Thing(name="leaves"), Thing(name="returns as new")
    await store.append(
        tenant, leaver.collect_events(), metadata=metadata(), claims=[Claim("nip", "7", leaver.id)]
    )
    leaver.rename(name="gone")
    tries.clear()
    released, claimed, *_ = await asyncio.gather(
        store.append(
            tenant, leaver.collect_events(), metadata=metadata(), releases=[Claim("nip", "7", leaver.id)]
        ),
        store.append(
            tenant, newcomer.collect_events(), metadata=metadata(), claims=[Claim("nip", "7", newcomer.id)]
        ),
        *(store.append(tenant, Thing(name=f"f{i}").collect_events(), metadata=metadata()) for i in range(2)),
    )
    assert tries[0] == (None, 2)  # release and claim in one batch: judged, the release deleted first
    assert claimed.positions[0] > released.positions[0]
    pool = await store.db.pool_for_tenant(tenant.slug)
    assert (
        await pool.fetchval(f"SELECT stream_id FROM {tenant.schema}.claims WHERE value = '7'") == newcomer.id
    )


async def test_every_command_id_is_recorded_with_its_last_position(bare_store: EventStore, tenant) -> None:
    keyed = await bare_store.append(
        tenant, Thing(name="a").collect_events(), metadata=metadata(), idempotency_key="key-a"
    )
    plain = await bare_store.append(
        tenant, Thing(name="b").collect_events(), metadata=metadata(), command_id="cmd-b"
    )
    pool = await bare_store.db.pool_for_tenant(tenant.slug)
    rows = dict(await pool.fetch(f"SELECT id, position FROM {tenant.schema}.commands"))
    assert rows == {"key-a": keyed.positions[-1], "cmd-b": plain.positions[-1]}
