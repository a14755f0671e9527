"""The read models of enrolled, imported and transferred people: rebuilt from the ledger, they equal the rows
the inline projections wrote."""

from __future__ import annotations

from datetime import date

from riwayat.importing.reader import read_rows  # noqa: I001
from riwayat.projections.rebuild import rebuild
from tests.onboarding.test_import import SAMPLES, importer
from tests.onboarding.test_transfer import MUTASI
from tests.projections.ledger import dump


async def test_rebuilding_after_an_import_and_a_transfer_out_reproduces_the_inline_rows(
    app, ctx, store, db, dumai
) -> None:
    for code in ("BKPSDM", "DINKES", "DISDIKBUD", "BAPPEDA"):
        await app.establish_org_unit(ctx, code=code, name=f"Unit {code}")
    await importer(app, ctx).employees(read_rows(SAMPLES / "employees.csv", "employees"))
    await importer(app, ctx).history(read_rows(SAMPLES / "history.csv", "history"))
    pool = await store.db.pool_for_tenant(ctx.tenant.slug)
    mover = await pool.fetchval(
        f"SELECT id FROM {ctx.tenant.schema}.employees WHERE nip = '198507222010012003'"
    )

    await app.transfer_employee_out(
        ctx, employee_id=mover, destination_tenant=dumai.slug, effective_on=date(2025, 3, 1), decree=MUTASI
    )
    before = await dump(db, ctx.tenant)
    assert {r[6] for r in before["employees"]} == {"ACTIVE", "CANDIDATE", "TRANSFERRED_OUT"}
    assert {r[3] for r in before["org_units"] if r[1] == "DINKES"} == {0}  # the mover left the unit

    await rebuild(store, ctx.tenant)

    assert await dump(db, ctx.tenant) == before
