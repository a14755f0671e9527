"""The batch's one statement with its lists as JSON (`packed`) stores exactly what the arrays form
(`statements.write_on_head`) stores: the same rows, hashes, keys, claims, command ids and head."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime

import pytest

from riwayat.infra.codec import GENESIS_HASH
from riwayat.infra.ledger import packed, statements
from riwayat.infra.ledger.chain import chain, expected_versions, first_versions
from riwayat.infra.ledger.records import INLINE_GATE, AppendRequest, Claim, Head
from riwayat.infra.tenants import Tenant, TenantRegistry
from tests.infra.ledger.requests import TOPIC, request

NOW = datetime(2026, 3, 1, 8, 0, 0, 123456, tzinfo=UTC)
HEAD = Head(0, GENESIS_HASH)


def _batch() -> list[AppendRequest]:
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    dated = [
        (c, 1, TOPIC, {"name": 'ä\n"q"', "n": [1, {"z": None, "t": True}]}, date(2024, 3, 1)),
        (c, 2, TOPIC, {"name": "later"}, datetime(2024, 3, 2, 23, 30, tzinfo=UTC)),  # stored as its date
    ]
    return [
        request(a, events=2, key="k-1", fingerprint="fp"),
        request(b, claims=(Claim("nip", "1986", b),)),
        AppendRequest(dated, first_versions(dated), {"actor": "x", "roles": ["hr", "kepegawaian"]}, "cmd-3"),
    ]


async def _stored(con, schema: str) -> dict[str, list]:
    queries = {
        "events": "SELECT * FROM {s}.events ORDER BY position",
        "head": "SELECT position, hash, recorded_at FROM {s}.head",
        "keys": "SELECT * FROM {s}.idempotency_keys ORDER BY key",
        "claims": "SELECT * FROM {s}.claims ORDER BY kind, value",
        "commands": "SELECT * FROM {s}.commands ORDER BY position",
    }
    return {name: [tuple(r) for r in await con.fetch(q.format(s=schema))] for name, q in queries.items()}


async def test_the_packed_statement_stores_what_the_arrays_store(
    db, registry: TenantRegistry, tenant: Tenant
) -> None:
    # the events as the chain's hash inputs (the append's way), and as the RecordedEvents themselves
    targets = [tenant] + [await registry.create(f"t{uuid.uuid4().hex[:12]}", "Other") for _ in range(2)]
    requests = _batch()
    rows: list[bytes] = []
    chained = chain(HEAD, requests, NOW, rows)
    assert len(rows) == 5
    expected = expected_versions(requests)
    inline = [(f"UPDATE {{s}}.head SET hash = hash WHERE {INLINE_GATE} AND $1::int = 1", [1])]
    builds = [
        lambda *a: statements.write_on_head(*a),
        lambda *a: packed.write_on_head(*a, rows),
        lambda *a: packed.write_on_head(*a),
    ]
    pool = await db.pool_for_tenant(tenant.slug)
    async with pool.acquire() as con:
        for target, build in zip(targets, builds, strict=True):
            parts = [(sql.format(s=target.schema), params) for sql, params in inline]
            sql, args = build(target.schema, HEAD, expected, requests, chained, parts)
            row = await con.fetchrow(sql, *args)
            assert row["written"]
        arrays, *jsons = [await _stored(con, t.schema) for t in targets]
    for json in jsons:
        assert json == arrays
        assert len(json["events"]) == 5 and json["head"][0][:2] == (5, chained[-1][-1].hash)
        assert json["events"][4][8] == date(2024, 3, 2) and json["keys"][0][0] == "k-1"


async def test_a_packed_statement_writes_nothing_on_a_moved_head_or_a_taken_claim(db, tenant: Tenant) -> None:
    requests = _batch()
    chained = chain(HEAD, requests, NOW)
    pool = await db.pool_for_tenant(tenant.slug)
    async with pool.acquire() as con:
        moved = Head(3, "ab" * 32)
        sql, args = packed.write_on_head(tenant.schema, moved, {}, requests, chain(moved, requests, NOW), [])
        row = await con.fetchrow(sql, *args)
        assert not row["written"] and (row["position"], row["hash"]) == (0, GENESIS_HASH)
        await con.execute(
            f"INSERT INTO {tenant.schema}.claims (kind, value, stream_id) VALUES ('nip', '1986', $1)",
            uuid.uuid4(),
        )
        sql, args = packed.write_on_head(
            tenant.schema, HEAD, expected_versions(requests), requests, chained, []
        )
        assert not (await con.fetchrow(sql, *args))["written"]
        stale = {**expected_versions(requests), requests[0].encoded[0][0]: 7}
        await con.execute(f"DELETE FROM {tenant.schema}.claims")
        sql, args = packed.write_on_head(tenant.schema, HEAD, stale, requests, chained, [])
        assert not (await con.fetchrow(sql, *args))["written"]
        assert await con.fetchval(f"SELECT count(*) FROM {tenant.schema}.events") == 0


def test_a_value_orjson_would_not_write_as_the_arrays_store_it_sends_the_batch_as_arrays() -> None:
    class DriverUUID(uuid.UUID):
        pass

    odd = DriverUUID(int=uuid.uuid4().int)
    requests = [request(odd)]
    chained = chain(HEAD, requests, NOW)
    assert packed.write_on_head("t_x", HEAD, {odd: 0}, requests, chained, []) is None
    requests = [request(uuid.uuid4(), claims=(Claim("nip", "1", odd),))]
    chained = chain(HEAD, requests, NOW)
    assert packed.write_on_head("t_x", HEAD, expected_versions(requests), requests, chained, []) is None


async def test_a_kept_append_is_written_when_its_caller_stops_waiting_and_another_is_not(
    bare_store, tenant: Tenant
) -> None:
    from tests.infra.ledger.fixtures import Thing, metadata

    kept, dropped = Thing(name="kept"), Thing(name="dropped")
    waiting = bare_store.append_later(tenant, kept.collect_events(), metadata=metadata(), kept=True)
    given_up = bare_store.append_later(tenant, dropped.collect_events(), metadata=metadata())
    waiting.cancel()  # before their batch is sent, as a caller's task cancelled would
    given_up.cancel()
    for _ in range(500):
        if await bare_store.read_stream(tenant, kept.id):
            break
        await asyncio.sleep(0.01)
    assert len(await bare_store.read_stream(tenant, kept.id)) == 1
    assert await bare_store.read_stream(tenant, dropped.id) == []


@pytest.mark.parametrize("picked", [(2,), (0, 2), (1, 2)], ids=["neither", "keys only", "claims only"])
async def test_a_batch_without_keys_or_claims_stores_what_the_arrays_store(
    db, registry: TenantRegistry, tenant: Tenant, picked: tuple[int, ...]
) -> None:
    # its text has no part for what it lacks (`packed._text`); the rows are the same all the same
    other = await registry.create(f"t{uuid.uuid4().hex[:12]}", "Other")
    batch = _batch()
    requests = [batch[i] for i in picked]
    rows: list[bytes] = []
    chained = chain(HEAD, requests, NOW, rows)
    expected = expected_versions(requests)
    pool = await db.pool_for_tenant(tenant.slug)
    async with pool.acquire() as con:
        sql, args = statements.write_on_head(tenant.schema, HEAD, expected, requests, chained, [])
        assert (await con.fetchrow(sql, *args))["written"]
        sql, args = packed.write_on_head(other.schema, HEAD, expected, requests, chained, [], rows)
        assert ("idempotency_keys" in sql) == (0 in picked) and ("claims" in sql) == (1 in picked)
        assert (await con.fetchrow(sql, *args))["written"]
        assert await _stored(con, other.schema) == await _stored(con, tenant.schema)


@pytest.mark.parametrize(
    ("keys", "claims", "probes"),
    [(False, False, True), (True, True, False)],
    ids=[
        "without keys and claims, for a batch that has them",
        "without version probes, for a batch with versions",
    ],
)
async def test_a_text_without_a_check_writes_nothing_for_a_batch_that_needs_it(
    db, tenant: Tenant, keys: bool, claims: bool, probes: bool
) -> None:
    requests = _batch()
    chained = chain(HEAD, requests, NOW)
    args = packed.args(HEAD, expected_versions(requests), requests, chained)
    pool = await db.pool_for_tenant(tenant.slug)
    async with pool.acquire() as con:
        row = await con.fetchrow(packed._statement(tenant.schema, keys, claims, probes) + packed._END, *args)
        assert not row["written"]
        assert await con.fetchval(f"SELECT count(*) FROM {tenant.schema}.events") == 0


async def test_a_batch_with_no_versions_to_probe_stores_what_the_arrays_store(
    db, registry: TenantRegistry, tenant: Tenant
) -> None:
    # every stream's version known (`attempts.plan`): its text has no probe, its rows are the same
    other = await registry.create(f"t{uuid.uuid4().hex[:12]}", "Other")
    requests = _batch()
    rows: list[bytes] = []
    chained = chain(HEAD, requests, NOW, rows)
    pool = await db.pool_for_tenant(tenant.slug)
    async with pool.acquire() as con:
        sql, args = statements.write_on_head(tenant.schema, HEAD, {}, requests, chained, [])
        assert (await con.fetchrow(sql, *args))["written"]
        sql, args = packed.write_on_head(other.schema, HEAD, {}, requests, chained, [], rows)
        assert "max(version)" not in sql and args[9] == "[]"
        assert (await con.fetchrow(sql, *args))["written"]
        assert await _stored(con, other.schema) == await _stored(con, tenant.schema)
