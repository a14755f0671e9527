"""`riwayat audit verify|export|verify-file`: the hash chain recomputed, the events exported as NDJSON,
an export verified offline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from riwayat.cli.base import Subparsers, err, out, with_services
from riwayat.infra.audit import IntegrityReport, export_tenant, verify_tenant
from riwayat.infra.audit import verify_file as verify_export
from riwayat.infra.settings import Settings

if TYPE_CHECKING:
    from riwayat.services import Services


def register(sub: Subparsers) -> None:
    audit = sub.add_parser("audit", help="integrity and exports").add_subparsers(dest="action", required=True)
    verify = audit.add_parser("verify", help="recompute the hash chain")
    verify.add_argument("--tenant", required=True)
    verify.set_defaults(run=verify_tenant_chain)
    export = audit.add_parser("export", help="the events as NDJSON")
    export.add_argument("--tenant", required=True)
    export.add_argument("--out", type=Path)
    export.set_defaults(run=export_events)
    vfile = audit.add_parser("verify-file", help="verify an export offline")
    vfile.add_argument("file", type=Path)
    vfile.set_defaults(run=verify_file)


def print_report(report: IntegrityReport, what: str) -> int:
    if report.ok:
        out.print(
            f"[green]ok[/green] {what}: {report.checked_events} events verified, "
            f"head {report.head_position} {report.head_hash or ''}",
            soft_wrap=True,
        )
        return 0
    out.print(
        f"[red]BROKEN[/red] {what}: first broken position {report.first_broken_position} ({report.problem})",
        soft_wrap=True,
    )
    return 1


@with_services
async def verify_tenant_chain(svc: Services, args: argparse.Namespace) -> int:
    tenant = await svc.tenants.require(args.tenant)
    return print_report(await verify_tenant(svc.store, tenant), f"tenant {tenant.slug}")


@with_services
async def export_events(svc: Services, args: argparse.Namespace) -> int:
    tenant = await svc.tenants.require(args.tenant)
    if args.out:
        with args.out.open("wb") as f:
            count = await export_tenant(svc.store, tenant, f)
        err.print(f"exported {count} events of {tenant.slug} to {args.out}")
    else:
        await export_tenant(svc.store, tenant, sys.stdout.buffer)
    return 0


def verify_file(settings: Settings, args: argparse.Namespace) -> int:
    """Offline: no database is opened."""
    if not args.file.exists():
        err.print(f"[red]error:[/red] no file {args.file}")
        return 2
    return print_report(verify_export(args.file), str(args.file))
