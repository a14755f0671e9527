"""A real `riwayat serve` that signs with the development secret (so its GraphiQL page prefills the hr token
of `medan`), on 127.0.0.1 and a free port, against the test PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from riwayat.infra.settings import DEV_SECRET, Settings
from tests.e2e.conftest import _free_port, serving


@pytest.fixture(scope="session")
def dev_settings(settings: Settings) -> Settings:
    from dataclasses import replace

    return replace(settings, jwt_secret=DEV_SECRET)


@pytest.fixture(scope="session")
async def medan(registry) -> str:
    await registry.create("medan", "Pemerintah Kota Medan")
    return "medan"


@pytest.fixture(scope="session")
def dev_server(database_url: str, medan: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("devserver") / "serve.log"
    env = {k: v for k, v in os.environ.items() if k != "RIWAYAT_JWT_SECRET"} | {
        "DATABASE_URL": database_url,
        "RIWAYAT_GRAPHIQL": "on",
        "RIWAYAT_DIGEST_INTERVAL": "0",
    }
    with serving(port, env, log):
        yield f"http://127.0.0.1:{port}"
