"""Salary steps (kenaikan gaji berkala, KGB): every 2 years of masa kerja golongan, by decree.

Riwayat records the step and the service years, not the amounts. Masa kerja golongan is counted from the
appointment TMT (a simplification: the initial service credit and the reductions on a change of golongan
are not recorded). A PP 53/2010 salary-step delay pushes the next step back by a year, and the days of
unpaid leave (CLTN) since the last step push it back by as many days: they are not service (DOMAIN.md
"Leave"; the same rule as the years in rank, `leave_rules.rank_clock_start`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from riwayat.domain import reference
from riwayat.domain.checks import add_months
from riwayat.domain.errors import DomainError
from riwayat.domain.leave_rules import overlap_days


class SalaryStepNotDue(DomainError):
    """A KGB before 2 years (plus any delay) since the last one."""

    code = "SALARY_STEP_NOT_DUE"


def next_step_due(
    last_on: date, delay_months: int, unpaid: Iterable[tuple[date, date]] = (), as_of: date | None = None
) -> date:
    """When the next KGB falls due: 2 years (in force on `last_on`) after the last, plus any delay, plus
    the days of CLTN (`unpaid`, inclusive periods) from `last_on` to `as_of`."""
    months = reference.in_force(reference.SALARY_STEP_MONTHS, last_on).value
    paused = overlap_days(unpaid, last_on, as_of) if as_of is not None else 0
    return add_months(last_on, months + delay_months) + timedelta(days=paused)


def check_salary_step(
    last_on: date, delay_months: int, on: date, unpaid: Iterable[tuple[date, date]] = ()
) -> None:
    due = next_step_due(last_on, delay_months, unpaid, on)
    if on < due:
        raise SalaryStepNotDue(f"the next salary step is due on {due}", "effectiveOn")
    if on.day != 1:
        raise SalaryStepNotDue("a salary step takes effect on the 1st of a month", "effectiveOn")
