"""The Starlette app: its routes (/graphql, /healthz, /readyz, /metrics) and middleware, with the services
(`riwayat.services`) opened for the app's lifetime."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from riwayat.endpoints import RequestLog, healthz, metrics, readyz
from riwayat.graphql import graphiql
from riwayat.graphql.http import graphql_route
from riwayat.graphql.schema import build_schema
from riwayat.infra.digest_schedule import digest_schedule
from riwayat.infra.settings import Settings
from riwayat.public import public_routes
from riwayat.reports.http import routes as report_routes
from riwayat.services import services


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with services(settings) as svc, digest_schedule(svc):
            app.state.services = svc
            build_schema(introspection=bool(settings.introspection))  # built once, before the first request
            _freeze_what_lives_for_the_process()
            yield

    routes = [
        graphql_route(),  # first: the router tries each route's pattern in order, and most requests are here
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
        graphiql.static_route(),
        *report_routes(),
        *public_routes(),  # public voice: complaint status by tracking code, no token
    ]
    middleware = [Middleware(RequestLog)]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "X-Request-Id", "X-Correlation-Id"],
                expose_headers=["X-Request-Id"],
            )
        )
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def _freeze_what_lives_for_the_process() -> None:
    """Moves what start-up built (the GraphQL schema, the services, imported modules: most of the heap) out
    of the cyclic garbage collector's reach, so that its full collections, which requests' short-lived
    objects trigger, do not walk it again and again (CPython's `gc.freeze`, meant for this). Garbage
    made later is collected as before."""
    gc.collect()
    gc.freeze()
