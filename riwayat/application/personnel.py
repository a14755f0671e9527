"""Personnel commands: appointment to separation, one method per mutation of the API contract.

Each is load → decide → append (see `runner`): `handle` loads the employee through the unit of work, the
aggregate decides, and `execute` appends what it decided.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from riwayat.application.careers import catalogued
from riwayat.application.runner import (
    NO_OPTIONS,
    CommandContext,
    CommandOptions,
    CommandResult,
    CommandRunner,
)
from riwayat.application.unit_of_work import UnitOfWork
from riwayat.domain.employee import Employee
from riwayat.domain.values import Decree


class PersonnelCommands(CommandRunner):
    async def hire_employee(
        self,
        ctx: CommandContext,
        *,
        nip: str,
        name: str,
        gender: str,
        birth_date: date,
        employment_type: str,
        rank: str,
        position: str,
        unit_id: UUID,
        effective_on: date,
        decree: Decree,
        position_id: UUID | None = None,  # careers (issue 14): a catalogued position
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Employee:
            employee = Employee.hire(
                nip=nip, name=name, gender=gender, birth_date=birth_date, employment_type=employment_type,
                rank=rank, position=position, unit_id=unit_id, effective_on=effective_on, decree=decree,
                catalogued=await catalogued(uow, position_id),
            )  # fmt: skip
            await uow.require_unit(unit_id)
            uow.claim("nip", employee.nip, employee.id)
            # The person's for ever, even after a transfer releases "nip" (see application/onboarding).
            uow.claim("nip-person", employee.nip, employee.id)
            return employee

        return await self.execute(ctx, "hireEmployee", handle, options)

    async def complete_probation(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        effective_on: date,
        decree: Decree,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            employee.complete_probation(effective_on=effective_on, decree=decree)
            return employee

        return await self.execute(ctx, "completeProbation", handle, options)

    async def promote_employee(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        to_rank: str,
        effective_on: date,
        decree: Decree,
        reason: str | None = None,
        kind: str | None = None,  # careers (issue 14): PromotionKind
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            employee.promote(
                to_rank=to_rank, effective_on=effective_on, decree=decree, reason=reason, kind=kind
            )
            return employee

        return await self.execute(ctx, "promoteEmployee", handle, options.because(reason))

    async def assign_position(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        position: str,
        unit_id: UUID,
        change: str,
        effective_on: date,
        decree: Decree,
        position_id: UUID | None = None,  # careers (issue 14): a catalogued position
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Employee:
            await uow.require_unit(unit_id)
            employee = await uow.get(Employee, employee_id, "employeeId")
            employee.assign_position(
                position=position, unit_id=unit_id, change=change, effective_on=effective_on, decree=decree,
                catalogued=await catalogued(uow, position_id),
            )
            return employee

        return await self.execute(ctx, "assignPosition", handle, options)

    async def record_training(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        title: str,
        kind: str,
        hours: int,
        completed_on: date,
        certificate_number: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            employee.record_training(
                title=title, kind=kind, hours=hours, completed_on=completed_on,
                certificate_number=certificate_number,
            )  # fmt: skip
            return employee

        return await self.execute(ctx, "recordTraining", handle, options)

    async def record_appraisal(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        year: int,
        work_result: str,
        behaviour: str,
        appraiser_nip: str,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            employee.record_appraisal(
                year=year, work_result=work_result, behaviour=behaviour, appraiser_nip=appraiser_nip
            )
            return employee

        return await self.execute(ctx, "recordAppraisal", handle, options)

    async def impose_discipline(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        level: str | None,
        description: str,
        effective_on: date,
        decree: Decree,
        kind: str | None = None,  # careers (issue 14): the sanction as decided, and its term
        months: int | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            employee.impose_discipline(
                level=level, description=description, effective_on=effective_on, decree=decree, kind=kind,
                months=months,
            )
            return employee

        return await self.execute(ctx, "imposeDiscipline", handle, options)

    async def separate_employee(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        reason: str,
        effective_on: date,
        decree: Decree,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            employee.separate(reason=reason, effective_on=effective_on, decree=decree)
            return employee

        return await self.execute(ctx, "separateEmployee", handle, options)
