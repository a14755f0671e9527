"""Signed head digests: a statement "tenant T had N events, the N-th hash was H, at time X", signed with the
server's Ed25519 key.

The hash chain proves that what is there is unchanged; it cannot prove what is missing. Someone with full
control of the database can cut the newest events and rewind the head, or recompute the whole chain from a
position on, and the chain still verifies. A digest kept outside the database (by the Inspektorat, BPK, in
an e-mail) pins the prefix 1..N: a later ledger or export must contain an event N whose chained hash is H.
The statement also carries the hashes at a few evenly spaced earlier positions ("checkpoints"), so a
rewritten history is narrowed down to the span where it starts. Checking is in `digest_check.py`.

The key: `RIWAYAT_SIGNING_KEY_FILE` (PEM, PKCS#8, unencrypted Ed25519). For the embedded development setup
it is generated in the data directory on first use; a server with its own DATABASE_URL must be given one.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from riwayat.infra.codec import format_timestamp
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant

FORMAT = "riwayat-digest/1"
CHECKPOINTS = 32
DEV_KEY_NAME = "signing-key.pem"


class DigestError(Exception):
    """A digest cannot be issued or read; `code` is stable."""

    code = "DIGEST_INVALID"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code or self.code


class SigningKeyMissing(DigestError):
    code = "SIGNING_KEY_MISSING"


@dataclass(frozen=True)
class Statement:
    tenant: str
    position: int
    head_hash: str
    issued_at: str  # fixed-width UTC, as recorded_at in the chain
    checkpoints: tuple[tuple[int, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "tenant": self.tenant,
            "position": self.position,
            "head_hash": self.head_hash,
            "issued_at": self.issued_at,
            "checkpoints": [[p, h] for p, h in self.checkpoints],
        }

    def signed_bytes(self) -> bytes:
        """What the signature covers: the statement as sorted-key compact JSON."""
        return orjson.dumps(self.to_dict(), option=orjson.OPT_SORT_KEYS)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Statement:
        if data.get("format") != FORMAT:
            raise DigestError(f"not a {FORMAT} statement")
        checkpoints = tuple((int(p), str(h)) for p, h in data.get("checkpoints") or ())
        return cls(
            tenant=str(data["tenant"]),
            position=int(data["position"]),
            head_hash=str(data["head_hash"]),
            issued_at=str(data["issued_at"]),
            checkpoints=checkpoints,
        )


@dataclass(frozen=True)
class SignedDigest:
    statement: Statement
    signature: str  # base64 of the Ed25519 signature over statement.signed_bytes()
    public_key: str  # base64 of the raw 32-byte public key
    key_id: str = field(default="")

    def to_json(self) -> bytes:
        return orjson.dumps(
            {
                "statement": self.statement.to_dict(),
                "signature": self.signature,
                "public_key": self.public_key,
                "key_id": self.key_id or key_id(self.public_key),
            },
            option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE,
        )

    @classmethod
    def from_json(cls, raw: bytes | str) -> SignedDigest:
        try:
            data = orjson.loads(raw)
            return cls(
                statement=Statement.from_dict(data["statement"]),
                signature=str(data["signature"]),
                public_key=str(data["public_key"]),
                key_id=key_id(str(data["public_key"])),
            )
        except DigestError:
            raise
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise DigestError(f"not a readable digest ({type(exc).__name__}: {exc})") from exc

    def check_signature(self, trusted: Ed25519PublicKey | None = None) -> None:
        """Raises DigestError unless the signature is valid, and made by `trusted` when one is given."""
        try:
            raw = base64.b64decode(self.public_key, validate=True)
            public = Ed25519PublicKey.from_public_bytes(raw)
            public.verify(base64.b64decode(self.signature, validate=True), self.statement.signed_bytes())
        except (InvalidSignature, ValueError) as exc:
            raise DigestError(
                "the digest's signature is not valid: it was altered or not signed by its key",
                code="DIGEST_SIGNATURE_INVALID",
            ) from exc
        if trusted is not None and raw != _raw_public(trusted):
            raise DigestError(
                f"the digest was signed by key {self.key_id}, "
                f"not by the trusted key {key_id(_b64(_raw_public(trusted)))}",
                code="DIGEST_UNTRUSTED_KEY",
            )


def key_id(public_key_b64: str) -> str:
    """A short fingerprint to compare by eye: sha256 of the raw public key, first 16 hex digits."""
    try:
        raw = base64.b64decode(public_key_b64, validate=True)
    except ValueError:
        return "invalid"
    return "ed25519:" + hashlib.sha256(raw).hexdigest()[:16]


def _raw_public(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


# ---- keys -------------------------------------------------------------------------------------------------


def key_path(settings: Settings) -> Path | None:
    """The configured key file; for the embedded setup a generated one in the data directory."""
    if settings.signing_key_file is not None:
        return settings.signing_key_file
    if settings.embedded:
        return settings.data_dir / DEV_KEY_NAME
    return None


def generate_key_file(path: Path) -> Ed25519PrivateKey:
    """A new key, written readable by its owner only."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    return key


