"""The read audit (issue 19): every response that showed personal data of someone is one access-log entry
(fresh or from the response cache); a response without personal data, or a viewer's masked one, is none;
the log's own chain shows a row changed by hand."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import httpx
import pytest
from starlette.applications import Starlette

from riwayat.infra.access_log import AccessEntry, AccessLogWriter
from riwayat.infra.tenants import Tenant
from tests.graphql.api import Api, establish, hire, token

PERSONAL = "query P($id: ID!) { employee(id: $id) { id nip name birthDate } }"
NOT_PERSONAL = "query N($id: ID!) { employee(id: $id) { id nip name } }"
LOG = """query L($f: AccessLogFilter, $after: String) {
  accessLog(filter: $f, first: 10, after: $after) {
    totalCount edges { cursor node { position actor roles operation subjects fields requestId } }
    pageInfo { hasNextPage }
  }
}"""


async def _entries(app: Starlette, auditor: Api, **filter: Any) -> list[dict[str, Any]]:
    await app.state.services.access_log.flush()
    data = await auditor.data(LOG, {"f": filter or None})
    return [e["node"] for e in data["accessLog"]["edges"]]


async def test_one_entry_per_response_with_personal_data_cached_or_not(
    app: Starlette, http: httpx.AsyncClient, settings, tenant: Tenant
) -> None:
    hr = Api(http, token(settings, tenant.slug, "hr", subject="siti@bkpsdm"))
    viewer = Api(http, token(settings, tenant.slug, "viewer", subject="dashboard"))
    auditor = Api(http, token(settings, tenant.slug, "auditor", subject="bpk"))
    unit = await establish(Api(http, token(settings, tenant.slug, "admin")))
    first, second = await hire(hr, unit["id"], 1), await hire(hr, unit["id"], 2)
    hires = await _entries(app, auditor)  # the hire's answer shows the birth date to hr: logged too
    assert [(e["operation"], e["fields"]) for e in hires] == [
        ("hireEmployee", {first["id"]: ["birthDate"]}), ("hireEmployee", {second["id"]: ["birthDate"]}),
    ]  # fmt: skip

    shown = await hr.data(PERSONAL, {"id": first["id"]})
    assert shown["employee"]["birthDate"] is not None
    again = await hr.data(PERSONAL, {"id": first["id"]})  # the same answer, from the response cache
    assert again == shown
    await hr.data(NOT_PERSONAL, {"id": second["id"]})  # no personal field asked: nothing logged
    masked = await viewer.data(PERSONAL, {"id": second["id"]})
    assert masked["employee"]["birthDate"] is None  # masked for a viewer: nothing revealed, nothing logged

    entries = (await _entries(app, auditor))[2:]
    assert [(e["actor"], e["subjects"], e["fields"]) for e in entries] == [
        ("siti@bkpsdm", [first["id"]], {first["id"]: ["birthDate"]}),
    ] * 2
    assert entries[0]["requestId"] != entries[1]["requestId"] and entries[0]["roles"] == ["hr"]

    history = "query H($id: ID!) { employee(id: $id) { id history(first: 5) { edges { node { data } } } } }"
    await hr.data(history, {"id": second["id"]})  # Employee.Hired's data holds the birth date
    last = (await _entries(app, auditor, subjectId=second["id"]))[-1]
    assert last["fields"] == {second["id"]: ["data.birth_date"]}
    assert await _entries(app, auditor, actor="dashboard") == []
    assert len(await _entries(app, auditor, actor="siti@bkpsdm")) == 5
    report = "query R($id: ID!) { subjectDataReport(subjectId: $id) }"  # a data-subject request answered
    assert (await auditor.data(report, {"id": first["id"]}))["subjectDataReport"]["subjectId"] == first["id"]
    answered = await _entries(app, auditor, actor="bpk")
    assert [e["fields"] for e in answered] == [{first["id"]: ["subjectDataReport"]}]


async def test_the_chain_shows_a_row_changed_by_hand_and_a_cut_tail(
    app: Starlette, http: httpx.AsyncClient, settings, tenant: Tenant
) -> None:
    hr = Api(http, token(settings, tenant.slug, "hr"))
    auditor = Api(http, token(settings, tenant.slug, "auditor"))
    unit = await establish(Api(http, token(settings, tenant.slug, "admin")))
    employee = await hire(hr, unit["id"], 3)
    for _ in range(3):
        await hr.data(PERSONAL + " ", {"id": employee["id"]})  # fresh once, then from the cache
        await hr.data(PERSONAL + "  ", {"id": employee["id"]})
    await app.state.services.access_log.flush()
    integrity = "{ accessLogIntegrity { ok checked firstBrokenPosition } }"
    assert (await auditor.data(integrity))["accessLogIntegrity"] == {
        "ok": True,
        "checked": 7,  # the hire's answer and six reads
        "firstBrokenPosition": None,
    }

    pool = await app.state.services.db.pool_for_tenant(tenant.slug)
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
        await pool.execute(f"DELETE FROM {tenant.schema}.access_log WHERE position = 5")
    # what someone with the database owner's rights could still do: the chain shows it
    await pool.execute(f"ALTER TABLE {tenant.schema}.access_log DISABLE TRIGGER access_log_append_only")
    await pool.execute(f"UPDATE {tenant.schema}.access_log SET actor = 'someone else' WHERE position = 5")
    assert (await auditor.data(integrity))["accessLogIntegrity"]["firstBrokenPosition"] == 5
    await pool.execute(f"DELETE FROM {tenant.schema}.access_log WHERE position >= 5")
    broken = (await auditor.data(integrity))["accessLogIntegrity"]
    assert broken["ok"] is False and broken["checked"] == 4


async def test_what_is_queued_is_written_on_a_clean_shutdown(app: Starlette, tenant: Tenant) -> None:
    writer = AccessLogWriter(app.state.services.db)
    for i in range(200):
        writer.record(
            AccessEntry(
                tenant.slug, tenant.schema, f"r{i}", "hr@x", ("hr",), "employee", {"e": ["birthDate"]}
            )
        )
    await asyncio.sleep(0)
    await writer.close()  # what the app's lifespan does on shutdown
    pool = await app.state.services.db.pool_for_tenant(tenant.slug)
    assert await pool.fetchval(f"SELECT count(*) FROM {tenant.schema}.access_log") == 200
