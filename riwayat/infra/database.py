"""PostgreSQL connections: the embedded server for newcomers, and one asyncpg pool per database URL.

A tenant may live on its own server (`RIWAYAT_TENANT_DATABASE_URL_<SLUG>`), so pools are keyed by URL and
shared by every tenant on the same server.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

import asyncpg
import orjson

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


async def keep_session(con: asyncpg.Connection) -> None:
    """Replaces asyncpg's reset on release (`RESET ALL; UNLISTEN *; …`, one round trip per query).

    Riwayat never leaves session state behind: no LISTEN, no session advisory locks (only
    transaction-scoped ones), no SET outside a transaction, no open cursors.
    """


async def create_pool(url: str, *, min_size: int = 1, max_size: int = 10) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        url, min_size=min_size, max_size=max_size, init=init_connection, reset=keep_session
    )


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
        await self.pool()
        return self

    async def pool(self, url: str | None = None) -> asyncpg.Pool:
        url = url or self.url
        assert url is not None, "Database.start() must run first"
        if url not in self._pools:
            self._pools[url] = await create_pool(
                url, min_size=self.settings.pool_min, max_size=self.settings.pool_max
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
