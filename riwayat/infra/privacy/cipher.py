"""Sealing and opening the personal fields of stored events (AES-256-GCM, one data key per subject).

A sealed field is stored as `{"$enc": base64(nonce + ciphertext), "k": key id}`; the chain hashes that
stored form, so destroying the key erases the value everywhere while every hash still verifies. The
ciphertext is bound, as associated data, to tenant, subject (the event's stream) and field name: a value
copied into another row or field does not open. Which fields to seal is decided once per event class
(`riwayat.domain.personal`); an event without personal fields costs one dict lookup.

Events written before this existed hold their personal fields in plain text; they stay as they were
(stored events are never rewritten) and read as before (docs/privacy.md, "Existing data").
"""

from __future__ import annotations

import base64
import dataclasses
import os
import uuid
from collections.abc import Sequence
from typing import Any
from uuid import UUID

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.utils import resolve_topic

from riwayat.domain.personal import erasable_fields
from riwayat.infra.database import Database
from riwayat.infra.ledger.records import AppendRequest, RecordedEvent
from riwayat.infra.privacy.inline import KeyedProjector, Pending
from riwayat.infra.privacy.kek import Kek, PrivacyError
from riwayat.infra.privacy.keys import KeyRing, wrap
from riwayat.infra.tenants import Tenant

ENC, KID = "$enc", "k"
ERASED_MARK = "$erased"  # beside the data of an event whose personal fields were erased: their names


def _aad(tenant: Tenant, subject: UUID, field: str) -> bytes:
    return f"riwayat-field\n{tenant.slug}\n{subject}\n{field}".encode()


def is_sealed(value: Any) -> bool:
    return type(value) is dict and ENC in value


