"""Ledger reads with personal data (docs/privacy.md): decrypted for the callers who may see it, masked for
the rest; a key that does not unwrap fails the read with its code, never a guess."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.errors import ApiError
from riwayat.graphql.permissions import PERSONNEL_READ, can
from riwayat.infra.ledger import RecordedEvent
from riwayat.infra.privacy import PrivacyError


class PersonalDataUnreadable(ApiError):
    code = "PERSONAL_DATA_KEY_INVALID"

    def __init__(self, error: PrivacyError) -> None:
        self.code = error.code
        super().__init__(str(error))


async def open_for(info: Info[Context, None], records: Sequence[RecordedEvent]) -> list[RecordedEvent]:
    """The records as this caller may read them: decrypted for hr and auditors (and admin), sealed
    personal fields null for everyone else."""
    privacy = info.context.services.store.privacy
    if privacy is None:
        return list(records)
    if not can(info, *PERSONNEL_READ):
        return privacy.mask_records(records)
    try:
        return await privacy.open_records(info.context.tenant, records)
    except PrivacyError as error:
        raise PersonalDataUnreadable(error) from error


async def open_values(info: Info[Context, None], sealed: Sequence[tuple[UUID, str, Any]]) -> list[Any]:
    """Sealed values of a read model, (subject, field, sealed value), opened for a caller the resolver has
    already let see them; None where the subject was erased."""
    if not sealed:
        return []
    privacy = info.context.services.store.privacy
    if privacy is None:
        error = PrivacyError(
            "personal data is sealed but this server has no KEK", "PERSONAL_DATA_KEY_INVALID"
        )
        raise PersonalDataUnreadable(error)
    try:
        return await privacy.open_values(info.context.tenant, sealed)
    except PrivacyError as error:
        raise PersonalDataUnreadable(error) from error
