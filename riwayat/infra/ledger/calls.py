"""Commands handed to the tenant's writer whole: it decides them as well as writing them.

A forwarder that hands the writer decided requests (`handoff`) still decides them itself, on its own cache
of the aggregates: two processes decide on one stream, the one whose state is older is refused and decides
again, and every process keeps a copy of every hot aggregate. A `Call` is the command as the application
received it (its method's name and arguments): the writer runs it on its own state, which is the log's, so
the commands of one tenant are decided in one place, like KurrentDB's or Axon Server's one writer per stream
space — a busy employee's commands queue behind each other in one process instead of conflicting across
processes, and a forwarder's share of a command is only what it received (a GraphQL request, say).

Written once, answered truly, as for requests:

- a call without an idempotency key carries the command id it is appended under, chosen by the forwarder
  (`pinned` in the writer's task, taken by the command's one `execute`); if the writer goes away without
  answering, the forwarder looks the id up under the head lock (`recovery`): landed → answered from the
  log; not landed → `LOST`, and the application runs it again (forwarded to the new writer, or itself),
  under the same id, so a writer that merely hung and wakes finds it stored and writes nothing;
- a call with a key is run again on loss, and the key answers it.

Only commands that append once, through one `execute`, are handed over (the application's list, checked by
a test); anything that does not pickle stays with its worker (`LOCAL`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import time
from dataclasses import dataclass
from typing import Any

from riwayat.infra import deadlines
from riwayat.infra.ledger.ids import new_command_id

# What a forwarder's call may be answered with besides the command's own answer.
LOST = "the writer went away before it answered"  # not landed: run it again
LOCAL = "run it in this process"  # the writer runs no calls, or the call does not travel

# The command id the command of the current call is appended under (taken once).
_PINNED: contextvars.ContextVar[list[str | None] | None]
_PINNED = contextvars.ContextVar("riwayat_pinned_command_id", default=None)

Handler = Any  # async (call) -> the command's answer: the application's `run_call`


@dataclass(frozen=True)
class Call:
    """One command as received: `name` is the application's method, `ctx` its first argument."""

    name: str
    ctx: Any
    kwargs: dict[str, Any]
    command_id: str | None  # None: it has an idempotency key (run again on loss)
    deadline: float | None

    @classmethod
    def of(cls, name: str, ctx: Any, kwargs: dict[str, Any], keyed: bool) -> Call:
        """A call received now: under the request's deadline, pinned to a new command id unless `keyed`."""
        return cls(name, ctx, kwargs, None if keyed else new_command_id(), deadlines.current())

    @property
    def idempotency_key(self) -> str | None:  # what `handoff` asks of a forwarded request, too
        return None if self.command_id is not None else "(its own)"


def pin(command_id: str | None) -> contextvars.Token:
    return _PINNED.set([command_id])


def unpin(token: contextvars.Token) -> None:
    _PINNED.reset(token)


def pinned() -> str | None:
    """The command id to append under, once (a second `execute` of the same call gets an id of its own)."""
    holder = _PINNED.get()
    if holder is None:
        return None
    command_id, holder[0] = holder[0], None
    return command_id


def serve(handler: Handler | None, queued: list) -> None:
    """The writer's side: each received call run in a task of its own, answered through its slot."""
    loop = asyncio.get_running_loop()
    for call, slot, _ in queued:
        if handler is None:
            slot.set_result(LOCAL)
        else:
            loop.create_task(_run(handler, call, slot))


async def _run(handler: Handler, call: Call, slot: Any) -> None:
    token = pin(call.command_id)
    try:
        left = None if call.deadline is None else call.deadline - time.time()
        with contextlib.nullcontext() if left is None else deadlines.within(left):
            answer = await handler(call)
    except Exception as error:  # noqa: BLE001 - the forwarder's caller hears of it, as if run there
        slot.set_exception(error)
    else:
        slot.set_result(answer)
    finally:
        unpin(token)
