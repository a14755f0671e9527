"""The pool's acquire bound: a full pool refuses after `acquire_timeout` and the connection it waited for is
not lost; a free connection is handed out at once."""

from __future__ import annotations

import asyncio
import time

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
