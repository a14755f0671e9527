"""Tenant isolation: with a token for tenant B nothing of tenant A can be read, counted or changed."""

from __future__ import annotations

from collections.abc import Callable

from riwayat.infra.tenants import Tenant
from tests.graphql.api import (
    EMPLOYEE,
    EMPLOYEE_BY_NIP,
    FILE_COMPLAINT,
    HIRE,
    PROMOTE,
    TRIAGE,
    Api,
    active_pns,
    decree,
    establish,
    hire_input,
)

COUNTS = (
    "{ employees { totalCount } complaints { totalCount } orgUnits { id } auditLog { edges { cursor } } }"
)


async def test_a_token_for_another_tenant_sees_and_changes_nothing_of_this_one(
    as_role: Callable[..., Api], other_tenant: Tenant
) -> None:
    # Given tenant A with a unit, an employee and a complaint
    a_admin = as_role("admin")
    unit = await establish(a_admin)
    emp = await active_pns(as_role("hr"), unit["id"], 9)
    complaint = (
        await as_role("complaint_officer").data(
            FILE_COMPLAINT,
            {"input": {"channel": "WEB", "category": "X", "description": "Y", "employeeId": emp["id"]}},
        )
    )["fileComplaint"]["complaint"]
    a_head = (await a_admin.data("{ verifyIntegrity { headPosition headHash } }"))["verifyIntegrity"]

    # When an admin of tenant B tries everything with A's ids
    b = as_role("admin", slug=other_tenant.slug)
    assert (await b.data(EMPLOYEE, {"id": emp["id"]}))["employee"] is None
    assert (await b.data(EMPLOYEE_BY_NIP, {"nip": emp["nip"]}))["employee"] is None
    assert (await b.data(f'{{ complaint(id: "{complaint["id"]}") {{ id }} }}'))["complaint"] is None
    as_of = f'{{ employeeAsOf(id: "{emp["id"]}", effectiveOn: "2020-01-01") {{ id }} }}'
    assert (await b.data(as_of))["employeeAsOf"] is None
    assert await b.data(COUNTS) == {
        "employees": {"totalCount": 0},
        "complaints": {"totalCount": 0},
        "orgUnits": [],
        "auditLog": {"edges": []},
    }
    audit = f'{{ auditLog(filter: {{streamId: "{emp["id"]}"}}) {{ edges {{ cursor }} }} }}'
    assert (await b.data(audit))["auditLog"]["edges"] == []
    promote = {"employeeId": emp["id"], "toRank": "III/b", "effectiveOn": "2019-05-01", "decree": decree()}
    assert [e["code"] for e in (await b.data(PROMOTE, {"input": promote}))["promoteEmployee"]["errors"]] == [
        "NOT_FOUND"
    ]
    triage = {"complaintId": complaint["id"], "unitId": unit["id"]}
    assert [e["code"] for e in (await b.data(TRIAGE, {"input": triage}))["triageComplaint"]["errors"]] == [
        "NOT_FOUND"
    ]
    into_a = (await b.data(HIRE, {"input": hire_input(unit["id"], 10)}))["hireEmployee"]
    assert [e["code"] for e in into_a["errors"]] == ["NOT_FOUND"]

    # Then tenant A is exactly as it was, and B's own ledger holds nothing
    assert (await a_admin.data(EMPLOYEE, {"id": emp["id"]}))["employee"] == emp
    assert (await a_admin.data("{ verifyIntegrity { headPosition headHash } }"))["verifyIntegrity"] == a_head
    assert (await b.data("{ verifyIntegrity { ok checkedEvents } }"))["verifyIntegrity"] == {
        "ok": True,
        "checkedEvents": 0,
    }
