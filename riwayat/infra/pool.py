"""The asyncpg pool every database URL gets: each acquire bounded in time, and the common release without
a task of its own.

Every uncached GraphQL read takes a connection for one query and gives it back. asyncpg's release runs
under `asyncio.shield`: a task per release, two turns of the event loop, a timeout context and our no-op
reset, so that a cancelled request cannot leave a connection half returned. When nothing of the release
can wait — the connection is open and idle (no transaction, no cancellation in progress), under its query
budget, of the pool's current generation, and the reset is `keep_session` — the release has nothing to
await, so `BoundedPool` does it in place, in the steps and order of asyncpg's (`Pool.release`,
`PoolConnectionHolder.release`, `Connection._reset`). Anything else goes asyncpg's way.

These steps use asyncpg's private names as its versions 0.30 to 0.32 have them (pyproject.toml bounds the
version to those). `tests/infra/test_database_pool.py` checks that an idle connection comes back in place
and serves the next caller, and that one inside a transaction goes asyncpg's way and is rolled back.
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
from asyncpg.pool import PoolConnectionProxy


async def keep_session(con: asyncpg.Connection) -> None:
    """Replaces asyncpg's reset on release (`RESET ALL; UNLISTEN *; …`, one round trip per query).

    Riwayat never leaves session state behind: no LISTEN, no session advisory locks (only
    transaction-scoped ones), no SET outside a transaction, no open cursors.
    """


class BoundedPool(asyncpg.Pool):
    """An asyncpg pool whose `acquire` waits at most `acquire_timeout` unless told otherwise: every
    `pool.fetch…` and `async with pool.acquire()` in the code base is bounded without passing a timeout."""

    acquire_timeout: float | None = None

    def acquire(self, *, timeout: float | None = None) -> Any:
        return super().acquire(timeout=self.acquire_timeout if timeout is None else timeout)

    async def _acquire(self, timeout: float | None) -> Any:
        """As asyncpg's, bounded by `asyncio.timeout` instead of `wait_for`, which on Python 3.11 made a
        task, a waiter and a timer per acquire even when a connection was free (5% of a cached GraphQL
        request). The wait is the same queue wait, cancelled the same way at the deadline; the release
        then applies no timeout of its own, which only bounded the reset `keep_session` does not do.

        A free connection holder means no wait in the queue: then no timer is armed. Its connection, if
        it must be opened again, is bounded by the pool's connect timeout (`create_pool`)."""
        if timeout is None or not self._queue.empty():
            return await super()._acquire(None)
        async with asyncio.timeout(timeout):
            return await super()._acquire(None)

    async def release(self, connection: Any, *, timeout: float | None = None) -> None:
        if not self._release_in_place(connection):
            await super().release(connection, timeout=timeout)

    def _release_in_place(self, proxy: Any) -> bool:
        """Return an idle connection to the pool without awaiting; False (nothing done) otherwise."""
        if type(proxy) is not PoolConnectionProxy or self._reset is not keep_session or self._closing:
            return False
        holder, con = proxy._holder, proxy._con
        if holder._pool is not self or con is None or holder._in_use is None or con.is_closed():
            return False
        protocol = con._protocol
        if (
            protocol.is_in_transaction()
            or con._top_xact is not None
            or protocol._is_cancelling()
            or protocol.queries_count >= holder._max_queries
            or holder._generation != self._generation
        ):
            return False
        self._check_init()
        con._on_release()  # Pool.release: the connection's own housekeeping
        holder._timeout = None  # PoolConnectionHolder.release
        con._listeners.clear()  # Connection._reset, for a connection outside a transaction
        con._log_listeners.clear()
        holder._release()  # marks the holder free, detaches the proxy, queues the holder
        holder._setup_inactive_callback()
        return True
