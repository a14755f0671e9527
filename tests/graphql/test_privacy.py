"""Personal data (issue 19): a complainant's contact is sealed in the ledger, readable by auditors,
erasable by admin (crypto-shredding), and the chain still verifies afterwards."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from pathlib import Path

from starlette.applications import Starlette

from riwayat.domain.complaint import Complaint
from riwayat.infra.audit import export_tenant, verify_file
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.rebuild import rebuild
from tests.graphql.api import FILE_COMPLAINT, Api

CONTACT = "0812-5555-0199 siti.aminah@contoh.id"
LOG = """query($stream: ID) { auditLog(filter: {streamId: $stream}) { edges { node { type data } } } }"""
ERASE = """mutation($input: EraseSubjectDataInput!) { eraseSubjectData(input: $input) {
  subjectId erasedFields keptFields { field why } erasureId errors { code field message } } }"""
REPORT = "query($id: ID!) { subjectDataReport(subjectId: $id) }"
VERIFY = "{ verifyIntegrity { ok checkedEvents } }"


async def _file(api: Api, contact: str = CONTACT) -> str:
    input = {
        "channel": "WEB",
        "category": "PELAYANAN",
        "description": "Antrian lama",
        "reporterContact": contact,
    }
    payload = (await api.data(FILE_COMPLAINT, {"input": input}))["fileComplaint"]
    assert payload["errors"] == [], payload
    return payload["complaint"]["id"]


async def tables_holding(db: Database, tenant: Tenant, text: str) -> list[str]:
    """Every table of the tenant's schema whose rows, as text, contain `text`."""
    pool = await db.pool_for_tenant(tenant.slug)
    names = [
        r["table_name"]
        for r in await pool.fetch(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
            tenant.schema,
        )
    ]
    found = []
    for name in names:
        if await pool.fetchval(
            f'SELECT count(*) FROM {tenant.schema}."{name}" t WHERE t::text LIKE $1', f"%{text}%"
        ):
            found.append(name)
    return found


def _filed(log: dict) -> dict:
    return next(e["node"]["data"] for e in log["auditLog"]["edges"] if e["node"]["type"] == "Complaint.Filed")


async def test_a_contact_is_sealed_readable_by_auditors_and_erased_for_good(
    as_role: Callable[..., Api], admin: Api, db: Database, tenant: Tenant, app: Starlette, tmp_path: Path
) -> None:
    officer, auditor = as_role("complaint_officer"), as_role("auditor")
    complaint = await _file(officer)
    assert await tables_holding(db, tenant, "0812-5555") == []
    assert await tables_holding(db, tenant, "siti.aminah") == []
    assert _filed(await auditor.data(LOG, {"stream": complaint}))["reporter_contact"] == CONTACT
    report = (await auditor.data(REPORT, {"id": complaint}))["subjectDataReport"]
    assert report["events"][0]["data"]["reporter_contact"] == CONTACT

    refused = await as_role("hr").run(
        ERASE, {"input": {"subjectId": complaint, "reason": "r", "legalBasis": "b"}}
    )
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    request = {"subjectId": complaint, "reason": "permintaan pelapor", "legalBasis": "REQ-2026/014"}
    erased = (await admin.data(ERASE, {"input": request}))["eraseSubjectData"]
    assert erased["errors"] == [] and erased["erasedFields"] == ["reporter_contact"]

    after = _filed(await auditor.data(LOG, {"stream": complaint}))
    assert after["reporter_contact"] is None and after["$erased"] == ["reporter_contact"]
    report = (await auditor.data(REPORT, {"id": complaint}))["subjectDataReport"]
    assert report["events"][0]["data"]["reporter_contact"] is None
    assert report["keys"][complaint]["erasedAt"] is not None
    erasure_log = await auditor.data(LOG, {"stream": erased["erasureId"]})
    erasure = erasure_log["auditLog"]["edges"][0]["node"]
    assert erasure["type"] == "DataErasure.Recorded" and CONTACT not in str(erasure)
    assert erasure["data"]["erased_fields"] == ["reporter_contact"]

    store = app.state.services.store
    await rebuild(store, tenant)
    assert await tables_holding(db, tenant, "0812-5555") == []
    exported = io.BytesIO()
    await export_tenant(store, tenant, exported)
    assert b"0812-5555" not in exported.getvalue() and b"siti.aminah" not in exported.getvalue()
    path = tmp_path / "export.ndjson"
    path.write_bytes(exported.getvalue())
    assert verify_file(path).ok
    assert (await auditor.data(VERIFY))["verifyIntegrity"]["ok"] is True
    # Erasure is for good: asking again erases nothing new and still answers.
    again = (await admin.data(ERASE, {"input": request}))["eraseSubjectData"]
    assert again["errors"] == []


