"""PostgreSQL connections: the embedded server for newcomers, and one asyncpg pool per database URL.

A tenant may live on its own server (`RIWAYAT_TENANT_DATABASE_URL_<SLUG>`), so pools are keyed by URL and
shared by every tenant on the same server.

Every wait on PostgreSQL is bounded (see `Settings`): taking a connection from a pool (`BoundedPool`), each
statement (asyncpg's `command_timeout` on our side, PostgreSQL's `statement_timeout` on its side), and the
first connection at start-up, which is retried with backoff before the server gives up with a clear message.
`unavailable` tells "the database does not answer" apart from every other fault, so the edge can answer
503 DATABASE_UNAVAILABLE instead of "internal error".
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import warnings
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
import orjson

from riwayat.infra.pool import BoundedPool, keep_session
from riwayat.infra.settings import Settings

log = logging.getLogger(__name__)


def _encode_json(value: Any) -> str:
    return orjson.dumps(value).decode()


async def init_connection(con: asyncpg.Connection) -> None:
    """Registered once per connection: jsonb and json travel as Python objects, decoded by orjson."""
    for typename in ("jsonb", "json"):
        await con.set_type_codec(
            typename, encoder=_encode_json, decoder=orjson.loads, schema="pg_catalog", format="text"
        )


def start_embedded(data_dir: Path) -> tuple[str, Any]:
    """Start (or reuse) the embedded PostgreSQL 16 of the `pgserver` package in `data_dir/pg`.

    Returns its URL and the server handle; `handle.cleanup()` stops it when we are its last user.
    """
    import pgserver  # imported lazily: only the embedded mode needs it

    pgdata = (data_dir / "pg").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); its fallback is fine.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        server = pgserver.get_server(pgdata, cleanup_mode="stop")
    return server.get_uri(), server


def connection_name(pid: int | None = None) -> str:
    """The `application_name` of this process's pooled connections: which host and process holds each
    backend (pg_stat_activity), so that a hung worker's connections can be ended by another (`handoff`)."""
    return f"riwayat {socket.gethostname()[:40]} {os.getpid() if pid is None else pid}"


async def create_pool(
    url: str,
    *,
    min_size: int = 1,
    max_size: int = 10,
    acquire_timeout: float | None = None,
    statement_timeout: float | None = None,
) -> asyncpg.Pool:
    # A connection attempt to a server that does not answer gives up as a full pool would.
    extra: dict[str, Any] = {"timeout": acquire_timeout or 60.0}
    server: dict[str, str] = {}
    if "application_name=" not in url:  # one set by the operator is kept
        server["application_name"] = connection_name()
    if statement_timeout is not None:
        # Ours fires even when the server hangs; the server's frees its backend when we have gone.
        extra["command_timeout"] = statement_timeout
        server["statement_timeout"] = str(int(statement_timeout * 1000))
    if server:
        extra["server_settings"] = server
    pool = BoundedPool(
        url,
        min_size=min_size,
        max_size=max_size,
        max_queries=50_000,
        max_inactive_connection_lifetime=300.0,
        init=init_connection,
        reset=keep_session,
        loop=None,
        connection_class=asyncpg.Connection,
        record_class=asyncpg.Record,
        **extra,
    )
    pool.acquire_timeout = acquire_timeout
    return await pool


# What "the database does not answer" looks like from here: refused or dropped connections, waits that ran
# out (a free connection, a statement), a server shutting down or not yet accepting, too many clients.
_UNAVAILABLE: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.InsufficientResourcesError,
)


def unavailable(exc: BaseException | None) -> bool:
    """True when `exc` (or what caused it) says the database is down, unreachable or not answering."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, _UNAVAILABLE):
            return True
        if isinstance(exc, asyncpg.exceptions.InterfaceError) and "closed" in str(exc):
            return True  # a pool or connection closed under us (the server went away)
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


class DatabaseUnreachable(RuntimeError):
    """PostgreSQL did not answer within the start-up window."""


def redact(url: str) -> str:
    """A database URL without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else f"{scheme}://{user}@{host}"


async def retry_until(
    attempt: Callable[[], Awaitable[Any]], *, within: float, what: str, first_wait: float = 0.2
) -> Any:
    """Run `attempt` until it succeeds, waiting 0.2, 0.4, … up to 5 s between tries while the database is
    unavailable, for at most `within` seconds; then raise DatabaseUnreachable naming `what` and the cause.
    Other errors (a wrong password, a missing database) are not waited out: they are raised at once."""
    started = time.monotonic()
    wait, tries = first_wait, 0
    while True:
        tries += 1
        try:
            return await attempt()
        except Exception as exc:
            if not unavailable(exc):
                raise
            left = within - (time.monotonic() - started)
            if left <= 0:
                message = (
                    f"PostgreSQL at {what} did not answer within {within:g} s ({tries} attempts): "
                    f"{type(exc).__name__}: {exc}; is it running and reachable? "
                    "(RIWAYAT_DB_STARTUP_TIMEOUT sets how long to wait)"
                )
                log.error(message)
                raise DatabaseUnreachable(message) from exc
            log.warning("PostgreSQL at %s not reachable yet (%s); retrying in %.1f s", what, exc, wait)
            await asyncio.sleep(min(wait, left))
            wait = min(wait * 2, 5.0)


class Database:
    """Owns the embedded server (if any) and the pools; built and closed by the app's lifespan or the CLI."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url: str | None = settings.database_url
        self._server: Any = None
        self._pools: dict[str, asyncpg.Pool] = {}

    async def start(self) -> Database:
        if self.url is None:
            self.url, self._server = start_embedded(self.settings.data_dir)
            log.info("embedded PostgreSQL ready at %s", self.url)
        url = self.url
        await retry_until(lambda: self.pool(url), within=self.settings.startup_timeout, what=redact(url))
        return self

    async def pool(self, url: str | None = None) -> asyncpg.Pool:
        url = url or self.url
        assert url is not None, "Database.start() must run first"
        if url not in self._pools:
            self._pools[url] = await create_pool(
                url,
                min_size=self.settings.pool_min,
                max_size=self.settings.pool_max,
                acquire_timeout=self.settings.acquire_timeout,
                statement_timeout=self.settings.statement_timeout,
            )
        return self._pools[url]

    async def pool_for_tenant(self, slug: str) -> asyncpg.Pool:
        return await self.pool(self.settings.tenant_database_urls.get(slug))

    async def close(self) -> None:
        for pool in self._pools.values():
            await pool.close()
        self._pools.clear()
        if self._server is not None:
            self._server.cleanup()
            self._server = None

    async def __aenter__(self) -> Database:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
