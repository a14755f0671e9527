"""Group commit: concurrent appends of one tenant share a transaction, yet each is judged on its own.

What happens between tries is watched (and, to play another worker, acted on) through the committer's
public observer, which hears of every try: the head it was planned on, its size and its outcome."""

from __future__ import annotations

import asyncio

import pytest

from riwayat.domain.errors import ConcurrencyConflict
from riwayat.infra.audit import verify_tenant
from riwayat.infra.ledger import (
    INLINE_GATE,
    AppendResult,
    Claim,
    ClaimTaken,
    EventStore,
    Head,
    chain,
    statements,
    utc_now,
)
from riwayat.infra.ledger.attempts import HeadMoved, Written
from riwayat.infra.ledger.committer import Try
from riwayat.infra.tenants import Tenant
from tests.infra.ledger.fixtures import Thing, metadata


class CountingProjector:
    """Counts transactions by counting its calls (one per committed batch). Its writes cannot join the
    append's statement, so every batch is judged under the lock."""

    def __init__(self, fail_on: str | None) -> None:
        self.batches: list[int] = []
        self.fail_on = fail_on

    def statements(self, tenant, recorded) -> None:
        return None

    async def __call__(self, con, tenant, recorded) -> None:
        if self.fail_on and any(r.data.get("name") == self.fail_on for r in recorded):
            raise RuntimeError("projection refused this event")
        self.batches.append(len(recorded))


class CountingStore(EventStore):
    def __init__(self, db, fail_on: str | None = None) -> None:
        self.counter = CountingProjector(fail_on)
        super().__init__(db, projector=self.counter)

    @property
    def batches(self) -> list[int]:
        return self.counter.batches


class Tries:
    """An observer that records every try of a store: (head planned on or None if judged, size, outcome)."""

    def __init__(self) -> None:
        self.seen: list[Try] = []

    async def __call__(self, attempt: Try) -> None:
        self.seen.append(attempt)

    def planned(self) -> list[Try]:
        return [t for t in self.seen if t.planned_on is not None]

    def outcomes(self) -> list[type]:
        return [type(t.outcome) for t in self.seen]


async def test_concurrent_appends_share_transactions_and_one_stale_one_fails_alone(
    db, tenant: Tenant
) -> None:
    store = CountingStore(db)
    existing = Thing(name="existing")
    await store.append(tenant, existing.collect_events(), metadata=metadata())
    existing.rename(name="second")
    await store.append(tenant, existing.collect_events(), metadata=metadata())
    stale = Thing(name="stale copy")
    stale._id = existing.id
    stale.collect_events()
    stale.rename(name="made on version 1")  # the stream is at version 2

    things = [Thing(name=f"t{i}") for i in range(40)]
    appends = [store.append(tenant, t.collect_events(), metadata=metadata()) for t in things]
    appends.insert(17, store.append(tenant, stale.collect_events(), metadata=metadata()))
    outcomes = await asyncio.gather(*appends, return_exceptions=True)

    failures = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(failures) == 1 and isinstance(outcomes[17], ConcurrencyConflict)
    assert all(isinstance(o, AppendResult) for i, o in enumerate(outcomes) if i != 17)
    assert len(store.batches) < 40  # shared transactions
    log = await store.read_log(tenant, limit=1000)
    assert [e.position for e in log] == list(range(1, 43))
    assert (await verify_tenant(store, tenant)).ok


async def primed(db, tenant: Tenant, observer=None) -> EventStore:
    """A store that has written once, so that a burst goes out as two planned batches in flight."""
    store = EventStore(db, observer=observer)
    await store.append(tenant, Thing(name="primer").collect_events(), metadata=metadata())
    return store


async def store_on(path: str, db, tenant: Tenant) -> EventStore:
    """ "judged": every batch judged under the lock (a projector that cannot join the append's statement);
    "in flight": two planned batches in flight on the head the store wrote last."""
    return CountingStore(db) if path == "judged" else await primed(db, tenant)


PATHS = pytest.mark.parametrize("path", ["judged", "in flight"])


