"""The served process: health, GraphiQL without a token, and the 401 answers before any GraphQL runs."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import jwt

from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant
from tests.graphql.api import Api, token

QUERY = {"query": "{ orgUnits { id } }"}


async def test_the_server_is_healthy_and_serves_graphiql_without_a_token(live: httpx.AsyncClient) -> None:
    assert (await live.get("/healthz")).json() == {"status": "ok"}
    page = await live.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


async def test_every_kind_of_bad_credential_gets_401_json_and_nothing_runs(
    live: httpx.AsyncClient, settings: Settings, tenant: Tenant
) -> None:
    now = int(time.time())
    claims = {"sub": "x", "tenant": tenant.slug, "roles": ["admin"], "iat": now, "exp": now + 600}
    cases = {
        "missing": {},
        "malformed": {"Authorization": "Token abc"},
        "garbage": {"Authorization": "Bearer abc.def.ghi"},
        "expired": {
            "Authorization": "Bearer " + jwt.encode(claims | {"exp": now - 60}, settings.jwt_secret, "HS256")
        },
        "bad signature": {
            "Authorization": "Bearer " + jwt.encode(claims, "another-secret-" + "z" * 32, "HS256")
        },
        "unknown tenant": {"Authorization": "Bearer " + token(settings, "zzunknown", "admin")},
    }
    for why, headers in cases.items():
        response = await live.post("/graphql", json=QUERY, headers=headers)
        assert response.status_code == 401, why
        assert response.headers["content-type"].startswith("application/json"), why
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", why


async def test_a_valid_token_is_served(as_role: Callable[..., Api]) -> None:
    assert (await as_role("viewer").data("{ orgUnits { id } }")) == {"orgUnits": []}
