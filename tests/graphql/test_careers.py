"""The career mutations and queries over the API (issue 14): a catalogued teacher position filled through
`assignPosition`, its BUP of 60 refusing an early RETIREMENT with its code, a posthumous promotion after a
death, a 6-month allowance cut in `promotionEligibility`, and a PPPK contract renewal pipeline."""

from __future__ import annotations

from typing import Any

from tests.graphql.api import (
    ASSIGN,
    DISCIPLINE,
    PROMOTE,
    SEPARATE,
    Api,
    active_pns,
    decree,
    employee_mutation,
    establish,
    hire,
)

CATALOGUE = """mutation($input: CataloguePositionInput!) { cataloguePosition(input: $input) {
  position { id name kind jenjang statute retirementAge seats filled vacant reportsToId unit { id } }
  version errors { code field message } } }"""
CHANGE = """mutation($input: ChangePositionInput!) { changePosition(input: $input) {
  position { id seats filled vacant } errors { code field } } }"""
EDUCATION = employee_mutation("recordEducation", "RecordEducationInput")
SIGN = employee_mutation("signContract", "SignContractInput")
RENEW = employee_mutation("renewContract", "RenewContractInput")
KGB = employee_mutation("grantSalaryStep", "GrantSalaryStepInput")
POSITIONS = """query($unit: ID!) { positions(unitId: $unit) { name seats filled vacant retirementAge } }"""
RETIRING = """query($within: Int!, $asOf: Date) { retirementsDue(within: $within, asOf: $asOf) {
  retiresOn retirementAge ageInferred employee { id name } } }"""
ELIGIBILITY = """query($id: ID!, $asOf: Date!) { promotionEligibility(employeeId: $id, asOf: $asOf) {
  eligible obstacles { code message } } }"""


async def _ok(api: Api, document: str, input: dict[str, Any]) -> dict[str, Any]:
    body = await api.data(document, {"input": input})
    payload = next(iter(body.values()))
    assert payload["errors"] == [], payload
    return payload


async def test_a_catalogued_teacher_position_fills_a_seat_and_sets_the_bup_at_60(hr: Api, admin: Api) -> None:
    unit = await establish(admin)
    head = (await _ok(hr, CATALOGUE, {"name": "Kepala Dinas Pendidikan", "kind": "JPT_PRATAMA",
                                      "unitId": unit["id"], "jobClass": 14, "seats": 1,
                                      "effectiveOn": "2015-01-01"}))["position"]  # fmt: skip
    guru = (await _ok(hr, CATALOGUE, {"name": "Guru Ahli Pertama", "kind": "FUNGSIONAL_KEAHLIAN",
                                      "jenjang": "AHLI_PERTAMA", "statute": "GURU", "unitId": unit["id"],
                                      "jobClass": 8, "seats": 2, "effectiveOn": "2015-01-01",
                                      "reportsTo": head["id"]}))["position"]  # fmt: skip
    assert (guru["retirementAge"], guru["reportsToId"], guru["vacant"]) == (60, head["id"], 2)
    emp = await active_pns(hr, unit["id"], 901)  # born 1986-09-26
    moved = await _ok(hr, ASSIGN, {"employeeId": emp["id"], "position": "ignored", "unitId": unit["id"],
                                   "change": "ROTATION", "effectiveOn": "2017-01-01", "decree": decree(),
                                   "positionId": guru["id"]})  # fmt: skip
    assert moved["employee"]["position"] == "Guru Ahli Pertama"
    seats = (await hr.data(POSITIONS, {"unit": unit["id"]}))["positions"]
    assert [(p["name"], p["filled"], p["vacant"]) for p in seats] == [
        ("Kepala Dinas Pendidikan", 0, 1), ("Guru Ahli Pertama", 1, 1),
    ]  # fmt: skip

    early = {"employeeId": emp["id"], "reason": "RETIREMENT", "effectiveOn": "2044-10-01", "decree": decree()}
    refused = (await hr.data(SEPARATE, {"input": early}))["separateEmployee"]
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("BEFORE_RETIREMENT_AGE", "effectiveOn")]
    due = (await hr.data(RETIRING, {"within": 12, "asOf": "2046-01-01"}))["retirementsDue"]
    assert [(r["employee"]["id"], r["retiresOn"], r["retirementAge"], r["ageInferred"]) for r in due] == [
        (emp["id"], "2046-10-01", 60, False)
    ]
    full = await _ok(hr, CHANGE, {"positionId": guru["id"], "effectiveOn": "2020-01-01", "seats": 1})
    assert full["position"]["vacant"] == 0


