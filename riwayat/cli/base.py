"""What the subcommands share: the consoles, and opening the services around an async command."""

from __future__ import annotations

import argparse
import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from rich.console import Console

from riwayat.infra.settings import Settings

if TYPE_CHECKING:
    from riwayat.services import Services

out = Console()
err = Console(stderr=True)

Run = Callable[[Settings, argparse.Namespace], int]
# What `register(sub)` receives: the `riwayat` parser's subparsers (`add_parser` makes a subcommand).
Subparsers = argparse._SubParsersAction  # noqa: SLF001 — argparse has no public name for it


def with_services(command: Callable[[Services, argparse.Namespace], Awaitable[int]]) -> Run:
    """A subcommand that needs the database: runs `command(svc, args)` with the services open, and
    closes them (and an embedded server) afterwards."""

    @functools.wraps(command)
    def run(settings: Settings, args: argparse.Namespace) -> int:
        # Imported here so that `riwayat token` or `--help` does not load the database layers.
        from riwayat.services import services

        async def go() -> int:
            async with services(settings) as svc:
                return await command(svc, args)

        return asyncio.run(go())

    return run
