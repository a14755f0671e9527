"""Tamper evidence: the hash chain in the database and in an offline export."""

from __future__ import annotations

import io
from pathlib import Path

import orjson

from riwayat.infra.audit import export_tenant, verify_file, verify_tenant
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from tests.infra.ledger.fixtures import Thing, metadata


async def _fill(store: EventStore, tenant: Tenant, count: int = 6) -> None:
    for i in range(count):
        thing = Thing(name=f"Pegawai {i} — Tebing Tinggi")
        thing.rename(name=f"renamed {i}")
        await store.append(tenant, thing.collect_events(), metadata=metadata())


async def _tamper(db, tenant: Tenant, position: int) -> None:
    """What an attacker with superuser rights might do: bypass the trigger and change one byte."""
    pool = await db.pool()
    async with pool.acquire() as con, con.transaction():
        await con.execute(f"ALTER TABLE {tenant.schema}.events DISABLE TRIGGER events_append_only")
        await con.execute(
            f"UPDATE {tenant.schema}.events SET data = jsonb_set(data, '{{name}}', '\"renamed 3!\"')"
            " WHERE position = $1",
            position,
        )
        await con.execute(f"ALTER TABLE {tenant.schema}.events ENABLE TRIGGER events_append_only")


async def test_an_untouched_ledger_verifies(bare_store: EventStore, tenant: Tenant) -> None:
    await _fill(bare_store, tenant)

    report = await verify_tenant(bare_store, tenant)

    assert report.ok and report.checked_events == 12 and report.head_position == 12
    assert report.first_broken_position is None
    assert report.head_hash == (await bare_store.head(tenant))[1]


async def test_a_changed_event_breaks_verification_at_its_position(
    db, bare_store: EventStore, tenant
) -> None:
    await _fill(bare_store, tenant)
    await _tamper(db, tenant, 8)

    report = await verify_tenant(bare_store, tenant)

    assert not report.ok
    assert report.first_broken_position == 8


async def test_an_export_verifies_offline_and_a_changed_byte_is_found(
    bare_store: EventStore, tenant: Tenant, tmp_path: Path
) -> None:
    await _fill(bare_store, tenant)
    buffer = io.BytesIO()
    assert await export_tenant(bare_store, tenant, buffer) == 12
    export = tmp_path / "medan.ndjson"
    export.write_bytes(buffer.getvalue())

    assert verify_file(export).ok
    assert verify_file(export).checked_events == 12

    lines = export.read_bytes().splitlines(keepends=True)
    row = orjson.loads(lines[4])
    row["metadata"]["actor"] = "someone-else"
    lines[4] = orjson.dumps(row) + b"\n"
    export.write_bytes(b"".join(lines))
    report = verify_file(export)
    assert not report.ok and report.first_broken_position == 5


async def test_a_removed_line_in_an_export_is_found(bare_store: EventStore, tenant: Tenant, tmp_path) -> None:
    await _fill(bare_store, tenant)
    buffer = io.BytesIO()
    await export_tenant(bare_store, tenant, buffer)
    lines = buffer.getvalue().splitlines(keepends=True)
    export = tmp_path / "cut.ndjson"
    export.write_bytes(b"".join(lines[:3] + lines[4:]))

    report = verify_file(export)

    assert not report.ok and report.first_broken_position == 4
