"""Hostile input gets a clear refusal, and the server keeps serving the next request."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from tests.graphql.api import EMPLOYEE_BY_NIP, Api, establish, hire


async def _still_serving(api: Api) -> None:
    assert (await api.data("{ orgUnits { id } }"))["orgUnits"] is not None


def _headers(api: Api) -> dict[str, str]:
    return {"Authorization": f"Bearer {api.bearer}", "Content-Type": "application/json"}


async def test_malformed_json_is_a_400_json_error(as_role: Callable[..., Api]) -> None:
    api = as_role("admin")
    response = await api.http.post(
        "/graphql", content=b'{"query": "{ orgUnits { id } ', headers=_headers(api)
    )
    assert response.status_code == 400 and response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    await _still_serving(api)


async def test_a_2000_alias_query_and_a_depth_bomb_are_refused(as_role: Callable[..., Api]) -> None:
    api = as_role("admin")
    aliases = "{ " + " ".join(f"a{i}: orgUnits {{ id }}" for i in range(2000)) + " }"
    body = await api.run(aliases)
    assert body.get("data") is None and "tokens" in body["errors"][0]["message"]
    bomb = "query { employees { edges { node { unit { " + "x { " * 30 + "}" * 30 + " } } } } }"
    body = await api.run(bomb)
    assert any("maximum operation depth" in e["message"] for e in body["errors"])
    fragments = "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
    assert (await api.run(fragments))["errors"]
    await _still_serving(api)


@pytest.mark.parametrize("first", [-5, 0, 101, 100000])
async def test_page_sizes_out_of_bounds_are_bad_user_input(as_role: Callable[..., Api], first: int) -> None:
    api = as_role("auditor")
    for query in (
        f"{{ employees(first: {first}) {{ totalCount }} }}",
        f"{{ auditLog(first: {first}) {{ edges {{ cursor }} }} }}",
    ):
        body = await api.run(query)
        assert (
            body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
            and "between 1 and 100" in body["errors"][0]["message"]
        )
    await _still_serving(api)


async def test_sql_in_string_arguments_is_just_text(as_role: Callable[..., Api]) -> None:
    admin, hr = as_role("admin"), as_role("hr")
    sql = "Robert'); DROP TABLE employees; --"
    unit = await establish(admin, name=sql)
    emp = await hire(hr, unit["id"], 3, name=sql, position="x' OR '1'='1")
    assert emp["name"] == sql and emp["unit"]["name"] == sql
    found = await hr.data(
        "query($s: String) { employees(filter: {search: $s}) { totalCount } }", {"s": "'); DROP TABLE"}
    )
    assert found["employees"]["totalCount"] == 1
    assert (await hr.data(EMPLOYEE_BY_NIP, {"nip": "1' OR '1'='1"}))["employee"] is None
    assert (await hr.data("{ employees { totalCount } }"))["employees"]["totalCount"] == 1


async def test_a_one_megabyte_body_is_refused_with_413(as_role: Callable[..., Api]) -> None:
    api = as_role("admin")
    big = b'{"query": "{ orgUnits { id } }", "variables": {"pad": "' + b"x" * 1_048_576 + b'"}}'
    response = await api.http.post("/graphql", content=big, headers=_headers(api))
    assert (
        response.status_code == 413
        and response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    )

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: the limit holds while reading
        for _ in range(16):
            yield b" " * 65536

    try:
        response = await api.http.post("/graphql", content=chunks(), headers=_headers(api))
        assert response.status_code == 413
    except httpx.WriteError:
        pass  # the server answered 413 and closed before the whole body was sent
    await _still_serving(api)
