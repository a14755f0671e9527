"""Mutations: each command's payload (object, version, positions), its rule violations as UserErrors,
idempotency keys and expected versions."""

from __future__ import annotations

import uuid

from tests.graphql.api import (
    APPRAISAL,
    APPRAISER_NIP,
    ASSIGN,
    DISCIPLINE,
    EMPLOYEE,
    HIRE,
    PROMOTE,
    SEPARATE,
    TRAINING,
    Api,
    active_pns,
    decree,
    establish,
    hire_input,
)


async def _payload(api: Api, document: str, input: dict) -> dict:
    data = await api.data(document, {"input": input})
    return next(iter(data.values()))


def _codes(payload: dict) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]


async def test_a_career_is_recorded_decree_by_decree(admin: Api, hr: Api) -> None:
    unit, other = await establish(admin), await establish(admin, name="Dinas Kesehatan")
    emp = await active_pns(hr, unit["id"], 11)
    assert emp["status"] == "ACTIVE" and emp["version"] == 2
    steps = [
        (
            PROMOTE,
            {"toRank": "III/b", "effectiveOn": "2019-05-01", "decree": decree("823/2019", "2019-04-01")},
        ),
        (
            ASSIGN,
            {
                "position": "Kepala Seksi",
                "unitId": other["id"],
                "change": "PROMOTION",
                "effectiveOn": "2020-01-01",
                "decree": decree("821.2/2020", "2019-12-20"),
            },
        ),
        (TRAINING, {"title": "Latsar CPNS", "kind": "LATSAR", "hours": 24, "completedOn": "2020-03-10"}),
        (
            APPRAISAL,
            {"year": 2020, "workResult": "ABOVE", "behaviour": "MEETS", "appraiserNip": APPRAISER_NIP},
        ),
        (
            DISCIPLINE,
            {
                "level": "RINGAN",
                "description": "Terlambat",
                "effectiveOn": "2021-02-01",
                "decree": decree("862/2021", "2021-01-25"),
            },
        ),
        (
            SEPARATE,
            {
                "reason": "RESIGNATION",
                "effectiveOn": "2022-01-01",
                "decree": decree("882/2021", "2021-12-01"),
            },
        ),
    ]
    version = emp["version"]
    positions: list[int] = []
    for document, fields in steps:
        payload = await _payload(
            hr, document, {"employeeId": emp["id"], "expectedVersion": version, **fields}
        )
        assert payload["errors"] == [], payload
        assert payload["version"] == version + 1 and len(payload["positions"]) == 1
        version = payload["version"]
        positions += payload["positions"]
    assert positions == sorted(positions)
    final = payload["employee"]
    assert final["status"] == "SEPARATED" and final["rank"] == "III/b" and final["unit"]["id"] == other["id"]
    assert final["position"] == "Kepala Seksi" and final["version"] == 8


async def test_rule_violations_come_back_as_user_errors_and_append_nothing(admin: Api, hr: Api) -> None:
    unit = await establish(admin)
    emp = await active_pns(hr, unit["id"], 21)
    cases = [
        (HIRE, hire_input(unit["id"], 22, nip="123"), ("INVALID_NIP", "nip")),
        (HIRE, hire_input(unit["id"], 21), ("DUPLICATE_NIP", "nip")),
        (HIRE, hire_input(unit["id"], 23, rank="V/z"), ("INVALID_RANK", "rank")),
        (HIRE, hire_input(str(uuid.uuid4()), 24), ("NOT_FOUND", "unitId")),
        (HIRE, hire_input("not-a-uuid", 25), ("NOT_FOUND", "unitId")),
        (
            PROMOTE,
            {"employeeId": emp["id"], "toRank": "III/c", "effectiveOn": "2019-05-01", "decree": decree()},
            ("RANK_NOT_NEXT", "toRank"),
        ),
        (
            PROMOTE,
            {"employeeId": emp["id"], "toRank": "III/b", "effectiveOn": "2010-05-01", "decree": decree()},
            ("DATE_BEFORE_HIRE", "effectiveOn"),
        ),
        (
            TRAINING,
            {
                "employeeId": emp["id"],
                "title": "X",
                "kind": "SEMINAR",
                "hours": -3,
                "completedOn": "2020-01-01",
            },
            ("INVALID_INPUT", "hours"),
        ),
        (
            PROMOTE,
            {
                "employeeId": str(uuid.uuid4()),
                "toRank": "III/b",
                "effectiveOn": "2019-05-01",
                "decree": decree(),
            },
            ("NOT_FOUND", "employeeId"),
        ),
        (
            PROMOTE,
            {
                "employeeId": emp["id"],
                "toRank": "III/b",
                "effectiveOn": "2019-05-01",
                "decree": decree(),
                "expectedVersion": 1,
            },
            ("CONCURRENCY_CONFLICT", "expectedVersion"),
        ),
    ]
    for document, input, expected in cases:
        payload = await _payload(hr, document, input)
        assert _codes(payload) == [expected], (input, payload)
        assert payload["version"] is None and payload["positions"] == []
    after = (await hr.data(EMPLOYEE, {"id": emp["id"]}))["employee"]
    assert after == emp, "no refused command changed the employee"


async def test_one_final_appraisal_per_year_and_nothing_on_a_separated_employee(admin: Api, hr: Api) -> None:
    unit = await establish(admin)
    emp = await active_pns(hr, unit["id"], 31)
    skp = {
        "employeeId": emp["id"],
        "year": 2020,
        "workResult": "MEETS",
        "behaviour": "MEETS",
        "appraiserNip": APPRAISER_NIP,
    }
    assert (await _payload(hr, APPRAISAL, skp))["errors"] == []
    assert _codes(await _payload(hr, APPRAISAL, skp)) == [("DUPLICATE_APPRAISAL", "year")]
    leave = {"employeeId": emp["id"], "reason": "RESIGNATION", "effectiveOn": "2021-01-01"}
    leave["decree"] = decree()
    assert (await _payload(hr, SEPARATE, leave))["errors"] == []
    again = {"employeeId": emp["id"], "toRank": "III/b", "effectiveOn": "2021-05-01", "decree": decree()}
    assert [c for c, _ in _codes(await _payload(hr, PROMOTE, again))] == ["INVALID_STATE"]


async def test_a_repeated_idempotency_key_returns_the_first_result_and_appends_nothing(
    admin: Api, hr: Api
) -> None:
    unit = await establish(admin)
    input = hire_input(unit["id"], 41, idempotencyKey=f"hire-{uuid.uuid4()}")
    first = await _payload(hr, HIRE, input)
    second = await _payload(hr, HIRE, input)
    assert first["errors"] == second["errors"] == []
    assert second["positions"] == first["positions"] and second["employee"]["id"] == first["employee"]["id"]
    assert second["employee"]["version"] == 1


async def test_a_decree_without_a_number_is_an_input_error(admin: Api, hr: Api) -> None:
    unit = await establish(admin)
    payload = await _payload(
        hr, HIRE, hire_input(unit["id"], 52, decree={"number": "", "date": "2015-04-20"})
    )
    assert [c for c, _ in _codes(payload)] == ["INVALID_INPUT"]
    assert payload["employee"] is None