async def test_a_key_row_changed_by_hand_fails_the_read_with_a_code(
    as_role: Callable[..., Api], db: Database, tenant: Tenant
) -> None:
    officer, auditor = as_role("complaint_officer"), as_role("auditor")
    first, second = await _file(officer), await _file(officer, "0813-0000-1111")
    pool = await db.pool_for_tenant(tenant.slug)
    # Another subject's key copied over this one's: it must not open the other's data, nor this one's.
    await pool.execute(
        f"UPDATE {tenant.schema}.subject_keys SET wrapped = (SELECT wrapped FROM {tenant.schema}.subject_keys"
        " WHERE subject_id = $2) WHERE subject_id = $1",
        first_id := uuid.UUID(first),
        uuid.UUID(second),
    )
    body = await auditor.run(LOG, {"stream": first})
    assert body["errors"][0]["extensions"]["code"] == "PERSONAL_DATA_KEY_INVALID"
    assert CONTACT not in str(body) and "0813-0000-1111" not in str(body)
    await pool.execute(
        f"UPDATE {tenant.schema}.subject_keys SET wrapped = overlay(wrapped placing '\\x00' from 20 for 1)"
        " WHERE subject_id = $1",
        first_id,
    )
    body = await auditor.run(REPORT, {"id": first})
    assert body["errors"][0]["extensions"]["code"] == "PERSONAL_DATA_KEY_INVALID"
    # The other subject still reads.
    assert _filed(await auditor.data(LOG, {"stream": second}))["reporter_contact"] == "0813-0000-1111"


async def test_events_written_before_encryption_still_verify_and_say_they_are_kept(
    as_role: Callable[..., Api], admin: Api, db: Database, tenant: Tenant
) -> None:
    old = Complaint.file(
        channel="WEB", category="PELAYANAN", description="lama", employee_id=None, unit_id=None,
        reporter_contact="0811-2222-3333", tracking_code=None, received_on=None, anonymous=False,
        confidential=False, lapor_ticket=None,
    )  # fmt: skip
    before = EventStore(db)  # the store as it was before issue 19: no privacy
    await before.append(tenant, old.collect_events(), metadata={"actor": "old-version"})
    auditor = as_role("auditor")
    new = await _file(as_role("complaint_officer"))
    assert (await auditor.data(VERIFY))["verifyIntegrity"]["ok"] is True
    assert _filed(await auditor.data(LOG, {"stream": str(old.id)}))["reporter_contact"] == "0811-2222-3333"
    assert _filed(await auditor.data(LOG, {"stream": new}))["reporter_contact"] == CONTACT
    request = {"subjectId": str(old.id), "reason": "permintaan", "legalBasis": "REQ-1"}
    answer = (await admin.data(ERASE, {"input": request}))["eraseSubjectData"]
    assert answer["erasedFields"] == [] and [k["field"] for k in answer["keptFields"]] == ["reporter_contact"]
    assert "plain text" in answer["keptFields"][0]["why"]
    assert (await auditor.data(VERIFY))["verifyIntegrity"]["ok"] is True


