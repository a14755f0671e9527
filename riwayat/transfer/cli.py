"""`riwayat transfer export` (origin) and `riwayat transfer import` (destination)."""

from __future__ import annotations

import argparse
import sys
from typing import Any
from uuid import UUID

from riwayat.application import CommandContext
from riwayat.domain.errors import DomainError
from riwayat.projections.org_units import unit_by_code
from riwayat.transfer.file import TransferRefused, export_transfer


async def run_transfer(svc: Any, tenant: Any, args: argparse.Namespace, out: Any, err: Any) -> int:
    try:
        if args.action == "export":
            data = await export_transfer(svc.store, tenant, UUID(args.employee))
            if args.out:
                args.out.write_bytes(data)
                err.print(f"wrote the transfer file of {args.employee} to {args.out}")
            else:
                sys.stdout.buffer.write(data)
            return 0
        pool = await svc.db.pool_for_tenant(tenant.slug)
        unit = await unit_by_code(pool, tenant.schema, args.unit)
        if unit is None:
            err.print(f"[red]error:[/red] no unit with code {args.unit} in {tenant.slug}")
            return 2
        ctx = CommandContext(
            tenant=tenant, actor="riwayat-transfer", roles=("admin",), request_id="cli-transfer"
        )
        result = await svc.application.receive_transfer(
            ctx, file=args.file.read_bytes(), unit_id=UUID(int=unit.id.int), position=args.position,
            effective_on=args.effective_on,
        )  # fmt: skip
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 2
    except TransferRefused as refused:
        out.print(f"[red]refused[/red] {args.file}: {refused.message}", soft_wrap=True)
        return 1
    except DomainError as refused:
        out.print(f"[red]refused[/red] {refused.code}: {refused.message}", soft_wrap=True)
        return 1
    what = "already received as" if result.replayed else "enrolled as"
    out.print(
        f"{what} employee {result.stream_id} in {tenant.slug} (version {result.version})", soft_wrap=True
    )
    return 0