async def test_a_posthumous_promotion_is_recorded_after_the_death(hr: Api, admin: Api) -> None:
    unit = await establish(admin)
    emp = await active_pns(hr, unit["id"], 902)
    died = {
        "employeeId": emp["id"],
        "reason": "DEATH_ON_DUTY",
        "effectiveOn": "2022-07-13",
        "decree": decree(),
    }
    await _ok(hr, SEPARATE, died)
    anumerta = {"employeeId": emp["id"], "toRank": "III/b", "effectiveOn": "2022-07-13", "kind": "POSTHUMOUS",
                "decree": decree("823/2022", "2022-08-20")}  # fmt: skip
    promoted = await _ok(hr, PROMOTE, anumerta)
    assert (promoted["employee"]["rank"], promoted["employee"]["status"]) == ("III/b", "SEPARATED")


async def test_eligibility_reports_a_6_month_cut_until_it_ends_and_the_education_ceiling(
    hr: Api, admin: Api
) -> None:
    unit = await establish(admin)
    emp = await active_pns(hr, unit["id"], 903)
    cut = {"employeeId": emp["id"], "kind": "ALLOWANCE_CUT_25", "months": 6, "description": "Mangkir",
           "effectiveOn": "2025-01-01", "decree": decree()}  # fmt: skip
    await _ok(hr, DISCIPLINE, cut)
    await _ok(hr, EDUCATION, {"employeeId": emp["id"], "level": "S1", "institution": "USU",
                              "graduatedOn": "2014-08-01"})  # fmt: skip
    during = (await hr.data(ELIGIBILITY, {"id": emp["id"], "asOf": "2025-06-30"}))["promotionEligibility"]
    assert "SANCTION" in [o["code"] for o in during["obstacles"]]
    after = (await hr.data(ELIGIBILITY, {"id": emp["id"], "asOf": "2025-07-01"}))["promotionEligibility"]
    assert "SANCTION" not in [o["code"] for o in after["obstacles"]]
    assert [o["code"] for o in after["obstacles"]] == ["APPRAISAL", "APPRAISAL"]  # no SKP for 2023, 2024


async def test_pppk_contracts_renew_without_overlap_and_show_in_the_expiry_pipeline(
    hr: Api, admin: Api
) -> None:
    unit = await establish(admin)
    person = {"nip": "199001152021212905", "name": "Siti", "gender": "FEMALE", "birthDate": "1990-01-15"}
    pppk = await hire(hr, unit["id"], 0, employmentType="PPPK", rank="IX", effectiveOn="2021-03-01", **person)
    first = {"employeeId": pppk["id"], "startOn": "2021-03-01", "endOn": "2026-02-28"}
    first |= {"workTime": "FULL_TIME", "niPppk": "199001152021212905", "decree": decree()}
    await _ok(hr, SIGN, first)
    overlap = first | {"startOn": "2026-02-01", "endOn": "2027-01-31", "niPppk": "199001152021222905"}
    refused = (await hr.data(RENEW, {"input": overlap}))["renewContract"]
    assert [e["code"] for e in refused["errors"]] == ["CONTRACT_OVERLAP"]
    expiring = await hr.data('{ contractsExpiring(within: 3, asOf: "2026-01-01") { endOn employee { id } } }')
    assert expiring["contractsExpiring"] == [{"endOn": "2026-02-28", "employee": {"id": pppk["id"]}}]
    await _ok(hr, RENEW, overlap | {"startOn": "2026-03-01", "endOn": "2027-02-28", "workTime": "PART_TIME"})
    early = {
        "employeeId": pppk["id"],
        "reason": "CONTRACT_END",
        "effectiveOn": "2027-02-28",
        "decree": decree(),
    }
    assert [e["code"] for e in (await hr.data(SEPARATE, {"input": early}))["separateEmployee"]["errors"]] == [
        "CONTRACT_NOT_ENDED"
    ]
    not_yet = {"employeeId": pppk["id"], "effectiveOn": "2023-02-01", "decree": decree()}
    assert [e["code"] for e in (await hr.data(KGB, {"input": not_yet}))["grantSalaryStep"]["errors"]] == [
        "SALARY_STEP_NOT_DUE"
    ]
    await _ok(hr, KGB, not_yet | {"effectiveOn": "2023-03-01"})
