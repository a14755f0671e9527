"""`riwayat projections status|rebuild --tenant SLUG`: checkpoints and lag, and a rebuild while serving."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from riwayat.cli.base import Subparsers, err, out, with_services
from riwayat.infra.tenants import Tenant


def register(sub: Subparsers) -> None:
    proj = sub.add_parser("projections", help="read models").add_subparsers(dest="action", required=True)
    status_ = proj.add_parser("status", help="checkpoints and lag")
    status_.add_argument("--tenant", required=True)
    status_.set_defaults(run=run_status)
    rebuild_ = proj.add_parser("rebuild", help="rebuild projections while serving")
    rebuild_.add_argument("name", nargs="?")
    rebuild_.add_argument("--tenant", required=True)
    rebuild_.set_defaults(run=run_rebuild_command)


@with_services
async def run_status(svc: Any, args: argparse.Namespace) -> int:
    return await status(svc, await svc.tenants.require(args.tenant), out)


@with_services
async def run_rebuild_command(svc: Any, args: argparse.Namespace) -> int:
    return await rebuild(svc, await svc.tenants.require(args.tenant), args.name, err)


async def status(svc: Any, tenant: Tenant, console: Console) -> int:
    """Each projection's checkpoint and lag behind the head; stale versions are flagged."""
    from riwayat.projections import registry  # the read models: loaded only by a command that reads them

    pool = await svc.db.pool_for_tenant(tenant.slug)
    rows = await registry.projection_status(pool, tenant.schema)
    stale = set(await registry.stale(pool, tenant.schema))
    table = Table("projection", "position", "lag", "version", title=f"projections of {tenant.slug}")
    for row in rows:
        version = "[yellow]stale: rebuild[/yellow]" if row.name in stale else "current"
        lag = f"[red]{row.lag}[/red]" if row.lag else "0"
        table.add_row(row.name, str(row.position), lag, version)
    console.print(table)
    return 0


async def rebuild(svc: Any, tenant: Tenant, name: str | None, console: Console) -> int:
    """Rebuild one projection (or all) with a progress bar; 2 for an unknown name, 1 if one is running."""
    from riwayat.projections import registry
    from riwayat.projections.rebuild import RebuildRunning
    from riwayat.projections.rebuild import rebuild as run_rebuild

    try:
        names = None if name is None else [p.name for p in registry.select([name])]
    except registry.UnknownProjection as e:
        console.print(f"[red]error:[/red] {e}")
        return 2
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(f"rebuilding {name or 'all projections'} of {tenant.slug}", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            report = await run_rebuild(svc.store, tenant, names, advance)
        except RebuildRunning as e:
            console.print(f"[red]error:[/red] {e}")
            return 1
    rate = report.events / report.seconds if report.seconds else 0.0
    console.print(
        f"[green]rebuilt[/green] {', '.join(report.names)}: {report.events} events in {report.seconds:.1f} s"
        f" ({rate:,.0f} events/s), checkpoint {report.position}"
    )
    return 0