@PATHS
async def test_a_duplicate_nip_in_one_burst_lets_exactly_one_succeed(db, tenant: Tenant, path: str) -> None:
    store = await store_on(path, db, tenant)
    start = (await store.head(tenant))[0]
    things = [Thing(name=f"hire {i}") for i in range(10)]
    outcomes = await asyncio.gather(
        *(
            store.append(tenant, t.collect_events(), metadata=metadata(), claims=[Claim("nip", "1986", t.id)])
            for t in things
        ),
        return_exceptions=True,
    )
    assert sum(isinstance(o, AppendResult) for o in outcomes) == 1
    assert sum(isinstance(o, ClaimTaken) for o in outcomes) == 9
    assert (await store.head(tenant))[0] == start + 1
    assert (await verify_tenant(store, tenant)).ok


@PATHS
async def test_a_key_repeated_in_one_burst_is_written_once(db, tenant: Tenant, path: str) -> None:
    store = await store_on(path, db, tenant)
    start = (await store.head(tenant))[0]
    outcomes = await asyncio.gather(
        *(
            store.append(
                tenant, Thing(name="x").collect_events(), metadata=metadata(), idempotency_key="same"
            )
            for _ in range(6)
        )
    )
    assert len({(o.stream_id, tuple(o.positions)) for o in outcomes}) == 1
    assert sum(not o.replayed for o in outcomes) == 1
    assert (await store.head(tenant))[0] == start + 1


async def test_a_request_that_breaks_the_write_fails_alone(db, tenant: Tenant) -> None:
    store = CountingStore(db, fail_on="poison")
    names = [f"good {i}" for i in range(8)]
    names.insert(3, "poison")
    outcomes = await asyncio.gather(
        *(store.append(tenant, Thing(name=n).collect_events(), metadata=metadata()) for n in names),
        return_exceptions=True,
    )
    assert isinstance(outcomes[3], RuntimeError)
    assert sum(isinstance(o, AppendResult) for o in outcomes) == 8
    assert (await store.head(tenant))[0] == 8
    assert (await verify_tenant(store, tenant)).ok


@pytest.mark.parametrize("group_commit", [True, False])
async def test_both_modes_produce_the_same_ledger_shape(db, tenant: Tenant, group_commit: bool) -> None:
    store = EventStore(db, group_commit=group_commit)
    await asyncio.gather(
        *(store.append(tenant, Thing(name=str(i)).collect_events(), metadata=metadata()) for i in range(20))
    )
    assert [e.position for e in await store.read_log(tenant)] == list(range(1, 21))
    assert (await verify_tenant(store, tenant)).ok


async def test_transactions_that_waited_for_the_head_judge_on_what_the_winner_wrote(
    db, tenant: Tenant
) -> None:
    """Another worker holds the head while five writers (no group commit: five transactions) queue on it,
    each changing one stream from version 1; the worker writes version 2 and commits. Every writer must
    then be refused as a version conflict — none may judge on the versions it saw before it got the lock."""
    store = EventStore(db, group_commit=False)
    thing = Thing(name="shared")
    await store.append(tenant, thing.collect_events(), metadata=metadata())
    pool = await db.pool_for_tenant(tenant.slug)

    def built_on_version_1(name: str) -> list:
        copy = Thing(name="copy")
        copy._id = thing.id
        copy.collect_events()
        copy.rename(name=name)
        return copy.collect_events()

    async with pool.acquire() as worker, worker.transaction():
        head = await worker.fetchrow(
            f"SELECT position, hash, recorded_at FROM {tenant.schema}.head FOR UPDATE"
        )
        writers = [
            asyncio.create_task(store.append(tenant, built_on_version_1(f"writer {i}"), metadata=metadata()))
            for i in range(5)
        ]
        await asyncio.sleep(0.3)  # the writers' statements are now waiting for the head
        request = store.request(built_on_version_1("the worker"), metadata())
        chained = chain.chain(Head(*head), [request], utc_now())
        sql, args = statements.write_judged(tenant.schema, [request], chained)
        await worker.execute(sql, *args)
    outcomes = await asyncio.gather(*writers, return_exceptions=True)

    assert all(isinstance(o, ConcurrencyConflict) for o in outcomes), outcomes
    assert [e.data["name"] for e in await store.read_stream(tenant, thing.id)] == ["shared", "the worker"]
    assert (await verify_tenant(store, tenant)).ok


