"""Waiting for an append the batch answers, as `asyncio.shield` would, with less of the event loop's work:
besides the caller's wake-up, one callback per command where `shield` and a callback retrieving the error
of an abandoned append made three."""

from __future__ import annotations

import asyncio
import functools
from typing import Any


def shielded(appending: asyncio.Future[Any]) -> asyncio.Future[Any]:
    """`asyncio.shield(appending)` for a future the batch answers: the caller's waiter, which a cancelled
    caller cancels while the append goes on."""
    if appending.done():  # as `shield` does: nothing to protect
        return appending
    waiter = appending.get_loop().create_future()
    appending.add_done_callback(functools.partial(_answer, waiter))
    return waiter


def _answer(waiter: asyncio.Future[Any], appending: asyncio.Future[Any]) -> None:
    """What `shield` does when the inner future is done: its outcome passed on, or, if the caller went
    away, its error marked as retrieved."""
    if waiter.cancelled():
        if not appending.cancelled():
            appending.exception()
        return
    if appending.cancelled():
        waiter.cancel()
    elif (error := appending.exception()) is not None:
        waiter.set_exception(error)
    else:
        waiter.set_result(appending.result())


def retrieve(appending: asyncio.Future[Any]) -> None:
    """An append whose caller went away is still answered; its error must not be reported as unretrieved."""
    if not appending.cancelled():
        appending.exception()
