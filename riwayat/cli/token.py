"""`riwayat token`: a signed development token for a tenant and roles."""

from __future__ import annotations

import argparse

from riwayat.cli.base import Subparsers
from riwayat.infra.auth import ROLES, issue_token
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import validate_slug


def register(sub: Subparsers) -> None:
    token = sub.add_parser("token", help="print a development token")
    token.add_argument("--tenant", required=True)
    token.add_argument("--role", required=True, action="append", choices=ROLES)
    token.add_argument("--sub", default=None)
    token.add_argument("--ttl", type=int, default=8 * 3600)
    token.set_defaults(run=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    validate_slug(args.tenant)
    subject = args.sub or f"dev-{'-'.join(args.role)}@{args.tenant}"
    print(issue_token(settings, tenant=args.tenant, roles=args.role, subject=subject, ttl=args.ttl))
    return 0
