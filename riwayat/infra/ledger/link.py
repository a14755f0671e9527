"""A forwarder's end of its connection to the tenant's writer (`wire` says what crosses): batches sent one
after another, each request answered on its own, and a writer that hangs fenced off (`HUNG`)."""

from __future__ import annotations

import asyncio
import itertools
import logging
import socket
import struct
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from riwayat.infra.ledger.wire import answer, pack_request, pickled, receive, unpack_answer

if TYPE_CHECKING:
    from riwayat.infra.ledger.committer import Queued

log = logging.getLogger(__name__)

# Seconds a writer may leave a batch unanswered while sending nothing at all before it counts as hung
# (stopped, stuck in one call): far above a batch's time, below a request's deadline.
HUNG = 5.0


def peer_pid(writer: asyncio.StreamWriter) -> int | None:
    """The process at the other end of a unix socket (SO_PEERCRED), None where the platform has no such
    option."""
    sock = writer.get_extra_info("socket")
    option = getattr(socket, "SO_PEERCRED", None)
    if sock is None or option is None:
        return None
    pid, _, _ = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i")))
    return pid


class Link:
    """A forwarder's connection to the writer: batches sent one after another, each request answered on
    its own; `on_returned(unanswered)` once per batch sent, when its last request is answered (an empty
    list) or when the writer went away (the requests it did not answer)."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        on_lost: Callable[[], None],
        on_returned: Callable[[list[Queued]], None],
        on_hung: Callable[[int | None], Awaitable[None]] | None = None,
    ) -> None:
        self.writer, self.on_lost, self.on_returned, self.lost = writer, on_lost, on_returned, False
        self.numbers = itertools.count()
        # per batch sent: its requests and the indexes of those that still wait
        self.waiting: dict[int, tuple[list[Queued], set[int]]] = {}
        self.loop = asyncio.get_running_loop()
        self.sent: dict[int, float] = {}  # when each batch still waiting was sent (loop time)
        self.heard = self.loop.time()  # the writer's last frame
        self.peer = peer_pid(writer)
        self.reading = self.loop.create_task(self._read(reader))
        self.watching = None if on_hung is None else self.loop.create_task(self._watch(on_hung))

    def send(self, batch: list[Queued], as_calls: bool = False) -> None:
        """`batch` handed to the writer: decided requests, or `as_calls` commands it decides (`calls`); a
        frame that does not pickle raises, and nothing of it is sent."""
        if self.lost:
            self.on_returned(batch)
            return
        number = next(self.numbers)
        items = tuple(q[0] for q in batch) if as_calls else [pack_request(q[0]) for q in batch]
        frame = pickled((number, items))
        self.waiting[number] = (batch, set(range(len(batch))))
        self.sent[number] = self.loop.time()
        self.writer.write(frame)

    async def _read(self, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                frame = await receive(reader)
                self.heard = self.loop.time()
                for number, i, packed in frame:
                    batch, left = self.waiting[number]
                    request, future, _ = batch[i]
                    answer(future, unpack_answer(request, packed))
                    left.discard(i)
                    if not left:
                        del self.waiting[number], self.sent[number]
                        self.on_returned([])
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self.lost = True
            if self.watching is not None and self.watching is not asyncio.current_task():
                self.watching.cancel()
            waiting, self.waiting = self.waiting, {}
            for batch, left in waiting.values():
                self.on_returned([batch[i] for i in sorted(left)])
            self.writer.close()
            self.on_lost()

    async def _watch(self, on_hung: Callable[[int | None], Awaitable[None]]) -> None:
        """A writer that keeps a batch unanswered for `HUNG` seconds while sending nothing is fenced off
        (`on_hung(its process id)` ends its connections), then left as a dead one is: what it did not
        answer is looked up and queued again. Late at two checks in a row, so that answers that waited in
        the socket while this process itself was paused are read first."""
        late = 0
        while not self.lost:
            await asyncio.sleep(HUNG / 4)
            now = self.loop.time()
            overdue = bool(self.sent) and now - min(self.sent.values()) > HUNG and now - self.heard > HUNG
            late = late + 1 if overdue else 0
            if late < 2:
                continue
            try:
                await on_hung(self.peer)
            except Exception as error:  # noqa: BLE001 - the server may be back a moment later
                log.warning("could not fence off the hung writer (process %s): %s", self.peer, error)
                late = 0
                continue
            self.reading.cancel()
            return

    def close(self) -> None:
        self.reading.cancel()
