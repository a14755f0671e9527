"""What the subcommands share: the consoles, and opening the services around an async command."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from rich.console import Console

from riwayat.infra import event_loop
from riwayat.infra.settings import Settings

if TYPE_CHECKING:
    from riwayat.services import Services

out = Console()
err = Console(stderr=True)

Run = Callable[[Settings, argparse.Namespace], int]
# What `register(sub)` receives: the `riwayat` parser's subparsers (`add_parser` makes a subcommand).
Subparsers = argparse._SubParsersAction  # noqa: SLF001 — argparse has no public name for it


Command = Callable[["Services", argparse.Namespace], Awaitable[int]]


def with_services(
    command: Command | None = None, *, tenant: str | None = "tenant", projections: bool = True
) -> Any:
    """A subcommand that needs the database: runs `command(svc, args)` with the services open, and
    closes them (and an embedded server) afterwards.

    `tenant` names the argument holding the one tenant the command is about (`--tenant`): only that
    tenant's projections are brought up to date at start, not every tenant's; a command without it (or
    `tenant=None`) starts as the server does. `projections=False`: the command reads no projection."""
    if command is None:
        return functools.partial(with_services, tenant=tenant, projections=projections)

    @functools.wraps(command)
    def run(settings: Settings, args: argparse.Namespace) -> int:
        # Imported here so that `riwayat token` or `--help` does not load the database layers.
        from riwayat.services import services

        async def go() -> int:
            only = getattr(args, tenant, None) if tenant else None
            async with services(settings, only_tenant=only, projections=projections) as svc:
                return await command(svc, args)

        return event_loop.run(go())

    return run
