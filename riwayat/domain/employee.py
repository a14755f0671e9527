"""`Employee`: one event stream per civil servant (PNS or PPPK), from appointment to separation.

This module holds the aggregate's state defaults and its events, the stored contract: every event class is
an attribute of `Employee` here, so its topic is `riwayat.domain.employee:Employee.<Name>` (eventsourcing
redefines each event class the aggregate's body names under the aggregate's module and qualname; the
onboarding events are written in `onboarding` and named here). The commands are mixins: `employee_commands`
(appointment and the personnel actions), `career` (issue 14) and `onboarding` (issue 13).

Command methods check the rules and raise `DomainError`s; only then do they trigger an event. Event
`apply` bodies are plain state updates with no checks, so `Employee.fold` can replay any selection of
events in any order (the "as effective on" view sorts by TMT, not by version).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.domain import discipline, onboarding, reference
from riwayat.domain.career import CareerCommands
from riwayat.domain.employee_commands import EmployeeCommands
from riwayat.domain.enums import EmployeeStatus, EmploymentType
from riwayat.domain.fold import fold_events
from riwayat.domain.onboarding import OnboardingCommands
from riwayat.domain.personal import RETAINED
from riwayat.domain.quick_events import QuickEvents
from riwayat.domain.values import Decree

_PNS = EmploymentType.PNS.value
_CANDIDATE, _ACTIVE = EmployeeStatus.CANDIDATE.value, EmployeeStatus.ACTIVE.value
_SEPARATED = EmployeeStatus.SEPARATED.value


class Employee(QuickEvents, EmployeeCommands, CareerCommands, OnboardingCommands, Aggregate):
    """A civil servant's personnel record. State attributes are plain values, as in the events."""

    # careers (issue 14): state of the career events, as immutable class defaults so that every creation
    # event (Hired, and any later one) starts with them; applies replace them, never mutate them.
    position_id: UUID | None = None
    retirement_age: int | None = None  # the BUP of the catalogued position held; None: inferred from title
    education: tuple[tuple[str, date], ...] = ()
    contracts: tuple[tuple[date, date, str, str], ...] = ()
    salary_step_on: date | None = None  # TMT of the last KGB
    salary_steps: int = 0
    salary_delay_months: int = 0
    demotion: tuple[str, date] | None = None  # (rank to return to, end of the demotion)

    class Hired(Aggregate.Created):
        # Personal data the civil-service archive keeps (riwayat.domain.personal): reported, never erased.
        personal = dict.fromkeys(("nip", "name", "gender", "birth_date"), RETAINED)
        nip: str
        name: str
        gender: str
        birth_date: date
        employment_type: str
        rank: str
        position: str
        unit_id: UUID
        effective_on: date
        decree: Decree
        # careers (issue 14): v2 names the catalogued position (None: free text)
        position_id: UUID | None
        retirement_age: int | None
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["position_id"] = state["retirement_age"] = None

        def apply(self, emp: Any) -> None:
            emp.position_id, emp.retirement_age = self.position_id, self.retirement_age
            emp.nip, emp.name, emp.gender = self.nip, self.name, self.gender
            emp.birth_date, emp.employment_type = self.birth_date, self.employment_type
            emp.status = _CANDIDATE if self.employment_type == _PNS else _ACTIVE
            emp.rank, emp.rank_since = self.rank, self.effective_on
            emp.position, emp.unit_id, emp.hired_on = self.position, self.unit_id, self.effective_on
            emp.probation_completed_on = emp.separated_on = emp.separation_reason = None
            emp.training_hours, emp.appraisals, emp.disciplines = {}, {}, []

    class ProbationCompleted(Aggregate.Event):
        effective_on: date
        decree: Decree

        def apply(self, emp: Any) -> None:
            emp.status, emp.probation_completed_on = _ACTIVE, self.effective_on

    class RankPromoted(Aggregate.Event):
        from_rank: str
        to_rank: str
        effective_on: date
        decree: Decree
        reason: str | None
        kind: str | None  # careers (issue 14): v2 records the PromotionKind (None: not recorded)
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["kind"] = None

        def apply(self, emp: Any) -> None:
            emp.rank, emp.rank_since = self.to_rank, self.effective_on

    class PositionAssigned(Aggregate.Event):
        position: str
        unit_id: UUID
        from_unit_id: UUID
        change: str
        effective_on: date
        decree: Decree
        # careers (issue 14): v2 names the catalogued position (None: free text) and its BUP
        position_id: UUID | None
        retirement_age: int | None
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["position_id"] = state["retirement_age"] = None

        def apply(self, emp: Any) -> None:
            emp.position, emp.unit_id = self.position, self.unit_id
            emp.position_id, emp.retirement_age = self.position_id, self.retirement_age

    class TrainingCompleted(Aggregate.Event):
        title: str
        kind: str
        hours: int
        effective_on: date
        certificate_number: str | None
        # competency (issue 15): v2 names the training programme completed (None: a training on its own)
        programme_id: UUID | None
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["programme_id"] = None

        def apply(self, emp: Any) -> None:
            year = self.effective_on.year
            emp.training_hours[year] = emp.training_hours.get(year, 0) + self.hours
            if self.programme_id is not None:
                emp.programmes_completed = {**getattr(emp, "programmes_completed", {}),
                                            self.programme_id: self.effective_on}  # fmt: skip

    class AppraisalRecorded(Aggregate.Event):
        year: int
        work_result: str
        behaviour: str
        predikat: str
        appraiser_nip: str

        def apply(self, emp: Any) -> None:
            emp.appraisals[self.year] = {
                "work_result": self.work_result,
                "behaviour": self.behaviour,
                "predikat": self.predikat,
            }

    class DisciplineImposed(Aggregate.Event):
        level: str
        description: str
        effective_on: date
        ends_on: date
        decree: Decree
        # careers (issue 14): v2 records the sanction as decided (see `discipline`)
        kind: str | None
        regulation: str
        months: int | None
        blocks_promotion: bool
        rank_before: str | None
        rank_during: str | None
        delays_salary_step: bool
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            discipline.upcast_v1(state)

        def apply(self, emp: Any) -> None:
            blocks_until = self.ends_on if self.blocks_promotion else self.effective_on
            emp.disciplines.append((self.level, self.effective_on, blocks_until))
            if self.rank_during is not None:
                emp.rank, emp.demotion = self.rank_during, (self.rank_before, self.ends_on)
            if self.delays_salary_step:
                emp.salary_delay_months += reference.SALARY_STEP_DELAY_MONTHS

    class Separated(Aggregate.Event):
        reason: str
        effective_on: date
        decree: Decree

        def apply(self, emp: Any) -> None:
            emp.status, emp.separated_on, emp.separation_reason = _SEPARATED, self.effective_on, self.reason

    # ---- careers (issue 14): education, PPPK contracts, salary steps, rank restored after a demotion ----

    class EducationRecorded(Aggregate.Event):
        level: str
        institution: str
        major: str | None
        effective_on: date  # graduation
        diploma_number: str | None

        def apply(self, emp: Any) -> None:
            emp.education = (*emp.education, (self.level, self.effective_on))

    class ContractSigned(Aggregate.Event):
        start_on: date
        end_on: date
        work_time: str
        ni_pppk: str
        renewal: bool
        effective_on: date
        decree: Decree

        def apply(self, emp: Any) -> None:
            emp.contracts = (*emp.contracts, (self.start_on, self.end_on, self.work_time, self.ni_pppk))

    class SalaryStepGranted(Aggregate.Event):
        service_years: int
        step: int
        effective_on: date
        decree: Decree

        def apply(self, emp: Any) -> None:
            emp.salary_step_on, emp.salary_steps, emp.salary_delay_months = self.effective_on, self.step, 0

    class RankRestored(Aggregate.Event):
        from_rank: str
        to_rank: str
        effective_on: date
        decree: Decree

        def apply(self, emp: Any) -> None:
            emp.rank, emp.demotion = self.to_rank, None

    # ---- end of careers events ------------------------------------------------------------------------

    class PersonalDataCorrected(Aggregate.Event):
        personal = dict.fromkeys(("name", "gender", "birth_date"), RETAINED)
        name: str | None
        gender: str | None
        birth_date: date | None
        reason: str

        def apply(self, emp: Any) -> None:
            emp.name = self.name if self.name is not None else emp.name
            emp.gender = self.gender if self.gender is not None else emp.gender
            emp.birth_date = self.birth_date if self.birth_date is not None else emp.birth_date

    # onboarding (issue 13): written in `onboarding`, named here so their topics are `Employee.<Name>`
    Enrolled = onboarding.Enrolled
    RankHistoryImported = onboarding.RankHistoryImported
    PositionHistoryImported = onboarding.PositionHistoryImported
    TransferredOut = onboarding.TransferredOut

    @classmethod
    def fold(cls, events: Iterable[Aggregate.Event]) -> Employee:
        """The employee a selection of its events implies, applied in the given order (see `fold`)."""
        return fold_events(cls, (cls.Hired, cls.Enrolled), events)
