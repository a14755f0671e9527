"""`Award`: a decoration or the region's own award granted to an employee, by decree.

Satyalancana Karya Satya X, XX and XXX (UU 20/2009, PP 35/2010) follow 10, 20 and 30 years of service
from TMT CPNS, for those never given a medium or heavy sanction; each class is granted once. The
region's own awards are data (a name, a decree, a date). One stream per award, its id derived from the
employee and the class (or, for a regional award, its name and decree), so a duplicate collides.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from riwayat.domain import performance_rules as rules
from riwayat.domain.checks import add_years, optional_text, parse_enum, require_date, require_uuid
from riwayat.domain.errors import InvalidInput
from riwayat.domain.leave_rules import rank_clock_start
from riwayat.domain.performance_rules import AwardClass, NotEligible
from riwayat.domain.values import Decree, require_decree

_NAMESPACE = uuid5(NAMESPACE_URL, "https://riwayat.example/award")


def award_id(employee_id: UUID, award_class: str, name: str | None, decree: Decree) -> UUID:
    if award_class == AwardClass.REGIONAL:
        return uuid5(_NAMESPACE, f"{employee_id}:REGIONAL:{(name or '').casefold()}:{decree.number}")
    return uuid5(_NAMESPACE, f"{employee_id}:{award_class}")


def service_years(tmt_cpns: date, as_of: date, unpaid: Iterable[tuple[date, date]] = ()) -> int:
    """Whole years of service on `as_of`, counted from TMT CPNS, the days of CLTN (`unpaid`, inclusive
    periods) not counted (DOMAIN.md "Awards")."""
    tmt_cpns = rank_clock_start(tmt_cpns, as_of, unpaid)
    years = as_of.year - tmt_cpns.year
    return years if add_years(tmt_cpns, years) <= as_of else years - 1


def satyalancana_blocked(disciplines: Iterable[tuple[str, date, date]]) -> bool:
    """A medium or heavy sanction, ever, excludes the Satyalancana Karya Satya (UNCONFIRMED wording)."""
    return any(level in rules.SATYALANCANA_EXCLUDING_LEVELS for level, _, _ in disciplines)


def check_satyalancana(
    award_class: str, tmt_cpns: date, disciplines: Any, granted_on: date,
    unpaid: Iterable[tuple[date, date]] = (),
) -> None:  # fmt: skip
    needed = rules.SATYALANCANA_YEARS[award_class]
    served = service_years(tmt_cpns, granted_on, unpaid)
    if served < needed:
        raise NotEligible(
            f"{award_class} needs {needed} years of service; {served} on {granted_on}", "awardClass"
        )
    if satyalancana_blocked(disciplines):
        raise NotEligible("a medium or heavy sanction was given: no Satyalancana Karya Satya", "awardClass")


class Award(Aggregate):
    class Granted(Aggregate.Created):
        employee_id: UUID
        award_class: str
        name: str
        decree: Decree
        granted_on: date

        def apply(self, award: Any) -> None:
            award.employee_id, award.award_class, award.name = self.employee_id, self.award_class, self.name
            award.decree, award.granted_on = self.decree, self.granted_on

    @classmethod
    def grant(
        cls, *, employee_id: UUID, award_class: object, decree: Decree, granted_on: date,
        name: str | None = None, tmt_cpns: date, disciplines: Any = (),
        unpaid: Iterable[tuple[date, date]] = (),
    ) -> Award:  # fmt: skip
        """Satyalancana classes are checked against service and sanctions; regional ones need a name."""
        employee = require_uuid(employee_id, "employeeId")
        kind = parse_enum(AwardClass, award_class, "awardClass").value
        day = require_date(granted_on, "grantedOn")
        decree = require_decree(decree)
        if kind == AwardClass.REGIONAL:
            title = optional_text(name, "name", max_length=300)
            if title is None:
                raise InvalidInput("a regional award has a name", "name")
        else:
            check_satyalancana(kind, tmt_cpns, disciplines, day, unpaid)
            title = kind.replace("_", " ").title().replace("Xxx", "XXX").replace("Xx", "XX")
        return cls._create(
            cls.Granted,
            id=award_id(employee, kind, title, decree),
            employee_id=employee,
            award_class=kind,
            name=title,
            decree=decree,
            granted_on=day,
        )
