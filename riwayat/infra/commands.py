"""What the CLI's subcommands do; each opens the services it needs through the composition root."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from riwayat.infra.audit import IntegrityReport, export_tenant, verify_tenant
from riwayat.infra.audit import verify_file as verify_export
from riwayat.infra.settings import Settings

out = Console()
err = Console(stderr=True)


def serve(settings: Settings, host: str, port: int, workers: int, demo: bool) -> int:
    import asyncio

    import uvicorn

    if demo:
        from riwayat.demo import load_demo

        asyncio.run(load_demo(settings))
    from riwayat.infra.observability import configure_logging

    configure_logging()
    if settings.uses_dev_secret and not settings.embedded:
        err.print("[yellow]warning:[/yellow] RIWAYAT_JWT_SECRET is not set; using the development secret")
    from riwayat.infra.http_server import uvicorn_options

    uvicorn.run(
        "riwayat.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        **uvicorn_options(settings),
    )
    return 0


def _print_report(report: IntegrityReport, what: str) -> int:
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


def verify_file(path: Path) -> int:
    if not path.exists():
        err.print(f"[red]error:[/red] no file {path}")
        return 2
    return _print_report(verify_export(path), str(path))


async def run_async(settings: Settings, args: argparse.Namespace) -> int:
    from riwayat.app import services

    async with services(settings) as svc:
        if args.command == "tenant" and args.action == "create":
            tenant = await svc.tenants.create(args.slug, args.name)
            out.print(f"tenant [bold]{tenant.slug}[/bold] ({tenant.name}) ready in schema {tenant.schema}")
            return 0
        if args.command == "tenant" and args.action == "list":
            tenants = await svc.tenants.list()
            if out.is_terminal:
                table = Table("slug", "name", "schema", "created")
                for t in tenants:
                    table.add_row(t.slug, t.name, t.schema, t.created_at.isoformat() if t.created_at else "")
                out.print(table)
            else:  # tab-separated for scripts, never truncated
                for t in tenants:
                    created = t.created_at.isoformat() if t.created_at else ""
                    print(f"{t.slug}\t{t.name}\t{t.schema}\t{created}")
            return 0
        if args.command == "audit":
            tenant = await svc.tenants.require(args.tenant)
            if args.action == "verify":
                return _print_report(await verify_tenant(svc.store, tenant), f"tenant {tenant.slug}")
            if args.out:
                with args.out.open("wb") as f:
                    count = await export_tenant(svc.store, tenant, f)
                err.print(f"exported {count} events of {tenant.slug} to {args.out}")
            else:
                await export_tenant(svc.store, tenant, sys.stdout.buffer)
            return 0
        if args.command == "projections":
            from riwayat.projections.commands import rebuild, status

            tenant = await svc.tenants.require(args.tenant)
            if args.action == "status":
                return await status(svc, tenant, out)
            return await rebuild(svc, tenant, args.name, err)
        if args.command == "demo":
            from riwayat.demo import load_demo_into

            return await load_demo_into(svc, employees=args.employees, seed=args.seed)
    raise AssertionError(f"unhandled command {args}")
