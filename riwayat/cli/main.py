"""`riwayat`: the parser assembled from the subcommand modules, and the entry point of the console script."""

from __future__ import annotations

import argparse
import sys
import warnings

from rich.markup import escape

from riwayat.cli import audit, demo, keys, onboarding, projections, reports, serve, skm, tenant, token
from riwayat.cli.base import err
from riwayat.infra import event_loop
from riwayat.infra.privacy import PrivacyError
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import InvalidTenant

# Each module adds its own subcommand (`register(sub)`); the order is the order of `riwayat --help`.
COMMANDS = (serve, tenant, token, demo, projections, audit, reports, onboarding, skm, keys)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="riwayat", description="Riwayat: serve, tenants, tokens, demo data, projections and audit."
    )
    sub = top.add_subparsers(dest="command", required=True)
    for module in COMMANDS:
        module.register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    # The embedded server's platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); harmless.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    args = parser().parse_args(argv)
    try:
        event_loop.choice()  # a bad RIWAYAT_EVENT_LOOP is refused before anything runs
    except ValueError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        return 2
    try:
        return args.run(Settings.from_env(), args)
    except InvalidTenant as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")  # the slug pattern has [a-z]: not markup
        return 2
    except PrivacyError as exc:  # a missing or wrong KEK: refused before anything is written
        err.print(f"[red]error {exc.code}:[/red] {escape(str(exc))}")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
