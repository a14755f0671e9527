"""What leave changes elsewhere: big leave lapses that year's annual leave; CLTN stops the clocks of years
in rank, salary steps and awards, and makes no one a promotion candidate while it runs."""

from __future__ import annotations

from datetime import date

import pytest

from riwayat.domain.leave import InsufficientLeave
from tests.domain.test_leave import DECREE, account, ask


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
