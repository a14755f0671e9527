"""Organisation-unit mutations (admin)."""

from __future__ import annotations

from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.inputs import EstablishOrgUnitInput
from riwayat.graphql.mutations.base import ORG_UNIT, options, payload
from riwayat.graphql.types.payloads import OrgUnitPayload


async def establish_org_unit(info: Info[Context, None], input: EstablishOrgUnitInput) -> OrgUnitPayload:
    return await payload(
        info,
        ORG_UNIT,
        lambda app, cc: app.establish_org_unit(
            cc,
            code=input.code,
            name=input.name,
            options=options(input),
        ),
    )
