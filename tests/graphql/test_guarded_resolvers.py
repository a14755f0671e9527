"""Role-checked async resolvers called by `guarded_resolvers` answer as strawberry's own resolver chain on
the same schema: data, errors (messages, paths, codes), for callers allowed and denied, with arguments
given inline, by variables, as input objects with enums, invalid, or left out."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from strawberry.types.graphql import OperationType

from riwayat.graphql import execution
from riwayat.graphql.context import Context
from riwayat.graphql.schema import build_schema, strawberry_schema
from riwayat.infra.auth import Principal
from riwayat.infra.tenants import Tenant
from tests.graphql.api import Api, establish, hire

PAGE = (
    "edges { cursor node { id name gender status rank employmentType } } pageInfo { hasNextPage endCursor }"
)
DOCUMENTS: list[tuple[str, dict[str, Any] | None]] = [
    ("{ employees(first: 2) { totalCount " + PAGE + " } }", None),
    ("query($f: EmployeeFilter, $n: Int) { a: employees(filter: $f, first: $n) { " + PAGE + " } }",
     {"f": {"status": "ACTIVE", "employmentType": "PNS", "search": "Pegawai"}, "n": 5}),
    ("query($f: EmployeeFilter) { employees(filter: $f) { ...P } } fragment P on EmployeeConnection { "
     + PAGE + " }", {"f": {"unitId": "not-an-id"}}),
    ('{ employees(after: "bm9wZQ") { ' + PAGE + " } }", None),  # an invalid cursor
    ("{ employees(first: 500) { " + PAGE + " } }", None),  # out of range: BAD_USER_INPUT
    ("{ employees(first: null) { edges { node { name } } } }", None),
    ('{ employee(nip: "1986 0926 2015 05 1 001") { name unit { code } } }', None),
    ('{ employee(id: "x", nip: "1") { name } }', None),  # both: the resolver refuses
    ("{ orgUnits { code name } employees { edges { node { name } } } }", None),
    ("{ auditLog(first: 2) { edges { node { type } } } }", None),  # auditors only
    ("mutation { establishOrgUnit(input: {code: \"\", name: \"\"}) { errors { code field } } }", None),
]  # fmt: skip
ROLES = ({"hr"}, {"viewer"}, {"auditor"}, {"employee"}, set())


async def test_guarded_resolvers_answer_as_strawberrys_resolver_chain(
    app: Starlette, tenant: Tenant, admin: Api, hr: Api
) -> None:
    unit = await establish(admin)
    for seq in (1, 2, 3):
        await hire(hr, unit["id"], seq)
    ours, theirs = build_schema(introspection=True), strawberry_schema(introspection=True)
    root = ours._schema.query_type.fields["employees"].resolve
    assert getattr(root, "_riwayat_guarded", False)  # what is compared is the shorter call
    assert not getattr(theirs._schema.query_type.fields["employees"].resolve, "_riwayat_guarded", False)
    services = app.state.services
    allowed = OperationType.from_http("POST")
    seen: set[str] = set()
    for roles in ROLES:
        principal = Principal(subject="tester", tenant=tenant.slug, roles=frozenset(roles))
        for query, variables in DOCUMENTS:
            answers = []
            for schema in (ours, theirs):
                context = Context(None, None, services, principal, tenant, request_id="diff")
                answers.append(_shape(await execution.run(schema, query, variables, context, None, allowed)))
            assert answers[0] == answers[1], (roles, query)
            seen.add(_kind(answers[0]))
    assert seen >= {"data", "FORBIDDEN", "BAD_USER_INPUT"}  # each kind of answer was compared


def _kind(shape: Any) -> str:
    data, errors = shape
    return errors[0][2].get("code", "error") if errors else "data"


def _shape(result: Any) -> Any:
    errors = [(e.message, e.path, e.extensions) for e in result.errors or ()]
    return result.data, errors
