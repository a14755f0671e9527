"""Training hours, appraisals and the complaints queue as the API queries them, filled by real events."""

from __future__ import annotations

from datetime import date
from typing import Any

from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.appraisals import AppraisalRow, appraisals_by_employee
from riwayat.projections.complaints import complaints_by_ids, count_complaints, list_complaints
from riwayat.projections.training_hours import below_minimum, hours_by_keys
from tests.projections.ledger import APPRAISER, DECREE, Ledger


async def test_training_hours_add_up_per_calendar_year_and_shortfalls_include_the_untrained(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    await ledger.establish()
    busy, idle, gone = [await ledger.hire(name=n) for n in ("Busy", "Idle", "Gone")]
    contract = await ledger.hire(name="Contract", pppk=True)
    for hours, day in ((12, date(2024, 3, 1)), (8, date(2024, 12, 31)), (30, date(2023, 6, 1))):
        busy.record_training("Diklat", "CLASSROOM", hours, day)
    idle.record_training("Seminar", "SEMINAR", 4, date(2024, 5, 5))
    gone.separate("RESIGNATION", date(2024, 6, 1), DECREE)
    await ledger.save(busy, idle, gone, contract)

    keys = [(busy.id, 2024), (busy.id, 2023), (idle.id, 2024), (idle.id, 2022)]
    assert await hours_by_keys(pool, ptenant.schema, keys) == dict(zip(keys, [20, 30, 4, 0], strict=True))
    assert await hours_by_keys(pool, ptenant.schema, []) == {}
    assert await below_minimum(pool, ptenant.schema, 2024) == [idle.id]  # PNS only; the separated are out
    assert await below_minimum(pool, ptenant.schema, 2024, minimum=21) == [busy.id, idle.id]
    assert await below_minimum(pool, ptenant.schema, 2014) == []  # before anyone was appointed


async def test_appraisals_come_by_year_with_the_predikat_of_the_skp_matrix(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    await ledger.establish()
    rated, unrated = await ledger.hire(), await ledger.hire()
    rated.record_appraisal(2024, "BELOW", "MEETS", APPRAISER)
    rated.record_appraisal(2022, "ABOVE", "ABOVE", APPRAISER)
    await ledger.save(rated)

    found = await appraisals_by_employee(pool, ptenant.schema, [rated.id, unrated.id])
    assert found == {
        rated.id: [
            AppraisalRow(rated.id, 2022, "ABOVE", "ABOVE", "SANGAT_BAIK"),
            AppraisalRow(rated.id, 2024, "BELOW", "MEETS", "BUTUH_PERBAIKAN"),
        ],
        unrated.id: [],
    }


async def test_the_complaints_queue_follows_the_lifecycle_and_pages_by_filing_time(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    unit = await ledger.establish()
    for _ in range(5):
        await ledger.complain()
    first, second, third = ledger.complaints[:3]
    first.triage(unit.id, "ke OPD")
    second.triage(unit.id)
    second.resolve("SUBSTANTIATED", "Sudah ditindaklanjuti")
    third.triage(unit.id)
    third.resolve("UNSUBSTANTIATED", "Tidak terbukti")
    third.close()
    third.reopen("Pelapor keberatan")
    await ledger.save(first, second, third)
    schema = ptenant.schema

    rows = await complaints_by_ids(pool, schema, [c.id for c in ledger.complaints])
    assert [rows[c.id].status for c in ledger.complaints] == [
        "TRIAGED",
        "RESOLVED",
        "TRIAGED",
        "FILED",
        "FILED",
    ]
    assert (rows[second.id].outcome, rows[second.id].version) == ("SUBSTANTIATED", 3)
    assert (rows[third.id].outcome, rows[third.id].resolution, rows[third.id].unit_id) == (
        None,
        None,
        unit.id,
    )
    assert rows[first.id].filed_at == first.filed_at
    assert await count_complaints(pool, schema, None) == 5
    assert await count_complaints(pool, schema, "TRIAGED") == 2

    seen, after = [], None
    while True:
        page, more = await list_complaints(pool, schema, None, 2, after)
        seen += [c.id for c in page]
        if not more:
            break
        after = (page[-1].filed_at, page[-1].id)
    by_time = sorted(ledger.complaints, key=lambda c: (c.filed_at, c.id))
    assert seen == [c.id for c in by_time]
    filed, more = await list_complaints(pool, schema, "FILED", 10, None)
    assert [c.id for c in filed] == [c.id for c in by_time if c.status == "FILED"] and not more
