"""A signed head digest as the API hands it to an auditor (see riwayat/infra/digest.py)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from riwayat.infra.digest import SignedDigest


@strawberry.type(
    description="The tenant's head, signed by the server (Ed25519). Keep `document` outside Riwayat: "
    "`riwayat audit verify --digest FILE` later proves the ledger still holds these events unchanged."
)
class LedgerDigest:
    tenant: str
    position: int
    head_hash: str
    issued_at: datetime
    key_id: str
    public_key: str = strawberry.field(description="base64 of the raw 32-byte Ed25519 public key")
    signature: str = strawberry.field(description="base64 Ed25519 signature of the statement")
    document: str = strawberry.field(description="the digest file, as `riwayat audit digest` writes it")

    @classmethod
    def from_digest(cls, digest: SignedDigest) -> LedgerDigest:
        s = digest.statement
        return cls(
            tenant=s.tenant,
            position=s.position,
            head_hash=s.head_hash,
            issued_at=datetime.fromisoformat(s.issued_at.replace("Z", "+00:00")),
            key_id=digest.key_id,
            public_key=digest.public_key,
            signature=digest.signature,
            document=digest.to_json().decode("utf-8"),
        )
