"""`ledgerDigest`: a signed digest of the caller's tenant, issued on demand for auditors."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.errors import ApiError
from riwayat.graphql.permissions import AUDIT, allow
from riwayat.graphql.types.digest import LedgerDigest
from riwayat.infra.digest import SigningKeyMissing, issue_digest, load_signing_key


class SigningKeyUnavailable(ApiError):
    code = "SIGNING_KEY_MISSING"


async def ledger_digest(info: Info[Context, None]) -> LedgerDigest:
    ctx = info.context
    try:
        key = load_signing_key(ctx.services.settings)
    except SigningKeyMissing as exc:
        raise SigningKeyUnavailable(
            "this server has no signing key: ask the operator to configure RIWAYAT_SIGNING_KEY_FILE"
        ) from exc
    return LedgerDigest.from_digest(await issue_digest(ctx.services.store, ctx.tenant, key))


@strawberry.type
class DigestQuery:
    ledger_digest: LedgerDigest = strawberry.field(
        resolver=ledger_digest,
        extensions=allow(*AUDIT),
        description="the tenant's head (position, hash, time) signed with the server's Ed25519 key",
    )