class Privacy:
    def __init__(self, db: Database, kek: Kek) -> None:
        self.keys = KeyRing(db, kek)
        self._by_class: dict[type, tuple[str, ...]] = {}
        self._by_topic: dict[str, tuple[str, ...]] = {}
        self.pending: Pending = {}  # data keys made for new streams, until their append is settled
        self._fresh: dict[str, tuple[UUID, AESGCM]] = {}

    def fields_of(self, cls: type) -> tuple[str, ...]:
        found = self._by_class.get(cls)
        if found is None:
            found = self._by_class[cls] = erasable_fields(cls)
        return found

    def fields_of_topic(self, topic: str) -> tuple[str, ...]:
        found = self._by_topic.get(topic)
        if found is None:
            try:
                found = erasable_fields(resolve_topic(topic))
            except Exception:  # a topic whose class is gone holds nothing we can classify
                found = ()
            self._by_topic[topic] = found
        return found

    # ---- writing -----------------------------------------------------------------------------------

    async def seal(self, tenant: Tenant, events: Sequence[Any], request: AppendRequest) -> None:
        """Encrypt, in place, the personal fields of the encoded events of `request` (before chaining)."""
        work = []
        for event, encoded in zip(events, request.encoded, strict=True):
            fields = self.fields_of(type(event))
            if fields:
                data = encoded[3]
                present = [f for f in fields if data.get(f) is not None and not is_sealed(data[f])]
                if present:
                    work.append((encoded[0], data, present))
        if not work:
            return
        keys = self._new_keys(tenant, [s for s, _, _ in work], request)
        known = {subject for subject, _, _ in work if subject not in keys}
        if known:
            keys |= await self.keys.write_keys(tenant, known)
        for subject, data, present in work:
            key_id, aes = keys[subject]
            for field in present:
                nonce = os.urandom(12)
                sealed = aes.encrypt(nonce, orjson.dumps(data[field]), _aad(tenant, subject, field))
                data[field] = {ENC: base64.b64encode(nonce + sealed).decode("ascii"), KID: key_id.hex}

    def _new_keys(
        self, tenant: Tenant, subjects: list[UUID], request: AppendRequest
    ) -> dict[UUID, tuple[UUID, AESGCM]]:
        """Keys made here for streams this request creates (written with the events, `inline`)."""
        created = {e[0] for e in request.encoded if e[1] == 1}
        out: dict[UUID, tuple[UUID, AESGCM]] = {}
        for subject in subjects:
            if subject in created and subject not in out and self.keys.cached(tenant, subject) is None:
                key_id, key = uuid.uuid4(), AESGCM.generate_key(256)
                wrapped = wrap(self.keys.kek, tenant, subject, key_id, key)
                self.pending[key_id.hex] = (subject, key_id, wrapped)
                out[subject] = self._fresh[key_id.hex] = (key_id, AESGCM(key))
        return out

    def settle(self, tenant: Tenant, request: AppendRequest, written: bool) -> None:
        """After the append: the keys made for it are in the table with its events (then cached for the
        next events of the stream), or, refused, never will be."""
        if not self.pending:
            return
        for encoded in request.encoded:
            for value in encoded[3].values():
                if type(value) is dict and (entry := self.pending.pop(value.get(KID), None)) is not None:
                    fresh = self._fresh.pop(value[KID])
                    if written:
                        self.keys.remember(tenant, entry[0], fresh)

    def projector(self, inner: Any) -> KeyedProjector:
        return KeyedProjector(inner, self.pending, self.fields_of_topic, self.keys.kek.id)

    # ---- reading -----------------------------------------------------------------------------------

    async def open_records(self, tenant: Tenant, records: Sequence[RecordedEvent]) -> list[RecordedEvent]:
        """The records with their sealed fields decrypted; an erased subject's fields are None and named
        under `$erased`. A key that does not unwrap or a value that does not open raises PrivacyError."""
        sealed = [r for r in records if self._sealed_fields(r)]
        if not sealed:
            return list(records)
        keys = await self.keys.read_keys(tenant, {r.stream_id for r in sealed})
        out = []
        for record in records:
            fields = self._sealed_fields(record)
            if not fields:
                out.append(record)
                continue
            data, erased = dict(record.data), []
            for field in fields:
                data[field] = self._open(
                    tenant, record.stream_id, field, data[field], keys.get(record.stream_id)
                )
                if data[field] is None:
                    erased.append(field)
            if erased:
                data[ERASED_MARK] = erased
            out.append(dataclasses.replace(record, data=data))
        return out

    async def open_values(self, tenant: Tenant, sealed: Sequence[tuple[UUID, str, Any]]) -> list[Any]:
        """Sealed values a read model keeps (subject, field, sealed value), opened with their subjects' keys
        in one read; None for an erased subject. A key that does not open raises PrivacyError."""
        if not sealed:
            return []
        keys = await self.keys.read_keys(tenant, {subject for subject, _, _ in sealed})
        return [self._open(tenant, s, field, value, keys.get(s)) for s, field, value in sealed]

    def mask_records(self, records: Sequence[RecordedEvent]) -> list[RecordedEvent]:
        """For callers who may not see personal data: sealed fields shown as null."""
        out = []
        for record in records:
            fields = self._sealed_fields(record)
            out.append(
                dataclasses.replace(record, data={**record.data, **dict.fromkeys(fields)})
                if fields
                else record
            )
        return out

    def _sealed_fields(self, record: RecordedEvent) -> list[str]:
        fields = self.fields_of_topic(record.topic)
        return [f for f in fields if is_sealed(record.data.get(f))] if fields else []

    @staticmethod
    def _open(tenant: Tenant, subject: UUID, field: str, value: dict[str, Any], key: Any) -> Any:
        if key is None:
            return None
        key_id, aes = key
        if value.get(KID) != key_id.hex:
            raise PrivacyError(
                f"the {field} of subject {subject} was sealed by key {value.get(KID)}, the table holds"
                f" {key_id.hex}",
                "PERSONAL_DATA_KEY_INVALID",
            )
        raw = base64.b64decode(value[ENC])
        try:
            return orjson.loads(aes.decrypt(raw[:12], raw[12:], _aad(tenant, subject, field)))
        except InvalidTag as exc:
            raise PrivacyError(
                f"the {field} of subject {subject} does not open with its key", "PERSONAL_DATA_KEY_INVALID"
            ) from exc
