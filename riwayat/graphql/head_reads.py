"""Reads of a tenant's head position for the response cache, shared by requests that arrive together.

A cached answer is served only after one read of the head shows it has not moved, and that read must have
begun after the request arrived: a client that wrote through another worker and then reads here must see
its write (read-your-writes). Under load the reads were half of a cached request's CPU. Here at most one read
per tenant is in flight: a request that finds one running does not join it (it may have begun before the
client's write committed) but waits for the next one, which begins when the running one ends and answers
everyone who arrived meanwhile. So every request still gets a read that began after it arrived, and 16
concurrent requests cost a few reads instead of 16. A request alone reads by itself, without a task.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Read = Callable[[], Awaitable[int]]


class SharedHeadReads:
    def __init__(self) -> None:
        self._busy: set[Any] = set()  # keys with a read in flight
        self._next: dict[Any, tuple[asyncio.Future[int], Read]] = {}  # the read that begins after it

    async def position(self, key: Any, read: Read) -> int:
        """The head position of `key` by a read that began after this call."""
        if key not in self._busy:
            self._busy.add(key)
            try:
                return await read()
            finally:
                self._done(key)
        waiting = self._next.get(key)
        if waiting is None:
            future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
            future.add_done_callback(_retrieved)  # its waiters may all have left by the time it fails
            waiting = self._next[key] = (future, read)
        return await asyncio.shield(waiting[0])  # a waiter's deadline must not cancel the others' read

    def _done(self, key: Any) -> None:
        following = self._next.pop(key, None)
        if following is None:
            self._busy.discard(key)
            return
        future, read = following
        asyncio.get_running_loop().create_task(self._read_for(key, future, read))

    async def _read_for(self, key: Any, future: asyncio.Future[int], read: Read) -> None:
        try:
            value = await read()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as exc:  # noqa: BLE001 - every waiter gets the read's failure (503 for them)
            future.set_exception(exc)
        else:
            future.set_result(value)
        finally:
            self._done(key)


def _retrieved(future: asyncio.Future[int]) -> None:
    if not future.cancelled():
        future.exception()
