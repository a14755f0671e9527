"""Authorisation follows the role table of API.md: allowed roles reach the resolver, the others get
FORBIDDEN and change nothing; viewers never see personal data."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.graphql.api import EMPLOYEE, Api, establish, hire
from tests.graphql.roles import OPERATIONS, PERSONNEL_FIELDS, PERSONNEL_ROLES, ROLES

HEAD = "{ verifyIntegrity { headPosition } }"


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
async def test_each_operation_is_open_to_its_roles_and_forbidden_to_the_rest(
    operation: str, as_role: Callable[..., Api]
) -> None:
    document, variables, allowed = OPERATIONS[operation]
    admin = as_role("admin")
    for role in ROLES:
        head = (await admin.data(HEAD))["verifyIntegrity"]["headPosition"]
        body = await as_role(role).run(document, variables)
        codes = [e["extensions"].get("code") for e in body.get("errors") or []]
        if role in allowed:
            assert "FORBIDDEN" not in codes, (role, body)
        else:
            assert codes == ["FORBIDDEN"], (role, body)
            assert not any((body["data"] or {}).values()), body
            assert (await admin.data(HEAD))["verifyIntegrity"]["headPosition"] == head, "a refusal appended"


async def test_a_token_without_any_known_role_may_do_nothing(as_role: Callable[..., Api]) -> None:
    nobody = as_role()
    assert await nobody.error_codes("{ orgUnits { id } }") == ["FORBIDDEN"]


async def test_viewers_see_the_directory_without_birth_dates(as_role: Callable[..., Api]) -> None:
    admin, hr, viewer = as_role("admin"), as_role("hr"), as_role("viewer")
    unit = await establish(admin)
    emp = await hire(hr, unit["id"], 71)
    seen_by_viewer = (await viewer.data(EMPLOYEE, {"id": emp["id"]}))["employee"]
    assert seen_by_viewer["name"] == emp["name"] and seen_by_viewer["birthDate"] is None
    assert (await as_role("complaint_officer").data(EMPLOYEE, {"id": emp["id"]}))["employee"][
        "birthDate"
    ] is None
    for role in ("hr", "auditor", "admin"):
        assert (await as_role(role).data(EMPLOYEE, {"id": emp["id"]}))["employee"][
            "birthDate"
        ] == "1986-09-26"


@pytest.mark.parametrize("field", sorted(PERSONNEL_FIELDS))
async def test_personnel_details_of_an_employee_need_a_personnel_role(
    field: str, as_role: Callable[..., Api]
) -> None:
    admin = as_role("admin")
    emp = await hire(as_role("hr"), (await establish(admin))["id"], 72)
    query = f'{{ employee(id: "{emp["id"]}") {{ name {PERSONNEL_FIELDS[field]} }} }}'
    for role in ROLES:
        codes = await as_role(role).error_codes(query)
        assert codes == ([] if role in PERSONNEL_ROLES else ["FORBIDDEN"]), (role, field)
