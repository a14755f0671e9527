"""Append requests made by hand, for the ledger's pure unit tests (no database, no codec)."""

from __future__ import annotations

import uuid
from uuid import UUID

from riwayat.infra.ledger.chain import first_versions
from riwayat.infra.ledger.records import AppendRequest, Claim

TOPIC = "tests.infra.ledger.fixtures:Thing.Renamed"


def request(
    stream: UUID,
    first: int = 1,
    events: int = 1,
    *,
    key: str | None = None,
    fingerprint: str | None = None,
    claims: tuple[Claim, ...] = (),
    releases: tuple[Claim, ...] = (),
) -> AppendRequest:
    encoded = [(stream, v, TOPIC, {"name": f"v{v}"}, None) for v in range(first, first + events)]
    return AppendRequest(
        encoded,
        first_versions(encoded),
        {"actor": "tester"},
        key or uuid.uuid4().hex,
        key,
        fingerprint,
        claims,
        releases,
    )
