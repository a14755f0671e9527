"""A transfer Medan → Dumai end to end against a real PostgreSQL: the origin shows TRANSFERRED_OUT, the
destination the person ACTIVE with full history and `source`; a file with one changed byte is refused
naming the position; the person can later come back to Medan with the same NIP."""

from __future__ import annotations

from datetime import date

import pytest

from riwayat.domain.errors import DomainError
from riwayat.domain.values import Decree
from riwayat.projections import employees as directory
from riwayat.transfer.file import TransferRefused, export_transfer, verify_transfer
from tests.onboarding.conftest import context
from tests.onboarding.test_enrolment import enrol_with_history

MUTASI = Decree("131.13-2107 Tahun 2025", date(2025, 2, 10))  # Kemendagri decides an inter-province mutasi


async def row_of(store, tenant, employee_id):
    pool = await store.db.pool_for_tenant(tenant.slug)
    return (await directory.employees_by_ids(pool, tenant.schema, [employee_id]))[employee_id]


@pytest.fixture
async def moved(app, ctx, unit_id, dumai, store):
    """Rahmat, enrolled in Medan with history, transferred out to Dumai; the file the origin writes."""
    eid = await enrol_with_history(app, ctx, unit_id)
    await app.record_training(ctx, employee_id=eid, title="Bimtek SIASN", kind="WORKSHOP", hours=16,
                              completed_on=date(2025, 1, 15))  # fmt: skip
    await app.transfer_employee_out(
        ctx, employee_id=eid, destination_tenant=dumai.slug, effective_on=date(2025, 3, 1), decree=MUTASI
    )
    return eid, await export_transfer(store, ctx.tenant, eid)


async def test_a_transfer_from_medan_to_dumai_end_to_end(app, ctx, dumai, store, moved) -> None:
    eid, file = moved
    assert (await row_of(store, ctx.tenant, eid)).status == "TRANSFERRED_OUT"
    dctx = context(dumai)
    unit = (await app.establish_org_unit(dctx, code="BKPSDM", name="BKPSDM Kota Dumai")).stream_id

    received = await app.receive_transfer(
        dctx, file=file, unit_id=unit, position="Analis SDM Aparatur Ahli Muda", effective_on=date(2025, 3, 1)
    )

    row = await row_of(store, dumai, received.stream_id)
    assert (row.status, row.source, row.nip, row.rank, row.rank_since, row.unit_id) == (
        "ACTIVE", "transfer", "198609262012041001", "III/c", date(2020, 4, 1), unit,
    )  # fmt: skip
    first = (await store.read_stream(dumai, received.stream_id))[0]
    head_position, head_hash = await store.head(ctx.tenant)
    origin = store.decode(first).origin
    assert origin == {"tenant": ctx.tenant.slug, "stream_id": str(eid), "head_position": head_position,
                      "head_hash": head_hash}  # fmt: skip
    # The link is provable from the origin's side: its head then is a row of its ledger.
    pool = await store.db.pool_for_tenant(ctx.tenant.slug)
    assert (
        await pool.fetchval(
            f"SELECT hash FROM {ctx.tenant.schema}.events WHERE position = $1", origin["head_position"]
        )
        == origin["head_hash"]
    )
    # Full history: the imported ranks and the Medan position for a past date; appraisals and training.
    past = await app.employee_as_of(dumai, received.stream_id, effective_on=date(2017, 1, 1))
    assert (past.rank, past.position) == ("III/b", "Pengadministrasi Umum")
    now = await app.employee_as_of(dumai, received.stream_id, effective_on=date.today())  # SKP: undated
    assert sorted(now.appraisals) == [2022, 2023] and now.training_hours == {2025: 16}
    # The same file again appends nothing.
    again = await app.receive_transfer(
        dctx, file=file, unit_id=unit, position="X", effective_on=date(2025, 3, 1)
    )
    assert again.replayed and again.stream_id == received.stream_id


