"""A year in the BKPSDM, over HTTP: every query and mutation of API.md used for real, and every
UserError code met where a user would meet it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from tests.graphql.api import (
    APPRAISAL,
    APPRAISER_NIP,
    ASSIGN,
    COMPLETE_PROBATION,
    DISCIPLINE,
    EMPLOYEE,
    FILE_COMPLAINT,
    HIRE,
    PROMOTE,
    RESOLVE,
    SEPARATE,
    TRAINING,
    TRIAGE,
    Api,
    decree,
    establish,
    hire,
    hire_input,
)


async def _send(api: Api, document: str, input: dict) -> dict:
    return next(iter((await api.data(document, {"input": input})).values()))


async def _ok(api: Api, document: str, input: dict) -> dict:
    payload = await _send(api, document, input)
    assert payload["errors"] == [], payload
    return payload


async def _refused(api: Api, document: str, input: dict, code: str) -> None:
    payload = await _send(api, document, input)
    assert [e["code"] for e in payload["errors"]] == [code], payload
    assert payload["positions"] == [] and payload["version"] is None


async def test_personnel_decrees_from_hiring_to_separation(as_role: Callable[..., Api]) -> None:
    admin, hr, auditor = as_role("admin"), as_role("hr"), as_role("auditor")
    # Given two units
    bkpsdm = await establish(admin, name="Badan Kepegawaian dan Pengembangan SDM")
    dinkes = await establish(admin, name="Dinas Kesehatan")
    assert {u["id"] for u in (await hr.data("{ orgUnits { id } }"))["orgUnits"]} == {
        bkpsdm["id"],
        dinkes["id"],
    }

    # When hr hires, with the mistakes operators make on the way
    await _refused(hr, HIRE, hire_input(bkpsdm["id"], 1, nip="19860926"), "INVALID_NIP")
    await _refused(hr, HIRE, hire_input(bkpsdm["id"], 1, rank="III/z"), "INVALID_RANK")
    await _refused(hr, HIRE, hire_input(str(uuid.uuid4()), 1), "NOT_FOUND")
    emp = await hire(hr, bkpsdm["id"], 1)
    await _refused(hr, HIRE, hire_input(bkpsdm["id"], 1), "DUPLICATE_NIP")
    eid = emp["id"]

    # Then the career proceeds decree by decree
    early = {"employeeId": eid, "effectiveOn": "2014-01-01", "decree": decree()}
    await _refused(hr, COMPLETE_PROBATION, early, "DATE_BEFORE_HIRE")
    await _ok(
        hr, COMPLETE_PROBATION, {"employeeId": eid, "effectiveOn": "2016-05-01", "decree": decree("821/2016")}
    )
    skip = {"employeeId": eid, "toRank": "III/c", "effectiveOn": "2019-05-01", "decree": decree("823/2019")}
    await _refused(hr, PROMOTE, skip, "RANK_NOT_NEXT")
    await _refused(hr, PROMOTE, skip | {"toRank": "III/b", "expectedVersion": 1}, "CONCURRENCY_CONFLICT")
    promoted = await _ok(hr, PROMOTE, skip | {"toRank": "III/b", "expectedVersion": 2, "reason": "reguler"})
    assert promoted["employee"]["rank"] == "III/b" and promoted["version"] == 3
    await _ok(
        hr,
        ASSIGN,
        {
            "employeeId": eid,
            "position": "Kepala Subbagian",
            "unitId": dinkes["id"],
            "change": "TRANSFER",
            "effectiveOn": "2020-01-01",
            "decree": decree("821.2/2020"),
        },
    )
    training = {
        "employeeId": eid,
        "title": "Pelatihan Kepemimpinan",
        "kind": "LEADERSHIP",
        "completedOn": "2020-06-30",
    }
    await _refused(hr, TRAINING, training | {"hours": 0}, "INVALID_INPUT")
    await _ok(hr, TRAINING, training | {"hours": 40})
    skp = {
        "employeeId": eid,
        "year": 2020,
        "workResult": "ABOVE",
        "behaviour": "ABOVE",
        "appraiserNip": APPRAISER_NIP,
    }
    await _ok(hr, APPRAISAL, skp)
    await _refused(hr, APPRAISAL, skp, "DUPLICATE_APPRAISAL")
    await _ok(
        hr,
        DISCIPLINE,
        {
            "employeeId": eid,
            "level": "SEDANG",
            "description": "Mangkir",
            "effectiveOn": "2021-01-04",
            "decree": decree("862/2021"),
        },
    )
    separated = await _ok(
        hr,
        SEPARATE,
        {
            "employeeId": eid,
            "reason": "RESIGNATION",
            "effectiveOn": "2022-01-01",
            "decree": decree("882/2021"),
        },
    )
    await _refused(hr, PROMOTE, skip | {"toRank": "III/c", "effectiveOn": "2023-05-01"}, "INVALID_STATE")
    await _refused(hr, PROMOTE, skip | {"employeeId": str(uuid.uuid4())}, "NOT_FOUND")

    # Then what hr and the auditors read agrees with what was recorded
    current = (await hr.data(EMPLOYEE, {"id": eid}))["employee"]
    assert current == separated["employee"] and current["status"] == "SEPARATED" and current["version"] == 8
    full = f"""{{ employee(id: "{eid}") {{ trainingHours(year: 2020) appraisals {{ year predikat }}
        history(first: 100) {{ edges {{ node {{ type }} }} }} }} }}"""
    details = (await hr.data(full))["employee"]
    assert details["trainingHours"] == 40 and details["appraisals"] == [
        {"year": 2020, "predikat": "SANGAT_BAIK"}
    ]
    assert len(details["history"]["edges"]) == 8
    as_of = f'{{ employeeAsOf(id: "{eid}", effectiveOn: "2019-12-31") {{ rank status unit {{ id }} }} }}'
    assert (await auditor.data(as_of))["employeeAsOf"] == {
        "rank": "III/b",
        "status": "ACTIVE",
        "unit": {"id": bkpsdm["id"]},
    }
    listed = (await auditor.data("{ employees(filter: {status: SEPARATED}) { totalCount } }"))["employees"]
    assert listed["totalCount"] == 1
    assert (await auditor.data('{ promotionCandidates(asOf: "2020-01-01") { id } }'))[
        "promotionCandidates"
    ] == []
    log = await auditor.data(
        f'{{ auditLog(filter: {{streamId: "{eid}"}}, first: 100) {{ edges {{ node {{ type }} }} }} }}'
    )
    assert len(log["auditLog"]["edges"]) == 8
    integrity = (await auditor.data("{ verifyIntegrity { ok checkedEvents } }"))["verifyIntegrity"]
    assert integrity == {"ok": True, "checkedEvents": 10}
    assert all(
        p["lag"] == 0 for p in (await auditor.data("{ projectionStatus { lag } }"))["projectionStatus"]
    )


async def test_a_complaint_from_filing_to_resolution(as_role: Callable[..., Api]) -> None:
    admin, hr, officer, auditor = (
        as_role("admin"),
        as_role("hr"),
        as_role("complaint_officer"),
        as_role("auditor"),
    )
    unit = await establish(admin, name="Dinas Kependudukan")
    emp = await hire(hr, unit["id"], 2)
    filed = await _ok(
        officer,
        FILE_COMPLAINT,
        {
            "channel": "LAPOR",
            "category": "PUNGLI",
            "description": "Diminta biaya KTP",
            "employeeId": emp["id"],
        },
    )
    cid = filed["complaint"]["id"]
    await _ok(hr, FILE_COMPLAINT, {"channel": "WEB", "category": "LAYANAN", "description": "Antre lama"})
    await _ok(officer, TRIAGE, {"complaintId": cid, "unitId": unit["id"], "expectedVersion": 1})
    done = {"complaintId": cid, "outcome": "SUBSTANTIATED", "resolution": "Pegawai dibina"}
    resolved = await _ok(officer, RESOLVE, done)
    assert (
        resolved["complaint"]["status"] == "RESOLVED" and resolved["complaint"]["employee"]["id"] == emp["id"]
    )
    await _refused(officer, RESOLVE, done, "INVALID_STATE")
    read = (await auditor.data(f'{{ complaint(id: "{cid}") {{ status outcome unit {{ id }} }} }}'))[
        "complaint"
    ]
    assert read == {"status": "RESOLVED", "outcome": "SUBSTANTIATED", "unit": {"id": unit["id"]}}
    listing = await officer.data("{ complaints(status: FILED) { totalCount edges { node { category } } } }")
    assert listing["complaints"]["totalCount"] == 1
    assert listing["complaints"]["edges"][0]["node"]["category"] == "LAYANAN"
