"""Faults are masked (and logged with the request id); oversized or abusive documents are refused clearly."""

from __future__ import annotations

import logging

import pytest

from riwayat.graphql import cursors
from riwayat.projections import org_units
from tests.graphql.api import Api


async def test_an_unexpected_fault_is_masked_for_the_caller_and_logged_with_its_request_id(
    admin: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args: object) -> list:
        raise RuntimeError("connection to postgres://secret@db failed")

    monkeypatch.setattr(org_units, "list_units", broken)
    admin.headers["X-Request-Id"] = "req-fault-1"
    with caplog.at_level(logging.ERROR, logger="riwayat.graphql"):
        response = await admin.post("{ orgUnits { id } }")
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["message"] == "internal error"
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-fault-1"}
    assert "secret" not in response.text and "Traceback" not in response.text
    [record] = [r for r in caplog.records if "req-fault-1" in r.getMessage()]
    assert record.exc_info and "postgres://secret" in str(record.exc_info[1])


async def test_a_depth_bomb_is_refused_before_execution(admin: Api) -> None:
    bomb = "{ employees { edges { node { unit " + "{ a " * 20 + "}" * 20 + " } } } }"
    body = await admin.run(bomb)
    assert any("exceeds maximum operation depth" in e["message"] for e in body["errors"])
    assert "data" not in body or body["data"] is None


async def test_more_than_30_aliases_are_refused(admin: Api) -> None:
    query = "{ " + " ".join(f"u{i}: orgUnits {{ id }}" for i in range(31)) + " }"
    body = await admin.run(query)
    assert body["errors"][0]["message"] == "31 aliases found. Allowed: 30"


async def test_a_2000_alias_document_is_refused_by_the_token_limit(admin: Api) -> None:
    query = "{ " + " ".join(f"u{i}: orgUnits {{ id }}" for i in range(2000)) + " }"
    body = await admin.run(query)
    assert "more than 2000 tokens" in body["errors"][0]["message"]


async def test_unknown_fields_are_validation_errors_not_faults(admin: Api) -> None:
    body = await admin.run("{ employeez { totalCount } }")
    assert body["errors"][0]["message"].startswith("Cannot query field 'employeez'")


@pytest.mark.parametrize(
    "query",
    [
        '{ promotionCandidates(asOf: "9999-12-31") { id } }',
        '{ employeeAsOf(id: "x", recordedAt: "0001-01-01T00:00:00+14:00") { id } }',
        '{ auditLog(filter: {to: "9999-12-31T23:59:59-12:00"}) { edges { cursor } } }',
    ],
)
async def test_dates_outside_1900_to_2199_are_refused_as_input_errors(admin: Api, query: str) -> None:
    body = await admin.run(query)
    assert "within the years 1900-2199" in body["errors"][0]["message"]


async def test_a_forged_cursor_with_a_huge_number_is_refused_not_a_fault(admin: Api) -> None:
    forged = cursors.encode("log", 2**63)
    assert await admin.error_codes(f'{{ auditLog(after: "{forged}") {{ edges {{ cursor }} }} }}') == [
        "BAD_USER_INPUT"
    ]
    forged = cursors.encode("complaint", "0001-01-01T00:00:00+14:00", "00000000-0000-0000-0000-000000000000")
    assert await admin.error_codes(f'{{ complaints(after: "{forged}") {{ totalCount }} }}') == [
        "BAD_USER_INPUT"
    ]


EMPLOYEES_WITH_HISTORY = (
    "employees(first: {n}) {{ edges {{ node {{ nip"
    " history(first: {h}) {{ edges {{ node {{ type position }} }} }} }} }} }}"
)


async def test_a_query_too_costly_in_rows_times_nesting_is_refused_before_execution(
    admin: Api, statements: list[str]
) -> None:
    # 30 aliases pass the alias limit and 7 levels the depth limit; their product was a 5.8 MB answer.
    aliases = " ".join(f"a{i}: " + EMPLOYEES_WITH_HISTORY.format(n=100, h=100) for i in range(30))
    body = await admin.run("{ " + aliases + " }")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "COST_LIMIT_EXCEEDED"
    assert "over the limit" in error["message"] and body.get("data") is None
    assert not [s for s in statements if "employees" in s]  # nothing was read

    # A variable `first` counts at its maximum; the same document with small literal pages is fine.
    with_variable = (
        "query($n: Int) { "
        + " ".join(
            f"a{i}: employees(first: $n) {{ edges {{ node {{"
            " history(first: $n) { edges { cursor } } } } }"
            for i in range(30)
        )
        + " }"
    )
    assert await admin.error_codes(with_variable, {"n": 2}) == ["COST_LIMIT_EXCEEDED"]
    small = "{ " + " ".join(f"a{i}: " + EMPLOYEES_WITH_HISTORY.format(n=5, h=5) for i in range(30)) + " }"
    assert (await admin.data(small))["a0"] == {"edges": []}
    one_big_page = "{ " + EMPLOYEES_WITH_HISTORY.format(n=100, h=50) + " }"
    assert (await admin.data(one_big_page))["employees"] == {"edges": []}


@pytest.mark.parametrize("value", ["20240101", "2024-W01-1", "2024-001", "2024-1-1", "2024-01-01T00:00"])
async def test_dates_are_accepted_only_as_yyyy_mm_dd(admin: Api, value: str) -> None:
    literal = await admin.run(f'{{ promotionCandidates(asOf: "{value}") {{ id }} }}')
    assert "YYYY-MM-DD" in literal["errors"][0]["message"] and literal.get("data") is None
    variable = await admin.run("query($d: Date!) { promotionCandidates(asOf: $d) { id } }", {"d": value})
    assert "YYYY-MM-DD" in variable["errors"][0]["message"]
    assert (await admin.data('{ promotionCandidates(asOf: "2024-01-01") { id } }')) == {
        "promotionCandidates": []
    }


async def test_projection_status_never_reports_a_negative_lag_when_a_write_lands_between_reads(
    admin: Api, tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real append is committed right after the head is read (the worst moment): head and checkpoints
    must come from one snapshot, or the checkpoints run ahead of the head read before them."""
    import asyncpg

    from tests.graphql.api import ESTABLISH

    first = await admin.run(ESTABLISH, {"input": {"code": "BKPSDM", "name": "Badan Kepegawaian"}})
    assert first["data"]["establishOrgUnit"]["errors"] == []
    armed = {"on": True}

    def then_write(original):
        async def read_then_write(self, query, *args, **kw):
            value = await original(self, query, *args, **kw)
            if armed["on"] and f"{tenant.schema}.head" in query:  # the first statement reading the head
                armed["on"] = False
                written = await admin.run(ESTABLISH, {"input": {"code": "BAPPEDA", "name": "Bappeda"}})
                assert written["data"]["establishOrgUnit"]["errors"] == []
            return value

        return read_then_write

    for name in ("fetch", "fetchval", "fetchrow"):
        original = getattr(asyncpg.connection.Connection, name)
        monkeypatch.setattr(asyncpg.connection.Connection, name, then_write(original))
    status = (await admin.data("{ projectionStatus { name position lag } }"))["projectionStatus"]
    assert not armed["on"], "the write was not injected"
    assert all(p["lag"] == 0 for p in status), status
    assert {p["position"] for p in status} == {1}  # the snapshot before B; B is seen next time
    monkeypatch.undo()
    status = (await admin.data("{ projectionStatus { name position lag } }"))["projectionStatus"]
    assert {(p["position"], p["lag"]) for p in status} == {(2, 0)}
