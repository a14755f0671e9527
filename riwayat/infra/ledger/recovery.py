"""What a forwarder does with what it handed the tenant's writer when the writer goes away unanswering.

It waits for the head lock first: a statement the dead (or fenced) writer had sent finishes or fails
before the lookup, so what is not found then was not written and cannot be written later by that writer
under the same command id (the primary key of `commands`; `judge` answers such a copy as written). Then:

- a decided request (`handoff`): answered as written if its command id landed, else queued again;
- a call (`calls`): answered from the log if its command id landed, else `calls.LOST` (run it again);
- anything with an idempotency key is never looked up: its key answers it when it runs again.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import asyncpg

from riwayat.infra.codec import exact_uuid
from riwayat.infra.ledger import statements
from riwayat.infra.ledger.calls import LOST
from riwayat.infra.ledger.records import AppendResult

log = logging.getLogger(__name__)

PAUSES = (0.0, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)  # before each try at the lookup (the server may be back)
FENCE_WAIT = 5.0  # seconds the server is given to end a hung writer's backends


async def fence(url: str, schema: str, pid: int, names: list[str]) -> None:
    """Every connection of a writer that hung (`link.HUNG`) ends, its lease among them (`names`: their
    application names), so that its open transaction and locks go and a worker can be elected; what it had
    sent but not yet run cannot run any more. Woken, it finds its lease gone and writes what it still holds
    on new connections, judged: a command the forwarder wrote meanwhile is answered from where it landed
    (`judge`), never written twice."""
    con = await asyncpg.connect(url)
    try:
        await con.execute(
            "SELECT pg_terminate_backend(pid, $2) FROM pg_stat_activity"
            " WHERE application_name = any($1::text[]) AND pid <> pg_backend_pid()",
            names, int(FENCE_WAIT * 1000),
        )  # fmt: skip
    finally:
        await con.close()
    log.warning("tenant %s: the writer (process %s) hung; its connections were ended", schema, pid)


async def landed(pool: Any, schema: str, batch: list, results: bool = False) -> dict[str, Any] | Exception:
    """The keyless command ids of `batch` (requests or calls) found written: their last positions, or with
    `results` their results as read from the log. The error of the last try if every try failed."""
    ids = [item.command_id for item, *_ in batch if item.idempotency_key is None]
    error: Exception = RuntimeError("no lookup")
    for pause in PAUSES:
        await asyncio.sleep(pause)
        try:
            async with pool.acquire() as con:
                async with con.transaction():
                    await con.execute(f"SELECT FROM {schema}.head FOR UPDATE")  # its last write ends
                    rows = await con.fetch(statements.command_positions(schema), ids)
                if not results:
                    return {row["id"]: row["position"] for row in rows}
                # (after the lock: what landed stays as it is, and reading it back holds no one up)
                return {row["id"]: await result_at(con, schema, row["position"]) for row in rows}
        except Exception as exc:  # noqa: BLE001 - the server may be back a moment later
            error = exc
    return error


async def answer_calls(pool: Any, schema: str, unanswered: list) -> None:
    """Each call the writer left unanswered: its result from the log if it landed, else `LOST`."""
    found = await landed(pool, schema, unanswered, results=True)
    for call, future, _ in unanswered:
        if future.done():
            continue
        if call.idempotency_key is not None:
            future.set_result(LOST)  # its key answers it when it runs again
        elif isinstance(found, Exception):
            future.set_exception(found)  # whether it landed is unknown: never run twice
        else:
            future.set_result(found.get(call.command_id, LOST))


async def result_at(con: Any, schema: str, last: int, events: int | None = None) -> AppendResult:
    """A command's result from the log, its last event at `last`: its events run back `events` positions,
    or, not given, to the position after the command before it (each command's last position is in
    `commands`, its events contiguous; `commands` has no index on positions, so that read scans it: it is
    made only for a call its writer left unanswered, and never under the head lock)."""
    if events is None:
        first = await con.fetchval(
            f"SELECT coalesce(max(position), 0) + 1 FROM {schema}.commands WHERE position < $1", last
        )
    else:
        first = last - events + 1
    row = await con.fetchrow(f"SELECT stream_id, version FROM {schema}.events WHERE position = $1", last)
    return AppendResult.of(exact_uuid(row["stream_id"]), row["version"], list(range(first, last + 1)))
