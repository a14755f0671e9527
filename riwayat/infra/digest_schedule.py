"""The server issues a signed digest of every tenant's head on a schedule (RIWAYAT_DIGEST_INTERVAL seconds,
default daily; 0 turns it off), writes each to the digest directory and logs it, so copies exist outside the
database: ship the log or the directory to wherever the auditors keep them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from riwayat.infra.digest import DigestError, SignedDigest, issue_digest, load_signing_key

log = logging.getLogger("riwayat.digest")


def digest_dir(settings: Any) -> Path:
    return settings.digest_dir or settings.data_dir / "digests"


def write_digest(directory: Path, digest: SignedDigest) -> Path:
    """`<tenant>-<position>-<time>.json`; names sort by time within a tenant."""
    s = digest.statement
    stamp = s.issued_at.replace("-", "").replace(":", "").replace(".", "")
    path = directory / f"{s.tenant}-{s.position:012d}-{stamp}.json"
    directory.mkdir(parents=True, exist_ok=True)
    path.write_bytes(digest.to_json())
    return path


async def issue_all(svc: Any) -> list[Path]:
    """One digest per tenant now; a tenant that fails is logged and the others go on."""
    key = load_signing_key(svc.settings)
    written = []
    for tenant in await svc.tenants.list():
        try:
            digest = await issue_digest(svc.store, tenant, key)
        except Exception:
            log.exception("digest of tenant %s failed", tenant.slug)
            continue
        path = write_digest(digest_dir(svc.settings), digest)
        written.append(path)
        log.info(
            "ledger digest",
            extra={"fields": {"tenant": tenant.slug, "file": str(path), "digest": digest.to_json().decode()}},
        )
    return written


async def _every(svc: Any, interval: float) -> None:
    while True:
        try:
            await issue_all(svc)
        except DigestError as exc:
            log.error("no scheduled digests: %s", exc)
            return
        except Exception:
            log.exception("scheduled digests failed; trying again at the next interval")
        await asyncio.sleep(interval)


@contextlib.asynccontextmanager
async def digest_schedule(svc: Any) -> AsyncIterator[asyncio.Task | None]:
    """Run the schedule while the app serves (the app's lifespan enters this)."""
    interval = float(svc.settings.digest_interval)
    if interval <= 0:
        yield None
        return
    task = asyncio.create_task(_every(svc, interval), name="riwayat-digests")
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
