"""Signed head digests make a cut tail and a recomputed chain evident, in the database and in an export.

The attacks are done for real, as someone with full rights on the database would: the append-only trigger
is disabled, events deleted or changed, the chain recomputed and the head rewound.
"""

from __future__ import annotations

import base64
import io
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from riwayat.infra.audit import export_tenant, verify_file, verify_tenant
from riwayat.infra.codec import chain_hash
from riwayat.infra.digest import (
    DigestError,
    SignedDigest,
    SigningKeyMissing,
    generate_key_file,
    issue_digest,
    load_signing_key,
)
from riwayat.infra.digest_check import check_file, check_tenant
from riwayat.infra.ledger import EventStore
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant
from tests.infra.ledger.fixtures import Thing, metadata


async def _fill(store: EventStore, tenant: Tenant, count: int) -> None:
    for i in range(count):
        thing = Thing(name=f"Pegawai {i}")
        thing.rename(name=f"renamed {i}")
        await store.append(tenant, thing.collect_events(), metadata=metadata())


@pytest.fixture
def key(tmp_path: Path):
    return generate_key_file(tmp_path / "signing.pem")


async def _as_superuser(db, tenant: Tenant, *statements: tuple) -> None:
    pool = await db.pool()
    async with pool.acquire() as con, con.transaction():
        await con.execute(f"ALTER TABLE {tenant.schema}.events DISABLE TRIGGER events_append_only")
        for sql, *args in statements:
            await con.execute(sql.format(s=tenant.schema), *args)
        await con.execute(f"ALTER TABLE {tenant.schema}.events ENABLE TRIGGER events_append_only")


async def _recompute_chain(db, store: EventStore, tenant: Tenant) -> None:
    """Re-hash every event from position 1 and set the head to match: the chain verifies again."""
    updates, previous = [], "0" * 64
    async for page in store.iter_events(tenant):
        for event in page:
            previous = chain_hash(previous, event.canonical())
            updates.append(("UPDATE {s}.events SET hash = $1 WHERE position = $2", previous, event.position))
    updates.append(("UPDATE {s}.head SET position = $1, hash = $2", len(updates), previous))
    await _as_superuser(db, tenant, *updates)


async def test_an_untouched_ledger_that_grew_holds_the_digested_prefix(bare_store, tenant, key) -> None:
    await _fill(bare_store, tenant, 20)
    digest = SignedDigest.from_json((await issue_digest(bare_store, tenant, key)).to_json())
    await _fill(bare_store, tenant, 3)

    report = await check_tenant(bare_store, tenant, digest, trusted=key.public_key())

    assert report.ok and report.verdict == "OK"
    assert digest.statement.position == 40 and report.ledger_position == 46
    assert digest.statement.checkpoints and all(p < 40 for p, _ in digest.statement.checkpoints)


async def test_a_cut_tail_with_the_head_rewound_is_named(db, bare_store, tenant, key) -> None:
    await _fill(bare_store, tenant, 10)
    digest = await issue_digest(bare_store, tenant, key)
    _, hash_14 = await (await db.pool()).fetchrow(
        f"SELECT position, hash FROM {tenant.schema}.events WHERE position = 14"
    )
    await _as_superuser(
        db,
        tenant,
        ("DELETE FROM {s}.events WHERE position > 14",),
        ("UPDATE {s}.head SET position = 14, hash = $1", hash_14),
    )
    assert (await verify_tenant(bare_store, tenant)).ok  # the chain alone cannot tell

    report = await check_tenant(bare_store, tenant, digest)

    assert not report.ok and report.verdict == "TAIL_CUT"
    assert "events 15..20 were cut off" in report.message


