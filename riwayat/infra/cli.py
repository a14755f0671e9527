"""The `riwayat` command line: serve, tenants, tokens, demo data, projections and audit."""

from __future__ import annotations

import argparse
import asyncio
import sys
import warnings
from pathlib import Path

from rich.console import Console

from riwayat.infra.auth import ROLES, issue_token
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import InvalidTenant, validate_slug

console = Console(stderr=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="riwayat", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the GraphQL API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--demo", action="store_true", help="load the demo tenants first")

    tenant = sub.add_parser("tenant", help="manage tenants").add_subparsers(dest="action", required=True)
    create = tenant.add_parser("create", help="provision a tenant (idempotent)")
    create.add_argument("slug")
    create.add_argument("--name", required=True)
    tenant.add_parser("list", help="list tenants")

    token = sub.add_parser("token", help="print a development token")
    token.add_argument("--tenant", required=True)
    token.add_argument("--role", required=True, action="append", choices=ROLES)
    token.add_argument("--sub", default=None)
    token.add_argument("--ttl", type=int, default=8 * 3600)

    demo = sub.add_parser("demo", help="create the medan and dumai tenants with demo data")
    demo.add_argument("--employees", type=int, default=300)
    demo.add_argument("--seed", type=int, default=1275)

    proj = sub.add_parser("projections", help="read models").add_subparsers(dest="action", required=True)
    status = proj.add_parser("status", help="checkpoints and lag")
    status.add_argument("--tenant", required=True)
    rebuild = proj.add_parser("rebuild", help="rebuild projections while serving")
    rebuild.add_argument("name", nargs="?")
    rebuild.add_argument("--tenant", required=True)

    audit = sub.add_parser("audit", help="integrity and exports").add_subparsers(dest="action", required=True)
    verify = audit.add_parser("verify", help="recompute the hash chain")
    verify.add_argument("--tenant", required=True)
    export = audit.add_parser("export", help="the events as NDJSON")
    export.add_argument("--tenant", required=True)
    export.add_argument("--out", type=Path)
    vfile = audit.add_parser("verify-file", help="verify an export offline")
    vfile.add_argument("file", type=Path)

    from riwayat.importing.cli import add_parsers as add_onboarding  # import, transfer (onboarding)

    add_onboarding(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # The embedded server's platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); harmless.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except InvalidTenant as exc:
        console.print(f"[red]error:[/red] {exc}")
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    from riwayat.infra import commands

    settings = Settings.from_env()
    if args.command == "serve":
        return commands.serve(settings, args.host, args.port, args.workers, args.demo)
    if args.command == "token":
        validate_slug(args.tenant)
        subject = args.sub or f"dev-{'-'.join(args.role)}@{args.tenant}"
        print(issue_token(settings, tenant=args.tenant, roles=args.role, subject=subject, ttl=args.ttl))
        return 0
    if args.command == "audit" and args.action == "verify-file":
        return commands.verify_file(args.file)
    return asyncio.run(commands.run_async(settings, args))


if __name__ == "__main__":
    sys.exit(main())
