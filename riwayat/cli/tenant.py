"""`riwayat tenant create|list`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from riwayat.cli.base import Subparsers, out, with_services

if TYPE_CHECKING:
    from riwayat.services import Services


def register(sub: Subparsers) -> None:
    tenant = sub.add_parser("tenant", help="manage tenants").add_subparsers(dest="action", required=True)
    create = tenant.add_parser("create", help="provision a tenant (idempotent)")
    create.add_argument("slug")
    create.add_argument("--name", required=True)
    create.set_defaults(run=create_tenant)
    tenant.add_parser("list", help="list tenants").set_defaults(run=list_tenants)


@with_services(tenant="slug")
async def create_tenant(svc: Services, args: argparse.Namespace) -> int:
    tenant = await svc.tenants.create(args.slug, args.name)
    # The name is the user's text: escaped, so "[...]" in it is printed rather than read as markup.
    out.print(f"tenant [bold]{tenant.slug}[/bold] ({escape(tenant.name)}) ready in schema {tenant.schema}")
    return 0


@with_services(projections=False)  # the control table alone
async def list_tenants(svc: Services, args: argparse.Namespace) -> int:
    tenants = await svc.tenants.list()
    if out.is_terminal:
        table = Table("slug", "name", "schema", "created")
        for t in tenants:
            table.add_row(t.slug, escape(t.name), t.schema, t.created_at.isoformat() if t.created_at else "")
        out.print(table)
    else:  # tab-separated for scripts, never truncated
        for t in tenants:
            created = t.created_at.isoformat() if t.created_at else ""
            print(f"{t.slug}\t{t.name}\t{t.schema}\t{created}")
    return 0
