"""`riwayat token`: a signed development token for a tenant and roles.

A token for a tenant that does not exist, or one already expired, can never work: with a database
configured (DATABASE_URL) the tenant is looked up and an unknown one refused; without one (the embedded
setup, which may not be running) a warning says it was not checked. `--ttl` must be positive.
"""

from __future__ import annotations

import argparse

import asyncpg
from rich.markup import escape

from riwayat.cli.base import Subparsers, err
from riwayat.infra import event_loop
from riwayat.infra.auth import ROLES, issue_token
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import validate_slug


def register(sub: Subparsers) -> None:
    token = sub.add_parser("token", help="print a development token")
    token.add_argument("--tenant", required=True)
    token.add_argument("--role", required=True, action="append", choices=ROLES)
    token.add_argument("--sub", default=None)
    token.add_argument("--ttl", type=_positive, default=8 * 3600, help="seconds it is valid (> 0)")
    token.set_defaults(run=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds (a token with ttl {value} is expired)")
    return value


async def _tenant_exists(settings: Settings, slug: str) -> bool:
    from riwayat.infra.database import Database
    from riwayat.infra.tenants import TenantRegistry

    db = Database(settings)
    await db.start()
    try:
        return await TenantRegistry(db).get(slug) is not None
    finally:
        await db.close()


def run(settings: Settings, args: argparse.Namespace) -> int:
    validate_slug(args.tenant)
    if settings.embedded:
        err.print(
            f"[yellow]warning:[/yellow] no DATABASE_URL, so tenant {escape(args.tenant)} was not checked; "
            "the token works only once that tenant exists"
        )
        exists = True
    else:
        try:
            exists = event_loop.run(_tenant_exists(settings, args.tenant))
        except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
            err.print(f"[red]error:[/red] cannot reach the database to check the tenant: {escape(str(exc))}")
            return 2
    if not exists:
        err.print(
            f"[red]error:[/red] no tenant {escape(args.tenant)} in the database: a token for it would be "
            "refused (see `riwayat tenant list`)"
        )
        return 2
    subject = args.sub or f"dev-{'-'.join(args.role)}@{args.tenant}"
    print(issue_token(settings, tenant=args.tenant, roles=args.role, subject=subject, ttl=args.ttl))
    return 0
