"""Working days: the pure arithmetic every deadline and leave count shares.

A working day is Monday–Friday and not in `holidays` (the national holidays and cuti bersama of the year,
see `riwayat.domain.holidays`, plus a tenant's own, see `riwayat.domain.holiday_calendar`). Callers pass the
set of non-working dates; nothing here reads a clock or a database, so leave and complaints count the same.

    working_days_between(start, end, holidays)  # working days in [start, end], both ends included
    add_working_days(start, n, holidays)        # the n-th working day after start (start itself not counted)
    is_working_day(day, holidays)
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from riwayat.domain.errors import InvalidInput

_SATURDAY = 5
# Far enough for any deadline or leave; a bound keeps a bad `n` from looping for ever.
MAX_WORKING_DAYS = 3660


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    return day.weekday() < _SATURDAY and day not in holidays


def working_days_between(start: date, end: date, holidays: Collection[date] = ()) -> int:
    """Working days from `start` to `end`, both included (0 when `end` is before `start`).

    Whole weeks are counted at five days each; only the holidays inside the range that fall on a weekday
    are taken off, so a long range costs no more than a short one."""
    if end < start:
        return 0
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    first = start.weekday()
    count += sum(1 for i in range(rest) if (first + i) % 7 < _SATURDAY)
    count -= sum(1 for h in set(holidays) if start <= h <= end and h.weekday() < _SATURDAY)
    return count


def add_working_days(start: date, n: int, holidays: Collection[date] = ()) -> date:
    """The date `n` working days after `start` (`start` itself does not count, whatever it is).

    Filed on Friday with 3 working days to verify: due Wednesday. `n` = 0 gives `start`."""
    if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= MAX_WORKING_DAYS:
        raise InvalidInput(f"a number of working days is 0–{MAX_WORKING_DAYS}", "days")
    day = start
    while n:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            n -= 1
    return day


def working_days_after(start: date, end: date, holidays: Collection[date] = ()) -> int:
    """Working days after `start` up to and including `end`: how late `end` is against a due date `start`
    (0 when `end` is on or before it)."""
    return working_days_between(start + timedelta(days=1), end, holidays)
