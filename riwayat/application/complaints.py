"""Public complaints (pengaduan) and organisation units."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.application.clock import today
from riwayat.application.runner import CommandContext, CommandResult, CommandRunner
from riwayat.domain.complaint import Complaint
from riwayat.domain.complaint_rules import new_tracking_code
from riwayat.domain.employee import Employee
from riwayat.domain.errors import NotFound
from riwayat.domain.org_unit import OrgUnit
from riwayat.infra.event_store import Claim


class ComplaintCommands(CommandRunner):
    # ---- complaints --------------------------------------------------------------------------------

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
        idempotency_key: str | None = None,
    ) -> CommandResult:
        # Drawn once per command, outside the retried decision: a retry keeps the same code.
        code = new_tracking_code(ctx.tenant.slug)

        async def decide() -> Complaint:
            complaint = Complaint.file(
                channel=channel,
                category=category,
                description=description,
                employee_id=employee_id,
                unit_id=unit_id,
                reporter_contact=reporter_contact,
                tracking_code=code,
                received_on=received_on or today(),
                anonymous=anonymous,
                confidential=confidential,
                lapor_ticket=lapor_ticket,
            )
            if employee_id is not None and await self.load_or_none(ctx.tenant, Employee, employee_id) is None:
                raise NotFound(f"no employee {employee_id} in this tenant", "employeeId")
            await self._require_unit(ctx.tenant, unit_id)
            return complaint

        return await self._run(
            ctx,
            "fileComplaint",
            decide,
            idempotency_key=idempotency_key,
            claims=lambda c: [Claim("tracking_code", c.tracking_code, c.id)],
        )

    async def triage_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        unit_id: UUID,
        note: str | None = None,
        on: date | None = None,
        **opts: Any,
    ) -> CommandResult:
        act = lambda c: c.triage(unit_id=unit_id, note=note, on=on or today())  # noqa: E731
        return await self._complaint(ctx, "triageComplaint", complaint_id, act, unit_id=unit_id, **opts)

    async def resolve_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        outcome: str,
        resolution: str,
        on: date | None = None,
        **opts: Any,
    ) -> CommandResult:
        act = lambda c: c.resolve(outcome=outcome, resolution=resolution, on=on or today())  # noqa: E731
        return await self._complaint(ctx, "resolveComplaint", complaint_id, act, **opts)

    async def respond_to_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        response: str,
        published: bool = True,
        on: date | None = None,
        **opts: Any,
    ) -> CommandResult:
        act = lambda c: c.respond(response, on or today(), published=published)  # noqa: E731
        return await self._complaint(ctx, "respondToComplaint", complaint_id, act, **opts)

    async def reopen_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        reason: str | None = None,
        on: date | None = None,
        **opts: Any,
    ) -> CommandResult:
        act = lambda c: c.reopen(reason=reason, on=on or today())  # noqa: E731
        return await self._complaint(ctx, "reopenComplaint", complaint_id, act, reason=reason, **opts)

    async def close_complaint(
        self,
        ctx: CommandContext,
        *,
        complaint_id: UUID,
        note: str | None = None,
        on: date | None = None,
        **opts: Any,
    ) -> CommandResult:
        act = lambda c: c.close(note=note, on=on or today())  # noqa: E731
        return await self._complaint(ctx, "closeComplaint", complaint_id, act, **opts)

    async def link_complaint_to_discipline(
        self, ctx: CommandContext, *, complaint_id: UUID, employee_id: UUID, decree_number: str, **opts: Any
    ) -> CommandResult:
        """The employee must hold a disciplinary decision under that decree (read from their ledger)."""
        records = await self.store.read_stream(ctx.tenant, employee_id)
        decrees = {
            self.store.decode(r).decree.number
            for r in records
            if r.stream_type == "Employee" and r.topic.endswith(".DisciplineImposed")
        }
        if not records or records[0].stream_type != "Employee":
            raise NotFound(f"no employee {employee_id} in this tenant", "employeeId")
        if decree_number.strip() not in decrees:
            raise NotFound(f"no disciplinary decision {decree_number!r} for that employee", "decreeNumber")
        act = lambda c: c.link_discipline(employee_id, decree_number)  # noqa: E731
        return await self._complaint(ctx, "linkComplaintToDiscipline", complaint_id, act, **opts)

    async def _complaint(
        self,
        ctx: CommandContext,
        command: str,
        complaint_id: UUID,
        act: Callable[[Complaint], None],
        **opts: Any,
    ) -> CommandResult:
        return await self._existing(ctx, command, Complaint, complaint_id, "complaintId", act, **opts)


class OrgUnitCommands(CommandRunner):
    # ---- organisation units --------------------------------------------------------------------------

    async def establish_org_unit(
        self, ctx: CommandContext, *, code: str, name: str, idempotency_key: str | None = None
    ) -> CommandResult:
        async def decide() -> OrgUnit:
            return OrgUnit.establish(code=code, name=name)

        return await self._run(
            ctx,
            "establishOrgUnit",
            decide,
            idempotency_key=idempotency_key,
            claims=lambda unit: [Claim("unit_code", unit.code, unit.id)],
        )
