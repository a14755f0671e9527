"""Self-service and leave over HTTP: an `employee` token sees only its own record, a superior decides only
their people's leave, and every other object is FORBIDDEN (by id, by NIP, through a list, nested)."""

from __future__ import annotations

from typing import Any

from tests.graphql.api import EMPLOYEE, EMPLOYEE_BY_NIP, Api, establish, hire

ME = """query { me(year: 2027) { id nip name status rank appraisals { year predikat }
  trainingHours { year hours } leaveBalance { entitled carriedOver collective taken pending remaining source }
  leaveRequests { id type status days } } }"""
REQUEST = """mutation($input: RequestLeaveInput!) { requestLeave(input: $input) {
  request { id employeeId type status days from to } balance { remaining pending }
  errors { code field message } } }"""
APPROVE = """mutation($input: DecideLeaveInput!) { approveLeave(input: $input) {
  request { id status decidedBy } balance { taken remaining } errors { code field message } } }"""
REJECT = """mutation($input: DecideLeaveInput!) { rejectLeave(input: $input) {
  request { id status } errors { code } } }"""
CANCEL = """mutation($input: LeaveRequestInput!) { cancelLeave(input: $input) {
  request { id status } errors { code } } }"""
SUPERVISE = (
    """mutation($input: AssignSupervisorInput!) { assignSupervisor(input: $input) { errors { code } } }"""
)
BALANCE = """query($id: ID!) { leaveBalance(employeeId: $id, year: 2027) { remaining } }"""
PENDING = "query { pendingApprovals { id employeeId status } }"
LIST = "query { employees(first: 5) { edges { node { id name } } } }"
NESTED = "query { orgUnits { id name headcount } }"
CALENDAR = (
    """query($unit: ID!) { leaveCalendar(unitId: $unit, from: "2027-01-01", to: "2027-12-31") { id } }"""
)


async def _people(as_role: Any) -> tuple[Api, dict[str, Any], dict[str, Any], dict[str, Any]]:
    hr = as_role("hr")
    unit = await establish(as_role("admin"))
    boss, worker, colleague = [await hire(hr, unit["id"], seq) for seq in (101, 102, 103)]
    body = await hr.data(SUPERVISE, {"input": {"employeeId": worker["id"], "supervisorId": boss["id"]}})
    assert body["assignSupervisor"]["errors"] == []
    return hr, boss, worker, colleague


def _leave(start: str, end: str, kind: str = "ANNUAL") -> dict[str, Any]:
    return {
        "input": {"type": kind, "from": start, "to": end, "reason": "urusan keluarga", "address": "Medan"}
    }


async def test_an_employee_sees_their_own_record_and_requests_their_own_leave(as_role) -> None:
    _, _, worker, _ = await _people(as_role)
    me = as_role("employee", subject=worker["nip"])

    asked = (await me.data(REQUEST, _leave("2027-07-05", "2027-07-09")))["requestLeave"]
    assert asked["errors"] == [] and asked["request"]["days"] == 5
    assert asked["request"]["employeeId"] == worker["id"] and asked["request"]["status"] == "REQUESTED"

    record = (await me.data(ME))["me"]
    assert record["nip"] == worker["nip"] and record["status"] == "CANDIDATE"
    balance = record["leaveBalance"]
    assert balance["entitled"] == 12 and balance["pending"] == 5
    assert balance["remaining"] == balance["entitled"] + balance["carriedOver"] - balance["collective"]
    assert [r["days"] for r in record["leaveRequests"]] == [5]
    overlap = (await me.data(REQUEST, _leave("2027-07-08", "2027-07-12")))["requestLeave"]
    assert [e["code"] for e in overlap["errors"]] == ["LEAVE_OVERLAP"]


