"""The pool's acquire bound: a full pool refuses after `acquire_timeout` and the connection it waited for is
not lost; a free connection is handed out at once. Its release: an idle connection goes back in place and
serves the next caller; one inside a transaction is released (and rolled back) by asyncpg's own way."""

from __future__ import annotations

import asyncio
import time

import asyncpg
import pytest

from riwayat.infra.database import Database, create_pool


async def test_a_full_pool_refuses_after_its_acquire_timeout_and_loses_no_connection(db: Database) -> None:
    pool = await create_pool(db.settings.database_url, min_size=1, max_size=1, acquire_timeout=0.3)
    try:
        async with pool.acquire() as held:
            started = time.monotonic()
            with pytest.raises(TimeoutError):
                await pool.fetchval("SELECT 1")
            waited = time.monotonic() - started
            assert 0.25 <= waited < 2.0
            assert await held.fetchval("SELECT 2") == 2
        assert await pool.fetchval("SELECT 3") == 3  # the one connection came back
        waiters = [asyncio.create_task(pool.fetchval("SELECT 4")) for _ in range(5)]
        assert await asyncio.gather(*waiters) == [4] * 5  # a queue within the bound, served in turn
    finally:
        await pool.close()


async def test_an_idle_connection_is_returned_in_place_and_serves_the_next_caller(db: Database) -> None:
    pool = await create_pool(db.settings.database_url, min_size=1, max_size=1, acquire_timeout=5)
    try:
        con = await pool.acquire()
        backend = await con.fetchval("SELECT pg_backend_pid()")
        holder = con._holder
        assert pool._release_in_place(con)  # idle: nothing to await
        assert holder._in_use is None and pool._queue.qsize() == 1
        with pytest.raises(asyncpg.InterfaceError):  # the caller's handle is detached, as asyncpg's
            await con.fetchval("SELECT 1")
        assert await pool.fetchval("SELECT pg_backend_pid()") == backend  # the same backend, reused
        for _ in range(50):  # many in-place releases never queue the one holder twice
            assert await pool.fetchval("SELECT 1") == 1
        assert pool._queue.qsize() == 1
    finally:
        await pool.close()


async def test_a_connection_inside_a_transaction_is_released_by_asyncpg_which_rolls_it_back(
    db: Database,
) -> None:
    pool = await create_pool(db.settings.database_url, min_size=1, max_size=1, acquire_timeout=5)
    try:
        con = await pool.acquire()
        await con.execute("BEGIN")
        await con.execute("CREATE TEMP TABLE left_open (x int)")
        assert not pool._release_in_place(con)  # a transaction: asyncpg's release must run
        await pool.release(con)
        async with pool.acquire() as again:
            assert not again._con._protocol.is_in_transaction()
            assert await again.fetchval("SELECT to_regclass('pg_temp.left_open')") is None  # rolled back
    finally:
        await pool.close()