async def test_two_processes_appending_to_one_tenant_keep_one_gap_free_chain(db, tenant: Tenant) -> None:
    """Each store (as in its own API worker) writes on the head it last wrote; when the other one has moved
    it, the batch is judged again under the lock — nothing is lost, duplicated or chained on a stale head."""
    first, second = EventStore(db), EventStore(db)
    thing = Thing(name="shared")
    await first.append(tenant, thing.collect_events(), metadata=metadata())
    for round_ in range(4):
        for store in (first, second, first):
            thing.rename(name=f"round {round_}")
            outcome = await store.append(tenant, thing.collect_events(), metadata=metadata())
            assert outcome.version == thing.version
        await asyncio.gather(
            *(
                store.append(tenant, Thing(name=f"new {round_} {i}").collect_events(), metadata=metadata())
                for i, store in enumerate([first, second] * 5)
            )
        )
    log = await first.read_log(tenant, limit=1000)
    assert [e.position for e in log] == list(range(1, 1 + 1 + 4 * 13))
    assert [e.version for e in await first.read_stream(tenant, thing.id)] == list(range(1, 14))
    assert (await verify_tenant(first, tenant)).ok


async def test_a_change_made_on_an_old_version_is_refused_even_on_the_remembered_head(
    db, tenant: Tenant
) -> None:
    store = EventStore(db)
    thing = Thing(name="v1")
    await store.append(tenant, thing.collect_events(), metadata=metadata())
    thing.rename(name="v2")
    late = Thing(name="copy")
    late._id = thing.id
    late.collect_events()
    late.rename(name="also built on v1")
    await store.append(tenant, thing.collect_events(), metadata=metadata())
    with pytest.raises(ConcurrencyConflict):
        await store.append(tenant, late.collect_events(), metadata=metadata())
    assert [e.data["name"] for e in await store.read_stream(tenant, thing.id)] == ["v1", "v2"]
    assert (await store.head(tenant))[0] == 2


class NamesProjector:
    """A minimal inline projection (the last name of each Thing) that can join the append's statement."""

    def __init__(self) -> None:
        self.joined = 0

    def _statement(self, schema: str, recorded) -> tuple[str, list]:
        last = {r.stream_id: r for r in recorded}  # one row per stream and statement
        return (
            f"INSERT INTO {schema}.thing_names AS t (id, name, at_position)"
            f" SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[]) WHERE {INLINE_GATE}"
            " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, at_position = EXCLUDED.at_position",
            [list(last), [r.data["name"] for r in last.values()], [r.position for r in last.values()]],
        )

    def statements(self, tenant: Tenant, recorded) -> list:
        self.joined += 1
        return [self._statement(tenant.schema, recorded)]

    async def __call__(self, con, tenant: Tenant, recorded) -> None:
        sql, args = self._statement(tenant.schema, recorded)
        await con.execute(sql, *args)


async def test_projection_rows_joined_to_the_append_are_written_only_with_its_events(
    db, tenant: Tenant
) -> None:
    pool = await db.pool_for_tenant(tenant.slug)
    await pool.execute(
        f"CREATE TABLE {tenant.schema}.thing_names (id uuid PRIMARY KEY, name text, at_position bigint)"
    )
    projector = NamesProjector()
    first, second = EventStore(db, projector=projector), EventStore(db, projector=projector)
    thing = Thing(name="v1")
    await first.append(tenant, thing.collect_events(), metadata=metadata())
    thing.rename(name="v2")
    await first.append(tenant, thing.collect_events(), metadata=metadata())  # joined: on the remembered head
    late = Thing(name="copy")
    late._id = thing.id
    late.collect_events()
    late.rename(name="refused")  # built on version 1: its joined statement must write nothing
    with pytest.raises(ConcurrencyConflict):
        await first.append(tenant, late.collect_events(), metadata=metadata())
    name_of = f"SELECT name FROM {tenant.schema}.thing_names WHERE id = $1"
    assert await pool.fetchval(name_of, thing.id) == "v2"
    thing.rename(name="v3")
    await second.append(tenant, thing.collect_events(), metadata=metadata())
    thing.rename(name="v4")
    await first.append(tenant, thing.collect_events(), metadata=metadata())  # the head moved: judged
    others = [Thing(name=f"other {i}") for i in range(20)]
    await asyncio.gather(
        *(
            s.append(tenant, t.collect_events(), metadata=metadata())
            for s, t in zip([first, second] * 10, others, strict=True)
        )
    )

    names = dict(await pool.fetch(f"SELECT id, name FROM {tenant.schema}.thing_names"))
    assert names == {thing.id: "v4", **{t.id: t.name for t in others}}
    assert projector.joined >= 2
    assert (await verify_tenant(first, tenant)).ok


