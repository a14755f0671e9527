"""Data-subject rights (UU 27/2022, docs/privacy.md): erase a subject's personal data, report what is held.

A subject is a stream holding personal data of one person: a complaint (its reporter), an employee (and
their leave account). Erasure destroys the subject's data keys (`Privacy.keys.erase`) and then records a
`DataErasure` event naming the fields, never their values; the events keep their ciphertext, so the chain
still verifies. Destroying first and recording second: a failed record is repaired by asking again (the
erasure is idempotent), while the reverse order could record an erasure that did not happen.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.utils import resolve_topic

from riwayat.application.runner import (
    NO_OPTIONS,
    CommandContext,
    CommandOptions,
    CommandResult,
    CommandRunner,
)
from riwayat.application.unit_of_work import UnitOfWork
from riwayat.domain.data_erasure import DataErasure
from riwayat.domain.errors import InvalidState, NotFound
from riwayat.domain.leave import account_id
from riwayat.domain.personal import RETAINED, RETAINED_WHY, personal_fields
from riwayat.infra.ledger import RecordedEvent
from riwayat.infra.tenants import Tenant

PLAIN_BEFORE_WHY = (
    "stored in plain text before personal fields were encrypted: the ledger is never rewritten, so this "
    "value stays (docs/privacy.md, Existing data)"
)
# The streams other than the subject's own that hold its personal data.
RELATED = (account_id,)


def _classify(records: list[RecordedEvent]) -> tuple[set[str], dict[str, str]]:
    """(erasable fields held, kept fields → why) over the records of a subject."""
    erased: set[str] = set()
    kept: dict[str, str] = {}
    for record in records:
        try:
            cls = resolve_topic(record.topic)
        except Exception:  # noqa: BLE001 - a class that is gone has nothing declared
            continue
        for name, kind in personal_fields(cls).items():
            value = record.data.get(name)
            if value is None:
                continue
            if kind == RETAINED:
                kept[name] = RETAINED_WHY
            elif isinstance(value, dict) and "$enc" in value:
                erased.add(name)
            else:
                kept[name] = PLAIN_BEFORE_WHY
        if any(isinstance(v, dict) and v.get("_type_") == "decree" for v in record.data.values()):
            kept["decrees"] = RETAINED_WHY
    return erased, kept


class PrivacyCommands(CommandRunner):
    async def subject_records(self, tenant: Tenant, subject_id: UUID) -> list[RecordedEvent]:
        records = await self.store.read_stream(tenant, subject_id)
        for related in RELATED:
            records += await self.store.read_stream(tenant, related(subject_id))
        return records

    async def erase_subject_data(
        self,
        ctx: CommandContext,
        *,
        subject_id: UUID,
        reason: str,
        legal_basis: str,
        options: CommandOptions = NO_OPTIONS,
    ) -> tuple[CommandResult, list[str], dict[str, str]]:
        privacy = self.store.privacy
        if privacy is None:
            raise InvalidState("personal data is not encrypted on this server: nothing can be erased", None)
        records = await self.subject_records(ctx.tenant, subject_id)
        if not records:
            raise NotFound(f"no subject {subject_id} in this tenant", "subjectId")
        erased, kept = _classify(records)
        erasure = DataErasure.record(
            subject_id=subject_id,
            reason=reason,
            legal_basis=legal_basis,
            erased_fields=sorted(erased),
            kept_fields=sorted(kept),
        )  # fmt: skip (checked before any key is destroyed)
        for stream in {r.stream_id for r in records}:
            await privacy.keys.erase(ctx.tenant, stream)

        async def handle(uow: UnitOfWork) -> DataErasure:
            return erasure

        result = await self.execute(ctx, "eraseSubjectData", handle, options)
        return result, sorted(erased), kept

    async def subject_data_report(self, tenant: Tenant, subject_id: UUID) -> dict[str, Any] | None:
        """Everything the ledger holds about the subject, decrypted (erased fields as null, named)."""
        records = await self.subject_records(tenant, subject_id)
        if not records:
            return None
        privacy = self.store.privacy
        opened = records if privacy is None else await privacy.open_records(tenant, records)
        erased, kept = _classify(records)
        keys = {}
        if privacy is not None:
            for stream in sorted({r.stream_id for r in records}, key=str):
                status = await privacy.keys.status(tenant, stream)
                keys[str(stream)] = None if status is None else {
                    "keyId": status["keyId"],
                    "erasedAt": status["erasedAt"].isoformat() if status["erasedAt"] else None,
                }  # fmt: skip
        return {
            "subjectId": str(subject_id),
            "personalFields": {"erasable": sorted(erased), "kept": kept},
            "keys": keys,
            "events": [
                {
                    "streamId": str(r.stream_id),
                    "streamType": r.stream_type,
                    "version": r.version,
                    "type": r.type,
                    "recordedAt": r.recorded_at.isoformat(),
                    "actor": (r.metadata or {}).get("actor"),
                    "data": r.data,
                }  # fmt: skip
                for r in opened
            ],
        }