async def test_a_head_rewound_over_events_still_stored_is_named(db, bare_store, tenant, key) -> None:
    await _fill(bare_store, tenant, 5)
    digest = await issue_digest(bare_store, tenant, key)
    hash_6 = await (await db.pool()).fetchval(f"SELECT hash FROM {tenant.schema}.events WHERE position = 6")
    await _as_superuser(db, tenant, ("UPDATE {s}.head SET position = 6, hash = $1", hash_6))
    assert (await verify_tenant(bare_store, tenant)).ok  # the chain alone cannot tell

    report = await check_tenant(bare_store, tenant, digest)

    assert not report.ok and report.verdict == "HEAD_REWOUND"
    assert "events up to 10 are still stored" in report.message


async def test_a_rewritten_history_with_a_recomputed_chain_is_named(db, bare_store, tenant, key) -> None:
    await _fill(bare_store, tenant, 40)
    digest = await issue_digest(bare_store, tenant, key)
    await _as_superuser(
        db,
        tenant,
        ("UPDATE {s}.events SET data = jsonb_set(data, '{{name}}', '\"someone else\"') WHERE position = 51",),
    )
    await _recompute_chain(db, bare_store, tenant)
    assert (await verify_tenant(bare_store, tenant)).ok  # the chain alone cannot tell

    report = await check_tenant(bare_store, tenant, digest)

    assert not report.ok and report.verdict == "HISTORY_REWRITTEN"
    # The checkpoints narrow it down: the history is as digested up to a checkpoint just before 51.
    assert 40 <= report.rewritten_after < 51
    assert "recomputed from a position in" in report.message


async def test_a_truncated_export_is_named_and_a_whole_one_passes(bare_store, tenant, key, tmp_path) -> None:
    await _fill(bare_store, tenant, 8)
    digest = await issue_digest(bare_store, tenant, key)
    buffer = io.BytesIO()
    await export_tenant(bare_store, tenant, buffer)
    whole, cut = tmp_path / "whole.ndjson", tmp_path / "cut.ndjson"
    whole.write_bytes(buffer.getvalue())
    cut.write_bytes(b"".join(buffer.getvalue().splitlines(keepends=True)[:11]))
    assert verify_file(cut).ok  # the chain alone cannot tell

    assert check_file(whole, digest).verdict == "OK"
    report = check_file(cut, digest)
    assert not report.ok and report.verdict == "TAIL_CUT"
    assert "ends at position 11" in report.message and "12..16" in report.message


async def test_a_changed_or_foreign_digest_is_refused(bare_store, tenant, key, tmp_path) -> None:
    await _fill(bare_store, tenant, 2)
    document = orjson.loads((await issue_digest(bare_store, tenant, key)).to_json())
    document["statement"]["position"] = 2  # an attacker "agreeing" with a shorter ledger
    forged = SignedDigest.from_json(orjson.dumps(document))
    with pytest.raises(DigestError) as refused:
        await check_tenant(bare_store, tenant, forged)
    assert refused.value.code == "DIGEST_SIGNATURE_INVALID"

    other = generate_key_file(tmp_path / "other.pem")
    genuine = await issue_digest(bare_store, tenant, other)
    with pytest.raises(DigestError) as untrusted:
        await check_tenant(bare_store, tenant, genuine, trusted=key.public_key())
    assert untrusted.value.code == "DIGEST_UNTRUSTED_KEY"
    assert base64.b64decode(genuine.signature)


def test_the_key_is_made_for_the_embedded_setup_and_required_otherwise(tmp_path: Path) -> None:
    embedded = Settings(data_dir=tmp_path / "data")
    made = load_signing_key(embedded)
    assert (tmp_path / "data" / "signing-key.pem").stat().st_mode & 0o077 == 0
    assert load_signing_key(embedded).public_key() == made.public_key()  # kept, not made again

    with pytest.raises(SigningKeyMissing, match="RIWAYAT_SIGNING_KEY_FILE"):
        load_signing_key(Settings(database_url="postgresql://db/riwayat"))
    with pytest.raises(SigningKeyMissing, match="does not exist"):
        load_signing_key(replace(embedded, signing_key_file=tmp_path / "nowhere.pem"))
