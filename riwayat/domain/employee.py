"""`Employee`: one event stream per civil servant (PNS or PPPK), from appointment to separation.

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

from riwayat.domain import career_rules as careers
from riwayat.domain import discipline, enrolment, reference
from riwayat.domain import employee_rules as rules
from riwayat.domain.career import CareerCommands
from riwayat.domain.checks import add_years, optional_text, parse_enum, require_date, require_text
from riwayat.domain.enums import (
    DisciplineLevel,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Gender,
    PositionChange,
    PromotionKind,
    SeparationReason,
    TrainingKind,
)
from riwayat.domain.errors import DateBeforeHire, DuplicateAppraisal, InvalidInput, InvalidState
from riwayat.domain.fold import fold_events
from riwayat.domain.promotion import check_promotion, discipline_in_effect, is_regular_promotion_candidate
from riwayat.domain.values import Decree, require_decree

_PNS, _PPPK = EmploymentType.PNS.value, EmploymentType.PPPK.value
_CANDIDATE, _ACTIVE = EmployeeStatus.CANDIDATE.value, EmployeeStatus.ACTIVE.value
_SEPARATED = EmployeeStatus.SEPARATED.value
_TRANSFERRED_OUT = EmployeeStatus.TRANSFERRED_OUT.value
_LEFT = (_SEPARATED, _TRANSFERRED_OUT)


class Employee(CareerCommands, Aggregate):
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
        name: str | None
        gender: str | None
        birth_date: date | None
        reason: str

        def apply(self, emp: Any) -> None:
            emp.name = self.name if self.name is not None else emp.name
            emp.gender = self.gender if self.gender is not None else emp.gender
            emp.birth_date = self.birth_date if self.birth_date is not None else emp.birth_date

    @classmethod
    def hire(
        cls, *, nip: str, name: str, gender: Gender | str, birth_date: date,
        employment_type: EmploymentType | str, rank: str, position: str, unit_id: UUID,
        effective_on: date, decree: Decree, catalogued: careers.CataloguedPosition | None = None,
    ) -> Employee:  # fmt: skip
        """Appoints a CPNS (who starts as CANDIDATE) or a PPPK (who starts ACTIVE), in a catalogued
        position when `catalogued` is given (looked up by the application)."""
        fields = rules.hire_fields(
            nip=nip, name=name, gender=gender, birth_date=birth_date, employment_type=employment_type,
            rank=rank, position=position, unit_id=unit_id, effective_on=effective_on, decree=decree,
        )  # fmt: skip
        fields |= careers.catalogued_fields(catalogued, fields)
        return cls._create(cls.Hired, **fields)

    def _check_dated(self, effective_on: object, field: str = "effectiveOn") -> date:
        """Every dated personnel action: a date, not on a separated employee, not before the TMT."""
        day = require_date(effective_on, field)
        # A decree dated on or before the day the person left (a promotion SK arriving after the pension
        # SK) is still recorded; anything dated later is refused.
        if self.status in _LEFT and (self.separated_on is None or day > self.separated_on):
            raise InvalidState(f"the employee left on {self.separated_on}; {field} {day} is later", field)
        if day < self.hired_on:
            raise DateBeforeHire(f"{field} {day} is before the appointment TMT {self.hired_on}", field)
        return day

    def complete_probation(self, effective_on: date, decree: Decree) -> None:
        """CPNS → PNS, by decree, after at least a year of probation."""
        if self.status != _CANDIDATE:
            raise InvalidState("only a CPNS on probation can complete probation", "effectiveOn")
        day = self._check_dated(effective_on)
        if day < add_years(self.hired_on, reference.PROBATION_YEARS):
            raise InvalidInput("probation lasts at least one year from the TMT", "effectiveOn")
        self.trigger_event(self.ProbationCompleted, effective_on=day, decree=require_decree(decree))

    def promote(
        self, to_rank: str, effective_on: date, decree: Decree, reason: str | None = None,
        kind: PromotionKind | str | None = None,
    ) -> None:  # fmt: skip
        """One step up the PNS ranks, on the 1st of a month after the current rank's TMT; a posthumous
        promotion (KP anumerta) on the date of death, after the separation (see `career_rules`)."""
        how = None if kind is None else parse_enum(PromotionKind, kind, "kind")
        if how is PromotionKind.POSTHUMOUS:
            day = careers.check_posthumous(self, effective_on)
        else:
            day = self._check_dated(effective_on)
            if self.employment_type != _PNS or not self._serving_pns_on(day):
                raise InvalidState("only an active PNS (not a CPNS or PPPK) can be promoted", "toRank")
        current, target = check_promotion(
            self.rank, self.rank_since, to_rank, day, on_the_first=how is not PromotionKind.POSTHUMOUS
        )
        self.trigger_event(
            self.RankPromoted,
            from_rank=current.code,
            to_rank=target.code,
            effective_on=day,
            decree=require_decree(decree),
            reason=optional_text(reason, "reason", max_length=1000),
            kind=None if how is None else how.value,
        )

    def assign_position(
        self, position: str, unit_id: UUID, change: PositionChange | str, effective_on: date, decree: Decree,
        catalogued: careers.CataloguedPosition | None = None,
    ) -> None:  # fmt: skip
        """A new jabatan and/or unit: promotion, rotation, transfer or demotion. With `catalogued` (the
        catalogue's position, looked up by the application), its name, unit and BUP are the ones held."""
        day = self._check_dated(effective_on)
        fields = rules.position_fields(position, unit_id, change) | {"decree": require_decree(decree)}
        fields |= careers.catalogued_fields(catalogued, fields)
        self.trigger_event(self.PositionAssigned, from_unit_id=self.unit_id, effective_on=day, **fields)

    def record_training(
        self, title: str, kind: TrainingKind | str, hours: int, completed_on: date,
        certificate_number: str | None = None, programme_id: UUID | None = None,
    ) -> None:  # fmt: skip
        """Completed training, in JP, dated by its completion; `programme_id` links a programme's
        completion (the application checks the enrolment)."""
        day = self._check_dated(completed_on, "completedOn")
        fields = rules.training_fields(title, kind, hours, certificate_number)
        if programme_id is not None and programme_id in getattr(self, "programmes_completed", {}):
            raise InvalidState("the employee already completed this programme", "programmeId")
        self.trigger_event(self.TrainingCompleted, effective_on=day, programme_id=programme_id, **fields)

    def record_appraisal(
        self, year: int, work_result: Expectation | str, behaviour: Expectation | str, appraiser_nip: str
    ) -> None:
        """The final SKP of a year; its predikat comes from the matrix, never from the caller."""
        year = rules.check_appraisal_year(year)
        if year < self.hired_on.year:
            raise DateBeforeHire(f"{year} is before the appointment year {self.hired_on.year}", "year")
        if self.separated_on is not None and year > self.separated_on.year:
            raise InvalidState(f"the employee separated in {self.separated_on.year}", "year")
        if year in self.appraisals:
            raise DuplicateAppraisal(f"the {year} SKP is already recorded", "year")
        fields = rules.appraisal_fields(work_result, behaviour, appraiser_nip)
        if fields["appraiser_nip"] == self.nip:
            raise InvalidInput("an employee cannot appraise themselves", "appraiserNip")
        self.trigger_event(self.AppraisalRecorded, year=year, **fields)

    def impose_discipline(
        self, level: DisciplineLevel | str | None, description: str, effective_on: date, decree: Decree,
        kind: str | None = None, months: int | None = None,
    ) -> None:  # fmt: skip
        """A sanction as decided (`discipline`): PP 94/2021 or PP 53/2010 by its date, its kind and term.
        It blocks regular promotion until `ends_on` (exclusive) when it has a term; a demotion lowers the
        rank until `restore_rank`. Without a kind, the level-only legacy form (the level's default term)."""
        day = self._check_dated(effective_on)
        if level is None and kind is None:
            raise InvalidInput("give the sanction's kind (or at least its level)", "kind")
        fields = discipline.discipline_fields(level, kind, months, description, day, self.rank)
        self.trigger_event(self.DisciplineImposed, effective_on=day, decree=require_decree(decree), **fields)

    def separate(self, reason: SeparationReason | str, effective_on: date, decree: Decree) -> None:
        """Retirement, resignation, dismissal, death, or the end of a PPPK contract."""
        day = self._check_dated(effective_on)
        if self.status in _LEFT:
            raise InvalidState("the employee has already left", "effectiveOn")
        why = parse_enum(SeparationReason, reason, "reason")
        if why is SeparationReason.CONTRACT_END and self.employment_type != _PPPK:
            raise InvalidInput("only a PPPK contract can end; a PNS separates otherwise", "reason")
        careers.check_separation(self, why.value, day)  # careers (issue 14): BUP, APS, contract end
        self.trigger_event(self.Separated, reason=why.value, effective_on=day, decree=require_decree(decree))

    def correct_personal_data(
        self, name: str | None = None, gender: Gender | str | None = None,
        birth_date: date | None = None, *, reason: str,
    ) -> None:  # fmt: skip
        """Fixes a clerical error in the personal data (not dated: it was always so)."""
        fields = rules.correction_fields(
            self.nip, name=name, gender=gender, birth_date=birth_date, reason=reason
        )
        self.trigger_event(self.PersonalDataCorrected, **fields)

    # ---- onboarding (issue 13): enrolment of serving staff, imported history, transfers out ---------
    # Rules in `riwayat.domain.enrolment`. Imported history never changes the current (cut-over) state:
    # its rows are older than the cut-over's TMTs, and `fold_effective` winds the state back for the past.

    class Enrolled(Aggregate.Created):
        """A serving civil servant's record as it was at cut-over, with where it came from."""

        nip: str
        name: str
        gender: str
        birth_date: date
        birthplace: str | None
        employment_type: str
        tmt_cpns: date
        tmt_pns: date | None
        rank: str
        rank_since: date
        rank_decree: Decree
        position: str
        position_since: date
        unit_id: UUID
        education: str | None
        enrolled_on: date
        source: str
        source_id: str | None
        origin: dict[str, Any] | None
        previous_employee_id: UUID | None
        effective_on: date

        def apply(self, emp: Any) -> None:
            emp.nip, emp.name, emp.gender = self.nip, self.name, self.gender
            emp.birth_date, emp.employment_type = self.birth_date, self.employment_type
            emp.status = enrolment.initial_status(self.employment_type, self.tmt_pns)
            emp.rank, emp.rank_since = self.rank, self.rank_since
            emp.cut_over_rank, emp.cut_over_rank_since = self.rank, self.rank_since
            emp.position, emp.position_since, emp.unit_id = self.position, self.position_since, self.unit_id
            emp.hired_on, emp.probation_completed_on = self.tmt_cpns, self.tmt_pns
            emp.enrolled_on, emp.source, emp.origin = self.enrolled_on, self.source, self.origin
            emp.separated_on = emp.separation_reason = None
            emp.training_hours, emp.appraisals, emp.disciplines = {}, {}, []
            emp.rank_history = {}

    class RankHistoryImported(Aggregate.Event):
        """A rank held before the cut-over (riwayat golongan), from its TMT."""

        rank: str
        effective_on: date
        decree: Decree

        def apply(self, emp: Any) -> None:
            emp.rank_history[self.effective_on] = self.rank
            if self.effective_on >= emp.rank_since:
                emp.rank, emp.rank_since = self.rank, self.effective_on

    class PositionHistoryImported(Aggregate.Event):
        """A position held before the cut-over (riwayat jabatan); `unit_id` is None for a unit of another
        region (a transfer's history), named by `unit_name`."""

        position: str
        unit_id: UUID | None
        unit_name: str | None
        effective_on: date
        decree: Decree

        def apply(self, emp: Any) -> None:
            if self.effective_on >= emp.position_since:
                emp.position, emp.position_since = self.position, self.effective_on
                if self.unit_id is not None:
                    emp.unit_id = self.unit_id

    class TransferredOut(Aggregate.Event):
        """Mutasi to another region: the person leaves this tenant's lists (not a separation)."""

        destination: str
        effective_on: date
        decree: Decree

        def apply(self, emp: Any) -> None:
            emp.status, emp.separated_on = _TRANSFERRED_OUT, self.effective_on

    @classmethod
    def enrol(cls, **fields: Any) -> Employee:
        """A serving PNS/PPPK enters with their cut-over state (see `enrolment.enrol_fields`)."""
        return cls._create(cls.Enrolled, **enrolment.enrol_fields(**fields))

    def import_rank(self, rank: str, effective_on: date, decree: Decree) -> None:
        day = enrolment.check_history_date(self, effective_on)
        if day >= self.cut_over_rank_since:
            since = self.cut_over_rank_since
            raise InvalidInput(f"rank history comes before the current rank's TMT {since}", "effectiveOn")
        code = enrolment.check_rank_history(self, rank, day, self.rank_history.items())
        decree = require_decree(decree)
        self.trigger_event(self.RankHistoryImported, rank=code, effective_on=day, decree=decree)

    def import_position(
        self, position: str, unit_id: UUID | None, effective_on: date, decree: Decree,
        unit_name: str | None = None,
    ) -> None:  # fmt: skip
        day = enrolment.check_history_date(self, effective_on)
        if day >= self.position_since:
            raise InvalidInput(
                f"a position history row is dated before the current position's TMT {self.position_since}",
                "effectiveOn",
            )
        self.trigger_event(
            self.PositionHistoryImported,
            position=require_text(position, "position"),
            unit_id=enrolment.as_uuid(unit_id),
            unit_name=optional_text(unit_name, "unitName"),
            effective_on=day,
            decree=require_decree(decree),
        )

    def transfer_out(self, destination: str, effective_on: date, decree: Decree) -> None:
        day = self._check_dated(effective_on)
        if self.status in _LEFT:
            raise InvalidState("the employee has already left", "effectiveOn")
        self.trigger_event(self.TransferredOut, **enrolment.transfer_fields(destination, day, decree))

    def _serving_pns_on(self, day: date) -> bool:
        """An ACTIVE PNS now, or one who had completed probation by `day` and left later."""
        if self.status == _ACTIVE:
            return True
        done = self.probation_completed_on
        return self.status in _LEFT and done is not None and done <= day

    @classmethod
    def fold_effective(cls, on: date, events: Iterable[Aggregate.Event]) -> Employee:
        """`fold` of the events in force on `on` (in TMT order); an enrolled record is wound back to what
        was already true on `on` before its imported history is applied (`enrolment.wind_back`)."""
        selected = list(events)
        created = [e for e in selected if isinstance(e, cls.Enrolled)]
        if not created:
            return cls.fold(selected)
        emp = created[0].mutate(None)
        enrolment.wind_back(emp, on)
        for event in selected:
            if event is not created[0]:
                event.apply(emp)
                emp.modified_on = max(emp.modified_on, event.timestamp)
        emp.version = len(selected)
        return emp

    # ---- end of onboarding ----------------------------------------------------------------------------

    def discipline_in_effect(self, as_of: date) -> bool:
        return discipline_in_effect(self.disciplines, as_of)

    def is_promotion_candidate(self, as_of: date) -> bool:
        """Due a regular promotion on `as_of` (see `promotion.is_regular_promotion_candidate`)."""
        state = ("employment_type", "status", "rank", "rank_since", "appraisals", "disciplines")
        education = [level for level, _ in self.education]
        return is_regular_promotion_candidate(
            as_of=as_of, education=education, **{name: getattr(self, name) for name in state}
        )

    @classmethod
    def fold(cls, events: Iterable[Aggregate.Event]) -> Employee:
        """The employee a selection of its events implies, applied in the given order (see `fold`)."""
        return fold_events(cls, (cls.Hired, cls.Enrolled), events)
