"""The auditors' view: the log with its filters, the history of one employee, an employee as recorded
at a moment or as legally true on a date, integrity and projection status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from tests.graphql.api import PROMOTE, Api, active_pns, decree, establish

LOG = """query($filter: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
  pageInfo { hasNextPage endCursor } edges { cursor node {
    position streamId streamType version type data recordedAt effectiveOn
    actor reason correlationId hash } } } }"""
AS_OF = """query($id: ID!, $at: DateTime, $on: Date) {
  employeeAsOf(id: $id, recordedAt: $at, effectiveOn: $on) {
  rank status version appraisals { year } trainingHours(year: 2019) } }"""
HISTORY = """query($id: ID, $first: Int, $after: String) { employee(id: $id) {
  history(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { version type } } } } }"""


async def test_the_audit_log_shows_who_did_what_on_which_basis(as_role: Callable[..., Api]) -> None:
    admin, hr, auditor = as_role("admin"), as_role("hr", subject="operator-7"), as_role("auditor")
    hr.headers["X-Correlation-Id"] = "batch-2019-05"
    unit = await establish(admin)
    emp = await active_pns(hr, unit["id"], 81)
    promote = {
        "employeeId": emp["id"],
        "toRank": "III/b",
        "effectiveOn": "2019-05-01",
        "decree": decree("823/2019", "2019-04-01"),
        "reason": "kenaikan pangkat reguler",
    }
    assert (await hr.data(PROMOTE, {"input": promote}))["promoteEmployee"]["errors"] == []

    log = (await auditor.data(LOG, {"filter": {"streamId": emp["id"]}}))["auditLog"]
    events = [e["node"] for e in log["edges"]]
    assert [e["type"] for e in events] == [
        "Employee.Hired",
        "Employee.ProbationCompleted",
        "Employee.RankPromoted",
    ]
    promoted = events[-1]
    assert promoted["actor"] == "operator-7" and promoted["reason"] == "kenaikan pangkat reguler"
    assert promoted["correlationId"] == "batch-2019-05" and promoted["effectiveOn"] == "2019-05-01"
    assert promoted["data"]["to_rank"] == "III/b" and promoted["data"]["decree"]["number"] == "823/2019"
    assert promoted["streamType"] == "Employee" and promoted["version"] == 3 and len(promoted["hash"]) == 64

    only_hires = (await auditor.data(LOG, {"filter": {"types": ["Employee.Hired"], "actor": "operator-7"}}))[
        "auditLog"
    ]
    assert [e["node"]["streamId"] for e in only_hires["edges"]] == [emp["id"]]
    future = {"from": "2199-01-01T00:00:00+00:00"}
    assert (await auditor.data(LOG, {"filter": future}))["auditLog"]["edges"] == []
    assert (await auditor.data(LOG, {"filter": {"to": "2000-01-01T00:00:00+00:00"}}))["auditLog"][
        "edges"
    ] == []


async def test_the_audit_log_pages_in_position_order(as_role: Callable[..., Api]) -> None:
    admin, auditor = as_role("admin"), as_role("auditor")
    for _ in range(5):
        await establish(admin)
    positions, after = [], None
    while True:
        page = (await auditor.data(LOG, {"first": 2, "after": after}))["auditLog"]
        positions += [e["node"]["position"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert positions == [1, 2, 3, 4, 5]


async def test_an_employees_history_is_its_own_events_oldest_first_in_pages(
    as_role: Callable[..., Api],
) -> None:
    admin, hr = as_role("admin"), as_role("hr")
    emp = await active_pns(hr, (await establish(admin))["id"], 82)
    first = (await hr.data(HISTORY, {"id": emp["id"], "first": 1}))["employee"]["history"]
    assert [e["node"] for e in first["edges"]] == [{"version": 1, "type": "Employee.Hired"}]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (await hr.data(HISTORY, {"id": emp["id"], "after": first["pageInfo"]["endCursor"]}))["employee"][
        "history"
    ]
    assert [e["node"]["version"] for e in rest["edges"]] == [2] and rest["pageInfo"]["hasNextPage"] is False


async def test_employee_as_of_answers_as_recorded_then_and_as_legally_true_on_a_date(
    as_role: Callable[..., Api],
) -> None:
    admin, hr, auditor = as_role("admin"), as_role("hr"), as_role("auditor")
    emp = await active_pns(hr, (await establish(admin))["id"], 83)
    before_promotion = datetime.now(UTC).isoformat()
    promote = {"employeeId": emp["id"], "toRank": "III/b", "effectiveOn": "2019-05-01", "decree": decree()}
    assert (await hr.data(PROMOTE, {"input": promote}))["promoteEmployee"]["errors"] == []

    recorded = (await auditor.data(AS_OF, {"id": emp["id"], "at": before_promotion}))["employeeAsOf"]
    assert recorded["rank"] == "III/a" and recorded["version"] == 2
    assert (await auditor.data(AS_OF, {"id": emp["id"], "on": "2019-04-30"}))["employeeAsOf"][
        "rank"
    ] == "III/a"
    on_tmt = (await auditor.data(AS_OF, {"id": emp["id"], "on": "2019-05-01"}))["employeeAsOf"]
    assert on_tmt["rank"] == "III/b" and on_tmt["appraisals"] == [] and on_tmt["trainingHours"] == 0
    assert (await auditor.data(AS_OF, {"id": emp["id"], "on": "2010-01-01"}))["employeeAsOf"] is None
    assert (await auditor.data(AS_OF, {"id": "nonsense", "on": "2019-05-01"}))["employeeAsOf"] is None


async def test_employee_as_of_needs_exactly_one_point_in_time(as_role: Callable[..., Api]) -> None:
    auditor = as_role("auditor")
    emp_id = "00000000-0000-0000-0000-000000000001"
    for variables in ({"id": emp_id}, {"id": emp_id, "at": "2020-01-01T00:00:00+00:00", "on": "2020-01-01"}):
        body = await auditor.run(AS_OF, variables)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert "exactly one of `recordedAt` and `effectiveOn`" in body["errors"][0]["message"]


async def test_integrity_and_projection_status_report_a_sound_current_ledger(
    as_role: Callable[..., Api],
) -> None:
    admin, auditor = as_role("admin"), as_role("auditor")
    await establish(admin)
    report = await auditor.data(
        "{ verifyIntegrity { ok checkedEvents headPosition headHash firstBrokenPosition } }"
    )
    assert report["verifyIntegrity"] | {"headHash": None} == {
        "ok": True,
        "checkedEvents": 1,
        "headPosition": 1,
        "headHash": None,
        "firstBrokenPosition": None,
    }
    status = (await auditor.data("{ projectionStatus { name position lag } }"))["projectionStatus"]
    assert {s["name"] for s in status} >= {"employees", "org_units", "complaints"}
    assert all(s["lag"] == 0 and s["position"] == 1 for s in status)
