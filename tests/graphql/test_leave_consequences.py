"""Leave's consequences over HTTP, from real events: during an approved CLTN the directory shows the
employee ON_UNPAID_LEAVE (by id, by NIP, in the status filters) and promotionEligibility says why they are
not due; after the return they are ACTIVE again. And the superior the position catalogue's hierarchy gives
(no assignSupervisor) decides their subordinate's leave, while a colleague cannot."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

from riwayat.application import CommandContext
from riwayat.application.clock import today
from riwayat.domain.values import Decree
from tests.graphql.api import EMPLOYEE, EMPLOYEE_BY_NIP, active_pns, decree, employee_mutation, establish
from tests.graphql.test_careers import CATALOGUE, ELIGIBILITY
from tests.graphql.test_leave import APPROVE, PENDING, REQUEST, _leave

BY_STATUS = """query($status: EmployeeStatus!) { employees(filter: {status: $status}, first: 50) {
  totalCount edges { node { id status } } } }"""
RETURN = """mutation($input: LeaveRequestInput!) { recordReturnFromLeave(input: $input) {
  request { id status returnedOn } errors { code } } }"""
ASSIGN = employee_mutation("assignPosition", "AssignPositionInput")


async def _ids(api: Any, status: str) -> set[str]:
    return {e["node"]["id"] for e in (await api.data(BY_STATUS, {"status": status}))["employees"]["edges"]}


async def test_cltn_shows_on_unpaid_leave_in_the_directory_until_the_return(as_role, app, tenant) -> None:
    hr = as_role("hr")
    unit = await establish(as_role("admin"))
    worker, colleague = [await active_pns(hr, unit["id"], seq) for seq in (301, 302)]
    # Given a CLTN that began a month ago (requested then, approved by hr with a decree)
    day = today()
    ctx = CommandContext(tenant=tenant, actor="hr-1", roles=("hr",), request_id="cltn")
    application, rid = app.state.services.application, uuid4()
    await application.request_leave(
        ctx, employee_id=UUID(worker["id"]), request_id=rid, kind="UNPAID", start=day - timedelta(days=30),
        end=day + timedelta(days=300), reason="ikut suami tugas belajar", on=day - timedelta(days=40),
    )  # fmt: skip
    await application.approve_leave(ctx, employee_id=UUID(worker["id"]), request_id=rid, by_hr=True,
                                    decree=Decree("800/CLTN/1", day - timedelta(days=35)))  # fmt: skip

    # Then the directory shows them on unpaid leave, by id, by NIP and in the filters; the colleague ACTIVE
    assert (await hr.data(EMPLOYEE, {"id": worker["id"]}))["employee"]["status"] == "ON_UNPAID_LEAVE"
    assert (await hr.data(EMPLOYEE_BY_NIP, {"nip": worker["nip"]}))["employee"]["status"] == "ON_UNPAID_LEAVE"
    assert (await hr.data(EMPLOYEE, {"id": colleague["id"]}))["employee"]["status"] == "ACTIVE"
    assert await _ids(hr, "ON_UNPAID_LEAVE") == {worker["id"]}
    assert await _ids(hr, "ACTIVE") == {colleague["id"]}
    listed = (await hr.data(BY_STATUS, {"status": "ON_UNPAID_LEAVE"}))["employees"]
    assert listed["totalCount"] == 1 and listed["edges"][0]["node"]["status"] == "ON_UNPAID_LEAVE"
    # And no one on CLTN is due a promotion
    why = (await hr.data(ELIGIBILITY, {"id": worker["id"], "asOf": day.isoformat()}))["promotionEligibility"]
    assert why["eligible"] is False and [o["code"] for o in why["obstacles"]] == ["ON_UNPAID_LEAVE"]

    # When hr records the return today, they are ACTIVE again (the CLTN ended yesterday)
    back = {"employeeId": worker["id"], "requestId": str(rid), "returnedOn": day.isoformat()}
    returned = (await hr.data(RETURN, {"input": back}))["recordReturnFromLeave"]
    assert returned["errors"] == [] and returned["request"]["status"] == "RETURNED"
    assert (await hr.data(EMPLOYEE, {"id": worker["id"]}))["employee"]["status"] == "ACTIVE"
    assert await _ids(hr, "ON_UNPAID_LEAVE") == set()
    assert await _ids(hr, "ACTIVE") == {worker["id"], colleague["id"]}
    why = (await hr.data(ELIGIBILITY, {"id": worker["id"], "asOf": day.isoformat()}))["promotionEligibility"]
    assert "ON_UNPAID_LEAVE" not in [o["code"] for o in why["obstacles"]]


async def test_the_superior_from_the_position_hierarchy_decides_the_leave_and_a_colleague_cannot(
    as_role,
) -> None:
    hr = as_role("hr")
    unit = await establish(as_role("admin"))
    # Given a head position and a staff position reporting to it, held by boss and worker (no supervisor set)
    head = (await hr.data(CATALOGUE, {"input": {
        "name": "Kepala Bidang", "kind": "ADMINISTRATOR", "unitId": unit["id"], "jobClass": 11, "seats": 1,
        "effectiveOn": "2015-01-01"}}))["cataloguePosition"]["position"]  # fmt: skip
    staff = (await hr.data(CATALOGUE, {"input": {
        "name": "Analis SDM", "kind": "PELAKSANA", "unitId": unit["id"], "jobClass": 7, "seats": 2,
        "effectiveOn": "2015-01-01", "reportsTo": head["id"]}}))["cataloguePosition"]["position"]  # fmt: skip
    boss, worker, colleague = [await active_pns(hr, unit["id"], seq) for seq in (311, 312, 313)]
    for who, position in ((boss, head), (worker, staff), (colleague, staff)):
        moved = (await hr.data(ASSIGN, {"input": {
            "employeeId": who["id"], "position": "ignored", "unitId": unit["id"], "change": "ROTATION",
            "effectiveOn": "2017-01-01", "decree": decree(), "positionId": position["id"]}}))  # fmt: skip
        assert moved["assignPosition"]["errors"] == [], moved
    me = as_role("employee", subject=worker["nip"])
    superior = as_role("employee", subject=boss["nip"])
    peer = as_role("employee", subject=colleague["nip"])
    year = today().year + 1
    asked = (await me.data(REQUEST, _leave(f"{year}-07-06", f"{year}-07-07")))["requestLeave"]
    assert asked["errors"] == [], asked
    decide = {"input": {"employeeId": worker["id"], "requestId": asked["request"]["id"]}}

    # Then the boss sees it waiting and approves it; the colleague (same position, not a superior) cannot
    assert [r["id"] for r in (await superior.data(PENDING))["pendingApprovals"]] == [asked["request"]["id"]]
    assert (await peer.data(PENDING))["pendingApprovals"] == []
    assert await peer.error_codes(APPROVE, decide) == ["FORBIDDEN"]
    approved = (await superior.data(APPROVE, decide))["approveLeave"]
    assert approved["errors"] == [] and approved["request"]["status"] == "APPROVED"
    assert approved["request"]["decidedBy"] == boss["nip"]
