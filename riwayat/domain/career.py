"""The career commands of `Employee` (issue 14), as a mixin so employee.py keeps its own commands: education,
PPPK contracts, salary steps (KGB), the rank restored after a demotion, and what they let one ask."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from riwayat.domain import career_rules, salary
from riwayat.domain.contract import contract_fields
from riwayat.domain.education import education_fields
from riwayat.domain.enums import EmployeeStatus, EmploymentType
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.promotion import Obstacle, promotion_obstacles
from riwayat.domain.retirement import whole_years
from riwayat.domain.values import Decree, require_decree

_SEPARATED = EmployeeStatus.SEPARATED.value


class CareerCommands:
    """Mixed into `Employee`: `self` is the aggregate (its state attributes and nested events)."""

    def record_education(
        self: Any, level: str, institution: str, graduated_on: date, major: str | None = None,
        diploma_number: str | None = None,
    ) -> None:  # fmt: skip
        """A diploma held (often from before the appointment, so not checked against the TMT)."""
        if self.status == _SEPARATED:
            raise InvalidState("the employee has separated", "level")
        fields = education_fields(level, institution, major, graduated_on, diploma_number)
        self.trigger_event(self.EducationRecorded, **fields)

    def sign_contract(self: Any, start_on: date, end_on: date, work_time: str, ni_pppk: str,
                      decree: Decree) -> None:  # fmt: skip
        """The first PPPK contract on record."""
        self._contract(start_on, end_on, work_time, ni_pppk, decree, renewal=False)

    def renew_contract(self: Any, start_on: date, end_on: date, work_time: str, ni_pppk: str,
                       decree: Decree) -> None:  # fmt: skip
        """A following contract: it starts after the previous one ends (PP 49/2018 art. 37)."""
        self._contract(start_on, end_on, work_time, ni_pppk, decree, renewal=True)

    def _contract(self: Any, start_on: date, end_on: date, work_time: str, ni_pppk: str, decree: Decree,
                  *, renewal: bool) -> None:  # fmt: skip
        if self.employment_type != EmploymentType.PPPK.value:
            raise InvalidState("only a PPPK works under a contract", "startOn")
        day = self._check_dated(start_on, "startOn")
        previous = self.contracts[-1] if self.contracts else None
        fields = contract_fields(day, end_on, work_time, ni_pppk, birth_date=self.birth_date,
                                 gender=self.gender, previous=previous, renewal=renewal)  # fmt: skip
        self.trigger_event(self.ContractSigned, renewal=renewal, effective_on=day,
                           decree=require_decree(decree), **fields)  # fmt: skip

    def next_salary_step_due(self: Any) -> date:
        return salary.next_step_due(self.salary_step_on or self.hired_on, self.salary_delay_months)

    def grant_salary_step(
        self: Any, effective_on: date, decree: Decree, unpaid: Iterable[tuple[date, date]] = ()
    ) -> None:
        """A KGB, by decree, 2 years of masa kerja golongan after the last (or the appointment), CLTN
        (`unpaid`, from the leave account) not counted."""
        day = self._check_dated(effective_on)
        last = self.salary_step_on or self.hired_on
        salary.check_salary_step(last, self.salary_delay_months, day, unpaid)
        self.trigger_event(
            self.SalaryStepGranted,
            service_years=whole_years(self.hired_on, day),
            step=self.salary_steps + 1,
            effective_on=day,
            decree=require_decree(decree),
        )

    def restore_rank(self: Any, effective_on: date, decree: Decree) -> None:
        """The rank held before a demotion sanction, by decree, once its term has ended."""
        day = self._check_dated(effective_on)
        if self.demotion is None:
            raise InvalidState("no demotion sanction lowered the rank", "effectiveOn")
        rank, ends = self.demotion
        if day < ends:
            raise InvalidInput(f"the demotion runs until {ends}", "effectiveOn")
        self.trigger_event(self.RankRestored, from_rank=self.rank, to_rank=rank, effective_on=day,
                           decree=require_decree(decree))  # fmt: skip

    def retires_on(self: Any) -> date:
        """When the BUP of the position held takes effect."""
        return career_rules.retires_on(self)

    def promotion_obstacles(
        self: Any, as_of: date, unpaid: Iterable[tuple[date, date]] = ()
    ) -> list[Obstacle]:
        """Why the employee is not due a regular promotion on `as_of` (empty: due); `unpaid`: their CLTN."""
        return promotion_obstacles(
            employment_type=self.employment_type, status=self.status, rank=self.rank,
            rank_since=self.rank_since, predikat={y: a["predikat"] for y, a in self.appraisals.items()},
            disciplines=self.disciplines, education=[level for level, _ in self.education], as_of=as_of,
            unpaid=unpaid,
        )  # fmt: skip