async def test_a_burst_is_written_as_two_batches_in_flight_and_keeps_one_chain(db, tenant: Tenant) -> None:
    """The second half of a burst is chained on the head the first half will leave and sent as soon as the
    first is written; finished batches keep no earlier batch alive (they did: full GC passes then cost
    more than the pipeline saved)."""
    tries = Tries()
    store = EventStore(db, observer=tries)
    await store.append(tenant, Thing(name="first").collect_events(), metadata=metadata())  # a known head
    outcomes = await asyncio.gather(
        *(store.append(tenant, Thing(name=f"t{i}").collect_events(), metadata=metadata()) for i in range(10))
    )

    # the second half chained on where the first one ends, each written by its first try
    assert [(t.planned_on, t.size) for t in tries.planned()[-2:]] == [(1, 5), (6, 5)]
    assert all(isinstance(t.outcome, Written) for t in tries.seen[-2:])
    assert sorted(p for o in outcomes for p in o.positions) == list(range(2, 12))
    assert all(flight.previous is None for flight in store.committer(tenant).flights)
    assert (await verify_tenant(store, tenant)).ok


async def test_a_batch_chained_on_one_that_was_not_written_is_judged_after_it(db, tenant: Tenant) -> None:
    """Another worker moved the head: the first half of a burst finds it moved and is written on the head
    as it is; the second half, chained on where the first would have ended, is not sent on that plan but
    tried after it. Nothing is lost or written twice."""
    tries = Tries()
    store, other = EventStore(db, observer=tries), EventStore(db)
    await store.append(tenant, Thing(name="first").collect_events(), metadata=metadata())
    await other.append(tenant, Thing(name="elsewhere").collect_events(), metadata=metadata())  # head: 2
    tries.seen.clear()
    outcomes = await asyncio.gather(
        *(store.append(tenant, Thing(name=f"t{i}").collect_events(), metadata=metadata()) for i in range(10)),
        return_exceptions=True,
    )

    assert all(isinstance(o, AppendResult) for o in outcomes), outcomes
    # first half on the remembered head (1): moved; again on the head as it is (2); then the second half
    # on where the first half really ended (7). The second half was never sent on its stale plan (6).
    assert [t.planned_on for t in tries.seen] == [1, 2, 7]
    assert isinstance(tries.seen[0].outcome, HeadMoved)
    log = await store.read_log(tenant, limit=100)
    assert [e.position for e in log] == list(range(1, 13))
    assert sorted(p for o in outcomes for p in o.positions) == list(range(3, 13))
    assert (await verify_tenant(store, tenant)).ok


async def test_a_stale_change_in_a_burst_fails_alone_whichever_batch_it_is_in(db, tenant: Tenant) -> None:
    store = await primed(db, tenant)
    existing = Thing(name="existing")
    await store.append(tenant, existing.collect_events(), metadata=metadata())
    existing.rename(name="second")
    await store.append(tenant, existing.collect_events(), metadata=metadata())

    def stale_change() -> list:
        stale = Thing(name="stale copy")
        stale._id = existing.id
        stale.collect_events()
        stale.rename(name="made on version 1")  # the stream is at version 2
        return stale.collect_events()

    for where in (1, 8):  # in the first batch of the burst, then in the second
        appends = [
            store.append(tenant, Thing(name=f"t{i}").collect_events(), metadata=metadata()) for i in range(9)
        ]
        appends.insert(where, store.append(tenant, stale_change(), metadata=metadata()))
        outcomes = await asyncio.gather(*appends, return_exceptions=True)
        assert isinstance(outcomes[where], ConcurrencyConflict)
        assert all(isinstance(o, AppendResult) for i, o in enumerate(outcomes) if i != where), outcomes
    log = await store.read_log(tenant, limit=100)
    assert [e.position for e in log] == list(range(1, 3 + 1 + 2 * 9))
    assert (await verify_tenant(store, tenant)).ok


