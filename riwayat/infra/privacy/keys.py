"""The per-tenant table of data keys (`subject_keys`, migration 0005): one AES-256 key per data subject,
stored wrapped (AES-256-GCM) by the KEK, never in the events table and never in the chain.

A wrapped key is bound, as associated data, to its tenant, subject and key id: a row edited or copied to
another subject by hand fails to unwrap (`PERSONAL_DATA_KEY_INVALID`) instead of opening another
person's data. Write paths cache unwrapped keys (every command filing a complaint would otherwise read
the table); read paths look the keys up each time, so an erasure done by another process is honoured at
once. Erasing sets `wrapped` to NULL: the key is gone, the row stays as the tombstone.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from riwayat.domain.errors import InvalidState
from riwayat.infra import keyed
from riwayat.infra.database import Database
from riwayat.infra.privacy.kek import Kek, PrivacyError
from riwayat.infra.tenants import Tenant


class SubjectErased(InvalidState):
    """New personal data for a subject whose key was destroyed: refused (erasure is for good)."""

    code = "SUBJECT_ERASED"


ERASED: Any = None  # what `read_keys` answers for a subject whose key was destroyed


def _aad(tenant: Tenant, subject: UUID, key_id: UUID) -> bytes:
    return f"riwayat-data-key\n{tenant.slug}\n{subject}\n{key_id}".encode()


def wrap(kek: Kek, tenant: Tenant, subject: UUID, key_id: UUID, key: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(kek.key).encrypt(nonce, key, _aad(tenant, subject, key_id))


def unwrap(kek: Kek, tenant: Tenant, row: Any) -> bytes:
    if row["kek_id"] != kek.id:
        raise PrivacyError(
            f"the data key of subject {row['subject_id']} is wrapped by KEK {row['kek_id']}, not by the"
            f" configured KEK {kek.id}",
            "KEK_MISMATCH",
        )
    wrapped = bytes(row["wrapped"])
    try:
        key = AESGCM(kek.key).decrypt(
            wrapped[:12], wrapped[12:], _aad(tenant, row["subject_id"], row["key_id"])
        )
    except InvalidTag as exc:
        raise PrivacyError(
            f"the data key of subject {row['subject_id']} does not unwrap: its row was changed",
            "PERSONAL_DATA_KEY_INVALID",
        ) from exc
    return key


class KeyBatcher:
    """New data keys of one tenant, inserted by one statement per batch: concurrent commands filing new
    complaints would otherwise each wait for a round trip of their own before their append (the append's
    group commit shares one transaction among them; this shares one INSERT). Answers which subjects got
    a key, with its id: a subject missing, or with another key id than the caller's, already had one, was
    erased, or got another caller's key in the same batch."""

    def __init__(self, db: Database, tenant: Tenant, kek_id: str) -> None:
        self.db, self.tenant, self.kek_id = db, tenant, kek_id
        self._pending: list[tuple[list[tuple[UUID, UUID, bytes]], asyncio.Future[dict[UUID, UUID]]]] = []
        self._flying = False

    async def submit(self, rows: list[tuple[UUID, UUID, bytes]]) -> dict[UUID, UUID]:
        future: asyncio.Future[dict[UUID, UUID]] = asyncio.get_running_loop().create_future()
        self._pending.append((rows, future))
        if not self._flying:
            self._flying = True
            asyncio.ensure_future(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                try:
                    made = await self._insert([row for rows, _ in batch for row in rows])
                except Exception as exc:  # noqa: BLE001 - each caller gets the failure
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                for _, future in batch:
                    if not future.done():
                        future.set_result(made)
        finally:
            self._flying = False

    async def _insert(self, rows: list[tuple[UUID, UUID, bytes]]) -> dict[UUID, UUID]:
        pool = await self.db.pool_for_tenant(self.tenant.slug)
        inserted = await pool.fetch(
            f"INSERT INTO {self.tenant.schema}.subject_keys (subject_id, key_id, wrapped, kek_id)"
            " SELECT s, k, w, $4 FROM unnest($1::uuid[], $2::uuid[], $3::bytea[]) AS t(s, k, w)"
            " ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id, key_id",
            [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], self.kek_id,
        )  # fmt: skip
        return {r["subject_id"]: r["key_id"] for r in inserted}


class KeyRing:
    def __init__(self, db: Database, kek: Kek) -> None:
        self.db, self.kek = db, kek
        self._cache: dict[tuple[str, UUID], tuple[UUID, AESGCM]] = {}
        self._batchers: dict[str, KeyBatcher] = {}

    async def write_keys(self, tenant: Tenant, subjects: Iterable[UUID]) -> dict[UUID, tuple[UUID, AESGCM]]:
        """Each subject's (key id, cipher), creating the keys that do not exist yet; a subject erased
        before is refused (`SUBJECT_ERASED`)."""
        found, missing = {}, []
        for subject in subjects:
            hit = self._cache.get((tenant.slug, subject))
            if hit is None:
                missing.append(subject)
            else:
                found[subject] = hit
        if not missing:
            return found
        fresh: dict[UUID, tuple[UUID, bytes]] = {}
        for subject in missing:
            fresh[subject] = (uuid.uuid4(), AESGCM.generate_key(256))
        made = await self._batcher(tenant).submit(
            [(s, k, wrap(self.kek, tenant, s, k, key)) for s, (k, key) in fresh.items()]
        )
        ours = {s for s in missing if made.get(s) == fresh[s][0]}
        existing = await self._rows(tenant, [s for s in missing if s not in ours])
        for subject in missing:
            if subject in ours:  # ours: no need to read back what we just wrapped
                entry = (fresh[subject][0], AESGCM(fresh[subject][1]))
            else:
                row = existing[subject]
                if row["wrapped"] is None:
                    raise SubjectErased(f"the personal data of subject {subject} was erased", None)
                entry = (row["key_id"], AESGCM(unwrap(self.kek, tenant, row)))
            self._cache[(tenant.slug, subject)] = found[subject] = entry
        return found

    def cached(self, tenant: Tenant, subject: UUID) -> tuple[UUID, AESGCM] | None:
        return self._cache.get((tenant.slug, subject))

    def remember(self, tenant: Tenant, subject: UUID, entry: tuple[UUID, AESGCM]) -> None:
        self._cache[(tenant.slug, subject)] = entry

    def _batcher(self, tenant: Tenant) -> KeyBatcher:
        batcher = self._batchers.get(tenant.slug)
        if batcher is None:
            batcher = self._batchers[tenant.slug] = KeyBatcher(self.db, tenant, self.kek.id)
        return batcher

    async def read_keys(
        self, tenant: Tenant, subjects: Iterable[UUID]
    ) -> dict[UUID, tuple[UUID, AESGCM] | None]:
        """Each subject's key as the table holds it now (None: erased or never made)."""
        rows = await self._rows(tenant, list(subjects))
        out: dict[UUID, tuple[UUID, AESGCM] | None] = {}
        for subject, row in rows.items():
            out[subject] = (
                None if row["wrapped"] is None else (row["key_id"], AESGCM(unwrap(self.kek, tenant, row)))
            )
        return out

    async def erase(self, tenant: Tenant, subject: UUID) -> bool:
        """Destroy the subject's key (a tombstone when it had none); True if a key was destroyed now."""
        self._cache.pop((tenant.slug, subject), None)
        pool = await self.db.pool_for_tenant(tenant.slug)
        before = await pool.fetchval(
            f"SELECT wrapped IS NOT NULL FROM {tenant.schema}.subject_keys WHERE subject_id = $1", subject
        )
        await pool.execute(
            f"INSERT INTO {tenant.schema}.subject_keys (subject_id, key_id, wrapped, kek_id, erased_at)"
            f" VALUES ($1, $2, NULL, '{self.kek.id}', now()) ON CONFLICT (subject_id) DO UPDATE"
            " SET wrapped = NULL, erased_at = coalesce(subject_keys.erased_at, now())",
            subject,
            uuid.uuid4(),
        )
        return bool(before)

    async def status(self, tenant: Tenant, subject: UUID) -> dict[str, Any] | None:
        rows = await self._rows(tenant, [subject])
        row = rows.get(subject)
        if row is None:
            return None
        return {"keyId": str(row["key_id"]), "erasedAt": row["erased_at"], "createdAt": row["created_at"]}

    async def check(self, tenant: Tenant) -> None:
        """KEK_MISMATCH when the tenant's keys were wrapped by another KEK (refused at start)."""
        pool = await self.db.pool_for_tenant(tenant.slug)
        if not await pool.fetchval("SELECT to_regclass($1) IS NOT NULL", f"{tenant.schema}.subject_keys"):
            return  # not migrated yet: it has no keys to check
        other = await pool.fetchval(
            f"SELECT kek_id FROM {tenant.schema}.subject_keys"
            " WHERE wrapped IS NOT NULL AND kek_id <> $1 LIMIT 1",
            self.kek.id,
        )
        if other is not None:
            raise PrivacyError(
                f"tenant {tenant.slug} holds data keys wrapped by KEK {other}; the configured KEK is"
                f" {self.kek.id} (wrong RIWAYAT_KEK_FILE?)",
                "KEK_MISMATCH",
            )

    async def rotate(self, tenant: Tenant, new: Kek) -> tuple[int, list[UUID]]:
        """Re-wrap every live data key of the tenant by `new`, in one transaction; events are untouched.

        A row that does not unwrap (changed by hand) cannot be re-wrapped: it is labelled with the new KEK
        as it is — still failing every read with PERSONAL_DATA_KEY_INVALID, never opening — so that one
        damaged row neither blocks the rotation nor the next start. Answers (re-wrapped, damaged subjects)."""
        pool = await self.db.pool_for_tenant(tenant.slug)
        async with pool.acquire() as con, con.transaction():
            rows = await con.fetch(
                f"SELECT subject_id, key_id, wrapped, kek_id, created_at, erased_at"
                f" FROM {tenant.schema}.subject_keys WHERE wrapped IS NOT NULL FOR UPDATE"
            )
            updates, damaged = [], []
            for r in rows:
                try:
                    key = unwrap(self.kek, tenant, r)
                except PrivacyError as error:
                    if error.code != "PERSONAL_DATA_KEY_INVALID":
                        raise
                    damaged.append(r["subject_id"])
                    updates.append((r["subject_id"], bytes(r["wrapped"])))
                    continue
                updates.append((r["subject_id"], wrap(new, tenant, r["subject_id"], r["key_id"], key)))
            await con.executemany(
                f"UPDATE {tenant.schema}.subject_keys SET wrapped = $2, kek_id = '{new.id}'"
                " WHERE subject_id = $1",
                updates,
            )
        self._cache = {k: v for k, v in self._cache.items() if k[0] != tenant.slug}
        return len(updates) - len(damaged), damaged

    async def _rows(self, tenant: Tenant, subjects: list[UUID]) -> dict[UUID, Any]:
        if not subjects:
            return {}
        pool = await self.db.pool_for_tenant(tenant.slug)
        where, key = keyed.match("subject_id", subjects, "uuid")
        rows = await pool.fetch(
            f"SELECT subject_id, key_id, wrapped, kek_id, created_at, erased_at"
            f" FROM {tenant.schema}.subject_keys WHERE {where}",
            key,
        )
        return {r["subject_id"]: r for r in rows}