async def test_viewers_and_unknown_subjects(as_role: Callable[..., Api], admin: Api) -> None:
    missing = {"subjectId": "00000000-0000-4000-8000-000000000000", "reason": "r", "legalBasis": "b"}
    answer = (await admin.data(ERASE, {"input": missing}))["eraseSubjectData"]
    assert [e["code"] for e in answer["errors"]] == ["NOT_FOUND"]
    body = await as_role("viewer").run(REPORT, {"id": missing["subjectId"]})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    blank = {"subjectId": await _file(as_role("complaint_officer")), "reason": " ", "legalBasis": "b"}
    assert [e["code"] for e in (await admin.data(ERASE, {"input": blank}))["eraseSubjectData"]["errors"]] == [
        "INVALID_INPUT"
    ]


EMPLOYEE = "query($id: ID!) { employee(id: $id) { nip name history { edges { node { type data } } } } }"
AS_OF = 'query($id: ID!) { employeeAsOf(id: $id, effectiveOn: "2025-06-01") { nip name rank } }'


async def test_an_employees_birthplace_is_erased_while_nip_name_and_decrees_stay(
    hr: Api, admin: Api, as_role: Callable[..., Api], db: Database, tenant: Tenant
) -> None:
    from tests.graphql.api import establish
    from tests.graphql.test_onboarding import ENROL, enrol_input

    unit = await establish(admin)
    enrolled = await hr.data(ENROL, {"input": enrol_input(unit["id"], birthplace="Sungai Penuh Xq")})
    employee = enrolled["enrollEmployee"]["employee"]["id"]
    assert await tables_holding(db, tenant, "Sungai Penuh Xq") == []
    history = (await hr.data(EMPLOYEE, {"id": employee}))["employee"]["history"]["edges"]
    assert history[0]["node"]["data"]["birthplace"] == "Sungai Penuh Xq"

    request = {"subjectId": employee, "reason": "permintaan pegawai", "legalBasis": "REQ-2026/020"}
    answer = (await admin.data(ERASE, {"input": request}))["eraseSubjectData"]
    assert answer["errors"] == [] and answer["erasedFields"] == ["birthplace"]
    kept = {k["field"] for k in answer["keptFields"]}
    assert {"nip", "name", "birth_date", "decrees"} <= kept and "birthplace" not in kept
    after = await as_role("auditor").data(EMPLOYEE, {"id": employee})
    assert after["employee"]["nip"] == "198609262012041001" and after["employee"]["name"] == "Rahmat Hidayat"
    data = after["employee"]["history"]["edges"][0]["node"]["data"]
    assert data["birthplace"] is None and data["$erased"] == ["birthplace"]
    assert data["rank_decree"]["number"] == "823/2020/BKD" and data["nip"] == "198609262012041001"
    as_of = (await hr.data(AS_OF, {"id": employee}))["employeeAsOf"]
    assert as_of["nip"] == "198609262012041001" and as_of["rank"] == "III/c"
    assert (await as_role("auditor").data(VERIFY))["verifyIntegrity"]["ok"] is True


async def test_an_employee_reads_their_own_report_and_nobody_elses(
    hr: Api, admin: Api, as_role: Callable[..., Api]
) -> None:
    from tests.graphql.api import establish
    from tests.graphql.test_onboarding import ENROL, enrol_input

    unit = await establish(admin)
    mine = (await hr.data(ENROL, {"input": enrol_input(unit["id"], birthplace="Padang")}))["enrollEmployee"]
    other = await _file(as_role("complaint_officer"))
    me = as_role("employee", subject=mine["employee"]["nip"])
    report = (await me.data(REPORT, {"id": mine["employee"]["id"]}))["subjectDataReport"]
    assert report["events"][0]["data"]["birthplace"] == "Padang"
    assert report["personalFields"]["erasable"] == ["birthplace"]
    refused = await me.run(REPORT, {"id": other})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN" and CONTACT not in str(refused)
