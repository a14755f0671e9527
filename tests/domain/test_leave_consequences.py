"""What leave changes elsewhere: big leave lapses that year's annual leave; CLTN stops the clocks of years
in rank, salary steps and awards, and makes no one a promotion candidate while it runs."""

from __future__ import annotations

from datetime import date

import pytest

from riwayat.domain.leave import InsufficientLeave
from riwayat.domain.salary import SalaryStepNotDue, next_step_due
from tests.domain.factories import active_pns
from tests.domain.test_leave import DECREE, account, ask
from tests.domain.test_promotion_candidates import AS_OF, SK, due_employee


def test_an_approved_big_leave_lapses_what_is_left_of_that_years_annual_leave() -> None:
    # Given 2 annual days taken in 2026, then a big leave starting in 2026
    acc = account()
    acc.approve(ask(acc, "ANNUAL", date(2026, 2, 2), date(2026, 2, 3)), by="boss", by_hr=False)
    before = acc.balance(2026)
    assert before["remaining"] > 0 and before["lapsed"] == 0
    big = ask(acc, "BIG", date(2026, 5, 4), date(2026, 7, 31))
    assert acc.balance(2026)["lapsed"] == 0  # only an approved one lapses it
    acc.approve(big, by="hr", by_hr=True, decree=DECREE)
    # Then the rest lapses: nothing remains, taken days stay taken, nothing more can be requested
    after = acc.balance(2026)
    assert (after["taken"], after["lapsed"], after["remaining"]) == (2, before["remaining"], 0)
    with pytest.raises(InsufficientLeave):
        ask(acc, "ANNUAL", date(2026, 10, 5), date(2026, 10, 5))
    # And nothing of 2026 is carried into 2027 (the lapsed days were not "unused")
    ask(acc, "ANNUAL", date(2027, 2, 1), date(2027, 2, 1))
    assert acc.balance(2027)["carried_over"] == 0


CLTN = [(date(2019, 1, 1), date(2019, 3, 31))]  # 90 days away


def test_cltn_days_do_not_count_toward_the_years_in_rank_and_no_one_on_it_is_a_candidate() -> None:
    # Given a PNS due a promotion on 2021-04-01 (III/b since 2017-04-01, two good years)
    employee = due_employee()
    assert employee.is_promotion_candidate(AS_OF)
    # When 90 days of 2019 were CLTN, the four years are reached 90 days later
    assert not employee.is_promotion_candidate(AS_OF, CLTN)
    why = employee.promotion_obstacles(AS_OF, CLTN)
    assert [o.code for o in why] == ["YEARS_IN_RANK"]
    assert "90 days of CLTN not counted" in why[0].message and "2021-06-30" in why[0].message
    assert employee.is_promotion_candidate(date(2021, 6, 30), CLTN)
    # And while a CLTN runs, they are not a candidate at all, whatever else holds
    running = [(date(2021, 3, 1), date(2021, 12, 31))]
    assert [o.code for o in employee.promotion_obstacles(date(2021, 12, 31), running)] == ["ON_UNPAID_LEAVE"]
    assert not employee.is_promotion_candidate(date(2021, 12, 31), running)


def test_cltn_days_push_the_next_salary_step_back() -> None:
    # Given an active PNS appointed 2015-05-01: the first KGB is due 2017-05-01
    assert next_step_due(date(2015, 5, 1), 0) == date(2017, 5, 1)
    away = [(date(2016, 1, 1), date(2016, 1, 31))]  # 31 days of CLTN
    assert next_step_due(date(2015, 5, 1), 0, away, date(2017, 6, 1)) == date(2017, 6, 1)
    employee = active_pns()
    with pytest.raises(SalaryStepNotDue):
        employee.grant_salary_step(date(2017, 5, 1), SK, away)
    employee.grant_salary_step(date(2017, 6, 1), SK, away)
    assert employee.salary_steps == 1
