"""Connections a committer's batches hand on to each other instead of giving each back to the pool.

A batch is one statement, but taking a connection from the pool and giving it back (timeouts, the holder's
inactivity timer, the release checks) cost more Python per batch than the statement's own encoding. While
batches follow each other, the connection of one that ended cleanly goes to the next; once the committer is
idle, every spare goes back to the pool. A connection whose state is unknown is never kept (see
`attempts.Session.close`), and one found closed is given back for the pool to replace.
"""

from __future__ import annotations

import contextlib

import asyncpg


class Spares:
    def __init__(self, size: int) -> None:
        self.size = size
        self._idle: list[tuple[asyncpg.Pool, asyncpg.Connection]] = []

    async def take(self, pool: asyncpg.Pool) -> asyncpg.Connection | None:
        """A kept connection of `pool`, or None (then the caller acquires one)."""
        while self._idle:
            owner, con = self._idle.pop()
            if owner is pool and not con.is_closed():
                return con
            await owner.release(con)
        return None

    def keep(self, pool: asyncpg.Pool, con: asyncpg.Connection) -> bool:
        """Keep a connection that ended its batch cleanly (False: full, or closed; give it back)."""
        if len(self._idle) >= self.size or con.is_closed():
            return False
        self._idle.append((pool, con))
        return True

    async def release(self) -> None:
        """Give every kept connection back to its pool (the committer has nothing more to write)."""
        idle, self._idle = self._idle, []
        for pool, con in idle:
            try:
                await pool.release(con)
            except Exception:  # noqa: BLE001 - a broken one: the pool replaces it
                with contextlib.suppress(Exception):
                    con.terminate()

    def __len__(self) -> int:
        return len(self._idle)
