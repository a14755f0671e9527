"""One line per busy stream: this process's commands on a stream decide one at a time, each on the state
the one before it left, while their appends overlap.

Without it, two commands on one employee both decided on the version they read, the second's append was
refused (the stream had moved) and it was re-run: with 48 clients on two employees, 13% still failed with
CONCURRENCY_CONFLICT after all retries although no client had asked for a version check. In a line, a
command waits its turn to decide (a lock per stream, held only while it decides and hands its events to the
store), then decides on the line's `tip` — the aggregate as the previous command left it, its append
possibly still in flight — so it never conflicts with its neighbours, and the appends of one stream still
share group-commit batches (the store accepts a batch whose requests on a stream follow each other).

If an append of the line is refused (another process moved the stream, a claim was taken), the commands
decided after it fail their version check too and are re-run on a fresh read; the line's `generation`
says which tip they built on, so a late failure never discards a newer tip. The turn goes to the oldest
command waiting (by when it was first tried), so one that lost to another process does not queue behind
newer ones again: without that, with two workers on one stream, a few commands lost for 10 s in a row.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from uuid import UUID

from eventsourcing.domain import Aggregate

Key = tuple[str, UUID]


class Turns:
    """A lock whose waiters are served oldest first (by the time their command was first tried)."""

    def __init__(self) -> None:
        self.held = False
        self._waiting: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    async def acquire(self, since: float) -> None:
        if not self.held and not self._waiting:
            self.held = True
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (since, next(self._order), turn))
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():  # given the turn as it was cancelled: pass it on
                self.release()
            raise

    def release(self) -> None:
        while self._waiting:
            turn = heapq.heappop(self._waiting)[2]
            if not turn.done():
                turn.set_result(None)  # still held: handed to the next command
                return
        self.held = False


class StreamLine:
    __slots__ = ("lock", "tip", "generation", "in_flight", "users")

    def __init__(self) -> None:
        self.lock = Turns()
        # The aggregate after the last command decided here, its append submitted (None: read it afresh).
        self.tip: Aggregate | None = None
        self.generation = 0
        self.in_flight: set[asyncio.Future[object]] = set()
        self.users = 0

    def reset(self, generation: int | None = None) -> None:
        """Forget the tip (only the tip of `generation`, when given: a newer one stays)."""
        if generation is None or generation == self.generation:
            self.tip = None
            self.generation += 1

    async def settle(self) -> None:
        """Wait until every append decided on the tip has been answered."""
        while self.in_flight:
            await asyncio.wait(list(self.in_flight))


class StreamLines:
    """The lines of the streams that commands of this process are deciding on or appending to."""

    def __init__(self) -> None:
        self._lines: dict[Key, StreamLine] = {}

    def enter_free(self, key: Key) -> StreamLine | None:
        """`enter` without its coroutine when the line's turn is free (most commands), its turn then
        held; None when it is not: `enter` waits for it."""
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = StreamLine()
        lock = line.lock
        if lock.held or lock._waiting:
            return None
        line.users += 1
        lock.held = True
        return line

    async def enter(self, key: Key, since: float) -> StreamLine:
        """Join the stream's line and wait for the turn to decide (`line.lock` is then held); `since` is
        when the command was first tried (`time.monotonic()`): the oldest goes first."""
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = StreamLine()
        line.users += 1
        lock = line.lock
        if not lock.held and not lock._waiting:  # a free line: `acquire` without its coroutine
            lock.held = True
            return line
        try:
            await lock.acquire(since)
        except BaseException:
            self.leave(key, line)
            raise
        return line

    def leave(self, key: Key, line: StreamLine) -> None:
        """The command is answered; an idle line is dropped (the aggregate cache keeps the state)."""
        line.users -= 1
        if line.users == 0:
            current = self._lines.pop(key, None)  # (one lookup: a key's hash is a Python call)
            if current is not line and current is not None:
                self._lines[key] = current  # a newer line of the stream stays

    def __len__(self) -> int:
        return len(self._lines)
