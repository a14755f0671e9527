"""The org units and the employee directory as the API queries them, filled by real events."""

from __future__ import annotations

from datetime import date
from typing import Any

from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.employees import (
    EmployeeFilter,
    count_employees,
    employee_by_nip,
    employees_by_ids,
    list_employees,
)
from riwayat.projections.org_units import list_units, unit_by_code, units_by_ids
from tests.projections.ledger import DECREE, Ledger


async def test_headcount_follows_hires_transfers_and_separations_and_dissolved_units_are_hidden(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    a, b = (
        await ledger.establish("DISDIK", "Dinas Pendidikan"),
        await ledger.establish("DINKES", "Dinas Kesehatan"),
    )
    spare = await ledger.establish("tmp-1", "Sementara")
    people = [await ledger.hire(unit=a) for _ in range(3)]
    people[0].assign_position("Kepala Seksi", b.id, "TRANSFER", date(2020, 1, 1), DECREE)
    people[1].assign_position("Analis Utama", a.id, "ROTATION", date(2020, 1, 1), DECREE)
    people[2].separate("RESIGNATION", date(2024, 1, 1), DECREE)
    spare.dissolve(0)
    b.rename("Dinas Kesehatan Kota")
    await ledger.save(*people, spare, b)

    units = await list_units(pool, ptenant.schema)
    assert [(u.code, u.name, u.headcount) for u in units] == [
        ("DINKES", "Dinas Kesehatan Kota", 1),
        ("DISDIK", "Dinas Pendidikan", 1),
    ]
    by_id = await units_by_ids(pool, ptenant.schema, [spare.id, a.id])
    assert by_id[spare.id].dissolved and by_id[spare.id].code == "TMP-1" and by_id[a.id].headcount == 1
    assert (await unit_by_code(pool, ptenant.schema, " tmp-1 ")).id == spare.id
    assert await unit_by_code(pool, ptenant.schema, "NOPE") is None


async def test_the_directory_row_is_the_employee_after_its_latest_event_with_its_stream_version(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    unit = await ledger.establish()
    e = await ledger.hire(unit=unit, name="Budi Santoso")
    e.complete_probation(date(2016, 5, 1), DECREE)
    e.promote("III/b", date(2019, 4, 1), DECREE)
    e.correct_personal_data(name="Budi Santosa", reason="salah ketik")
    e.separate("RESIGNATION", date(2025, 2, 1), DECREE)
    await ledger.save(e)

    row = (await employees_by_ids(pool, ptenant.schema, [e.id]))[e.id]
    assert (row.name, row.status, row.rank, row.rank_since, row.version) == (
        "Budi Santosa", "SEPARATED", "III/b", date(2019, 4, 1), 5,
    )  # fmt: skip
    assert (row.hired_on, row.separated_on, row.separation_reason) == (
        e.hired_on,
        date(2025, 2, 1),
        "RESIGNATION",
    )
    spaced = f"{e.nip[:8]} {e.nip[8:14]} {e.nip[14]} {e.nip[15:]}"
    assert (await employee_by_nip(pool, ptenant.schema, spaced)).id == e.id
    assert await employee_by_nip(pool, ptenant.schema, "1" * 18) is None


async def test_filters_search_by_name_or_nip_prefix_counts_and_keyset_pages(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    a, b = await ledger.establish("A1"), await ledger.establish("B1")
    names = ["Siti Aminah", "siti rahma", "Budi 50%_off", "Agus", "Rina", "Yusuf"]
    people = [await ledger.hire(unit=a if i < 4 else b, name=n, pppk=i == 5) for i, n in enumerate(names)]
    people[3].separate("RESIGNATION", date(2024, 1, 1), DECREE)
    await ledger.save(people[3])
    schema = ptenant.schema

    async def names_of(f: EmployeeFilter) -> list[str]:
        rows, more = await list_employees(pool, schema, f, 100, None)
        assert not more and len(rows) == await count_employees(pool, schema, f)
        return [r.name for r in rows]

    assert await names_of(EmployeeFilter(unit_id=b.id)) == ["Rina", "Yusuf"]
    assert await names_of(EmployeeFilter(status="SEPARATED")) == ["Agus"]
    assert await names_of(EmployeeFilter(employment_type="PPPK")) == ["Yusuf"]
    assert await names_of(EmployeeFilter(unit_id=a.id, status="CANDIDATE")) == [
        "Budi 50%_off", "Siti Aminah", "siti rahma",
    ]  # fmt: skip
    assert sorted(await names_of(EmployeeFilter(search="SITI"))) == ["Siti Aminah", "siti rahma"]
    assert await names_of(EmployeeFilter(search="50%_")) == ["Budi 50%_off"]  # LIKE wildcards are literal
    assert await names_of(EmployeeFilter(search="%")) == ["Budi 50%_off"]
    nip = people[4].nip
    assert await names_of(EmployeeFilter(search=f"{nip[:8]} {nip[8:12]}")) == ["Rina"]  # NIP prefix
    assert await names_of(EmployeeFilter(search=nip[2:10])) == []  # a NIP matches by prefix only
    assert await count_employees(pool, schema, EmployeeFilter()) == 6

    seen, after = [], None
    while True:
        page, more = await list_employees(pool, schema, EmployeeFilter(), 4, after)
        seen += page
        if not more:
            break
        after = (page[-1].name, page[-1].id)
    assert len(seen) == 6 and len(page) == 2
    assert seen == (await list_employees(pool, schema, EmployeeFilter(), 10, None))[0]
    assert len({r.id for r in seen}) == 6
