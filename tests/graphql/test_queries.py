"""Directory queries: pages with opaque cursors and totals, filters, page-size bounds, lookups."""

from __future__ import annotations

import base64
import uuid

import pytest

from tests.graphql.api import APPRAISAL, APPRAISER_NIP, EMPLOYEE, Api, active_pns, establish, hire

EMPLOYEES = """query($filter: EmployeeFilter, $first: Int, $after: String) {
  employees(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name nip status } } } }"""


async def test_the_directory_pages_by_name_with_opaque_cursors_and_a_total(admin: Api, hr: Api) -> None:
    unit = await establish(admin)
    for seq in (5, 3, 1, 4, 2):
        await hire(hr, unit["id"], seq)
    names, after = [], None
    for _ in range(3):
        page = (await hr.data(EMPLOYEES, {"first": 2, "after": after}))["employees"]
        assert page["totalCount"] == 5
        names += [e["node"]["name"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"]
        assert after is None or base64.urlsafe_b64decode(after)  # opaque, but ours
    assert names == sorted(names) and len(names) == 5
    assert page["pageInfo"]["hasNextPage"] is False


async def test_the_directory_filters_by_unit_status_type_and_search(admin: Api, hr: Api) -> None:
    a, b = await establish(admin), await establish(admin)
    await hire(hr, a["id"], 1, name="Ani Lestari")
    await active_pns(hr, b["id"], 2)

    async def total(**filter: object) -> int:
        return (await hr.data(EMPLOYEES, {"filter": filter}))["employees"]["totalCount"]

    assert await total(unitId=a["id"]) == 1
    assert await total(status="ACTIVE") == 1
    assert await total(employmentType="PPPK") == 0
    assert await total(search="lestari") == 1
    assert await total(search="198609262015051") == 2
    assert await total(search="%' OR 1=1 --") == 0
    assert await total(unitId="not-a-uuid") == 0


@pytest.mark.parametrize("first", [0, -5, 101, 100000])
async def test_a_page_size_outside_1_to_100_is_a_clear_bad_user_input_error(hr: Api, first: int) -> None:
    body = await hr.run(EMPLOYEES, {"first": first})
    error = body["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "first"}
    assert "between 1 and 100" in error["message"]


async def test_a_forged_cursor_is_a_bad_user_input_error(hr: Api) -> None:
    for cursor in ("garbage!", base64.urlsafe_b64encode(b'["complaint", "x", "y"]').decode()):
        assert await hr.error_codes(EMPLOYEES, {"after": cursor}) == ["BAD_USER_INPUT"]


async def test_employee_lookups_by_a_bad_or_unknown_id_answer_null(hr: Api) -> None:
    for value in ("not-a-uuid", str(uuid.uuid4()), "1' OR '1'='1"):
        assert (await hr.data(EMPLOYEE, {"id": value}))["employee"] is None


async def test_employee_needs_exactly_one_of_id_and_nip(hr: Api) -> None:
    assert await hr.error_codes("{ employee { id } }") == ["BAD_USER_INPUT"]


async def test_promotion_candidates_are_active_pns_four_years_in_rank_with_good_appraisals(
    admin: Api, hr: Api
) -> None:
    unit = await establish(admin)
    due = await active_pns(hr, unit["id"], 1)
    await active_pns(hr, unit["id"], 2)  # no appraisals: not due
    await hire(hr, unit["id"], 3)  # still a CPNS: not due
    for year in (2018, 2019):
        skp = {
            "employeeId": due["id"],
            "year": year,
            "workResult": "MEETS",
            "behaviour": "MEETS",
            "appraiserNip": APPRAISER_NIP,
        }
        assert (await hr.data(APPRAISAL, {"input": skp}))["recordAppraisal"]["errors"] == []
    query = "query($d: Date!) { promotionCandidates(asOf: $d) { id rank } }"
    assert (await hr.data(query, {"d": "2020-01-01"}))["promotionCandidates"] == [
        {"id": due["id"], "rank": "III/a"}
    ]
