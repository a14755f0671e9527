"""Public complaints (pengaduan) and organisation units: load → decide → append, as in `personnel`."""

from __future__ import annotations

from uuid import UUID

from riwayat.application.runner import (
    NO_OPTIONS,
    CommandContext,
    CommandOptions,
    CommandResult,
    CommandRunner,
)
from riwayat.application.unit_of_work import UnitOfWork
from riwayat.domain.complaint import Complaint
from riwayat.domain.employee import Employee
from riwayat.domain.errors import NotFound
from riwayat.domain.org_unit import OrgUnit


class ComplaintCommands(CommandRunner):
    async def file_complaint(
        self,
        ctx: CommandContext,
        *,
        channel: str,
        category: str,
        description: str,
        employee_id: UUID | None = None,
        unit_id: UUID | None = None,
        reporter_contact: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Complaint:
            complaint = Complaint.file(
                channel=channel, category=category, description=description, employee_id=employee_id,
                unit_id=unit_id, reporter_contact=reporter_contact,
            )  # fmt: skip
            if employee_id is not None and await uow.find(Employee, employee_id) is None:
                raise NotFound(f"no employee {employee_id} in this tenant", "employeeId")
            await uow.require_unit(unit_id)
            return complaint

        return await self.execute(ctx, "fileComplaint", handle, options)

    async def triage_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        unit_id: UUID,
        note: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Complaint:
            await uow.require_unit(unit_id)
            complaint = await uow.get(Complaint, complaint_id, "complaintId")
            complaint.triage(unit_id=unit_id, note=note)
            return complaint

        return await self.execute(ctx, "triageComplaint", handle, options)

    async def resolve_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        outcome: str,
        resolution: str,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Complaint:
            complaint = await uow.get(Complaint, complaint_id, "complaintId")
            complaint.resolve(outcome=outcome, resolution=resolution)
            return complaint

        return await self.execute(ctx, "resolveComplaint", handle, options)

    async def reopen_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        reason: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Complaint:
            complaint = await uow.get(Complaint, complaint_id, "complaintId")
            complaint.reopen(reason=reason)
            return complaint

        return await self.execute(ctx, "reopenComplaint", handle, options.because(reason))

    async def close_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        note: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Complaint:
            complaint = await uow.get(Complaint, complaint_id, "complaintId")
            complaint.close(note=note)
            return complaint

        return await self.execute(ctx, "closeComplaint", handle, options)


class OrgUnitCommands(CommandRunner):
    async def establish_org_unit(
        self, ctx: CommandContext, *, code: str, name: str, options: CommandOptions = NO_OPTIONS
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> OrgUnit:
            unit = OrgUnit.establish(code=code, name=name)
            uow.claim("unit_code", unit.code, unit.id)
            return unit

        return await self.execute(ctx, "establishOrgUnit", handle, options)
