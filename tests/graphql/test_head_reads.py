"""Shared head reads keep read-your-writes: a request never gets a read that began before it arrived, even
while one is in flight; requests arriving together share the next read; failures and a waiter's
cancellation reach only whom they should. Against a real PostgreSQL: a slow read is a statement whose
snapshot is taken before a concurrent commit (`pg_sleep` in the same statement)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from riwayat.graphql.head_reads import SharedHeadReads
from riwayat.infra.database import Database


@pytest.fixture
async def head(db: Database) -> AsyncIterator[tuple[Any, str]]:
    pool = await db.pool()
    table = f"head_reads_{uuid.uuid4().hex[:8]}"
    await pool.execute(f"CREATE TABLE {table} (position integer NOT NULL)")
    await pool.execute(f"INSERT INTO {table} VALUES (1)")
    yield pool, table
    await pool.execute(f"DROP TABLE {table}")


def reader(pool: Any, table: str, reads: list[float], seconds: float = 0.3) -> Any:
    async def read() -> int:
        reads.append(asyncio.get_running_loop().time())
        return await pool.fetchval(f"SELECT position FROM {table}, pg_sleep({seconds})")

    return read


async def test_a_request_arriving_during_a_read_gets_the_next_read_which_sees_a_write_committed_meanwhile(
    head: tuple[Any, str],
) -> None:
    pool, table = head
    heads, reads = SharedHeadReads(), []
    read = reader(pool, table, reads)
    first = asyncio.create_task(heads.position("t", read))
    await asyncio.sleep(0.1)  # the first read's statement runs: its snapshot holds position 1
    await pool.execute(f"UPDATE {table} SET position = 2")  # a client's write, committed
    later = [asyncio.create_task(heads.position("t", read)) for _ in range(10)]  # that client's reads
    assert await first == 1
    assert await asyncio.gather(*later) == [2] * 10  # not the in-flight read's 1: read-your-writes
    assert len(reads) == 2  # eleven requests, two reads


async def test_a_failed_read_fails_its_waiters_only_and_a_waiters_deadline_leaves_the_others_read(
    head: tuple[Any, str],
) -> None:
    pool, table = head
    heads, reads = SharedHeadReads(), []
    good = reader(pool, table, reads, 0.2)

    async def broken() -> int:
        return await pool.fetchval("SELECT position FROM no_such_table_here")

    running = asyncio.create_task(heads.position("t", good))
    await asyncio.sleep(0.05)
    failing = [asyncio.create_task(heads.position("t", broken)) for _ in range(3)]  # they share the next
    results = await asyncio.gather(running, *failing, return_exceptions=True)
    assert results[0] == 1
    assert all(isinstance(r, asyncpg.UndefinedTableError) for r in results[1:])
    assert await heads.position("t", good) == 1  # nothing left stuck

    running = asyncio.create_task(heads.position("t", good))
    await asyncio.sleep(0.05)
    impatient = asyncio.create_task(heads.position("t", good))
    patient = asyncio.create_task(heads.position("t", good))
    await asyncio.sleep(0.05)
    impatient.cancel()  # its request ran past its deadline
    assert await running == 1 and await patient == 1
    assert impatient.cancelled()
