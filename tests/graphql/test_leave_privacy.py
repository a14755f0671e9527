"""A leave request's address (where the employee is while away) is personal data: sealed in the ledger and in
the leave read model, shown to those who may see the request, and gone from both once the employee's data is
erased — while the request itself, its days and the balance stay."""

from __future__ import annotations

from collections.abc import Callable

from starlette.applications import Starlette

from riwayat.infra.database import Database
from riwayat.infra.tenants import Tenant
from riwayat.projections.rebuild import rebuild
from tests.graphql.api import Api
from tests.graphql.test_leave import ME, REQUEST, _people
from tests.graphql.test_privacy import ERASE, VERIFY, tables_holding

ADDRESS = "Jl. Sisingamangaraja No. 17 Qx, Medan"
MINE = "query { me(year: 2027) { leaveRequests { id days status address } } }"
PENDING = "query { pendingApprovals { id address } }"


def _asked(start: str, end: str) -> dict:
    return {
        "input": {"type": "ANNUAL", "from": start, "to": end, "reason": "urusan keluarga", "address": ADDRESS}
    }


async def test_a_leave_address_is_sealed_shown_to_its_readers_and_erased_with_the_employee(
    as_role: Callable[..., Api], admin: Api, db: Database, tenant: Tenant, app: Starlette
) -> None:
    hr, _, worker, _ = await _people(as_role)
    me = as_role("employee", subject=worker["nip"])
    asked = (await me.data(REQUEST, _asked("2027-07-05", "2027-07-09")))["requestLeave"]
    assert asked["errors"] == []
    assert await tables_holding(db, tenant, "Sisingamangaraja") == []  # neither the events nor a read model

    assert [r["address"] for r in (await me.data(MINE))["me"]["leaveRequests"]] == [ADDRESS]
    assert [r["address"] for r in (await hr.data(PENDING))["pendingApprovals"]] == [ADDRESS]
    await rebuild(app.state.services.store, tenant)  # the rebuilt table holds it sealed, as the inline one
    assert await tables_holding(db, tenant, "Sisingamangaraja") == []
    assert [r["address"] for r in (await hr.data(PENDING))["pendingApprovals"]] == [ADDRESS]

    request = {"subjectId": worker["id"], "reason": "permintaan pegawai", "legalBasis": "REQ-2026/031"}
    answer = (await admin.data(ERASE, {"input": request}))["eraseSubjectData"]
    assert answer["errors"] == [] and "address" in answer["erasedFields"]
    after = (await me.data(MINE))["me"]["leaveRequests"]
    assert [(r["address"], r["days"], r["status"]) for r in after] == [(None, 5, "REQUESTED")]
    assert (await me.data(ME))["me"]["leaveBalance"]["pending"] == 5
    assert (await as_role("auditor").data(VERIFY))["verifyIntegrity"]["ok"] is True
