"""The key-encryption key (KEK): 256 random bits in a file named by `RIWAYAT_KEK_FILE`.

As the signing key (`digest.load_signing_key`): the embedded development database makes its own in the
data directory on first start; a server on a real PostgreSQL refuses to start without one, because data
keys wrapped by a lost KEK — and so every personal field — would be gone. The file holds the key in
base64 on one line; its id (a hash prefix, not the key) is stored beside each wrapped data key so a wrong
KEK is caught at start (`Privacy.check`) instead of on the first read.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from riwayat.infra.settings import Settings

DEV_KEK_NAME = "kek.key"


class PrivacyError(Exception):
    """The personal-data keys cannot be used; `code` is stable."""

    code = "PERSONAL_DATA_KEY_ERROR"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code or self.code


@dataclass(frozen=True)
class Kek:
    key: bytes
    id: str

    @classmethod
    def from_bytes(cls, key: bytes) -> Kek:
        if len(key) != 32:
            raise PrivacyError(f"a KEK is 32 bytes, not {len(key)}", "KEK_INVALID")
        return cls(key, hashlib.sha256(b"riwayat-kek\n" + key).hexdigest()[:16])


def kek_path(settings: Settings) -> Path | None:
    if settings.kek_file is not None:
        return settings.kek_file
    if settings.embedded:
        return settings.data_dir / DEV_KEK_NAME
    return None


def generate_kek_file(path: Path) -> Kek:
    """A new KEK, written readable by its owner only (refuses to overwrite a file)."""
    key = os.urandom(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(base64.b64encode(key) + b"\n")
    return Kek.from_bytes(key)


def read_kek_file(path: Path) -> Kek:
    try:
        raw = path.read_bytes().strip()
    except OSError as exc:
        raise PrivacyError(f"cannot read the KEK file {path}: {exc}", "KEK_MISSING") from exc
    try:
        key = base64.b64decode(raw, validate=True)
    except ValueError as exc:
        raise PrivacyError(f"the KEK file {path} is not base64", "KEK_INVALID") from exc
    return Kek.from_bytes(key)


def load_kek(settings: Settings) -> Kek:
    """The configured KEK; `PrivacyError` (KEK_MISSING / KEK_INVALID) with what to do when there is none."""
    path = kek_path(settings)
    if path is None:
        raise PrivacyError(
            "no key-encryption key: set RIWAYAT_KEK_FILE to a file made by `riwayat keys new-kek --out FILE`",
            "KEK_MISSING",
        )
    if not path.exists():
        if settings.kek_file is None:  # the embedded development setup makes its own
            return generate_kek_file(path)
        raise PrivacyError(f"RIWAYAT_KEK_FILE names {path}, which does not exist", "KEK_MISSING")
    return read_kek_file(path)
