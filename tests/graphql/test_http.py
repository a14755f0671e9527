"""The HTTP edge: no token, no GraphQL; bodies are bounded; refusals are JSON in GraphQL's error shape."""

from __future__ import annotations

import dataclasses
import time

import httpx
import jwt
import orjson
import pytest
from starlette.applications import Starlette

from riwayat.graphql.http import graphql_route
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant
from tests.graphql.api import Api, token

ORG_UNITS = "{ orgUnits { id } }"


def _claims(slug: str, **overrides: object) -> dict[str, object]:
    now = int(time.time())
    return {"sub": "someone", "tenant": slug, "roles": ["admin"], "iat": now, "exp": now + 600} | overrides


def _unauthenticated(response: httpx.Response) -> str:
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == "Bearer"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    return error["message"]


@pytest.mark.parametrize(
    ("header", "why"),
    [
        (None, "missing"),
        ("Basic dXNlcjpwYXNz", "malformed"),
        ("Bearer", "malformed"),
        ("Bearer not.a.jwt", "invalid token"),
    ],
)
async def test_requests_without_a_usable_bearer_token_get_401(
    http: httpx.AsyncClient, header: str | None, why: str
) -> None:
    headers = {"Authorization": header} if header else {}
    response = await http.post("/graphql", json={"query": ORG_UNITS}, headers=headers)
    assert why in _unauthenticated(response)


async def test_an_expired_token_gets_401(http: httpx.AsyncClient, settings: Settings, tenant: Tenant) -> None:
    expired = jwt.encode(_claims(tenant.slug, exp=int(time.time()) - 3600), settings.jwt_secret, "HS256")
    response = await Api(http, expired).post(ORG_UNITS)
    assert "expired" in _unauthenticated(response)


async def test_a_token_signed_with_another_secret_gets_401(http: httpx.AsyncClient, tenant: Tenant) -> None:
    forged = jwt.encode(_claims(tenant.slug), "not-the-server-secret-" + "y" * 32, "HS256")
    assert "invalid token" in _unauthenticated(await Api(http, forged).post(ORG_UNITS))


async def test_a_token_without_exp_gets_401(
    http: httpx.AsyncClient, settings: Settings, tenant: Tenant
) -> None:
    claims = _claims(tenant.slug)
    del claims["exp"]
    unexpiring = jwt.encode(claims, settings.jwt_secret, "HS256")
    assert "exp" in _unauthenticated(await Api(http, unexpiring).post(ORG_UNITS))


async def test_a_token_for_an_unknown_tenant_gets_401(http: httpx.AsyncClient, settings: Settings) -> None:
    response = await Api(http, token(settings, "nosuchtenant", "admin")).post(ORG_UNITS)
    assert "unknown tenant" in _unauthenticated(response)


async def test_a_valid_token_reaches_graphql_and_every_response_names_its_request_id(admin: Api) -> None:
    response = await admin.post(ORG_UNITS)
    assert response.status_code == 200 and response.json() == {"data": {"orgUnits": []}}
    assert len(response.headers["x-request-id"]) >= 16


async def test_a_request_id_sent_by_the_caller_is_kept(admin: Api) -> None:
    admin.headers["X-Request-Id"] = "frontend-42"
    assert (await admin.post(ORG_UNITS)).headers["x-request-id"] == "frontend-42"


async def test_a_body_over_256_kb_gets_413_before_anything_runs(admin: Api) -> None:
    response = await admin.post("{ orgUnits { id } }" + " " * (300 * 1024))
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[1, 2]", b'{"query": 42}', b'"just a string"'],
    ids=["broken", "list", "number", "str"],
)
async def test_a_body_that_is_not_a_graphql_request_gets_400_json(admin: Api, body: bytes) -> None:
    response = await admin.http.post(
        "/graphql",
        content=body,
        headers={"Authorization": f"Bearer {admin.bearer}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_graphiql_is_not_served_when_switched_off(http: httpx.AsyncClient) -> None:
    # The test settings switch GraphiQL off (it is on by default only for the embedded database).
    response = await http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 404


async def test_queries_over_get_are_refused(admin: Api) -> None:
    response = await admin.http.get(
        "/graphql", params={"query": ORG_UNITS}, headers={"Authorization": f"Bearer {admin.bearer}"}
    )
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("mutation($i: EstablishOrgUnitInput!) { establishOrgUnit(input: $i) { version } }",
         {"i": {"code": "X1", "name": "a", "idempotencyKey": "\x00"}}),
        ("query($s: String) { employees(filter: {search: $s}) { totalCount } }", {"s": "a\x00b"}),
        ('{ auditLog(filter: {actor: "\\u0000"}) { edges { cursor } } }', {}),
    ],
    ids=["idempotency-key", "search", "literal"],
)  # fmt: skip
async def test_text_with_nul_characters_is_refused_before_anything_runs(
    admin: Api, query: str, variables: dict
) -> None:
    response = await admin.post(query, variables)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert (await admin.data("{ orgUnits { id } }"))["orgUnits"] == []


