"""`riwayat report duk|cv`: the seniority list (DUK) of a unit and an employee's curriculum vitae (DRH), as
PDF or CSV (from the file's extension, or --format)."""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from riwayat.cli.audit import fail
from riwayat.cli.base import Subparsers, err, with_services

# The formats a report is written in (riwayat.reports.render.FORMATS; that module loads fpdf, so it is
# imported only when a report is made).
FORMATS = ("csv", "pdf")

if TYPE_CHECKING:
    from riwayat.services import Services


def register(sub: Subparsers) -> None:
    report = sub.add_parser("report", help="printed reports: DUK, DRH").add_subparsers(
        dest="report", required=True
    )
    seniority = report.add_parser("duk", help="Daftar Urut Kepangkatan of a unit (or of every unit)")
    seniority.add_argument("--tenant", required=True)
    seniority.add_argument("--unit", help="the unit's code (default: every unit)")
    cv = report.add_parser("cv", help="Daftar Riwayat Hidup of one employee")
    cv.add_argument("--tenant", required=True)
    cv.add_argument("--employee", required=True, help="the employee's id")
    for parser in (seniority, cv):
        parser.add_argument("--out", type=Path, help="the file to write (default: standard output)")
        parser.add_argument("--format", choices=FORMATS, help="default: from --out's extension, else csv")
        parser.add_argument("--on", type=_day, help="the report's date (default: today, UTC)")
        parser.set_defaults(run=make_report)


def _day(text: str) -> date:
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}")


def _format(args: argparse.Namespace) -> str | None:
    if args.format:
        return args.format
    if args.out is None:
        return "csv"
    suffix = args.out.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


@with_services
async def make_report(svc: Services, args: argparse.Namespace) -> int:
    from riwayat.reports.cv import curriculum_vitae
    from riwayat.reports.duk import ReportError, duk
    from riwayat.reports.render import render

    fmt = _format(args)
    if fmt is None:
        return fail(f"cannot tell the format of {args.out}: name it .pdf or .csv, or give --format")
    tenant = await svc.tenants.require(args.tenant)
    pool = await svc.db.pool_for_tenant(tenant.slug)
    on = args.on or datetime.now(UTC).date()
    try:
        if args.report == "duk":
            made = await duk(pool, tenant.schema, tenant.name, args.unit, on)
        else:
            try:
                employee = uuid.UUID(args.employee)
            except ValueError:
                return fail(f"not an employee id: {args.employee!r} (the `id` from the directory)")
            made = await curriculum_vitae(svc.store, pool, tenant, employee, on)
    except ReportError as refused:
        return fail(f"{refused} [{refused.code}]")
    data = render(made, fmt)
    if args.out is None:
        sys.stdout.buffer.write(data)
        return 0
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        return fail(f"cannot write {args.out}: {exc.strerror or exc}")
    err.print(
        f"wrote {escape(made.title.lower())} ({fmt}, {len(data):,} bytes) to {escape(str(args.out))}",
        soft_wrap=True,
    )
    return 0
