"""Public complaints (pengaduan) and organisation units."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from riwayat.application.runner import CommandContext, CommandResult, CommandRunner
from riwayat.domain.complaint import Complaint
from riwayat.domain.employee import Employee
from riwayat.domain.errors import NotFound
from riwayat.domain.org_unit import OrgUnit
from riwayat.infra.ledger import Claim


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
        idempotency_key: str | None = None,
    ) -> CommandResult:
        async def decide() -> Complaint:
            complaint = Complaint.file(
                channel=channel,
                category=category,
                description=description,
                employee_id=employee_id,
                unit_id=unit_id,
                reporter_contact=reporter_contact,
            )
            if employee_id is not None and await self.load_or_none(ctx.tenant, Employee, employee_id) is None:
                raise NotFound(f"no employee {employee_id} in this tenant", "employeeId")
            await self._require_unit(ctx.tenant, unit_id)
            return complaint

        return await self._run(ctx, "fileComplaint", decide, idempotency_key=idempotency_key)

    async def triage_complaint(
        self, ctx: CommandContext, *, complaint_id: UUID, unit_id: UUID, note: str | None = None, **opts: Any
    ) -> CommandResult:
        act = lambda c: c.triage(unit_id=unit_id, note=note)  # noqa: E731
        return await self._complaint(ctx, "triageComplaint", complaint_id, act, unit_id=unit_id, **opts)

    async def resolve_complaint(
        self, ctx: CommandContext, *, complaint_id: UUID, outcome: str, resolution: str, **opts: Any
    ) -> CommandResult:
        act = lambda c: c.resolve(outcome=outcome, resolution=resolution)  # noqa: E731
        return await self._complaint(ctx, "resolveComplaint", complaint_id, act, **opts)

    async def reopen_complaint(
        self, ctx: CommandContext, *, complaint_id: UUID, reason: str | None = None, **opts: Any
    ) -> CommandResult:
        act = lambda c: c.reopen(reason=reason)  # noqa: E731
        return await self._complaint(ctx, "reopenComplaint", complaint_id, act, reason=reason, **opts)

    async def close_complaint(
        self, ctx: CommandContext, *, complaint_id: UUID, note: str | None = None, **opts: Any
    ) -> CommandResult:
        act = lambda c: c.close(note=note)  # noqa: E731
        return await self._complaint(ctx, "closeComplaint", complaint_id, act, **opts)

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
