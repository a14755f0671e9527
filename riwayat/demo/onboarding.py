"""Demo onboarding: a few serving civil servants enrolled in Medan from a SIASN-like export with their past
decrees (the files shipped as docs/samples/), and one of them transferred from Medan to Dumai.

Runs after the tenants' own plans, through the same import and transfer code a region would use.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from riwayat.application import Application, CommandContext
from riwayat.domain.values import Decree
from riwayat.importing.reader import read_rows
from riwayat.importing.run import Importer
from riwayat.infra.tenants import Tenant
from riwayat.projections.employees import employee_by_nip
from riwayat.projections.org_units import unit_by_code
from riwayat.transfer.file import export_transfer

SAMPLES = Path(__file__).parent / "samples"
CUT_OVER = date(2025, 1, 2)
MOVER = "198507222010012003"  # Sri Wahyuni, Perawat Ahli Muda at Dinas Kesehatan
MOVED_ON = date(2025, 3, 1)
MUTASI = Decree("131.13-2107 Tahun 2025", date(2025, 2, 10))


class OnboardingFailed(Exception):
    """The shipped sample files no longer import cleanly: a bug in the samples or the importer."""


async def enrol_samples(app: Application, tenant: Tenant) -> int:
    """Imports the sample employees and their history into a Medan-profile tenant; the events written."""
    employees = await Importer(app, tenant, cut_over=CUT_OVER, file_name="employees.csv").employees(
        read_rows(SAMPLES / "employees.csv", "employees")
    )
    history = await Importer(app, tenant, cut_over=CUT_OVER, file_name="history.csv").history(
        read_rows(SAMPLES / "history.csv", "history")
    )
    problems = employees.problems + history.problems
    if problems:
        raise OnboardingFailed(f"{tenant.slug}: {problems[0]}")
    return employees.events + history.events


async def transfer_one(app: Application, origin: Tenant, destination: Tenant) -> Any:
    """Sri Wahyuni moves from Dinas Kesehatan Medan to Dinas Kesehatan Dumai (an inter-province mutasi)."""
    pool = await app.store.db.pool_for_tenant(origin.slug)
    row = await employee_by_nip(pool, origin.schema, MOVER)
    if row is None or row.status != "ACTIVE":
        return None
    medan = CommandContext(
        tenant=origin, actor="demo-bkpsdm-medan", roles=("hr",), request_id="demo-transfer"
    )
    await app.transfer_employee_out(
        medan, employee_id=row.id, destination_tenant=destination.slug, effective_on=MOVED_ON, decree=MUTASI
    )
    file = await export_transfer(app.store, origin, row.id)
    dpool = await app.store.db.pool_for_tenant(destination.slug)
    unit = await unit_by_code(dpool, destination.schema, "DINKES")
    if unit is None:
        return None
    dumai = CommandContext(
        tenant=destination, actor="demo-bkpsdm-dumai", roles=("hr",), request_id="demo-transfer"
    )
    return await app.receive_transfer(
        dumai, file=file, unit_id=unit.id, position="Perawat Ahli Muda", effective_on=MOVED_ON
    )
