"""Public complaints (pengaduan) and organisation units: load → decide → append, as in `personnel`.

Each step carries its business date (`on`, today in WIB when omitted): the deadlines count working days
from those dates, and a complaint entered late from a paper logbook keeps the day it was received.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from riwayat.application.clock import today
from riwayat.application.runner import (
    NO_OPTIONS,
    CommandContext,
    CommandOptions,
    CommandResult,
    CommandRunner,
)
from riwayat.application.unit_of_work import UnitOfWork
from riwayat.domain.complaint import Complaint
from riwayat.domain.complaint_rules import new_tracking_code
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
        received_on: date | None = None,
        anonymous: bool = False,
        confidential: bool = False,
        lapor_ticket: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        # Drawn once per command, outside `handle` (which may run again): a retry keeps the same code.
        code = new_tracking_code(ctx.tenant.slug)

        async def handle(uow: UnitOfWork) -> Complaint:
            complaint = Complaint.file(
                channel=channel, category=category, description=description, employee_id=employee_id,
                unit_id=unit_id, reporter_contact=reporter_contact, tracking_code=code,
                received_on=received_on or today(), anonymous=anonymous, confidential=confidential,
                lapor_ticket=lapor_ticket,
            )  # fmt: skip
            if employee_id is not None and await uow.find(Employee, employee_id) is None:
                raise NotFound(f"no employee {employee_id} in this tenant", "employeeId")
            await uow.require_unit(unit_id)
            uow.claim("tracking_code", code, complaint.id)
            return complaint

        return await self.execute(ctx, "fileComplaint", handle, options)

    async def triage_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        unit_id: UUID,
        note: str | None = None,
        on: date | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Complaint:
            await uow.require_unit(unit_id)
            complaint = await uow.get(Complaint, complaint_id, "complaintId")
            complaint.triage(unit_id=unit_id, note=note, on=on or today())
            return complaint

        return await self.execute(ctx, "triageComplaint", handle, options)

    async def resolve_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        outcome: str,
        resolution: str,
        on: date | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        act = lambda c: c.resolve(outcome=outcome, resolution=resolution, on=on or today())  # noqa: E731
        return await self._step(ctx, "resolveComplaint", complaint_id, act, options)

    async def respond_to_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        response: str,
        published: bool = True,
        on: date | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        act = lambda c: c.respond(response, on or today(), published=published)  # noqa: E731
        return await self._step(ctx, "respondToComplaint", complaint_id, act, options)

    async def reopen_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        reason: str | None = None,
        on: date | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        act = lambda c: c.reopen(reason=reason, on=on or today())  # noqa: E731
        return await self._step(ctx, "reopenComplaint", complaint_id, act, options.because(reason))

    async def close_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        note: str | None = None,
        on: date | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        act = lambda c: c.close(note=note, on=on or today())  # noqa: E731
        return await self._step(ctx, "closeComplaint", complaint_id, act, options)

    async def link_complaint_to_discipline(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        employee_id: UUID,
        decree_number: str,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        """The employee must hold a disciplinary decision under that decree (read from their ledger)."""

        async def handle(uow: UnitOfWork) -> Complaint:
            records = await self.store.read_stream(ctx.tenant, employee_id)
            if not records or records[0].stream_type != "Employee":
                raise NotFound(f"no employee {employee_id} in this tenant", "employeeId")
            decrees = {
                self.store.decode(r).decree.number for r in records if r.topic.endswith(".DisciplineImposed")
            }
            if decree_number.strip() not in decrees:
                raise NotFound(
                    f"no disciplinary decision {decree_number!r} for that employee", "decreeNumber"
                )
            complaint = await uow.get(Complaint, complaint_id, "complaintId")
            complaint.link_discipline(employee_id, decree_number)
            return complaint

        return await self.execute(ctx, "linkComplaintToDiscipline", handle, options)

    async def _step(
        self,
        ctx: CommandContext,
        command: str,
        complaint_id: UUID,
        act: Callable[[Complaint], None],
        options: CommandOptions,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Complaint:
            complaint = await uow.get(Complaint, complaint_id, "complaintId")
            act(complaint)
            return complaint

        return await self.execute(ctx, command, handle, options)


class OrgUnitCommands(CommandRunner):
    async def establish_org_unit(
        self, ctx: CommandContext, *, code: str, name: str, options: CommandOptions = NO_OPTIONS
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> OrgUnit:
            unit = OrgUnit.establish(code=code, name=name)
            uow.claim("unit_code", unit.code, unit.id)
            return unit

        return await self.execute(ctx, "establishOrgUnit", handle, options)
