"""`promotion_candidates`: the regular-promotion rule of DOMAIN.md in SQL, checked case by case and
against the domain's own `Employee.is_promotion_candidate` over a random ledger."""

from __future__ import annotations

from datetime import date
from typing import Any

from riwayat.domain.checks import add_years
from riwayat.domain.employee import Employee
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.promotion import promotion_candidates
from tests.projections.ledger import APPRAISER, DECREE, Ledger, populated

AS_OF = date(2025, 6, 1)


def active(ledger: Ledger, name: str, **kwargs: Any) -> Employee:
    """An active PNS, III/a since 2015-05-01, rated BAIK or better in 2023 and 2024 unless changed."""
    e = ledger.new_employee(name=name, **kwargs)
    if e.employment_type == "PNS":
        e.complete_probation(add_years(e.hired_on, 1), DECREE)
    return e


def rated(
    e: Employee, y2023: tuple[str, str] = ("ABOVE", "ABOVE"), y2024: tuple[str, str] = ("MEETS", "MEETS")
) -> Employee:
    e.record_appraisal(2023, *y2023, APPRAISER)
    e.record_appraisal(2024, *y2024, APPRAISER)
    return e


async def test_candidates_are_active_pns_four_years_in_rank_rated_baik_twice_and_not_sanctioned(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    await ledger.establish()
    due = rated(active(ledger, "A due"))
    exactly_four = rated(active(ledger, "B exactly four years"))
    exactly_four.promote("III/b", date(2021, 6, 1), DECREE)
    a_month_short = rated(active(ledger, "C a month short"))
    a_month_short.promote("III/b", date(2021, 7, 1), DECREE)
    needs_work = rated(active(ledger, "D butuh perbaikan"), y2024=("BELOW", "ABOVE"))
    unrated_2023 = active(ledger, "E no 2023 SKP")
    unrated_2023.record_appraisal(2024, "ABOVE", "ABOVE", APPRAISER)
    sanctioned = rated(active(ledger, "F sanction in effect"))
    sanctioned.impose_discipline("SEDANG", "Mangkir", date(2025, 1, 1), DECREE)
    sanction_over = rated(active(ledger, "G sanction over"))
    sanction_over.impose_discipline("RINGAN", "Terlambat", date(2024, 6, 1), DECREE)  # ends 2024-12-01
    sanction_later = rated(active(ledger, "H sanction starts later"))
    sanction_later.impose_discipline("BERAT", "Mangkir", date(2025, 7, 1), DECREE)
    top = rated(active(ledger, "I top rank", rank="IV/e"))
    contract = rated(active(ledger, "J PPPK", pppk=True))
    candidate = rated(ledger.new_employee(name="K CPNS"))
    gone = rated(active(ledger, "L separated"))
    gone.separate("RESIGNATION", date(2025, 1, 1), DECREE)
    await ledger.save(*ledger.employees)

    found = await promotion_candidates(pool, ptenant.schema, AS_OF)

    assert [e.name for e in found] == [due.name, exactly_four.name, sanction_over.name, sanction_later.name]
    assert {e.id for e in found} == {e.id for e in ledger.employees if e.is_promotion_candidate(AS_OF)}
    excluded = [a_month_short, needs_work, unrated_2023, sanctioned, top, contract, candidate, gone]
    assert not {e.id for e in excluded} & {e.id for e in found}
    assert len(excluded) + len(found) == len(ledger.employees)
    later = await promotion_candidates(pool, ptenant.schema, date(2026, 1, 1))  # needs 2024 and 2025 SKPs
    assert later == []


async def test_four_years_from_29_february_end_on_29_february_in_a_leap_year(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    await ledger.establish()
    e = active(ledger, "Leap", tmt=date(2016, 2, 29))
    e.record_appraisal(2018, "MEETS", "MEETS", APPRAISER)
    e.record_appraisal(2019, "MEETS", "MEETS", APPRAISER)
    await ledger.save(e)
    for day, due in ((date(2020, 2, 28), False), (date(2020, 2, 29), True)):
        assert (
            bool(await promotion_candidates(pool, ptenant.schema, day))
            is due
            is e.is_promotion_candidate(day)
        )


async def test_the_query_agrees_with_the_domain_rule_for_every_employee_of_a_random_ledger(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = await populated(store, ptenant, 7, 300)
    for as_of in (date(2019, 4, 1), date(2023, 1, 1), date(2025, 6, 1), date(2026, 2, 1)):
        found = {e.id for e in await promotion_candidates(pool, ptenant.schema, as_of)}
        assert found == {e.id for e in ledger.employees if e.is_promotion_candidate(as_of)}


async def test_cltn_stops_the_rank_clock_and_no_one_on_cltn_is_a_candidate(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    from uuid import uuid4

    from riwayat.domain.holiday_calendar import effective_holidays
    from riwayat.domain.leave import Holder, LeaveAccount, year_days

    ledger = Ledger(store, ptenant)
    await ledger.establish()
    due = rated(active(ledger, "A due"))
    away_now, away_before = rated(active(ledger, "B on CLTN")), rated(active(ledger, "C CLTN in 2022"))
    away_before.promote("III/b", date(2021, 6, 1), DECREE)  # exactly four years on AS_OF without CLTN
    await ledger.save(*ledger.employees)
    days = {y: year_days(y, effective_holidays(y, None, ())) for y in range(2021, 2026)}
    for e, start, end in ((away_now, date(2025, 3, 1), date(2025, 12, 31)),
                          (away_before, date(2022, 2, 1), date(2022, 2, 28))):  # fmt: skip
        acc, rid = LeaveAccount.open(e.id, "PNS"), uuid4()
        holder = Holder("PNS", e.hired_on, e.gender)
        acc.request(request_id=rid, kind="UNPAID", start=start, end=end, reason="ikut suami", address=None,
                    holder=holder, days_of=days, today=start, by=e.nip)  # fmt: skip
        acc.approve(rid, by="hr", by_hr=True, decree=DECREE)
        await ledger.save(acc)

    found = await promotion_candidates(pool, ptenant.schema, AS_OF)

    assert [e.name for e in found] == [due.name]
