"""Every operation of the API, called by every role over HTTP: allowed roles reach it, others are
FORBIDDEN and change nothing. The table must name every root field the server offers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.graphql.api import EMPLOYEE, Api, establish, hire
from tests.graphql.roles import OPERATIONS, ROLES

ROOTS = "{ __schema { queryType { fields { name } } mutationType { fields { name } } } }"


async def test_the_role_table_covers_every_operation_the_server_offers(as_role: Callable[..., Api]) -> None:
    schema = (await as_role("viewer").data(ROOTS))["__schema"]
    offered = {f["name"] for root in ("queryType", "mutationType") for f in schema[root]["fields"]}
    assert offered == set(OPERATIONS)


@pytest.mark.parametrize("role", ROLES)
async def test_each_role_may_do_what_the_table_says_and_nothing_else(
    role: str, as_role: Callable[..., Api]
) -> None:
    caller, admin = as_role(role), as_role("admin")
    head_before = (await admin.data("{ verifyIntegrity { headPosition } }"))["verifyIntegrity"][
        "headPosition"
    ]
    appended_by_allowed = 0
    for name, (document, variables, allowed) in sorted(OPERATIONS.items()):
        body = await caller.run(document, variables)
        codes = [e["extensions"].get("code") for e in body.get("errors") or []]
        if role in allowed:
            assert "FORBIDDEN" not in codes, (name, body)
            payload = (body.get("data") or {}).get(name)
            if isinstance(payload, dict) and payload.get("errors") == []:
                appended_by_allowed += 1
        else:
            assert codes == ["FORBIDDEN"], (name, body)
            assert not any((body["data"] or {}).values()), (name, body)
    head_after = (await admin.data("{ verifyIntegrity { headPosition } }"))["verifyIntegrity"]["headPosition"]
    assert head_after - head_before == appended_by_allowed, "a forbidden call appended an event"


async def test_a_viewer_reads_the_directory_without_personal_data(as_role: Callable[..., Api]) -> None:
    emp = await hire(as_role("hr"), (await establish(as_role("admin")))["id"], 5)
    viewed = (await as_role("viewer").data(EMPLOYEE, {"id": emp["id"]}))["employee"]
    assert viewed["nip"] == emp["nip"] and viewed["birthDate"] is None and emp["birthDate"] == "1986-09-26"
    forbidden = f'{{ employee(id: "{emp["id"]}") {{ appraisals {{ year }} }} }}'
    assert await as_role("viewer").error_codes(forbidden) == ["FORBIDDEN"]
