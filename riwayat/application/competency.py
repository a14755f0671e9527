"""Competency commands (issue 15): technical competencies, position standards, assessments, and training
programmes with their enrolments, completions (on the employee) and evaluations."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from riwayat.application.runner import (
    NO_OPTIONS,
    CommandContext,
    CommandOptions,
    CommandResult,
    CommandRunner,
    UnitOfWork,
)
from riwayat.domain.competency import CompetencyStandard, standard_id
from riwayat.domain.competency_dictionary import SHIPPED, TechnicalCompetency, check_code, technical_id
from riwayat.domain.competency_record import CompetencyRecord, record_id
from riwayat.domain.employee import Employee
from riwayat.domain.errors import InvalidInput, NotFound
from riwayat.domain.position import Position
from riwayat.domain.training_programme import ProgrammeMode, TrainingProgramme


async def _known(uow: UnitOfWork, codes: object, field: str) -> None:
    """Every code is in the dictionary: shipped, or a technical competency the tenant defined."""
    for code in codes if isinstance(codes, dict) else ():
        if (
            check_code(code) not in SHIPPED
            and await uow.find(TechnicalCompetency, technical_id(code)) is None
        ):
            raise NotFound(f"{code} is not in the competency dictionary", field)


async def _employee(uow: UnitOfWork, employee_id: UUID) -> Employee:
    employee = await uow.find(Employee, employee_id)
    if employee is None:
        raise NotFound(f"no employee {employee_id}", "employeeId")
    return employee


class CompetencyCommands(CommandRunner):
    async def define_technical_competency(
        self, ctx: CommandContext, *, code: str, name: str, job_family: str, levels: list[str],
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> TechnicalCompetency:
            competency = TechnicalCompetency.define(
                code=code, name=name, job_family=job_family, levels=levels
            )
            if await uow.find(TechnicalCompetency, competency.id) is not None:
                raise InvalidInput(f"{competency.code} is already defined", "code")
            return competency

        return await self.execute(ctx, "defineTechnicalCompetency", handle, options)

    async def set_competency_standard(
        self, ctx: CommandContext, *, position_id: UUID, effective_on: date, levels: dict[str, int],
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        """The position's first standard, or a new version of it from `effective_on`."""

        async def handle(uow: UnitOfWork) -> CompetencyStandard:
            if await uow.find(Position, position_id) is None:
                raise NotFound(f"no catalogued position {position_id}", "positionId")
            await _known(uow, levels, "levels")
            if await uow.find(CompetencyStandard, standard_id(position_id)) is None:
                return CompetencyStandard.set(
                    position_id=position_id, effective_on=effective_on, levels=levels
                )
            standard = await uow.get(CompetencyStandard, standard_id(position_id), "positionId")
            standard.revise(effective_on=effective_on, levels=levels)
            return standard

        return await self.execute(ctx, "setCompetencyStandard", handle, options)

    async def record_competency_assessment(
        self, ctx: CommandContext, *, employee_id: UUID, assessed_on: date, method: str, assessor: str,
        levels: dict[str, int], options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> CompetencyRecord:
            await _employee(uow, employee_id)
            await _known(uow, levels, "levels")
            if await uow.find(CompetencyRecord, record_id(employee_id)) is None:
                record = CompetencyRecord.open(employee_id)
            else:
                record = await uow.get(CompetencyRecord, record_id(employee_id), "employeeId")
            record.assess(assessed_on=assessed_on, method=method, assessor=assessor, levels=levels)
            return record

        return await self.execute(ctx, "recordCompetencyAssessment", handle, options)

    async def plan_training_programme(
        self, ctx: CommandContext, *, title: str, provider: str, mode: str, serves: dict[str, int],
        hours: int,
        starts_on: date, ends_on: date, seats: int, options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> TrainingProgramme:
            programme = TrainingProgramme.plan(
                title=title, provider=provider, mode=mode, serves=serves, hours=hours, starts_on=starts_on,
                ends_on=ends_on, seats=seats,
            )  # fmt: skip
            await _known(uow, serves, "serves")
            return programme

        return await self.execute(ctx, "planTrainingProgramme", handle, options)

    async def enroll_in_programme(
        self,
        ctx: CommandContext,
        *,
        programme_id: UUID,
        employee_id: UUID,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> TrainingProgramme:
            programme = await uow.get(TrainingProgramme, programme_id, "programmeId")
            await _employee(uow, employee_id)
            programme.enroll(employee_id)
            return programme

        return await self.execute(ctx, "enrollInProgramme", handle, options)

    async def withdraw_from_programme(
        self, ctx: CommandContext, *, programme_id: UUID, employee_id: UUID, reason: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> TrainingProgramme:
            programme = await uow.get(TrainingProgramme, programme_id, "programmeId")
            employee = await _employee(uow, employee_id)
            done = programme.id in getattr(employee, "programmes_completed", {})
            programme.withdraw(employee_id, reason, completed=done)
            return programme

        return await self.execute(ctx, "withdrawFromProgramme", handle, options)

    async def record_programme_completion(
        self, ctx: CommandContext, *, programme_id: UUID, employee_id: UUID, completed_on: date,
        certificate_number: str | None = None, options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        """The employee's TrainingCompleted for the programme (its title, kind and JP): one stream changes,
        the employee's; the programme is only read (the enrolment)."""

        async def handle(uow: UnitOfWork) -> Employee:
            programme = await uow.find(TrainingProgramme, programme_id)
            if programme is None:
                raise NotFound(f"no training programme {programme_id}", "programmeId")
            programme.check_completion(employee_id, completed_on)
            employee = await uow.get(Employee, employee_id, "employeeId")
            kind = ProgrammeMode(programme.mode).training_kind
            employee.record_training(
                programme.title, kind, programme.hours, completed_on, certificate_number,
                programme_id=programme.id,
            )  # fmt: skip
            return employee

        return await self.execute(ctx, "recordProgrammeCompletion", handle, options)

    async def record_training_evaluation(
        self, ctx: CommandContext, *, programme_id: UUID, employee_id: UUID, evaluated_on: date,
        evaluator: str, ratings: dict[str, int], note: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> TrainingProgramme:
            programme = await uow.get(TrainingProgramme, programme_id, "programmeId")
            employee = await _employee(uow, employee_id)
            completed_on = getattr(employee, "programmes_completed", {}).get(programme.id)
            programme.evaluate(
                employee_id=employee_id, completed_on=completed_on, evaluated_on=evaluated_on,
                evaluator=evaluator, ratings=ratings, note=note,
            )  # fmt: skip
            return programme

        return await self.execute(ctx, "recordTrainingEvaluation", handle, options)
