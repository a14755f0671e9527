"""Salary steps (kenaikan gaji berkala, KGB): every 2 years of masa kerja golongan, by decree.

Riwayat records the step and the service years, not the amounts. Masa kerja golongan is counted from the
appointment TMT (a simplification: the initial service credit and the reductions on a change of golongan
are not recorded). A PP 53/2010 salary-step delay pushes the next step back by a year.
"""

from __future__ import annotations

from datetime import date

from riwayat.domain import reference
from riwayat.domain.checks import add_months
from riwayat.domain.errors import DomainError


class SalaryStepNotDue(DomainError):
    """A KGB before 2 years (plus any delay) since the last one."""

    code = "SALARY_STEP_NOT_DUE"


def next_step_due(last_on: date, delay_months: int) -> date:
    """When the next KGB falls due: 2 years (in force on `last_on`) after the last, plus any delay."""
    months = reference.in_force(reference.SALARY_STEP_MONTHS, last_on).value
    return add_months(last_on, months + delay_months)


def check_salary_step(last_on: date, delay_months: int, on: date) -> None:
    due = next_step_due(last_on, delay_months)
    if on < due:
        raise SalaryStepNotDue(f"the next salary step is due on {due}", "effectiveOn")
    if on.day != 1:
        raise SalaryStepNotDue("a salary step takes effect on the 1st of a month", "effectiveOn")