async def test_an_employee_cannot_read_a_colleague_by_id_nip_list_or_nested_field(as_role) -> None:
    hr, _, worker, colleague = await _people(as_role)
    me = as_role("employee", subject=worker["nip"])
    theirs = {"input": {**_leave("2027-07-05", "2027-07-06")["input"], "employeeId": colleague["id"]}}
    assert (await hr.data(REQUEST, theirs))["requestLeave"]["errors"] == []

    assert await me.error_codes(EMPLOYEE, {"id": colleague["id"]}) == ["FORBIDDEN"]
    assert await me.error_codes(EMPLOYEE, {"id": worker["id"]}) == ["FORBIDDEN"]  # only through `me`
    assert await me.error_codes(EMPLOYEE_BY_NIP, {"nip": colleague["nip"]}) == ["FORBIDDEN"]
    assert await me.error_codes(LIST) == ["FORBIDDEN"]
    assert await me.error_codes(NESTED) == ["FORBIDDEN"]
    assert await me.error_codes(CALENDAR, {"unit": worker["unit"]["id"]}) == ["FORBIDDEN"]
    assert (await me.data(ME))["me"]["leaveRequests"] == []  # the colleague's leave is not nested in `me`
    assert await me.error_codes(BALANCE, {"id": colleague["id"]}) == ["FORBIDDEN"]
    assert await me.error_codes(REQUEST, theirs) == ["FORBIDDEN"]
    assert (await me.data(PENDING))["pendingApprovals"] == []  # supervises nobody


async def test_the_superior_decides_their_persons_leave_and_nothing_else(as_role) -> None:
    hr, boss, worker, colleague = await _people(as_role)
    me = as_role("employee", subject=worker["nip"])
    superior = as_role("employee", subject=boss["nip"])
    peer = as_role("employee", subject=colleague["nip"])
    first = (await me.data(REQUEST, _leave("2027-07-05", "2027-07-06")))["requestLeave"]["request"]
    second = (await me.data(REQUEST, _leave("2027-08-02", "2027-08-03")))["requestLeave"]["request"]
    decide = {"employeeId": worker["id"], "requestId": first["id"]}

    assert [r["id"] for r in (await superior.data(PENDING))["pendingApprovals"]] == [
        first["id"],
        second["id"],
    ]
    assert await peer.error_codes(APPROVE, {"input": decide}) == ["FORBIDDEN"]
    assert await me.error_codes(APPROVE, {"input": decide}) == ["FORBIDDEN"]  # not one's own
    approved = (await superior.data(APPROVE, {"input": decide}))["approveLeave"]
    assert approved["request"]["status"] == "APPROVED" and approved["request"]["decidedBy"] == boss["nip"]
    assert approved["balance"]["taken"] == 2
    rejected = await superior.data(
        REJECT, {"input": {**decide, "requestId": second["id"], "reason": "rapat"}}
    )
    assert rejected["rejectLeave"]["request"]["status"] == "REJECTED"
    # the superior reads their person's balance, but nothing else of theirs
    assert (await superior.data(BALANCE, {"id": worker["id"]}))["leaveBalance"]["remaining"] >= 0
    assert await superior.error_codes(EMPLOYEE, {"id": worker["id"]}) == ["FORBIDDEN"]
    assert await superior.error_codes(CANCEL, {"input": decide}) == ["FORBIDDEN"]
    cancelled = await me.data(CANCEL, {"input": decide})
    assert cancelled["cancelLeave"]["request"]["status"] == "CANCELLED"
    assert (await hr.data(PENDING))["pendingApprovals"] == []


async def test_cltn_is_decided_by_hr_with_a_decree_not_by_the_superior(as_role) -> None:
    hr, boss, worker, _ = await _people(as_role)
    me = as_role("employee", subject=worker["nip"])
    superior = as_role("employee", subject=boss["nip"])
    asked = (await me.data(REQUEST, _leave("2027-02-01", "2027-12-31", "UNPAID")))["requestLeave"]
    assert asked["errors"] == [], asked
    decide = {"employeeId": worker["id"], "requestId": asked["request"]["id"]}
    by_boss = (await superior.data(APPROVE, {"input": decide}))["approveLeave"]
    assert [e["code"] for e in by_boss["errors"]] == ["LEAVE_NOT_ALLOWED"]
    no_decree = (await hr.data(APPROVE, {"input": decide}))["approveLeave"]
    assert [e["code"] for e in no_decree["errors"]] == ["INVALID_INPUT"]
    sk = {"number": "800/CLTN/2027", "date": "2027-01-15"}
    by_hr = (await hr.data(APPROVE, {"input": {**decide, "decree": sk}}))["approveLeave"]
    assert by_hr["errors"] == [] and by_hr["request"]["status"] == "APPROVED"
