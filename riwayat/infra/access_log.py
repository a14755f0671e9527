"""The access log of personal data (UU 27/2022): entries, their hash chain, and the writer that stores them
off the request's critical path.

A response that showed personal data hands an `AccessEntry` to `AccessLogWriter.record` (no I/O: a queue);
one task per process writes the queue in batches, one transaction per tenant under the lock of the
tenant's `access_log_head`, chaining each row on the one before. `close()` (the app's shutdown) writes what
is still queued before it returns, so a clean shutdown loses nothing; a crash may lose the last moments'
entries, never alter a written one. The chain is separate from the ledger's: reads are not events.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

GENESIS = bytes(32)
BATCH = 500
log = logging.getLogger("riwayat.access_log")


@dataclass(frozen=True)
class AccessEntry:
    tenant_slug: str
    schema: str
    request_id: str
    actor: str
    roles: tuple[str, ...]
    operation: str
    fields: dict[str, list[str]]  # subject -> the personal fields shown of it
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


def entry_hash(prev: bytes, position: int, row: dict[str, Any]) -> bytes:
    """sha256 of the previous hash and the row's canonical JSON (sorted keys, UTC times as ISO text)."""
    canonical = orjson.dumps({**row, "position": position}, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(prev + canonical).digest()


def canonical_row(e: AccessEntry) -> dict[str, Any]:
    return {
        "at": e.at.astimezone(UTC).isoformat(),
        "request_id": e.request_id,
        "actor": e.actor,
        "roles": sorted(e.roles),
        "operation": e.operation,
        "fields": {s: sorted(f) for s, f in sorted(e.fields.items())},
    }


async def write(con: Any, schema: str, entries: Sequence[AccessEntry]) -> None:
    """Append `entries` to one tenant's log in one transaction, chained on its head."""
    async with con.transaction():
        head = await con.fetchrow(f"SELECT position, hash FROM {schema}.access_log_head FOR UPDATE")
        position, prev = head["position"], bytes(head["hash"])
        rows = []
        for e in entries:
            position += 1
            row = canonical_row(e)
            digest = entry_hash(prev, position, row)
            subjects, fields = sorted(row["fields"]), orjson.dumps(row["fields"]).decode()
            rows.append((position, e.at, e.request_id, e.actor, row["roles"], e.operation, subjects, fields,
                         prev, digest))  # fmt: skip
            prev = digest
        await con.executemany(
            f"INSERT INTO {schema}.access_log (position, at, request_id, actor, roles, operation, subjects,"
            " fields, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)",
            rows,
        )
        await con.execute(f"UPDATE {schema}.access_log_head SET position = $1, hash = $2", position, prev)


async def verify(con: Any, schema: str) -> tuple[int, int | None]:
    """(rows checked, first position whose row or link does not hold — or None). Streams the table."""
    prev, expected, checked = GENESIS, 1, 0
    async with con.transaction():
        async for r in con.cursor(f"SELECT * FROM {schema}.access_log ORDER BY position"):
            row = {
                "at": r["at"].astimezone(UTC).isoformat(), "request_id": r["request_id"], "actor": r["actor"],
                "roles": list(r["roles"]), "operation": r["operation"], "fields": orjson.loads(r["fields"]),
            }  # fmt: skip
            if r["position"] != expected or bytes(r["prev_hash"]) != prev:
                return checked, expected
            if entry_hash(prev, r["position"], row) != bytes(r["hash"]):
                return checked, r["position"]
            prev, expected, checked = bytes(r["hash"]), expected + 1, checked + 1
        head = await con.fetchrow(f"SELECT position, hash FROM {schema}.access_log_head")
        if head["position"] != checked or bytes(head["hash"]) != prev:
            return checked, checked + 1  # rows cut from the end: the head remembers more
    return checked, None


class AccessLogWriter:
    """The per-process queue of entries and the task that writes them (see the module's docstring)."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.queue: asyncio.Queue[AccessEntry] = asyncio.Queue()
        self.task: asyncio.Task[None] | None = None

    def record(self, entry: AccessEntry) -> None:
        if self.task is None:
            self.task = asyncio.get_running_loop().create_task(self._run())
        self.queue.put_nowait(entry)

    async def flush(self) -> None:
        """Write everything queued so far (tests and shutdown)."""
        await self.queue.join()

    async def close(self) -> None:
        if self.task is not None:
            await self.flush()
            self.task.cancel()
            self.task = None

    async def _run(self) -> None:
        while True:
            batch = [await self.queue.get()]
            while len(batch) < BATCH and not self.queue.empty():
                batch.append(self.queue.get_nowait())
            try:
                await self._write(batch)
            except Exception:  # noqa: BLE001 - kept and tried again: an access entry is never dropped
                log.exception("access log: %d entries not written yet; retrying", len(batch))
                for entry in batch:
                    self.queue.put_nowait(entry)
                await asyncio.sleep(1.0)
            finally:
                for _ in batch:
                    self.queue.task_done()

    async def _write(self, batch: list[AccessEntry]) -> None:
        by_tenant: dict[tuple[str, str], list[AccessEntry]] = {}
        for e in batch:
            by_tenant.setdefault((e.tenant_slug, e.schema), []).append(e)
        for (slug, schema), entries in by_tenant.items():
            pool = await self.db.pool_for_tenant(slug)
            async with pool.acquire() as con:
                await write(con, schema, entries)