async def test_a_transfer_file_with_one_changed_byte_is_refused_naming_the_position(moved) -> None:
    _, file = moved
    verify_transfer(file)  # the file as written is fine
    lines = file.split(b"\n")
    event_line = lines[3]  # the third event
    position = int(event_line.split(b'"position":')[1].split(b",")[0])
    at = (
        event_line.index(b"Pengadministrasi")
        if b"Pengadministrasi" in event_line
        else event_line.index(b"decree")
    )
    changed = bytearray(event_line)
    changed[at + 2] ^= 0x01
    tampered = b"\n".join([*lines[:3], bytes(changed), *lines[4:]])
    with pytest.raises(TransferRefused) as refused:
        verify_transfer(tampered)
    assert f"position {position}" in refused.value.message and refused.value.position == position
    assert refused.value.code == "INVALID_TRANSFER_FILE"
    header = bytearray(file)
    header[file.index(b'"name"') + 9] ^= 0x01  # the origin's name, in the header
    with pytest.raises(TransferRefused, match="seal"):
        verify_transfer(bytes(header))


async def test_the_person_can_later_return_to_medan_with_the_same_nip(app, ctx, dumai, store, moved) -> None:
    eid, file = moved
    dctx = context(dumai)
    unit = (await app.establish_org_unit(dctx, code="BKPSDM", name="BKPSDM Kota Dumai")).stream_id
    received = await app.receive_transfer(
        dctx, file=file, unit_id=unit, position="Analis", effective_on=date(2025, 3, 1)
    )
    await app.transfer_employee_out(
        dctx, employee_id=received.stream_id, destination_tenant=ctx.tenant.slug,
        effective_on=date(2027, 7, 1), decree=MUTASI,
    )  # fmt: skip
    back_file = await export_transfer(store, dumai, received.stream_id)
    medan_unit = (await directory.employees_by_ids(await store.db.pool_for_tenant(ctx.tenant.slug),
                                                   ctx.tenant.schema, [eid]))[eid].unit_id  # fmt: skip

    back = await app.receive_transfer(ctx, file=back_file, unit_id=medan_unit, position="Kepala Bidang",
                                      effective_on=date(2027, 7, 1))  # fmt: skip

    row = await row_of(store, ctx.tenant, back.stream_id)
    assert (row.status, row.nip, row.source) == ("ACTIVE", "198609262012041001", "transfer")
    assert store.decode((await store.read_stream(ctx.tenant, back.stream_id))[0]).previous_employee_id == eid
    with pytest.raises(DomainError) as refused:  # and a file for someone else's tenant is refused
        await app.receive_transfer(
            dctx, file=back_file, unit_id=unit, position="X", effective_on=date(2027, 7, 1)
        )
    assert refused.value.code in ("INVALID_INPUT", "DUPLICATE_NIP")


async def test_the_transfer_commands_export_and_import_through_the_cli(
    app, ctx, dumai, store, moved, database_url, tmp_path
) -> None:
    from tests.onboarding.test_import_cli import riwayat_cmd

    eid, _ = moved
    await app.establish_org_unit(context(dumai), code="BKPSDM", name="BKPSDM Kota Dumai")
    path = tmp_path / "rahmat.transfer.ndjson"
    export = riwayat_cmd(
        database_url,
        "transfer",
        "export",
        "--tenant",
        ctx.tenant.slug,
        "--employee",
        str(eid),
        "--out",
        f"{path}",
    )
    assert export.wait(timeout=60) == 0, export.stderr.read().decode()
    receive = ("transfer", "import", "--tenant", dumai.slug, "--unit", "BKPSDM", "--position", "Analis",
               "--effective-on", "2025-03-01")  # fmt: skip
    tampered = tmp_path / "tampered.ndjson"
    data = bytearray(path.read_bytes())
    data[data.index(b"Rahmat") + 1] ^= 0x20  # one byte of the name in the first event
    tampered.write_bytes(bytes(data))
    refused = riwayat_cmd(database_url, *receive, str(tampered))
    stdout, _ = refused.communicate(timeout=60)
    assert refused.returncode == 1 and b"position" in stdout and b"does not match its hash" in stdout
    done = riwayat_cmd(database_url, *receive, str(path))
    stdout, stderr = done.communicate(timeout=60)
    assert done.returncode == 0, stderr.decode()
    assert b"enrolled as employee" in stdout
    pool = await store.db.pool_for_tenant(dumai.slug)
    assert await pool.fetchval(
        f"SELECT source FROM {dumai.schema}.employees WHERE nip = '198609262012041001'"
    ) == ("transfer")
