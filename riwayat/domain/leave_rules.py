"""Leave (cuti) rules as dated reference data and pure functions (PP 11/2017; PP 49/2018 for PPPK).

Everything the law may change is a `Dated` table with its source, or a module constant where DOMAIN.md marks
the rule unconfirmed, so a deployment can adjust it. Nothing here reads a clock or a database: the
`LeaveAccount` aggregate passes the day, the employee's facts and the year's non-working days.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from riwayat.domain.calendar import working_days_between
from riwayat.domain.checks import add_years
from riwayat.domain.errors import DomainError
from riwayat.domain.reference import Dated, in_force


class LeaveType(StrEnum):
    ANNUAL = "ANNUAL"  # cuti tahunan
    BIG = "BIG"  # cuti besar
    SICK = "SICK"  # cuti sakit
    MATERNITY = "MATERNITY"  # cuti melahirkan
    IMPORTANT_REASONS = "IMPORTANT_REASONS"  # cuti karena alasan penting
    COLLECTIVE = "COLLECTIVE"  # cuti bersama: set by the calendar, never requested
    UNPAID = "UNPAID"  # cuti di luar tanggungan negara (CLTN)


class LeaveStatus(StrEnum):
    REQUESTED = "REQUESTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    CANCELLED = "CANCELLED"
    RETURNED = "RETURNED"


class LeaveOverlap(DomainError):
    """The dates overlap a leave already requested or approved."""

    code = "LEAVE_OVERLAP"


class InsufficientLeave(DomainError):
    """The annual balance cannot cover the request (a balance never goes below 0)."""

    code = "INSUFFICIENT_LEAVE_BALANCE"


class LeaveNotAllowed(DomainError):
    """The employee may not take this kind of leave (employment type, years of service, length)."""

    code = "LEAVE_NOT_ALLOWED"


@dataclass(frozen=True)
class Entitlement:
    """The annual-leave rule of a period: days a year, the service before the first, and carry-over."""

    days: int
    after_years: int
    carry_over: int
    maximum: int


# PP 11/2017 art. 310–313 (PNS); PP 49/2018 art. 70–71 (PPPK: no carry-over written, UNCONFIRMED: same).
ANNUAL_ENTITLEMENT: dict[str, tuple[Dated[Entitlement], ...]] = {
    "PNS": (Dated(date(2017, 3, 30), Entitlement(12, 1, 6, 18), "PP 11/2017 art. 310-313"),),
    "PPPK": (Dated(date(2018, 12, 3), Entitlement(12, 1, 6, 18), "PP 49/2018 art. 70-71"),),
}

# The types each employment type may take (PP 11/2017 art. 309; PP 49/2018 art. 70). Important reasons for
# PPPK is UNCONFIRMED in DOMAIN.md: allowed by default, configurable here.
ALLOWED_TYPES: dict[str, frozenset[LeaveType]] = {
    "PNS": frozenset(LeaveType),
    "PPPK": frozenset({
        LeaveType.ANNUAL, LeaveType.SICK, LeaveType.MATERNITY, LeaveType.COLLECTIVE,
        LeaveType.IMPORTANT_REASONS,
    }),
}  # fmt: skip

# Longest leave of each kind, in calendar days (months as 31 days: a rule that errs for the employee).
MAX_CALENDAR_DAYS: dict[LeaveType, int] = {
    LeaveType.BIG: 3 * 31,
    LeaveType.SICK: 18 * 31,
    LeaveType.MATERNITY: 3 * 31,
    LeaveType.IMPORTANT_REASONS: 31,
    LeaveType.UNPAID: 3 * 366,  # 3 years; the one-year extension is a new request
}
# Years of continuous service before the leave may be taken.
SERVICE_YEARS: dict[LeaveType, int] = {LeaveType.BIG: 5, LeaveType.UNPAID: 5}
# Kinds counted in working days (the rest run in calendar days).
WORKING_DAY_TYPES = frozenset({LeaveType.ANNUAL})
# Kinds decided by hr with a decree (PP 11/2017 art. 340: the PPK), not by the direct superior.
HR_DECIDED = frozenset({LeaveType.BIG, LeaveType.UNPAID})
# Kinds that end with a recorded return to duty (the person must report back).
RETURN_RECORDED = frozenset({LeaveType.BIG, LeaveType.SICK, LeaveType.MATERNITY, LeaveType.UNPAID})


def entitlement_rule(employment_type: str, year: int) -> Dated[Entitlement]:
    return in_force(ANNUAL_ENTITLEMENT[employment_type], date(year, 1, 1))


def annual_entitled(employment_type: str, hired_on: date, year: int) -> int:
    """Annual days of `year`: the full 12 once a year of continuous service is complete within it."""
    rule = entitlement_rule(employment_type, year).value
    return rule.days if add_years(hired_on, rule.after_years) <= date(year, 12, 31) else 0


def carried_over(employment_type: str, year: int, unused_last_year: int) -> int:
    """Unused annual days of the year before that carry into `year` (at most 6; at most 18 together)."""
    rule = entitlement_rule(employment_type, year).value
    return max(0, min(unused_last_year, rule.carry_over, rule.maximum - rule.days))


def collective_days(cuti_bersama: Iterable[date]) -> int:
    """Cuti bersama days that fall on weekdays: each one taken from the annual leave."""
    return sum(1 for d in set(cuti_bersama) if d.weekday() < 5)


def leave_days(kind: LeaveType, start: date, end: date, non_working: Collection[date]) -> int:
    """The days a request uses: working days for annual leave, calendar days for the rest."""
    if kind in WORKING_DAY_TYPES:
        return working_days_between(start, end, non_working)
    return (end - start).days + 1


def overlap_days(periods: Iterable[tuple[date, date]], start: date, end: date) -> int:
    """Calendar days of `periods` (inclusive ranges) inside [start, end]."""
    total = 0
    for a, b in periods:
        lo, hi = max(a, start), min(b, end)
        if lo <= hi:
            total += (hi - lo).days + 1
    return total


def rank_clock_start(rank_since: date, as_of: date, unpaid: Iterable[tuple[date, date]] = ()) -> date:
    """The date the years in rank count from on `as_of`: `rank_since` moved on by the days of unpaid leave
    (CLTN) since then, which do not count as service (PP 11/2017 art. 331)."""
    return rank_since + timedelta(days=overlap_days(unpaid, rank_since, as_of))