def load_signing_key(settings: Settings) -> Ed25519PrivateKey:
    """The server's signing key. Raises SigningKeyMissing with what to do when there is none."""
    path = key_path(settings)
    if path is None:
        raise SigningKeyMissing(
            "no signing key: set RIWAYAT_SIGNING_KEY_FILE to an Ed25519 private key (PEM); make one with "
            "`riwayat audit keygen --out FILE`"
        )
    if not path.exists():
        if settings.signing_key_file is None:  # the embedded development setup makes its own
            return generate_key_file(path)
        raise SigningKeyMissing(f"RIWAYAT_SIGNING_KEY_FILE names {path}, which does not exist")
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyMissing(f"cannot read the signing key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyMissing(f"the signing key {path} is not an Ed25519 key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """A trusted public key (PEM, as `riwayat audit public-key` prints it) or the private key file."""
    data = path.read_bytes()
    try:
        key: Any = serialization.load_pem_public_key(data)
    except ValueError:
        key = serialization.load_pem_private_key(data, password=None).public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise DigestError(f"{path} is not an Ed25519 key")
    return key


def public_pem(key: Ed25519PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


# ---- issuing ----------------------------------------------------------------------------------------------


def checkpoint_positions(position: int, count: int = CHECKPOINTS) -> list[int]:
    """Evenly spaced positions before `position` (which is the statement's own)."""
    if position <= 1:
        return []
    step = max(1, position // (count + 1))
    return sorted({p for p in range(step, position, step)})[:count]


def sign(key: Ed25519PrivateKey, statement: Statement) -> SignedDigest:
    public = _b64(_raw_public(key.public_key()))
    signature = _b64(key.sign(statement.signed_bytes()))
    return SignedDigest(statement, signature, public, key_id(public))


async def issue_digest(
    store: Any, tenant: Tenant, key: Ed25519PrivateKey, now: datetime | None = None
) -> SignedDigest:
    """Read the head and the checkpoint hashes in one snapshot, and sign them."""
    pool = await store.db.pool_for_tenant(tenant.slug)
    async with pool.acquire() as con, con.transaction(isolation="repeatable_read", readonly=True):
        head = await con.fetchrow(f"SELECT position, hash FROM {tenant.schema}.head")
        wanted = checkpoint_positions(head["position"])
        rows = await con.fetch(
            f"SELECT position, hash FROM {tenant.schema}.events WHERE position = ANY($1::bigint[])"
            " ORDER BY position",
            wanted,
        )
    statement = Statement(
        tenant=tenant.slug,
        position=head["position"],
        head_hash=head["hash"],
        issued_at=format_timestamp(now or datetime.now(UTC)),
        checkpoints=tuple((r["position"], r["hash"]) for r in rows),
    )
    return sign(key, statement)


__all__ = [
    "DigestError",
    "SignedDigest",
    "SigningKeyMissing",
    "Statement",
    "generate_key_file",
    "issue_digest",
    "load_public_key",
    "load_signing_key",
    "public_pem",
]
