"""The commands of `Employee` for appointment and the personnel actions (probation, promotion, position,
training, SKP, discipline, separation, correction) and what they let one ask, as a mixin so employee.py
holds the state and the events (the stored contract). Rules in `employee_rules`, `career_rules`,
`promotion` and `discipline`."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain import career_rules as careers
from riwayat.domain import discipline, reference
from riwayat.domain import employee_rules as rules
from riwayat.domain.checks import add_years, optional_text, parse_enum, require_date
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
from riwayat.domain.promotion import check_promotion, discipline_in_effect, is_regular_promotion_candidate
from riwayat.domain.values import Decree, require_decree

_PNS, _PPPK = EmploymentType.PNS.value, EmploymentType.PPPK.value
_CANDIDATE, _ACTIVE = EmployeeStatus.CANDIDATE.value, EmployeeStatus.ACTIVE.value
_LEFT = (EmployeeStatus.SEPARATED.value, EmployeeStatus.TRANSFERRED_OUT.value)


class EmployeeCommands:
    """Mixed into `Employee`: `self` is the aggregate (its state attributes and nested events)."""

    @classmethod
    def hire(
        cls, *, nip: str, name: str, gender: Gender | str, birth_date: date,
        employment_type: EmploymentType | str, rank: str, position: str, unit_id: UUID,
        effective_on: date, decree: Decree, catalogued: careers.CataloguedPosition | None = None,
    ) -> Any:  # fmt: skip
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
        programme_id = None if programme_id is None else UUID(int=programme_id.int)  # not a driver's UUID
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

    def _serving_pns_on(self, day: date) -> bool:
        """An ACTIVE PNS now, or one who had completed probation by `day` and left later."""
        if self.status == _ACTIVE:
            return True
        done = self.probation_completed_on
        return self.status in _LEFT and done is not None and done <= day

    def discipline_in_effect(self, as_of: date) -> bool:
        return discipline_in_effect(self.disciplines, as_of)

    def is_promotion_candidate(self, as_of: date) -> bool:
        """Due a regular promotion on `as_of` (see `promotion.is_regular_promotion_candidate`)."""
        state = ("employment_type", "status", "rank", "rank_since", "appraisals", "disciplines")
        education = [level for level, _ in self.education]
        return is_regular_promotion_candidate(
            as_of=as_of, education=education, **{name: getattr(self, name) for name in state}
        )
