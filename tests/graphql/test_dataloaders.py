"""No N+1: a page of employees with their unit, appraisals and training hours costs the same number of
SQL statements whether it holds 2 employees or 20."""

from __future__ import annotations

from tests.graphql.api import APPRAISAL, APPRAISER_NIP, TRAINING, Api, establish, hire

PAGE = """query($first: Int) { employees(first: $first) { totalCount edges { node {
  name unit { code name } appraisals { year predikat } trainingHours(year: 2016) } } } }"""


async def test_nested_lookups_are_batched_per_level_not_per_employee(
    admin: Api, hr: Api, statements: list[str]
) -> None:
    units = [await establish(admin) for _ in range(3)]
    for seq in range(1, 21):
        emp = await hire(hr, units[seq % 3]["id"], seq)
        training = {
            "employeeId": emp["id"],
            "title": "Orientasi",
            "kind": "CLASSROOM",
            "hours": seq,
            "completedOn": "2016-02-01",
        }
        skp = {
            "employeeId": emp["id"],
            "year": 2015,
            "workResult": "MEETS",
            "behaviour": "ABOVE",
            "appraiserNip": APPRAISER_NIP,
        }
        assert (await hr.data(TRAINING, {"input": training}))["recordTraining"]["errors"] == []
        assert (await hr.data(APPRAISAL, {"input": skp}))["recordAppraisal"]["errors"] == []

    statements.clear()
    small = (await hr.data(PAGE, {"first": 2}))["employees"]
    for_two = len(statements)
    statements.clear()
    page = (await hr.data(PAGE, {"first": 20}))["employees"]
    for_twenty = len(statements)

    assert len(small["edges"]) == 2 and len(page["edges"]) == 20 and page["totalCount"] == 20
    # list, count, units, appraisals, training hours — plus the response cache's head-position check
    assert for_twenty == for_two <= 6, statements
    assert sum(".head" in q for q in statements) == 1
    hours = sorted(e["node"]["trainingHours"] for e in page["edges"])
    assert hours == list(range(1, 21))
    assert all(e["node"]["appraisals"] == [{"year": 2015, "predikat": "BAIK"}] for e in page["edges"])
    assert {e["node"]["unit"]["code"] for e in page["edges"]} == {u["code"] for u in units}


async def test_the_total_is_counted_only_when_the_query_asks_for_it(
    admin: Api, hr: Api, statements: list[str]
) -> None:
    unit = await establish(admin)
    for seq in range(1, 4):
        await hire(hr, unit["id"], seq)

    statements.clear()
    page = (await hr.data("{ employees(first: 2) { edges { node { name } } } }"))["employees"]
    counts_without = sum("count(" in q.lower() for q in statements)
    statements.clear()
    counted = (await hr.data("{ employees(first: 2) { totalCount edges { node { name } } } }"))["employees"]
    counts_with = sum("count(" in q.lower() for q in statements)

    assert len(page["edges"]) == 2 and counted["totalCount"] == 3
    assert (counts_without, counts_with) == (0, 1), statements
