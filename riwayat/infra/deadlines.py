"""Request deadlines: the moment after which nobody waits for a request's answer any more.

The HTTP edge sets one per GraphQL request (`RIWAYAT_REQUEST_TIMEOUT`); whatever the request creates in
its task sees it through a context variable, so the write path can refuse to write for a caller that has
already been told DEADLINE_EXCEEDED. A deadline is a wall-clock instant (epoch seconds), because it is also
handed to PostgreSQL: a statement sent to a server that hangs (SIGSTOP, a stalled disk) runs when the
server wakes up, and only a gate evaluated by the server itself (`clock_timestamp() < deadline`) stops it
from writing then. Clocks of the application and database hosts are assumed in step (NTP) to well within
the deadline's slack.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime

_DEADLINE: ContextVar[float | None] = ContextVar("riwayat_deadline", default=None)

CODE = "DEADLINE_EXCEEDED"


class DeadlineExceeded(Exception):
    """The request ran past its deadline; nothing more is done (or written) for it."""

    code = CODE

    def __init__(self, message: str = "the request ran past its deadline and was abandoned") -> None:
        super().__init__(message)


def current() -> float | None:
    """The deadline of the request this code runs for (epoch seconds), or None outside requests."""
    return _DEADLINE.get()


def remaining() -> float | None:
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.time()


def expired(deadline: float | None = None) -> bool:
    deadline = _DEADLINE.get() if deadline is None else deadline
    return deadline is not None and time.time() >= deadline


def check() -> None:
    """Raise DeadlineExceeded when the current request's deadline has passed (call before writing)."""
    if expired():
        raise DeadlineExceeded()


def as_timestamp(deadline: float | None) -> datetime | None:
    """The deadline as a timestamptz parameter for a server-side gate."""
    return None if deadline is None else datetime.fromtimestamp(deadline, UTC)


def earliest(deadlines: Iterator[float | None]) -> float | None:
    """The first of several deadlines (a batch must not outlive any of its callers' deadlines)."""
    known = [d for d in deadlines if d is not None]
    return min(known) if known else None


class within:  # noqa: N801 - used as a function: `with deadlines.within(seconds) as deadline:`
    """Run the block under a deadline `seconds` from now (never later than an enclosing one).

    A class, not a `contextlib.contextmanager` generator: every GraphQL request enters one."""

    __slots__ = ("deadline", "token")

    def __init__(self, seconds: float) -> None:
        outer = _DEADLINE.get()
        deadline = time.time() + seconds
        self.deadline = deadline if outer is None or deadline < outer else outer

    def __enter__(self) -> float:
        self.token = _DEADLINE.set(self.deadline)
        return self.deadline

    def __exit__(self, *exc: object) -> None:
        _DEADLINE.reset(self.token)
