"""Personnel commands: appointment to separation, one method per mutation of the API contract."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.application.runner import CommandContext, CommandResult, CommandRunner
from riwayat.domain.employee import Employee
from riwayat.domain.values import Decree
from riwayat.infra.ledger import Claim


class PersonnelCommands(CommandRunner):
    # ---- employees ---------------------------------------------------------------------------------

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
        idempotency_key: str | None = None,
    ) -> CommandResult:
        async def decide() -> Employee:
            employee = Employee.hire(
                nip=nip,
                name=name,
                gender=gender,
                birth_date=birth_date,
                employment_type=employment_type,
                rank=rank,
                position=position,
                unit_id=unit_id,
                effective_on=effective_on,
                decree=decree,
            )
            await self._require_unit(ctx.tenant, unit_id)
            return employee

        return await self._run(
            ctx,
            "hireEmployee",
            decide,
            idempotency_key=idempotency_key,
            claims=lambda employee: [Claim("nip", employee.nip, employee.id)],
        )

    async def complete_probation(
        self, ctx: CommandContext, *, employee_id: UUID, effective_on: date, decree: Decree, **opts: Any
    ) -> CommandResult:
        act = lambda e: e.complete_probation(effective_on=effective_on, decree=decree)  # noqa: E731
        return await self._employee(ctx, "completeProbation", employee_id, act, **opts)

    async def promote_employee(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        to_rank: str,
        effective_on: date,
        decree: Decree,
        reason: str | None = None,
        **opts: Any,
    ) -> CommandResult:
        act = lambda e: e.promote(to_rank=to_rank, effective_on=effective_on, decree=decree, reason=reason)  # noqa: E731
        return await self._employee(ctx, "promoteEmployee", employee_id, act, reason=reason, **opts)

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
        **opts: Any,
    ) -> CommandResult:
        act = lambda e: e.assign_position(  # noqa: E731
            position=position, unit_id=unit_id, change=change, effective_on=effective_on, decree=decree
        )
        return await self._employee(ctx, "assignPosition", employee_id, act, unit_id=unit_id, **opts)

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
        **opts: Any,
    ) -> CommandResult:
        act = lambda e: e.record_training(  # noqa: E731
            title=title,
            kind=kind,
            hours=hours,
            completed_on=completed_on,
            certificate_number=certificate_number,
        )
        return await self._employee(ctx, "recordTraining", employee_id, act, **opts)

    async def record_appraisal(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        year: int,
        work_result: str,
        behaviour: str,
        appraiser_nip: str,
        **opts: Any,
    ) -> CommandResult:
        act = lambda e: e.record_appraisal(  # noqa: E731
            year=year, work_result=work_result, behaviour=behaviour, appraiser_nip=appraiser_nip
        )
        return await self._employee(ctx, "recordAppraisal", employee_id, act, **opts)

    async def impose_discipline(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        level: str,
        description: str,
        effective_on: date,
        decree: Decree,
        **opts: Any,
    ) -> CommandResult:
        act = lambda e: e.impose_discipline(  # noqa: E731
            level=level, description=description, effective_on=effective_on, decree=decree
        )
        return await self._employee(ctx, "imposeDiscipline", employee_id, act, **opts)

    async def separate_employee(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        reason: str,
        effective_on: date,
        decree: Decree,
        **opts: Any,
    ) -> CommandResult:
        act = lambda e: e.separate(reason=reason, effective_on=effective_on, decree=decree)  # noqa: E731
        return await self._employee(ctx, "separateEmployee", employee_id, act, **opts)

    async def _employee(
        self,
        ctx: CommandContext,
        command: str,
        employee_id: UUID,
        act: Callable[[Employee], None],
        **opts: Any,
    ) -> CommandResult:
        return await self._existing(ctx, command, Employee, employee_id, "employeeId", act, **opts)
