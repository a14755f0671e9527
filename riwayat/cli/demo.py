"""`riwayat demo`: the medan and dumai tenants with realistic demo data."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from riwayat.cli.base import Subparsers, with_services

if TYPE_CHECKING:
    from riwayat.services import Services


def register(sub: Subparsers) -> None:
    demo = sub.add_parser("demo", help="create the medan and dumai tenants with demo data")
    demo.add_argument("--employees", type=int, default=300)
    demo.add_argument("--seed", type=int, default=1275)
    demo.set_defaults(run=run)


@with_services
async def run(svc: Services, args: argparse.Namespace) -> int:
    from riwayat.demo import load_demo_into

    return await load_demo_into(svc, employees=args.employees, seed=args.seed)
