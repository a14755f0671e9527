"""The committer's batches on their way (`Flight`), what its queue holds (`Queued`), what an observer hears
after each try (`Try`), and the small helpers of its loop: kept apart so `committer.py` reads as the loop."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from riwayat.infra import deadlines
from riwayat.infra.ledger import attempts
from riwayat.infra.ledger.attempts import Plan
from riwayat.infra.ledger.records import AppendRequest

# kept: written even when its future is cancelled (its caller stopped waiting, as behind `asyncio.shield`)
Queued = tuple[AppendRequest, asyncio.Future, bool]


def live(batch: list[Queued]) -> list[Queued]:
    """The requests whose callers still wait: one whose caller gave up (its future cancelled, unless
    kept; its deadline passed: it is told so) is never written."""
    live = []
    for queued in batch:
        request, future, kept = queued
        if future.done() and not (kept and future.cancelled()):
            continue
        if request.deadline is not None and deadlines.expired(request.deadline):
            if not future.done():
                future.set_exception(deadlines.DeadlineExceeded())
            continue
        live.append(queued)
    return live


def answer_to(future: asyncio.Future, answer: object) -> None:
    """A caller's answer, unless it has one (its caller gave up, or it was told its deadline passed)."""
    if future.done():
        return
    if isinstance(answer, BaseException):
        future.set_exception(answer)
    else:
        future.set_result(answer)


class Flight:
    """A batch on its way: `written` once its first try is known (written as planned or not), `finished`
    once its callers are answered. The batch after it is sent on its plan only if this one was written."""

    def __init__(self, batch: list[Queued], previous: Flight | None, planned: Plan | None) -> None:
        loop = asyncio.get_running_loop()
        self.batch, self.previous, self.planned = batch, previous, planned
        self.written: asyncio.Future[bool] = loop.create_future()
        self.finished: asyncio.Future[None] = loop.create_future()

    async def after_first_try(self, written: bool) -> None:
        self.written.set_result(written)
        if self.previous is not None:
            await self.previous.finished  # answered in order
            self.previous = None  # else each flight would keep every earlier one alive


@dataclass(frozen=True)
class Try:
    """What an observer hears after each try: the head it was planned on (None: judged), its size and
    outcome. For tests and diagnostics; an observer may act (another worker writing between tries)."""

    planned_on: int | None
    size: int
    outcome: attempts.Outcome


Observer = Callable[[Try], Awaitable[None]]


_types: dict[str, str] = {}


def type_of(topic: str) -> str:
    """`RecordedEvent.type` of a topic, remembered (one per appended event)."""
    found = _types.get(topic)
    if found is None:
        found = _types[topic] = topic.rpartition(":")[2]
    return found
