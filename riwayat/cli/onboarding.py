"""`riwayat import employees|history` and `riwayat transfer export|import` (onboarding; the work is in
riwayat/importing/ and riwayat/transfer/)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from riwayat.cli.base import Subparsers, with_services
from riwayat.importing.cli import add_parsers
from riwayat.importing.cli import run as run_onboarding

if TYPE_CHECKING:
    from riwayat.services import Services


def register(sub: Subparsers) -> None:
    add_parsers(sub, run=run)


@with_services
async def run(svc: Services, args: argparse.Namespace) -> int:
    return await run_onboarding(svc, args)
