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

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.application.runner import CommandContext, CommandResult, CommandRunner
from riwayat.domain import enrolment
from riwayat.domain.employee import Employee
from riwayat.domain.errors import DuplicateNip, NotFound
from riwayat.domain.values import Decree
from riwayat.infra.event_store import Claim
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
        return await pool.fetchval(
            f"SELECT stream_id FROM {tenant.schema}.claims WHERE kind = 'nip-person' AND value = $1", nip
        )

    async def identity(
        self, tenant: Tenant, emp: Employee, previous_id: UUID | None
    ) -> tuple[list[Claim], list[Claim], UUID | None]:
        """(claims, releases, the earlier record) for a new enrolment `emp` (not yet linked)."""
        nip = emp.nip
        holder = await self.person_claim(tenant, nip)
        claims = [Claim("nip", nip, emp.id), Claim("nip-person", nip, emp.id)]
        if holder is None and previous_id is None:
            return claims, [], None
        earlier_id = previous_id or holder
        earlier = await self.load_or_none(tenant, Employee, earlier_id)
        if earlier is None:
            raise NotFound(f"no employee {earlier_id}", "previousEmployeeId")
        if previous_id is None and earlier.status not in enrolment.LEFT:
            raise DuplicateNip(f"NIP {nip} is already recorded", "nip")
        enrolment.check_previous(earlier, vars(emp))
        releases = [Claim("nip-person", earlier.nip, earlier.id)] if holder == earlier.id else []
        return claims, releases, earlier.id

    async def enroll_employee(
        self,
        ctx: CommandContext,
        *,
        idempotency_key: str | None = None,
        metadata: dict[str, Any] | None = None,
        **fields: Any,
    ) -> CommandResult:
        """Enrols a serving PNS/PPPK (fields of `enrolment.enrol_fields`); a returning person is linked to
        their earlier record by the NIP, a re-appointed PPPK by `previous_employee_id`."""
        plan: dict[str, Any] = {}

        async def decide() -> Employee:
            await self._require_unit(ctx.tenant, fields.get("unit_id"))
            draft = Employee.enrol(**fields)
            claims, releases, earlier = await self.identity(
                ctx.tenant, draft, fields.get("previous_employee_id")
            )
            employee = draft
            if earlier is not None and earlier != fields.get("previous_employee_id"):
                employee = Employee.enrol(**{**fields, "previous_employee_id": earlier})
                claims, releases = [Claim(c.kind, c.value, employee.id) for c in claims], releases
            plan.update(claims=claims, releases=releases)
            return employee

        return await self._run(
            ctx,
            "enrollEmployee",
            decide,
            idempotency_key=idempotency_key,
            claims=lambda _: plan["claims"],
            releases=lambda _: plan["releases"],
            metadata=metadata,
        )

    async def import_history(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        kind: str,
        row: dict[str, Any],
        source: str = "manual",
        idempotency_key: str | None = None,
        unit_id: UUID | None = None,
    ) -> CommandResult:
        """One past decree (see `apply_history`) on an enrolled employee's stream, marked as imported."""
        act: Callable[[Employee], None] = lambda e: apply_history(e, kind, row)  # noqa: E731
        decide = self._change(ctx, Employee, employee_id, "employeeId", act, None, unit_id)
        return await self._run(
            ctx,
            "importHistory",
            decide,
            idempotency_key=idempotency_key,
            metadata=imported(source, kind=kind),
        )

    async def transfer_employee_out(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        destination_tenant: str,
        effective_on: date,
        decree: Decree,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> CommandResult:
        """Mutasi out: the person leaves this tenant's active lists and their NIP is released (`nip`), so
        they can be enrolled again if they come back; `nip-person` stays theirs."""
        act = lambda e: e.transfer_out(destination_tenant, effective_on, decree)  # noqa: E731
        decide = self._change(ctx, Employee, employee_id, "employeeId", act, expected_version)
        person: dict[str, Any] = {}

        async def decide_and_look() -> Employee:
            employee = await decide()
            person["holder"] = await self.person_claim(ctx.tenant, employee.nip)
            return employee

        def claims(e: Any) -> Sequence[Claim]:
            # Records hired before `nip-person` existed get it now, before "nip" goes.
            return [] if person.get("holder") is not None else [Claim("nip-person", e.nip, e.id)]

        return await self._run(
            ctx,
            "transferEmployeeOut",
            decide_and_look,
            expected_version=expected_version,
            idempotency_key=idempotency_key,
            claims=claims,
            releases=lambda e: [Claim("nip", e.nip, e.id)],
        )
