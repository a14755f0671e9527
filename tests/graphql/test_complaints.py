"""Complaints: filed, triaged, resolved; read one by one and as a paged list by status."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from tests.graphql.api import FILE_COMPLAINT, RESOLVE, TRIAGE, Api, establish, hire

COMPLAINTS = """query($status: ComplaintStatus, $first: Int, $after: String) {
  complaints(status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status category } } } }"""
COMPLAINT = (
    "query($id: ID!) { complaint(id: $id) { id status outcome resolution version employee { name } } }"
)


async def _file(api: Api, **fields: object) -> dict:
    input = {"channel": "WEB", "category": "PELAYANAN", "description": "Antrian terlalu lama"} | fields
    payload = (await api.data(FILE_COMPLAINT, {"input": input}))["fileComplaint"]
    assert payload["errors"] == [], payload
    return payload["complaint"]


async def test_a_complaint_goes_from_filed_to_resolved(
    admin: Api, hr: Api, as_role: Callable[..., Api]
) -> None:
    officer = as_role("complaint_officer")
    unit = await establish(admin)
    emp = await hire(hr, unit["id"], 61)
    filed = await _file(officer, employeeId=emp["id"])
    assert filed["status"] == "FILED" and filed["employee"]["id"] == emp["id"] and filed["version"] == 1
    triage = {"complaintId": filed["id"], "unitId": unit["id"], "note": "ke BKPSDM", "expectedVersion": 1}
    triaged = (await officer.data(TRIAGE, {"input": triage}))["triageComplaint"]
    assert triaged["errors"] == [] and triaged["complaint"]["status"] == "TRIAGED"
    assert triaged["complaint"]["unit"]["id"] == unit["id"]
    resolve = {"complaintId": filed["id"], "outcome": "SUBSTANTIATED", "resolution": "Loket ditambah"}
    resolved = (await officer.data(RESOLVE, {"input": resolve}))["resolveComplaint"]
    assert resolved["errors"] == [] and resolved["version"] == 3
    read = (await officer.data(COMPLAINT, {"id": filed["id"]}))["complaint"]
    assert read["status"] == "RESOLVED" and read["outcome"] == "SUBSTANTIATED" and read["employee"]["name"]


async def test_complaint_refusals_are_user_errors(admin: Api, as_role: Callable[..., Api]) -> None:
    officer = as_role("complaint_officer")
    unit = await establish(admin)
    missing = (
        await officer.data(
            FILE_COMPLAINT,
            {
                "input": {
                    "channel": "WEB",
                    "category": "X",
                    "description": "Y",
                    "employeeId": str(uuid.uuid4()),
                }
            },
        )
    )["fileComplaint"]
    assert [e["code"] for e in missing["errors"]] == ["NOT_FOUND"] and missing["complaint"] is None
    filed = await _file(officer)
    stale = {"complaintId": filed["id"], "unitId": unit["id"], "expectedVersion": 7}
    conflict = (await officer.data(TRIAGE, {"input": stale}))["triageComplaint"]
    assert [e["code"] for e in conflict["errors"]] == ["CONCURRENCY_CONFLICT"]


async def test_complaints_page_by_filing_time_with_a_total_per_status(as_role: Callable[..., Api]) -> None:
    officer = as_role("complaint_officer")
    ids = [(await _file(officer, description=f"keluhan {i}"))["id"] for i in range(5)]
    seen, after = [], None
    while True:
        page = (await officer.data(COMPLAINTS, {"first": 2, "after": after}))["complaints"]
        assert page["totalCount"] == 5
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ids
    resolved = (await officer.data(COMPLAINTS, {"status": "RESOLVED"}))["complaints"]
    assert resolved["totalCount"] == 0 and resolved["edges"] == []


async def test_a_complaint_id_that_is_not_an_id_is_simply_not_found(as_role: Callable[..., Api]) -> None:
    officer = as_role("complaint_officer")
    assert (await officer.data(COMPLAINT, {"id": "'; DROP TABLE events; --"}))["complaint"] is None
    assert (await officer.data(COMPLAINT, {"id": str(uuid.uuid4())}))["complaint"] is None
