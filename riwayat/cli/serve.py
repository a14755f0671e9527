"""`riwayat serve`: the GraphQL API under uvicorn (the demo tenants loaded first with `--demo`).

It says where it listens once the socket is bound and the app has started ("listening on …"), and the demo
prints its GraphiQL address and a curl for the host and port actually served."""

from __future__ import annotations

import argparse
from typing import Any

from riwayat.cli.base import Subparsers, err
from riwayat.infra import event_loop
from riwayat.infra.settings import Settings


def register(sub: Subparsers) -> None:
    serve = sub.add_parser("serve", help="serve the GraphQL API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--demo", action="store_true", help="load the demo tenants first")
    serve.add_argument("--employees", type=int, default=300, help="demo employees per tenant (with --demo)")
    serve.set_defaults(run=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from riwayat.demo.loader import graphql_url
    from riwayat.infra.http_server import uvicorn_options
    from riwayat.infra.observability import configure_logging

    url = graphql_url(args.host, args.port)
    if args.demo:
        from riwayat.demo import load_demo

        code = event_loop.run(load_demo(settings, employees=args.employees, url=url))
        if code != 0:
            return code
    configure_logging()
    if settings.uses_dev_secret and not settings.embedded:
        err.print("[yellow]warning:[/yellow] RIWAYAT_JWT_SECRET is not set; using the development secret")
    options: dict[str, Any] = dict(
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        **uvicorn_options(settings),
    )
    listening = f"listening on {url.removesuffix('/graphql')} (GraphQL and GraphiQL at {url})"
    if args.workers > 1:  # a supervisor binds, then starts the workers, each on its own socket
        from riwayat.infra import http_workers

        err.print(f"{listening}, {args.workers} workers", soft_wrap=True)
        http_workers.run(uvicorn.Config("riwayat.app:create_app", **options))
        return 0
    server = _announcing(uvicorn.Config("riwayat.app:create_app", **options), listening)
    server.run()
    return 0 if server.started else 1


def _announcing(config: Any, message: str) -> Any:
    """uvicorn's server, saying where it listens once it does (its own notice is below our log level).
    Made here so that importing the CLI does not import uvicorn."""
    import uvicorn

    class Announcing(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            if self.started:
                err.print(message, soft_wrap=True)

    return Announcing(config)
