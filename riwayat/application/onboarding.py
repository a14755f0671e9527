"""Onboarding commands: enrol a serving civil servant, import their past decrees, transfer them out.

A NIP has two claims in a tenant's ledger: `nip` (held by the record currently using it: two records can
never be serving with one number) and `nip-person` (held by the person's latest record, never released:
a new hire can never take a number someone had). A transfer out releases `nip`; enrolling that NIP again is
then a *return*: the new record is linked to the old one, and `nip-person` is handed over to it. A PPPK
appointed again with a new NI names the earlier record (`previous_employee_id`) instead.

History rows are ordinary events of the person's stream, marked in metadata as imported (`imported`:
the source and, from a file, its line), so the audit log tells them from decrees recorded in Riwayat.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.application.runner import (
    NO_OPTIONS,
    CommandContext,
    CommandOptions,
    CommandResult,
    CommandRunner,
    UnitOfWork,
)
from riwayat.domain import enrolment
from riwayat.domain.employee import Employee
from riwayat.domain.errors import DuplicateNip, NotFound
from riwayat.domain.values import Decree
from riwayat.infra.tenants import Tenant

HISTORY_KINDS = ("RANK", "POSITION", "APPRAISAL", "TRAINING", "DISCIPLINE")


def imported(source: str, **where: Any) -> dict[str, Any]:
    """The metadata mark of an imported event: where it came from (source, file line, origin)."""
    return {"imported": {"source": source, **{k: v for k, v in where.items() if v is not None}}}


def apply_history(emp: Employee, kind: str, row: dict[str, Any]) -> None:
    """One history row on the aggregate: a rank or position held (their own events), or an appraisal,
    training or sanction (the ordinary commands, with their ordinary rules)."""
    if kind == "RANK":
        emp.import_rank(row["rank"], row["effective_on"], row["decree"])
    elif kind == "POSITION":
        emp.import_position(
            row["position"], row.get("unit_id"), row["effective_on"], row["decree"], row.get("unit_name")
        )
    elif kind == "APPRAISAL":
        emp.record_appraisal(row["year"], row["work_result"], row["behaviour"], row["appraiser_nip"])
    elif kind == "TRAINING":
        emp.record_training(
            row["title"], row["training_kind"], row["hours"], row["effective_on"], row.get("certificate")
        )
    elif kind == "DISCIPLINE":
        emp.impose_discipline(row["level"], row["description"], row["effective_on"], row["decree"])
    else:
        from riwayat.domain.errors import InvalidInput

        raise InvalidInput(f"kind must be one of {', '.join(HISTORY_KINDS)}", "kind")


class OnboardingCommands(CommandRunner):
    async def person_claim(self, tenant: Tenant, nip: str) -> UUID | None:
        """The latest record of the person with this NIP in the tenant (the `nip-person` claim), if any."""
        pool = await self.store.db.pool_for_tenant(tenant.slug)
        holder = await pool.fetchval(
            f"SELECT stream_id FROM {tenant.schema}.claims WHERE kind = 'nip-person' AND value = $1", nip
        )
        return None if holder is None else UUID(bytes=holder.bytes)

    async def identify(self, uow: UnitOfWork, fields: dict[str, Any]) -> Employee:
        """The new record, its claims taken: a new person takes `nip` and `nip-person`; a returning one
        (their NIP had a record here that left) or a re-appointed PPPK is linked to the earlier record,
        which hands `nip-person` over."""
        draft = Employee.enrol(**fields)
        holder = await self.person_claim(uow.tenant, draft.nip)
        explicit = fields.get("previous_employee_id")
        employee, earlier = draft, None
        if holder is not None or explicit is not None:
            earlier = await uow.find(Employee, explicit or holder)
            if earlier is None:
                raise NotFound(f"no employee {explicit or holder}", "previousEmployeeId")
            if explicit is None and earlier.status not in enrolment.LEFT:
                raise DuplicateNip(f"NIP {draft.nip} is already recorded", "nip")
            enrolment.check_previous(earlier, vars(draft))
            if explicit is None:
                employee = Employee.enrol(**{**fields, "previous_employee_id": earlier.id})
        uow.claim("nip", employee.nip, employee.id)
        uow.claim("nip-person", employee.nip, employee.id)
        if earlier is not None and holder == earlier.id:
            uow.release_claim("nip-person", earlier.nip, earlier.id)
        return employee

    async def enroll_employee(
        self,
        ctx: CommandContext,
        *,
        options: CommandOptions = NO_OPTIONS,
        metadata: dict[str, Any] | None = None,
        **fields: Any,
    ) -> CommandResult:
        """Enrols a serving PNS/PPPK (fields of `enrolment.enrol_fields`); a returning person is linked to
        their earlier record by the NIP, a re-appointed PPPK by `previous_employee_id`."""

        async def handle(uow: UnitOfWork) -> Employee:
            await uow.require_unit(fields.get("unit_id"))
            return await self.identify(uow, fields)

        return await self.execute(ctx, "enrollEmployee", handle, options, metadata)

    async def import_history(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        kind: str,
        row: dict[str, Any],
        source: str = "manual",
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        """One past decree (see `apply_history`) on an enrolled employee's stream, marked as imported."""

        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            if kind == "POSITION":
                await uow.require_unit(row.get("unit_id"))
            apply_history(employee, kind, row)
            return employee

        return await self.execute(ctx, "importHistory", handle, options, imported(source, kind=kind))

    async def transfer_employee_out(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        destination_tenant: str,
        effective_on: date,
        decree: Decree,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        """Mutasi out: the person leaves this tenant's active lists and their NIP is released (`nip`), so
        they can be enrolled again if they come back; `nip-person` stays theirs."""

        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            employee.transfer_out(destination_tenant, effective_on, decree)
            if await self.person_claim(uow.tenant, employee.nip) is None:
                # Records hired before `nip-person` existed get it now, before "nip" goes.
                uow.claim("nip-person", employee.nip, employee.id)
            uow.release_claim("nip", employee.nip, employee.id)
            return employee

        return await self.execute(ctx, "transferEmployeeOut", handle, options)

    async def receive_transfer(
        self,
        ctx: CommandContext,
        *,
        file: bytes,
        unit_id: UUID,
        position: str,
        effective_on: date,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        """Verifies a transfer file (`transfer.file.verify_transfer`: a changed byte is refused, naming the
        event's position), then enrols the person with `source: transfer`, the origin's tenant, stream id and
        head, and their history — one append: the whole person or nothing."""
        from riwayat.transfer.file import verify_transfer
        from riwayat.transfer.receive import enrolment_of, origin_events

        transfer = verify_transfer(file)
        events = origin_events(self.store.codec, transfer)
        fields, history = enrolment_of(
            transfer, events, destination=ctx.tenant.slug, unit_id=unit_id, position=position,
            effective_on=effective_on,
        )  # fmt: skip
        if options.idempotency_key is None:
            options = CommandOptions(idempotency_key=f"transfer:{hashlib.sha256(file).hexdigest()[:48]}")

        async def handle(uow: UnitOfWork) -> Employee:
            await uow.require_unit(unit_id)
            employee = await self.identify(uow, fields)
            for kind, row in history:
                apply_history(employee, kind, row)
            return employee

        mark = imported("transfer", origin=transfer.origin_tenant, origin_stream=str(transfer.employee_id))
        return await self.execute(ctx, "receiveTransfer", handle, options, mark)
