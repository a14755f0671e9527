"""Waiting for an append as `asyncio.shield` does: its outcome passed on, and a caller who goes away
cancels only its own wait, never the append."""

from __future__ import annotations

import asyncio

import pytest

from riwayat.application.waiting import shielded


async def test_the_waiter_gets_the_appends_result_or_error() -> None:
    loop = asyncio.get_running_loop()
    appending = loop.create_future()
    waiter = shielded(appending)
    appending.set_result(7)
    assert await waiter == 7
    failing = loop.create_future()
    waiter = shielded(failing)
    failing.set_exception(ValueError("refused"))
    with pytest.raises(ValueError, match="refused"):
        await waiter
    done = loop.create_future()
    done.set_result(1)
    assert shielded(done) is done


async def test_a_caller_who_goes_away_leaves_the_append_running() -> None:
    appending = asyncio.get_running_loop().create_future()
    caller = asyncio.ensure_future(shielded(appending))
    await asyncio.sleep(0)
    caller.cancel()
    with pytest.raises(asyncio.CancelledError):
        await caller
    assert not appending.done()
    appending.set_exception(RuntimeError("answered later"))
    await asyncio.sleep(0)
    assert appending.exception() is not None  # answered, its error retrieved (no warning at collection)
