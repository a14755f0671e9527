"""`riwayat skm import`: a CSV batch of SKM responses into a survey, all rows or none, once per file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from riwayat.cli.base import Subparsers, err, out, with_services

if TYPE_CHECKING:
    from riwayat.services import Services


def register(sub: Subparsers) -> None:
    skm = sub.add_parser("skm", help="public satisfaction survey (SKM) data").add_subparsers(required=True)
    imp = skm.add_parser("import", help="import SKM responses from a CSV file (responded_on,u1..u9,...)")
    imp.add_argument("--tenant", required=True)
    imp.add_argument("--survey", required=True, type=UUID, help="the survey's id (openSurvey)")
    imp.add_argument("--actor", default="cli-skm-import")
    imp.add_argument("file", type=Path)
    imp.set_defaults(run=run_import)


@with_services
async def run_import(svc: Services, args: argparse.Namespace) -> int:
    from riwayat.application import CommandContext, CommandOptions
    from riwayat.application.survey_csv import import_key, parse_responses
    from riwayat.domain.errors import DomainError

    tenant = await svc.tenants.require(args.tenant)
    text = args.file.read_text(encoding="utf-8-sig")
    ctx = CommandContext(
        tenant=tenant, actor=args.actor, roles=("hr",), request_id=f"skm-import-{args.file.name}"
    )
    try:
        rows = parse_responses(text)
        result = await svc.application.import_survey_responses(
            ctx,
            survey_id=args.survey,
            responses=rows,
            options=CommandOptions(idempotency_key=import_key(args.survey, text)),
        )
    except DomainError as refused:
        err.print(f"[red]refused[/red] ({refused.code}): {refused.message}")
        return 1
    if result.replayed:
        out.print(f"{args.file.name}: already imported (survey version {result.version}), nothing recorded")
    else:
        out.print(f"{args.file.name}: {len(rows)} responses recorded; survey at version {result.version}")
    return 0
