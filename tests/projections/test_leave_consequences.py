"""CLTN in the career read models, from real events: its days move the years-in-rank clock of
`promotion_candidates` / `promotionEligibility`, the next salary step of `salary_steps_due` and the
Satyalancana service of `award_eligibility`, as the
domain counts them (`Employee.is_promotion_candidate`, `promotion_obstacles`, `salary.next_step_due` given
the account's `unpaid_periods`); and a big leave lapses the year's annual balance in the read model too."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from riwayat.domain.award import Award, service_years
from riwayat.domain.leave import Holder, LeaveAccount
from riwayat.domain.performance_rules import NotEligible
from riwayat.domain.salary import next_step_due
from riwayat.domain.values import Decree
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections import awards, leave
from riwayat.projections.promotion import promotion_candidates, promotion_eligibility
from riwayat.projections.salary_steps import salary_steps_due
from tests.projections.leave_ledger import DAYS
from tests.projections.ledger import APPRAISER, DECREE, Ledger
from tests.projections.test_careers import pns

SK = Decree("800/CLTN/2020", date(2020, 5, 15))


def _leave(acc: LeaveAccount, e: Any, kind: str, start: date, end: date, today: date) -> Any:
    rid = uuid4()
    acc.request(request_id=rid, kind=kind, start=start, end=end, reason="keluarga", address=None,
                holder=Holder(e.employment_type, e.hired_on, e.gender), days_of=DAYS, today=today,
                by=e.nip)  # fmt: skip
    return rid


async def test_cltn_moves_the_promotion_and_salary_step_dates_as_the_domain_does(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    # Given two PNS due a promotion on 2021-04-01 and a salary step on 2021-05-01; one took 90 days of CLTN
    # in 2020 (returned on the 91st day, before the end date)
    ledger = Ledger(store, ptenant)
    await ledger.establish()
    away, stayed = [pns(ledger, name, tmt=date(2015, 5, 1)) for name in ("Away", "Stayed")]
    for e in (away, stayed):
        e.promote("III/b", date(2017, 4, 1), DECREE)
        e.grant_salary_step(date(2017, 5, 1), DECREE)
        e.grant_salary_step(date(2019, 5, 1), DECREE)
        for year in (2019, 2020):
            e.record_appraisal(year, "MEETS", "MEETS", APPRAISER)
    acc = LeaveAccount.open(away.id, away.employment_type)
    cltn = _leave(acc, away, "UNPAID", date(2020, 6, 1), date(2020, 12, 31), date(2020, 5, 20))
    acc.approve(cltn, by="hr", by_hr=True, decree=SK)
    acc.record_return(cltn, returned_on=date(2020, 8, 30))
    await ledger.save(away, stayed, acc)
    periods = acc.unpaid_periods()
    assert periods == [(date(2020, 6, 1), date(2020, 8, 29))]  # 90 days

    # Then the promotion is due 90 days later for the one away, in the read model as in the domain
    for day in (date(2021, 4, 1), date(2021, 6, 29), date(2021, 6, 30)):
        found = {e.id for e in await promotion_candidates(pool, ptenant.schema, day)}
        expected = {e.id for e, p in ((away, periods), (stayed, [])) if e.is_promotion_candidate(day, p)}
        assert found == expected, day
        why = await promotion_eligibility(pool, ptenant.schema, away.id, day)
        assert why == away.promotion_obstacles(day, periods)
    assert away.id in {e.id for e in await promotion_candidates(pool, ptenant.schema, date(2021, 6, 30))}
    assert [o.code for o in away.promotion_obstacles(date(2021, 4, 1), periods)] == ["YEARS_IN_RANK"]
    # and while it ran, no promotion: the read model says why, as the domain does
    why = await promotion_eligibility(pool, ptenant.schema, away.id, date(2020, 7, 1))
    assert [o.code for o in why or []] == ["ON_UNPAID_LEAVE"]

    # And the salary step is due 90 days later too
    due = {r.employee_id: r.due_on for r in await salary_steps_due(pool, ptenant.schema, date(2021, 8, 1))}
    assert due == {stayed.id: date(2021, 5, 1), away.id: date(2021, 7, 30)}
    assert next_step_due(date(2019, 5, 1), 0, periods, date(2021, 8, 1)) == date(2021, 7, 30)
    assert {r.employee_id for r in await salary_steps_due(pool, ptenant.schema, date(2021, 7, 29))} == {
        stayed.id
    }


async def test_a_big_leave_lapses_the_annual_balance_in_the_read_model(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    ledger = Ledger(store, ptenant)
    await ledger.establish()
    e = pns(ledger, "Besar", tmt=date(2015, 5, 1))
    acc = LeaveAccount.open(e.id, e.employment_type)
    acc.approve(_leave(acc, e, "ANNUAL", date(2026, 2, 2), date(2026, 2, 3), date(2026, 1, 5)),
                by="boss", by_hr=False)  # fmt: skip
    big = _leave(acc, e, "BIG", date(2026, 5, 4), date(2026, 7, 31), date(2026, 1, 5))
    await ledger.save(e, acc)
    before = await leave.balance(pool, ptenant.schema, e.id, 2026)
    assert before is not None and before["lapsed"] == 0 and before["remaining"] > 0
    acc.approve(big, by="hr", by_hr=True, decree=SK)
    await ledger.save(acc)
    after = await leave.balance(pool, ptenant.schema, e.id, 2026)
    assert after == {**acc.balance(2026), "source": before["source"]}
    assert (after["lapsed"], after["remaining"]) == (before["remaining"], 0)


async def test_cltn_days_do_not_count_toward_the_satyalancana_service(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    # Given two PNS with TMT CPNS 2015-05-01 (ten years on 2025-05-01); one took 90 days of CLTN in 2020
    ledger = Ledger(store, ptenant)
    await ledger.establish()
    away, stayed = [pns(ledger, name, tmt=date(2015, 5, 1)) for name in ("Away", "Stayed")]
    acc = LeaveAccount.open(away.id, away.employment_type)
    cltn = _leave(acc, away, "UNPAID", date(2020, 6, 1), date(2020, 8, 29), date(2020, 5, 20))
    acc.approve(cltn, by="hr", by_hr=True, decree=SK)
    await ledger.save(away, stayed, acc)
    periods = acc.unpaid_periods()

    def due_x(rows: list[Any]) -> set[Any]:
        return {r.employee_id for r in rows if r.award_class == "SATYALANCANA_KARYA_SATYA_X"}

    # Then the ten years are reached 90 days later for the one away, as `service_years` counts them
    assert due_x(await awards.award_eligibility(pool, ptenant.schema, date(2025, 5, 1))) == {stayed.id}
    assert service_years(away.hired_on, date(2025, 5, 1), periods) == 9
    later = await awards.award_eligibility(pool, ptenant.schema, date(2025, 7, 30))
    assert due_x(later) == {stayed.id, away.id}
    assert service_years(away.hired_on, date(2025, 7, 30), periods) == 10
    with pytest.raises(NotEligible):
        Award.grant(employee_id=away.id, award_class="SATYALANCANA_KARYA_SATYA_X", decree=SK,
                    granted_on=date(2025, 5, 1), tmt_cpns=away.hired_on, unpaid=periods)  # fmt: skip