async def test_a_batch_that_finds_the_head_moved_twice_is_written_under_the_lock_not_judged(
    db, tenant: Tenant
) -> None:
    """Several busy workers: the batch's first statement and its retry both find the head moved by another
    worker. The next tries run in a transaction that keeps the head lock, so they cannot miss; the judged
    path (several round trips under the lock) is not needed."""
    other = EventStore(db)
    interleave = [2]  # times another worker writes right after `first` found the head moved
    tries = Tries()

    async def another_worker_writes_between(attempt: Try) -> None:
        await tries(attempt)
        if interleave[0] and isinstance(attempt.outcome, HeadMoved):
            interleave[0] -= 1
            await other.append(tenant, Thing(name="moves it again").collect_events(), metadata=metadata())

    first = EventStore(db, observer=another_worker_writes_between)
    await first.append(tenant, Thing(name="first").collect_events(), metadata=metadata())
    await other.append(tenant, Thing(name="moves the head").collect_events(), metadata=metadata())
    tries.seen.clear()
    outcome = await first.append(tenant, Thing(name="late").collect_events(), metadata=metadata())

    # first's statement finds 2, the other worker writes 3; the retry finds 3, the other writes 4; in the
    # transaction the next try finds 4 and keeps the lock, and the one after writes 5 — never judged
    found = [t.outcome.head.position if isinstance(t.outcome, HeadMoved) else "written" for t in tries.seen]
    assert found == [2, 3, 4, "written"]
    assert all(t.planned_on is not None for t in tries.seen)
    assert outcome.positions == [5]
    assert [e.position for e in await first.read_log(tenant, limit=10)] == [1, 2, 3, 4, 5]
    assert (await verify_tenant(first, tenant)).ok


async def test_once_another_worker_moves_the_head_batches_go_one_at_a_time(db, tenant: Tenant) -> None:
    """Two batches in flight assume nobody else writes to the tenant: the second is chained on where the
    first will end. Once another worker is seen moving the head, a burst goes out as one batch for a while."""
    tries = Tries()
    first, other = await primed(db, tenant, tries), EventStore(db)

    def burst() -> list:
        return [
            first.append(tenant, Thing(name=f"t{i}").collect_events(), metadata=metadata()) for i in range(10)
        ]

    await asyncio.gather(*burst())
    assert [t.size for t in tries.seen[-2:]] == [5, 5]  # alone on the tenant: two batches in flight
    await other.append(tenant, Thing(name="another worker").collect_events(), metadata=metadata())
    await first.append(tenant, Thing(name="finds the head moved").collect_events(), metadata=metadata())
    tries.seen.clear()
    await asyncio.gather(*burst())

    assert [t.size for t in tries.seen] == [10]
    assert (await verify_tenant(first, tenant)).ok


async def test_a_command_written_by_another_process_that_held_it_too_is_answered_as_written_there(
    db, tenant: Tenant
) -> None:
    # Two processes with one request (a forwarder that took back what it had handed to a writer that hung,
    # and the writer, woken): the second is told where the first wrote it, and nothing is written twice.
    first, second = EventStore(db), EventStore(db)
    thing = Thing(name="once")
    events = thing.collect_events()
    written = await first.append(tenant, events, metadata=metadata(), command_id="cmd-held-twice")
    again = await second.append(tenant, events, metadata=metadata(), command_id="cmd-held-twice")

    assert (again.stream_id, again.version, again.positions) == (thing.id, 1, written.positions)
    assert not again.replayed
    assert [e.version for e in await first.read_stream(tenant, thing.id)] == [1]
    pool = await db.pool_for_tenant(tenant.slug)
    assert await pool.fetchval(f"SELECT count(*) FROM {tenant.schema}.events") == 1
    assert (await verify_tenant(first, tenant)).ok
