"""The endpoint's own execution (`execution.run`) answers every kind of document as strawberry's
`Schema.execute` does on the same schema: data, errors (messages, paths, codes) and the exceptions the
endpoint turns into 400s."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.applications import Starlette
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from riwayat.graphql import execution
from riwayat.graphql.context import Context
from riwayat.graphql.schema import build_schema
from riwayat.infra.auth import Principal
from riwayat.infra.tenants import Tenant
from tests.graphql.api import Api, establish, hire

DEEP = (
    "{ employees { edges { node { unit { employees { edges { node { unit { employees { edges { node { unit {"
)
DOCUMENTS: list[tuple[str, dict[str, Any] | None, str | None]] = [
    (
        "{ employees(first: 5) { totalCount edges { cursor node { id name gender status rank } } } }",
        None,
        None,
    ),
    ("query($f: Int) { employees(first: $f) { edges { node { name } } } }", {"f": 2}, None),
    (
        "query($f: Int) { employees(first: $f) { edges { node { name } } } }",
        {"f": "two"},
        None,
    ),  # bad variable
    ("query($f: Int!) { employees(first: $f) { edges { node { name } } } }", {}, None),  # missing variable
    ("{ employees(first: 0) { edges { node { name } } } }", None, None),  # a resolver's BAD_USER_INPUT
    ("{ employees { edges { node { name nope } } } }", None, None),  # validation error
    ("{ employees { edges { node { name } } ", None, None),  # syntax error
    ("query A { orgUnits { code } } query B { orgUnits { name } }", None, "B"),
    ("query A { orgUnits { code } }", None, "C"),  # unknown operation name
    ("{ __schema { queryType { name } } }", None, None),
    (DEEP + " id } } } } } } } } } } } } }", None, None),  # over the depth limit
    ("{ " + " ".join(f"a{i}: orgUnits {{ code }}" for i in range(40)) + " }", None, None),  # too many aliases
    ("", None, None),
]


@pytest.mark.parametrize("introspection", [True, False])
async def test_the_endpoint_executes_every_kind_of_document_as_strawberry_does(
    app: Starlette, tenant: Tenant, admin: Api, hr: Api, introspection: bool
) -> None:
    unit = await establish(admin)
    for seq in (1, 2, 3):
        await hire(hr, unit["id"], seq)
    schema = build_schema(introspection=introspection)
    services = app.state.services
    principal = Principal(subject="tester", tenant=tenant.slug, roles=frozenset({"hr"}))

    def context() -> Context:
        return Context(None, None, services, principal, tenant, request_id="diff")

    allowed = OperationType.from_http("POST")
    for query, variables, name in DOCUMENTS:
        ours = await _settled(
            lambda q=query, v=variables, n=name: execution.run(schema, q, v, context(), n, allowed)
        )
        theirs = await _settled(
            lambda q=query, v=variables, n=name: schema.execute(
                q,
                variable_values=v,
                context_value=context(),
                operation_name=n,
                allowed_operation_types=allowed,
            )
        )
        assert _shape(ours) == _shape(theirs), query


async def _settled(start: Any) -> Any:
    try:
        return await start()
    except (CannotGetOperationTypeError, InvalidOperationTypeError, MissingQueryError) as exc:
        return type(exc).__name__


def _shape(result: Any) -> Any:
    if isinstance(result, str):
        return result
    errors = [(e.message, e.path, e.extensions) for e in result.errors or ()]
    return result.data, errors, result.extensions or {}
