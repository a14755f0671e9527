"""`riwayat import employees|history` and `riwayat transfer export|import`: the onboarding subcommands.

`add_parsers` adds them to the CLI's parser, `run` carries them out on the opened services. The progress
bar (rows, rows/s) goes to stderr; the summary to stdout; the problems to `--report` as NDJSON.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

out = Console()
err = Console(stderr=True)


def add_parsers(sub: Any, run: Any) -> None:
    """The subcommands, each running `run(settings, args)` (see riwayat/cli/onboarding.py)."""
    imp = sub.add_parser("import", help="import a serving workforce (SIASN/SIMPEG export)")
    kinds = imp.add_subparsers(dest="action", required=True)
    for kind, what in (
        ("employees", "employees at cut-over"),
        ("history", "past decrees of enrolled employees"),
    ):
        p = kinds.add_parser(kind, help=f"import {what} from a CSV or NDJSON file (docs/importing.md)")
        p.add_argument("file", type=Path)
        p.add_argument("--tenant", required=True)
        p.add_argument(
            "--format", choices=("csv", "ndjson"), default=None, help="default: by the file's suffix"
        )
        p.add_argument("--report", type=Path, help="write each refused row as NDJSON here")
        p.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
        p.add_argument("--source", default="siasn-import", choices=("siasn-import", "simpeg-import"))
        p.add_argument("--cut-over", type=date.fromisoformat, default=None, help="YYYY-MM-DD, default today")
        p.add_argument("--concurrency", type=int, default=200)
        p.set_defaults(run=run)
    transfer = sub.add_parser("transfer", help="move an employee's record between tenants")
    actions = transfer.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write a transfer file of a transferred-out employee")
    export.add_argument("--tenant", required=True)
    export.add_argument("--employee", required=True, help="the employee's id")
    export.add_argument("--out", type=Path, help="default: stdout")
    export.set_defaults(run=run)
    receive = actions.add_parser("import", help="verify a transfer file and enrol the person")
    receive.add_argument("file", type=Path)
    receive.add_argument("--tenant", required=True)
    receive.add_argument("--unit", required=True, help="the code of the receiving unit")
    receive.add_argument("--position", required=True)
    receive.add_argument("--effective-on", type=date.fromisoformat, required=True, help="TMT in this region")
    receive.set_defaults(run=run)


class RowsPerSecond(ProgressColumn):
    def render(self, task: Any) -> Text:
        return Text(f"{task.speed or 0:,.0f} rows/s")


async def run(svc: Any, args: argparse.Namespace) -> int:
    tenant = await svc.tenants.require(args.tenant)
    if args.command == "transfer":
        from riwayat.transfer.cli import run_transfer

        return await run_transfer(svc, tenant, args, out, err)
    return await run_import(svc, tenant, args)


async def run_import(svc: Any, tenant: Any, args: argparse.Namespace) -> int:
    from riwayat.importing.reader import FileError, read_rows
    from riwayat.importing.run import Importer

    if not args.file.exists():
        err.print(f"[red]error:[/red] no file {args.file}")
        return 2
    try:
        rows = list(read_rows(args.file, args.action, args.format))
    except FileError as exc:
        err.print(f"[red]error:[/red] {args.file}: {exc}")
        return 2
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RowsPerSecond(),
               TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=err, transient=not err.is_terminal) as progress:
        task = progress.add_task(f"{args.action} → {tenant.slug}", total=len(rows))
        importer = Importer(
            svc.application, tenant, source=args.source, cut_over=args.cut_over, dry_run=args.dry_run,
            concurrency=args.concurrency, file_name=args.file.name,
            on_row=lambda n: progress.advance(task, n),
        )  # fmt: skip
        run = importer.employees if args.action == "employees" else importer.history
        outcome = await run(rows)
    problems = sorted(outcome.problems, key=lambda p: p.line)
    if args.report:
        with args.report.open("wb") as f:
            for problem in problems:
                f.write(orjson.dumps(problem.to_json()) + b"\n")
    verb = "valid" if args.dry_run else "written"
    rate = outcome.events / outcome.seconds if outcome.seconds else 0.0
    good = outcome.rows - outcome.refused - outcome.already if args.dry_run else outcome.written
    out.print(
        f"{args.action}: {outcome.rows} rows, {good} {verb}, "
        f"{outcome.already} already imported, {outcome.refused} refused; {outcome.events} events in "
        f"{outcome.seconds:.1f} s ({rate:,.0f} events/s)",
        soft_wrap=True,
    )
    for problem in problems[:20] if not args.report else []:
        out.print(
            f"  line {problem.line} {problem.column or '-'}: {problem.code} {problem.message}", soft_wrap=True
        )
    return 1 if problems else 0
