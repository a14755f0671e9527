"""The key-encryption key and the data keys (issue 19), against the test PostgreSQL: a missing or wrong
KEK stops the start before anything is written; rotation re-wraps keys and leaves the events as they were."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from riwayat.domain.complaint import Complaint
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.privacy import Privacy, PrivacyError, generate_kek_file, load_kek
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant
from riwayat.services import services


def _complaint(contact: str) -> Complaint:
    return Complaint.file(
        channel="WEB", category="PELAYANAN", description="d", employee_id=None, unit_id=None,
        reporter_contact=contact, tracking_code=None, received_on=None, anonymous=False,
        confidential=False, lapor_ticket=None,
    )  # fmt: skip


async def _events(db: Database, tenant: Tenant) -> int:
    pool = await db.pool_for_tenant(tenant.slug)
    return await pool.fetchval(f"SELECT count(*) FROM {tenant.schema}.events")


def test_a_real_database_without_a_kek_is_refused(tmp_path: Path) -> None:
    production = Settings(database_url="postgresql://nowhere/none", data_dir=tmp_path)
    with pytest.raises(PrivacyError) as missing:
        load_kek(production)
    assert missing.value.code == "KEK_MISSING" and "RIWAYAT_KEK_FILE" in str(missing.value)
    named = dataclasses.replace(production, kek_file=tmp_path / "absent.key")
    with pytest.raises(PrivacyError) as absent:
        load_kek(named)
    assert absent.value.code == "KEK_MISSING"
    (tmp_path / "short.key").write_text("c2hvcnQ=\n")
    with pytest.raises(PrivacyError) as short:
        load_kek(dataclasses.replace(production, kek_file=tmp_path / "short.key"))
    assert short.value.code == "KEK_INVALID"


def test_the_embedded_setup_makes_its_kek_once(tmp_path: Path) -> None:
    embedded = Settings(data_dir=tmp_path)
    first = load_kek(embedded)
    assert load_kek(embedded) == first and (tmp_path / "kek.key").stat().st_mode & 0o077 == 0


async def test_a_wrong_kek_stops_the_start_and_nothing_is_written(
    settings: Settings, db: Database, tenant: Tenant, tmp_path: Path
) -> None:
    store = EventStore(db, privacy=Privacy(db, load_kek(settings)))
    await store.append(tenant, _complaint("0812-1").collect_events(), metadata={"actor": "t"})
    before = await _events(db, tenant)
    wrong = dataclasses.replace(settings, kek_file=tmp_path / "other.key")
    generate_kek_file(wrong.kek_file)
    with pytest.raises(PrivacyError) as refused:
        async with services(wrong):
            pytest.fail("the services started with the wrong KEK")
    assert refused.value.code == "KEK_MISMATCH"
    missing = dataclasses.replace(settings, kek_file=tmp_path / "gone.key")
    with pytest.raises(PrivacyError):
        async with services(missing):
            pytest.fail("the services started without a KEK")
    assert await _events(db, tenant) == before


async def test_rotation_rewraps_the_keys_and_leaves_the_events(
    settings: Settings, db: Database, tenant: Tenant, tmp_path: Path
) -> None:
    old = Privacy(db, load_kek(settings))
    store = EventStore(db, privacy=old)
    await store.append(tenant, _complaint("0812-2").collect_events(), metadata={"actor": "t"})
    stored = await store.read_log(tenant)
    new_kek = generate_kek_file(tmp_path / "new.key")
    assert await old.keys.rotate(tenant, new_kek) == (1, [])
    assert await store.read_log(tenant) == stored  # the events (ciphertext and hashes) untouched
    opened = await Privacy(db, new_kek).open_records(tenant, stored)
    assert opened[0].data["reporter_contact"] == "0812-2"
    with pytest.raises(PrivacyError) as stale:
        await Privacy(db, load_kek(settings)).open_records(tenant, stored)
    assert stale.value.code == "KEK_MISMATCH"
    back = Privacy(db, new_kek)
    # rotated back: the session's KEK again
    assert await back.keys.rotate(tenant, load_kek(settings)) == (1, [])


async def test_an_event_without_personal_fields_takes_no_key(
    db: Database, tenant: Tenant, settings: Settings
) -> None:
    from riwayat.domain.org_unit import OrgUnit

    privacy = Privacy(db, load_kek(settings))
    store = EventStore(db, privacy=privacy)
    unit = OrgUnit.establish(code="U1", name="Unit")
    await store.append(tenant, unit.collect_events(), metadata={"actor": "t"})
    pool = await db.pool_for_tenant(tenant.slug)
    assert await pool.fetchval(f"SELECT count(*) FROM {tenant.schema}.subject_keys") == 0


async def test_a_new_subjects_key_commits_with_its_events_or_not_at_all(
    db: Database, tenant: Tenant, settings: Settings
) -> None:
    from riwayat.domain.errors import ConcurrencyConflict

    store = EventStore(db, privacy=Privacy(db, load_kek(settings)))
    complaint = _complaint("0812-3")
    events = complaint.collect_events()
    await store.append(tenant, events, metadata={"actor": "t"})
    with pytest.raises(ConcurrencyConflict):  # the same stream created again: refused, its new key too
        await store.append(tenant, events, metadata={"actor": "t"})
    pool = await db.pool_for_tenant(tenant.slug)
    rows = await pool.fetch(f"SELECT subject_id, key_id FROM {tenant.schema}.subject_keys")
    stored = (await store.read_stream(tenant, complaint.id))[0]
    assert [(r["subject_id"], r["key_id"].hex) for r in rows] == [
        (complaint.id, stored.data["reporter_contact"]["k"])
    ]
    assert store.privacy.pending == {}
    opened = await store.privacy.open_records(tenant, [stored])
    assert opened[0].data["reporter_contact"] == "0812-3"


async def test_a_damaged_key_row_neither_blocks_rotation_nor_opens(
    db: Database, tenant: Tenant, settings: Settings, tmp_path: Path
) -> None:
    old = Privacy(db, load_kek(settings))
    store = EventStore(db, privacy=old)
    good, bad = _complaint("0812-4"), _complaint("0812-5")
    for c in (good, bad):
        await store.append(tenant, c.collect_events(), metadata={"actor": "t"})
    pool = await db.pool_for_tenant(tenant.slug)
    await pool.execute(
        f"UPDATE {tenant.schema}.subject_keys SET wrapped = overlay(wrapped placing '\\x00' from 20 for 1)"
        " WHERE subject_id = $1",
        bad.id,
    )
    new_kek = generate_kek_file(tmp_path / "new.key")
    assert await old.keys.rotate(tenant, new_kek) == (1, [bad.id])
    rotated = Privacy(db, new_kek)
    await rotated.keys.check(tenant)  # the next start is not blocked
    opened = await rotated.open_records(tenant, await store.read_stream(tenant, good.id))
    assert opened[0].data["reporter_contact"] == "0812-4"
    with pytest.raises(PrivacyError) as damaged:
        await rotated.open_records(tenant, await store.read_stream(tenant, bad.id))
    assert damaged.value.code == "PERSONAL_DATA_KEY_INVALID"
    assert await rotated.keys.rotate(tenant, load_kek(settings)) == (1, [bad.id])  # back to the session's
