"""Frames between the worker processes of one host: a batch of already-encoded append requests one way, its
answers the other, each frame a 4-byte length and a pickle.

Pickle is safe here only because nobody but this user can reach the socket: it lives in a directory of
this user's own, mode 0700 (`socket_path`). Answers that are exceptions travel as their class, args and
attributes and are rebuilt without calling `__init__` (`ClaimTaken(claim)` cannot be made from its
message, which is all an exception's default pickling keeps). `Link` is a forwarder's end, `Answers` the
writer's: each request is answered on its own, as soon as it is known.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from riwayat.infra.ledger.committer import Queued

_LENGTH = 4


def socket_path(url: str, schema: str) -> Path:
    """The writer's socket for one tenant schema on one database server: the same name in every worker
    of this host (credentials left out of the name), in a directory only this user may enter."""
    parts = urlsplit(url)
    where = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    digest = hashlib.sha256(f"{where}|{schema}".encode()).hexdigest()[:24]
    base = Path(os.environ.get("RIWAYAT_RUN_DIR") or tempfile.gettempdir()) / f"riwayat-{os.getuid()}"
    base.mkdir(mode=0o700, exist_ok=True)
    info = base.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise PermissionError(f"{base} must belong to this user alone (mode 0700)")
    return base / f"w-{digest}.sock"


class _Raised:
    """An exception as it travels: rebuilt with its class, args and attributes, its `__init__` not run."""

    def __init__(self, error: BaseException) -> None:
        self.cls, self.args, self.state = type(error), error.args, dict(getattr(error, "__dict__", {}))

    def rebuild(self) -> BaseException:
        error = self.cls.__new__(self.cls)
        error.args = self.args
        error.__dict__.update(self.state)
        return error


def encode_answers(answers: list[Any]) -> list[Any]:
    out = []
    for answer in answers:
        if isinstance(answer, BaseException):
            raised = _Raised(answer)
            try:
                pickle.dumps(raised)
            except Exception:  # noqa: BLE001 - an attribute that does not travel: the message does
                raised = _Raised(RuntimeError(f"{type(answer).__name__}: {answer}"))
            answer = raised
        out.append(answer)
    return out


def decode_answers(answers: list[Any]) -> list[Any]:
    return [a.rebuild() if isinstance(a, _Raised) else a for a in answers]


def send(writer: asyncio.StreamWriter, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    writer.write(len(data).to_bytes(_LENGTH, "big") + data)


async def receive(reader: asyncio.StreamReader) -> Any:
    """The next message; `asyncio.IncompleteReadError` once the other side is gone."""
    size = int.from_bytes(await reader.readexactly(_LENGTH), "big")
    return pickle.loads(await reader.readexactly(size))  # noqa: S301 - see the module: this user only


def answer(future: asyncio.Future, answer: Any) -> None:
    if future.done():
        return
    if isinstance(answer, BaseException):
        future.set_exception(answer)
    else:
        future.set_result(answer)


class Answers:
    """The writer's answers to one forwarder, sent as they come: every answer known by the end of a turn
    of the event loop goes in one frame, so a caller is not held back by the rest of its batch."""

    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self.writer = writer
        self.ready: list[tuple[int, int, Any]] = []
        self.open: set[asyncio.Future] = set()
        self.loop = asyncio.get_running_loop()

    def expect(self, number: int, i: int, future: asyncio.Future) -> None:
        self.open.add(future)
        future.add_done_callback(lambda f: self._done(number, i, f))

    def _done(self, number: int, i: int, future: asyncio.Future) -> None:
        self.open.discard(future)
        if not self.ready:
            self.loop.call_soon(self._flush)
        self.ready.append((number, i, future.exception() or future.result()))

    def _flush(self) -> None:
        ready, self.ready = self.ready, []
        if not self.writer.is_closing():
            numbers, indexes, answers = zip(*ready, strict=True)
            send(self.writer, (numbers, indexes, encode_answers(list(answers))))

    async def drained(self) -> None:
        if self.open:
            await asyncio.wait(self.open)


class Link:
    """A forwarder's connection to the writer: batches sent one after another, each request answered on
    its own."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, on_lost: Callable) -> None:
        self.writer, self.on_lost, self.lost = writer, on_lost, False
        self.numbers = itertools.count()
        # per batch sent: its requests, which of them still wait, and the future of those left unanswered
        self.waiting: dict[int, tuple[list[Queued], set[int], asyncio.Future[list[Queued]]]] = {}
        self.reading = asyncio.get_running_loop().create_task(self._read(reader))

    async def send(self, batch: list[Queued]) -> list[Queued]:
        """The requests of `batch` that the writer did not answer (none unless it went away)."""
        if self.lost:
            return batch
        number = next(self.numbers)
        finished: asyncio.Future[list[Queued]] = asyncio.get_running_loop().create_future()
        self.waiting[number] = (batch, set(range(len(batch))), finished)
        send(self.writer, (number, [q[0] for q in batch]))
        return await finished

    async def _read(self, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                numbers, indexes, answers = await receive(reader)
                for number, i, answer_ in zip(numbers, indexes, decode_answers(answers), strict=True):
                    batch, left, finished = self.waiting[number]
                    answer(batch[i][1], answer_)
                    left.discard(i)
                    if not left:
                        del self.waiting[number]
                        finished.set_result([])
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self.lost = True
            for batch, left, finished in self.waiting.values():
                finished.set_result([batch[i] for i in sorted(left)])
            self.waiting.clear()
            self.writer.close()
            self.on_lost()

    def close(self) -> None:
        self.reading.cancel()
