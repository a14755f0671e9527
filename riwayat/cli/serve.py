"""`riwayat serve`: the GraphQL API under uvicorn (the demo tenants loaded first with `--demo`)."""

from __future__ import annotations

import argparse
import asyncio

from riwayat.cli.base import Subparsers, err
from riwayat.infra.settings import Settings


def register(sub: Subparsers) -> None:
    serve = sub.add_parser("serve", help="serve the GraphQL API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--demo", action="store_true", help="load the demo tenants first")
    serve.set_defaults(run=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from riwayat.infra.observability import configure_logging

    if args.demo:
        from riwayat.demo import load_demo

        asyncio.run(load_demo(settings))
    configure_logging()
    if settings.uses_dev_secret and not settings.embedded:
        err.print("[yellow]warning:[/yellow] RIWAYAT_JWT_SECRET is not set; using the development secret")
    uvicorn.run(
        "riwayat.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,  # our own JSON request log replaces it
    )
    return 0