async def test_introspection_is_refused_when_switched_off(app: Starlette, admin: Api) -> None:
    running = app.state.services
    closed = dataclasses.replace(running, settings=dataclasses.replace(running.settings, introspection=False))
    only_graphql = Starlette(routes=[graphql_route(services=lambda scope: closed)])
    transport = httpx.ASGITransport(app=only_graphql)
    async with httpx.AsyncClient(transport=transport, base_url="http://closed.test") as client:
        api = Api(client, admin.bearer)
        body = await api.run("{ __schema { queryType { name } } }")
        assert "introspection" in body["errors"][0]["message"].lower()
        assert (await api.data("{ orgUnits { id } }")) == {"orgUnits": []}


async def test_a_token_whose_exp_is_a_numeric_string_gets_401_on_every_use(
    http: httpx.AsyncClient, settings: Settings, tenant: Tenant
) -> None:
    stringy = jwt.encode(_claims(tenant.slug, exp=str(int(time.time()) + 600)), settings.jwt_secret, "HS256")
    for _ in range(3):  # was: the first accepted, every later one a 500
        assert "exp must be an integer" in _unauthenticated(await Api(http, stringy).post(ORG_UNITS))


async def test_a_cached_answer_still_requires_a_json_content_type(admin: Api) -> None:
    query = "query Cached { orgUnits { id code } }"
    first = await admin.post(query)
    again = await admin.post(query)  # a response-cache hit
    assert first.status_code == again.status_code == 200
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/graphql"):
        response = await admin.http.post(
            "/graphql",
            content=orjson.dumps({"query": query}),
            headers={"Authorization": f"Bearer {admin.bearer}", "Content-Type": content_type},
        )
        assert response.status_code == 415, (content_type, response.status_code, response.text)
        assert response.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


async def test_two_operations_without_an_operation_name_are_refused_and_a_named_one_runs(admin: Api) -> None:
    document = (
        "query A { orgUnits { code } }"
        ' mutation B { establishOrgUnit(input: {code: "X", name: "x"}) { version } }'
    )
    refused = await admin.post(document)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "OPERATION_NAME_REQUIRED"
    assert (await admin.data("{ orgUnits { code } }"))["orgUnits"] == []  # B did not run either
    chosen = await admin.http.post(
        "/graphql",
        json={"query": document, "operationName": "A"},
        headers={"Authorization": f"Bearer {admin.bearer}"},
    )
    assert chosen.status_code == 200 and chosen.json() == {"data": {"orgUnits": []}}


async def test_health_and_readiness_answers_carry_a_request_id(http: httpx.AsyncClient) -> None:
    for path in ("/healthz", "/readyz", "/metrics"):
        response = await http.get(path)
        assert len(response.headers["x-request-id"]) >= 16, path
    assert (await http.get("/healthz", headers={"X-Request-Id": "probe-7"})).headers[
        "x-request-id"
    ] == "probe-7"


async def test_readiness_names_no_tenant_to_callers_without_a_token(
    http: httpx.AsyncClient, settings: Settings, tenant: Tenant
) -> None:
    anonymous = await http.get("/readyz")
    assert anonymous.status_code == 200, anonymous.text
    assert tenant.slug not in anonymous.text and isinstance(anonymous.json()["tenants"], int)
    forged = await http.get("/readyz", headers={"Authorization": "Bearer not.a.token"})
    assert tenant.slug not in forged.text
    own = await http.get(
        "/readyz", headers={"Authorization": f"Bearer {token(settings, tenant.slug, 'viewer')}"}
    )
    assert own.json()["tenant"] == {"slug": tenant.slug, "pendingMigrations": []}
    assert own.text.count('"slug"') == 1  # its own tenant only
