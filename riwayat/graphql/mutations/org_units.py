"""Organisation-unit mutations (admin)."""

from __future__ import annotations

from strawberry.types import Info

from riwayat.application import CommandContext, CommandResult
from riwayat.graphql.context import Context
from riwayat.graphql.inputs import EstablishOrgUnitInput
from riwayat.graphql.mutations.base import org_unit_payload
from riwayat.graphql.types.payloads import OrgUnitPayload


async def establish_org_unit(info: Info[Context, None], input: EstablishOrgUnitInput) -> OrgUnitPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.establish_org_unit(
            cc, code=input.code, name=input.name, idempotency_key=input.idempotency_key
        )

    return await org_unit_payload(info, command)
