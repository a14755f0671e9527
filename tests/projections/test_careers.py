"""The career read models (issue 14) from real events: positions with seats filled and vacant, vacancies,
retirements due, contracts expiring, salary steps due, the diploma ceiling and `promotion_eligibility`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from riwayat.domain.career_rules import CataloguedPosition
from riwayat.domain.checks import add_years
from riwayat.domain.employee import Employee
from riwayat.domain.position import Position
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.contracts import contracts_expiring, contracts_of
from riwayat.projections.positions import positions_of_unit, vacancies
from riwayat.projections.promotion import promotion_candidates, promotion_eligibility
from riwayat.projections.retirements import retirements_due
from riwayat.projections.salary_steps import salary_steps_due
from tests.projections.ledger import APPRAISER, DECREE, Ledger, populated


def pns(ledger: Ledger, name: str, **kwargs: Any) -> Employee:
    e = ledger.new_employee(name=name, **kwargs)
    e.complete_probation(add_years(e.hired_on, 1), DECREE)
    return e


async def test_a_units_positions_show_seats_filled_and_vacant_and_vacancies_list_the_open_ones(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    unit, other = await ledger.establish(), await ledger.establish()
    head = Position.catalogue(name="Kepala Dinas", kind="JPT_PRATAMA", unit_id=unit.id, job_class=14,
                              seats=1, effective_on=date(2020, 1, 1))  # fmt: skip
    guru = Position.catalogue(name="Guru Ahli Pertama", kind="FUNGSIONAL_KEAHLIAN", jenjang="AHLI_PERTAMA",
                              statute="GURU", unit_id=unit.id, job_class=8, seats=3,
                              effective_on=date(2020, 1, 1), reports_to=head.id)  # fmt: skip
    elsewhere = Position.catalogue(name="Pengadministrasi", kind="PELAKSANA", unit_id=other.id, job_class=5,
                                   seats=2, effective_on=date(2020, 1, 1))  # fmt: skip
    await ledger.save(head, guru, elsewhere)
    teachers = [pns(ledger, f"Guru {i}", unit=unit) for i in range(3)]
    for t in teachers:
        t.assign_position("x", unit.id, "ROTATION", date(2021, 1, 1), DECREE, CataloguedPosition.of(guru))
    teachers[2].separate("RESIGNATION", date(2022, 1, 1), DECREE)  # frees a seat
    moved = pns(ledger, "Pindah", unit=unit)
    moved.assign_position("x", unit.id, "ROTATION", date(2021, 1, 1), DECREE, CataloguedPosition.of(guru))
    moved.assign_position("Staf", unit.id, "ROTATION", date(2022, 1, 1), DECREE)  # free text again
    chief = pns(ledger, "Kadis", unit=unit)
    chief.assign_position("x", unit.id, "PROMOTION", date(2021, 1, 1), DECREE, CataloguedPosition.of(head))
    await ledger.save(*ledger.employees)

    rows = await positions_of_unit(pool, ptenant.schema, unit.id)
    assert [(r.name, r.seats, r.filled, r.vacant, r.retirement_age) for r in rows] == [
        ("Kepala Dinas", 1, 1, 0, 60), ("Guru Ahli Pertama", 3, 2, 1, 60),
    ]  # fmt: skip
    assert rows[1].reports_to == head.id
    assert [(r.name, r.vacant) for r in await vacancies(pool, ptenant.schema)] == [
        ("Guru Ahli Pertama", 1), ("Pengadministrasi", 2),
    ]  # fmt: skip
    guru.change_seats(2, date(2023, 1, 1))
    elsewhere.abolish(date(2023, 1, 1))
    await ledger.save(guru, elsewhere)
    assert await vacancies(pool, ptenant.schema) == []
    assert [r.name for r in await vacancies(pool, ptenant.schema, unit.id)] == []


async def test_retirements_due_from_the_position_kind_and_birth_date(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    unit = await ledger.establish()
    guru = Position.catalogue(name="Guru Ahli Muda", kind="FUNGSIONAL_KEAHLIAN", jenjang="AHLI_MUDA",
                              statute="GURU", unit_id=unit.id, job_class=9, seats=5,
                              effective_on=date(2010, 1, 1))  # fmt: skip
    await ledger.save(guru)
    # Born in March 1968: 58 in March 2026 (retires 2026-04-01), 60 in March 2028 (2028-04-01).
    clerk = pns(ledger, "Staf 58", unit=unit, born=date(1968, 3, 10), tmt=date(1995, 3, 1))
    teacher = pns(ledger, "Guru 60", unit=unit, born=date(1968, 3, 10), tmt=date(1995, 3, 1))
    teacher.assign_position("x", unit.id, "ROTATION", date(2000, 1, 1), DECREE, CataloguedPosition.of(guru))
    soon = pns(ledger, "Staf soon", unit=unit, born=date(1968, 9, 30), tmt=date(1995, 3, 1))
    gone = pns(ledger, "Gone", unit=unit, born=date(1968, 5, 1), tmt=date(1995, 3, 1))
    gone.separate("RETIREMENT", date(2026, 6, 1), DECREE)
    await ledger.save(*ledger.employees)

    due = await retirements_due(pool, ptenant.schema, date(2026, 1, 1), 12)
    assert [(r.employee_id, r.retires_on, r.retirement_age, r.inferred) for r in due] == [
        (clerk.id, date(2026, 4, 1), 58, True), (soon.id, date(2026, 10, 1), 58, True),
    ]  # fmt: skip
    assert clerk.retires_on() == date(2026, 4, 1) and teacher.retires_on() == date(2028, 4, 1)
    later = await retirements_due(pool, ptenant.schema, date(2027, 6, 1), 12)
    assert [(r.employee_id, r.retires_on, r.inferred) for r in later] == [
        (clerk.id, date(2026, 4, 1), True),
        (soon.id, date(2026, 10, 1), True),
        (teacher.id, date(2028, 4, 1), False),
    ]


async def test_contracts_expiring_lists_the_latest_contract_of_pppk_in_service(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    await ledger.establish()
    renewed = ledger.new_employee(name="Renewed", pppk=True, tmt=date(2021, 3, 1))
    renewed.sign_contract(date(2021, 3, 1), date(2026, 2, 28), "FULL_TIME", renewed.nip, DECREE)
    renewed.renew_contract(date(2026, 3, 1), date(2031, 2, 28), "FULL_TIME", renewed.nip, DECREE)
    ending = ledger.new_employee(name="Ending", pppk=True, tmt=date(2025, 7, 1))
    ending.sign_contract(date(2025, 7, 1), date(2026, 6, 30), "PART_TIME", ending.nip, DECREE)
    left = ledger.new_employee(name="Left", pppk=True, tmt=date(2021, 1, 1))
    left.sign_contract(date(2021, 1, 1), date(2025, 12, 31), "FULL_TIME", left.nip, DECREE)
    left.separate("CONTRACT_END", date(2026, 1, 1), DECREE)
    await ledger.save(*ledger.employees)

    expiring = await contracts_expiring(pool, ptenant.schema, date(2026, 1, 1), 6)
    assert [(c.employee_id, c.end_on, c.work_time) for c in expiring] == [
        (ending.id, date(2026, 6, 30), "PART_TIME")
    ]
    assert await contracts_expiring(pool, ptenant.schema, date(2026, 1, 1), 5) == []
    history = await contracts_of(pool, ptenant.schema, renewed.id)
    assert [(c.start_on, c.renewal) for c in history] == [(date(2021, 3, 1), False), (date(2026, 3, 1), True)]


async def test_salary_steps_due_every_two_years_and_a_pp_53_delay_moves_it(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    await ledger.establish()
    stepped = pns(ledger, "Stepped", tmt=date(2015, 5, 1))
    for year in (2017, 2019, 2021, 2023):
        stepped.grant_salary_step(date(year, 5, 1), DECREE)
    delayed = pns(ledger, "Delayed", tmt=date(2019, 5, 1))
    delayed.impose_discipline(None, "Mangkir", date(2020, 3, 1), DECREE, kind="SALARY_STEP_DELAY")
    never = pns(ledger, "Never", tmt=date(2022, 1, 1))
    await ledger.save(*ledger.employees)

    due = await salary_steps_due(pool, ptenant.schema, date(2025, 6, 1))
    assert [(r.employee_id, r.due_on, r.steps) for r in due] == [
        (delayed.id, date(2022, 5, 1), 0), (never.id, date(2024, 1, 1), 0), (stepped.id, date(2025, 5, 1), 4),
    ]  # fmt: skip
    assert await salary_steps_due(pool, ptenant.schema, date(2021, 5, 1)) == []  # delayed a year
    assert delayed.next_salary_step_due() == date(2022, 5, 1)


async def test_the_sd_ceiling_and_eligibility_come_from_the_read_models(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    await ledger.establish()
    sd = pns(ledger, "SD at II/a", rank="II/a")
    sd.record_education("SD", "SD Negeri 1", date(1995, 6, 1))
    slta = pns(ledger, "SLTA at II/a", rank="II/a")
    slta.record_education("SD", "SD Negeri 1", date(1995, 6, 1))
    slta.record_education("SLTA", "SMA Negeri 1", date(2001, 6, 1))
    cut = pns(ledger, "6 months cut")
    cut.impose_discipline("SEDANG", "Mangkir", date(2024, 12, 1), DECREE, kind="ALLOWANCE_CUT_25", months=6)
    for e in ledger.employees:
        e.record_appraisal(2023, "MEETS", "MEETS", APPRAISER)
        e.record_appraisal(2024, "MEETS", "MEETS", APPRAISER)
    await ledger.save(*ledger.employees)

    for day, expected in ((date(2025, 5, 1), {slta.id}), (date(2025, 6, 1), {slta.id, cut.id})):
        found = {e.id for e in await promotion_candidates(pool, ptenant.schema, day)}
        assert found == expected == {e.id for e in ledger.employees if e.is_promotion_candidate(day)}
    why = await promotion_eligibility(pool, ptenant.schema, sd.id, date(2025, 6, 1))
    assert [(o.code, "ceiling for SD" in o.message) for o in why] == [("CEILING", True)]
    blocked = await promotion_eligibility(pool, ptenant.schema, cut.id, date(2025, 5, 31))
    assert [o.code for o in blocked] == ["SANCTION"] and "2025-06-01" in blocked[0].message
    assert await promotion_eligibility(pool, ptenant.schema, cut.id, date(2025, 6, 1)) == []


async def test_the_read_models_agree_with_the_domain_over_a_random_ledger(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = await populated(store, ptenant, 11, 260)
    as_of = date(2025, 6, 1)
    in_service = [e for e in ledger.employees if e.status != "SEPARATED"]
    due = await retirements_due(pool, ptenant.schema, as_of, 600)
    assert {(r.employee_id, r.retires_on) for r in due} == {(e.id, e.retires_on()) for e in in_service
                                                           if e.retires_on() < date(2075, 6, 1)}  # fmt: skip
    steps = await salary_steps_due(pool, ptenant.schema, as_of)
    assert {(r.employee_id, r.due_on) for r in steps} == {
        (e.id, e.next_salary_step_due()) for e in in_service if e.next_salary_step_due() <= as_of
    }
    for e in in_service[:10]:
        why = await promotion_eligibility(pool, ptenant.schema, e.id, as_of)
        assert why == e.promotion_obstacles(as_of)
    horizon = as_of + timedelta(days=3650)
    expiring = await contracts_expiring(pool, ptenant.schema, as_of, 120)
    assert {c.employee_id for c in expiring} == {
        e.id for e in in_service if e.contracts and as_of <= e.contracts[-1][1] < horizon
    }
