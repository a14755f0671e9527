"""Leave rules (PP 11/2017): entitlement, carry-over, cuti bersama, working days, overlap, cancel, CLTN."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from riwayat.domain import leave_rules as rules
from riwayat.domain.errors import InvalidState
from riwayat.domain.holiday_calendar import effective_holidays
from riwayat.domain.leave import (
    Holder,
    InsufficientLeave,
    LeaveAccount,
    LeaveNotAllowed,
    LeaveOverlap,
    year_days,
)
from riwayat.domain.values import Decree

DAYS = {y: year_days(y, effective_holidays(y, None, ())) for y in (2025, 2026, 2027)}
VETERAN = Holder("PNS", date(2010, 3, 1), "FEMALE")
TODAY = date(2026, 1, 5)
DECREE = Decree("800/CLTN/2026", date(2026, 1, 10))


def account(holder: Holder = VETERAN) -> LeaveAccount:
    return LeaveAccount.open(uuid4(), holder.employment_type)


def ask(acc: LeaveAccount, kind: str, start: date, end: date, holder: Holder = VETERAN, today: date = TODAY,
        days_of=DAYS):  # fmt: skip
    rid = uuid4()
    acc.request(request_id=rid, kind=kind, start=start, end=end, reason="keluarga", address="Medan",
                holder=holder, days_of=days_of, today=today, by="199001012015031001")  # fmt: skip
    return rid


def test_annual_entitlement_starts_after_one_year_of_service() -> None:
    assert rules.annual_entitled("PNS", date(2025, 6, 1), 2025) == 0
    assert rules.annual_entitled("PNS", date(2025, 6, 1), 2026) == 12  # the year completes in 2026
    new = Holder("PNS", date(2025, 6, 1), "MALE")
    acc = account(new)
    with pytest.raises(InsufficientLeave):  # 2026 opens with 12 − 8 cuti bersama = 4 days
        ask(acc, "ANNUAL", date(2026, 7, 6), date(2026, 7, 10), new)  # 5 working days
    ask(acc, "ANNUAL", date(2026, 7, 6), date(2026, 7, 9), new)
    assert acc.balance(2026)["entitled"] == 12 and acc.balance(2026)["carried_over"] == 0


def test_carry_over_is_at_most_six_days_and_eighteen_in_all() -> None:
    assert rules.carried_over("PNS", 2026, 10) == 6
    assert rules.carried_over("PNS", 2026, 3) == 3
    # a tenant whose 2025 calendar (REPLACE) had no cuti bersama: 11 of its 12 days unused, 6 carried
    days = {**DAYS, 2025: year_days(2025, frozenset())}
    acc = account()
    acc.approve(ask(acc, "ANNUAL", date(2025, 7, 7), date(2025, 7, 7), today=date(2025, 1, 2), days_of=days),
                by="boss", by_hr=False)  # fmt: skip
    assert acc.balance(2025)["remaining"] - acc.balance(2025)["carried_over"] == 11
    ask(acc, "ANNUAL", date(2026, 7, 6), date(2026, 7, 6), days_of=days)
    b = acc.balance(2026)
    assert b["carried_over"] == 6 and b["entitled"] + b["carried_over"] == 18


def test_cuti_bersama_is_deducted_from_annual_leave() -> None:
    acc = account()
    ask(acc, "ANNUAL", date(2026, 7, 6), date(2026, 7, 6))
    b = acc.balance(2026)
    assert b["collective"] == 8  # the weekday cuti bersama days of the 2026 SKB
    assert b["remaining"] == b["entitled"] + b["carried_over"] - 8 - 0
    assert b["pending"] == 1


def test_a_request_over_a_weekend_and_holidays_counts_working_days_only() -> None:
    acc = account()
    # Mon 16 Mar – Fri 27 Mar 2026: 10 weekdays, less Nyepi (19), 5 cuti bersama-or-holidays (18, 20, 23, 24)
    rid = ask(acc, "ANNUAL", date(2026, 3, 16), date(2026, 3, 27))
    assert acc.requests[rid]["days"] == 5
    assert acc.balance(2026)["pending"] == 5


def test_overlapping_leave_is_refused_but_a_rejected_one_frees_its_days() -> None:
    acc = account()
    rid = ask(acc, "ANNUAL", date(2026, 7, 6), date(2026, 7, 8))
    with pytest.raises(LeaveOverlap):
        ask(acc, "SICK", date(2026, 7, 8), date(2026, 7, 10))
    acc.reject(rid, by="hr", by_hr=True, reason="tenaga kurang")
    ask(acc, "SICK", date(2026, 7, 8), date(2026, 7, 10))


def test_cancel_only_before_the_start() -> None:
    acc = account()
    rid = ask(acc, "ANNUAL", date(2026, 7, 6), date(2026, 7, 8))
    acc.approve(rid, by="199001012015031001", by_hr=False)
    with pytest.raises(InvalidState):
        acc.cancel(rid, by="x", today=date(2026, 7, 6))
    acc.cancel(rid, by="x", today=date(2026, 7, 5))
    assert acc.balance(2026)["taken"] == 0


def test_the_balance_never_goes_below_zero_on_approval() -> None:
    acc = account(Holder("PNS", date(2024, 1, 2), "MALE"))
    h = Holder("PNS", date(2024, 1, 2), "MALE")
    total = acc.balance(2026)["remaining"]
    a = ask(acc, "ANNUAL", date(2026, 7, 6), date(2026, 7, 9), h)  # 4 days
    b = ask(acc, "ANNUAL", date(2026, 8, 3), date(2026, 8, 6), h)  # 4 days: each fits, not both
    total = acc.balance(2026)["remaining"]
    assert total < 8
    acc.approve(a, by="boss", by_hr=False)
    with pytest.raises(InsufficientLeave):
        acc.approve(b, by="boss", by_hr=False)
    assert acc.balance(2026)["remaining"] >= 0


def test_cltn_needs_five_years_of_pns_service_and_a_decree() -> None:
    young = Holder("PNS", date(2022, 1, 3), "MALE")
    with pytest.raises(LeaveNotAllowed):
        ask(account(young), "UNPAID", date(2026, 2, 1), date(2026, 12, 31), young)
    pppk = Holder("PPPK", date(2010, 1, 4), "MALE")
    with pytest.raises(LeaveNotAllowed):
        ask(account(pppk), "UNPAID", date(2026, 2, 1), date(2026, 12, 31), pppk)
    acc = account()
    rid = ask(acc, "UNPAID", date(2026, 2, 1), date(2027, 1, 31))
    with pytest.raises(LeaveNotAllowed):  # not the superior's to decide
        acc.approve(rid, by="199001012015031001", by_hr=False, decree=DECREE)
    with pytest.raises(Exception, match="decree"):
        acc.approve(rid, by="hr", by_hr=True)
    acc.approve(rid, by="hr", by_hr=True, decree=DECREE)
    acc.record_return(rid, returned_on=date(2026, 12, 1))
    assert acc.unpaid_periods() == [(date(2026, 2, 1), date(2026, 11, 30))]


def test_cltn_pauses_the_years_in_rank() -> None:
    since = date(2022, 4, 1)
    cltn = [(date(2023, 1, 1), date(2023, 12, 31))]  # a year away
    assert rules.rank_clock_start(since, date(2026, 4, 1)) == since
    assert rules.rank_clock_start(since, date(2026, 4, 1), cltn) == date(2023, 4, 1)  # 365 days later
