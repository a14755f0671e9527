"""A rebuilt projection equals the inline one row for row, even while the API keeps appending."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date
from typing import Any

import pytest

from riwayat.domain.employee import Employee
from riwayat.infra.database import Database
from riwayat.infra.ledger import INLINE_GATE, EventStore
from riwayat.infra.tenants import Tenant, TenantRegistry
from riwayat.projections import rebuild as rebuild_module
from riwayat.projections.rebuild import RebuildRunning, rebuild
from riwayat.projections.registry import projection_status
from tests.projections.ledger import DECREE, Ledger, dump, populated
from tests.projections.test_competency import COMPETENCY_TABLES
from tests.projections.test_performance import PERFORMANCE_TABLES

EVENT_TYPES = [f"OrgUnit.{t}" for t in ("Established", "Renamed", "Dissolved")] + [
    f"Employee.{t}" for t in ("Hired", "ProbationCompleted", "RankPromoted", "PositionAssigned",
    "TrainingCompleted", "AppraisalRecorded", "DisciplineImposed", "Separated", "PersonalDataCorrected",
    "EducationRecorded", "ContractSigned", "SalaryStepGranted", "RankRestored")
] + [f"Complaint.{t}" for t in ("Filed", "Triaged", "Resolved", "Closed", "Reopened")] + [
    f"Position.{t}" for t in ("Catalogued", "SeatsChanged", "ReportingChanged", "Abolished")
]  # fmt: skip


def assert_matches_domain(tables: dict[str, list[tuple]], ledger: Ledger) -> None:
    """The read models say what the aggregates say (the fold of the same events)."""
    employees = {row[0]: row for row in tables["employees"]}
    assert len(employees) == len(ledger.employees)
    for e in ledger.employees:
        row = employees[e.id]
        assert (row[1], row[2], row[6], row[7], row[8], row[10], row[12]) == (
            e.nip, e.name, e.status, e.rank, e.rank_since, e.unit_id, e.version,
        )  # fmt: skip
    hours = {(r[0], r[1]): r[2] for r in tables["training_hours"]}
    assert hours == {(e.id, y): h for e in ledger.employees for y, h in e.training_hours.items()}
    appraisals = {(r[0], r[1]): r[4] for r in tables["appraisals"]}
    assert appraisals == {(e.id, y): a["predikat"] for e in ledger.employees for y, a in e.appraisals.items()}
    in_service = Counter(e.unit_id for e in ledger.employees if e.status != "SEPARATED")
    for unit_row in tables["org_units"]:
        assert unit_row[3] == in_service.get(unit_row[0], 0)
    statuses = {r[0]: r[1] for r in tables["complaints"]}
    assert statuses == {c.id: c.status for c in ledger.complaints}
    leave = {r[0]: r[6] for r in tables["leave_requests"]}  # leave (issue 17)
    accounts = getattr(ledger, "leave_accounts", ())
    assert leave == {rid: q["status"] for a in accounts for rid, q in a.requests.items()}


async def test_rebuilding_every_projection_of_two_tenants_reproduces_the_inline_rows_exactly(
    store: EventStore, db: Database, projected_registry: TenantRegistry, ptenant: Tenant
) -> None:
    # Given two tenants with a few hundred events of every type, projected inline
    other = await projected_registry.create(ptenant.slug + "b", "Other")
    ledgers = [await populated(store, ptenant, 1, 220), await populated(store, other, 2, 220)]
    before = [await dump(db, t) for t in (ptenant, other)]
    types = {e.type for t in (ptenant, other) for e in await store.read_log(t, limit=10_000)}
    # 3 org unit + 13 employee + 7 complaint + 4 position + 2 holiday + 2 survey + 2 forum event types
    # + 8 leave account event types (issue 17)
    assert len(types) == 41, sorted(types)
    # (the performance cycle's tables are filled and rebuilt in tests/projections/test_performance.py,
    # the competency ones in tests/projections/test_competency.py)
    elsewhere = (*PERFORMANCE_TABLES, *COMPETENCY_TABLES)
    assert [n for b in before for n, rows in b.items() if not rows and n not in elsewhere] == []
    for tables, ledger in zip(before, ledgers, strict=True):
        assert_matches_domain(tables, ledger)

    # When every projection of both tenants is rebuilt from the ledger
    for t in (ptenant, other):
        report = await rebuild(store, t)
        assert report.position == (await store.head(t))[0]

    # Then every table holds exactly the same rows, and nothing lags
    after = [await dump(db, t) for t in (ptenant, other)]
    for a, b in zip(after, before, strict=True):
        for name in a:
            assert set(a[name]) - set(b[name]) == set() == set(b[name]) - set(a[name]), name
    assert after == before
    for t in (ptenant, other):
        status = await projection_status(await db.pool_for_tenant(t.slug), t.schema)
        assert {s.lag for s in status} == {0}


async def test_group_committed_batches_that_write_one_row_many_times_equal_their_rebuild(
    store: EventStore, db: Database, ptenant: Tenant
) -> None:
    # Given employees in three units
    ledger = Ledger(store, ptenant, 12)
    units = [await ledger.establish(code, f"Unit {code}") for code in ("DISDIK", "DINKES", "BKPSDM")]
    employees = [await ledger.hire(unit=units[i % 3], tmt=date(2015, 1, 1)) for i in range(12)]

    async def busy_year(i: int, e: Employee) -> None:
        for hours in (2, 4, 8):  # one employee-year, three times
            e.record_training("Bimtek", "WORKSHOP", hours, date(2024, 3, i + 1))
        for unit in (units[(i + 1) % 3], units[(i + 2) % 3]):  # moved twice: the member row is read back
            e.assign_position("Kepala Seksi", unit.id, "TRANSFER", date(2024, 5, 1), DECREE)
        if i % 3 == 0:
            e.separate("RESIGNATION", date(2024, 6, 1), DECREE)
        await ledger.save(e)

    # When their commands run concurrently, so the store commits them in shared batches
    projector, streams_per_batch = store.projector, []

    async def counting(con: Any, tenant: Tenant, recorded: list[Any]) -> None:
        streams_per_batch.append(len({r.stream_id for r in recorded}))
        await projector(con, tenant, recorded)

    ledger.store = EventStore(db, store.codec, projector=counting)  # a plain function: batches judged
    await asyncio.gather(*(busy_year(i, e) for i, e in enumerate(employees)), ledger.random_steps(40))
    ledger.store = store
    assert max(streams_per_batch) > 1

    # Then the inline rows say what the domain says, and a rebuild gives the very same rows
    before = await dump(db, ptenant)
    assert_matches_domain(before, ledger)
    await rebuild(store, ptenant)
    assert await dump(db, ptenant) == before


async def test_a_rebuild_while_appends_continue_misses_nothing_and_ends_with_no_lag(
    store: EventStore, db: Database, ptenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a tenant with history, and small pages so the rebuild yields to the appender often
    ledger = await populated(store, ptenant, 3, 150)
    monkeypatch.setattr(rebuild_module, "PAGE", 25)
    writer = Ledger(store, ptenant, 4)
    writer.units = ledger.units
    stop = asyncio.Event()
    appended_during: list[int] = []

    async def keep_appending() -> None:
        while not stop.is_set():
            employee = await writer.hire(tmt=date(2016, 1, 1))
            employee.record_training("Diklat", "CLASSROOM", 3, date(2024, 2, 2))
            employee.record_appraisal(2024, "ABOVE", "MEETS", "197001011995031002")
            await writer.save(employee)
            appended_during.append(1)

    # When the rebuild runs while another task keeps appending
    task = asyncio.create_task(keep_appending())
    await asyncio.sleep(0.05)
    start = (await store.head(ptenant))[0]
    report = await rebuild(store, ptenant)
    stop.set()
    await task

    # Then events appended during the rebuild are in the swapped-in tables, and lag is 0
    assert report.position > start and appended_during
    ledger.employees += writer.employees
    live = await dump(db, ptenant)
    assert_matches_domain(live, ledger)
    status = await projection_status(await db.pool_for_tenant(ptenant.slug), ptenant.schema)
    assert {s.lag for s in status} == {0}
    await rebuild(store, ptenant)  # a quiet full rebuild gives the very same rows
    assert await dump(db, ptenant) == live


async def test_rebuilding_one_projection_leaves_the_others_alone(
    store: EventStore, db: Database, ptenant: Tenant
) -> None:
    await populated(store, ptenant, 5, 60)
    before = await dump(db, ptenant)
    report = await rebuild(store, ptenant, ["training_hours"])
    assert report.names == ["training_hours"]
    assert await dump(db, ptenant) == before


async def test_a_second_rebuild_of_the_same_tenant_is_refused_while_one_runs(
    store: EventStore, db: Database, ptenant: Tenant
) -> None:
    await populated(store, ptenant, 6, 10)
    pool = await db.pool_for_tenant(ptenant.slug)
    async with pool.acquire() as con:
        await con.execute("SELECT pg_advisory_lock(hashtext($1))", ptenant.schema + "_rebuild")
        with pytest.raises(RebuildRunning):
            await rebuild(store, ptenant)
        await con.execute("SELECT pg_advisory_unlock(hashtext($1))", ptenant.schema + "_rebuild")


async def test_the_inline_projector_joins_the_append_statement_unless_a_handler_reads_rows(
    store: EventStore, db: Database, ptenant: Tenant
) -> None:
    # Given a projector that records which batches it gave as statements to join
    ledger = Ledger(store, ptenant, 13)
    unit, other = await ledger.establish("DISDIK"), await ledger.establish("DINKES")
    given: list[bool] = []
    statements = store.projector.statements

    def recording(tenant: Tenant, recorded: list[Any]) -> Any:
        result = statements(tenant, recorded)
        given.append(result is not None)
        assert result is None or all(INLINE_GATE in sql for sql, _ in result)
        return result

    store.projector.statements = recording
    employee = await ledger.hire(unit=unit, tmt=date(2015, 1, 1))

    # When a training is recorded (no handler reads a row), then a move (the member row is read first)
    employee.record_training("Diklat", "CLASSROOM", 3, date(2024, 2, 2))
    await ledger.save(employee)
    joined = list(given)
    employee.assign_position("Kepala Seksi", other.id, "TRANSFER", date(2024, 5, 1), DECREE)
    await ledger.save(employee)

    # Then only the batch without reads was given as statements; the rows are what a rebuild gives
    assert joined and joined[-1] is True and given[-1] is False
    before = await dump(db, ptenant)
    assert_matches_domain(before, ledger)
    await rebuild(store, ptenant)
    assert await dump(db, ptenant) == before
