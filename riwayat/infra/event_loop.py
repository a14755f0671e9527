"""Which asyncio event loop the processes run: uvloop where it is installed, else the standard one.

Why uvloop: the append is Python-CPU-bound (issue 20.3), and a good part of a command's Python time is the
event loop's own — a task step, a future's callbacks, a socket's readiness — which uvloop (libuv, written by
asyncpg's authors) does in C. uvicorn already picks it by itself when it is importable (`loop="auto"`); this
module makes the CLI, the benches and the worker processes of `riwayat serve` agree, and lets an operator
turn it off (`RIWAYAT_EVENT_LOOP=asyncio`) without uninstalling anything. The figures are in
`bench/RESULTS.md`, "Round 7".
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
CHOICES = ("auto", "uvloop", "asyncio")


def choice(value: str | None = None) -> str:
    """`value` or `RIWAYAT_EVENT_LOOP` (default "auto"), checked against `CHOICES` without importing uvloop
    (its import takes tens of ms: a CLI command that runs no loop should not pay it)."""
    chosen = (value if value is not None else os.environ.get("RIWAYAT_EVENT_LOOP", "auto")).strip().lower()
    if chosen not in CHOICES:
        raise ValueError(f"RIWAYAT_EVENT_LOOP must be one of {', '.join(CHOICES)}, not {chosen!r}")
    return chosen


def name(value: str | None = None) -> str:
    """The loop to use, "uvloop" or "asyncio" (`choice`; "auto": uvloop if installed). Asking for uvloop
    where it is not installed is an error, not a silent fallback."""
    chosen = choice(value)
    if chosen == "asyncio":
        return "asyncio"
    try:
        import uvloop  # noqa: F401
    except ImportError:
        if chosen == "uvloop":
            raise ValueError("RIWAYAT_EVENT_LOOP=uvloop, but uvloop is not installed") from None
        return "asyncio"
    return "uvloop"


def new_loop(value: str | None = None) -> Callable[[], asyncio.AbstractEventLoop]:
    """A factory of new loops of the chosen kind (for `asyncio.Runner`)."""
    if name(value) == "uvloop":
        import uvloop

        return uvloop.new_event_loop
    return asyncio.new_event_loop


def run(main: Coroutine[Any, Any, T], value: str | None = None) -> T:
    """`asyncio.run(main)` on the chosen loop."""
    with asyncio.Runner(loop_factory=new_loop(value)) as runner:
        return runner.run(main)

