"""The first slice end to end: establish a unit, hire into it, read the employee back."""

from __future__ import annotations

from tests.graphql.api import EMPLOYEE, EMPLOYEE_BY_NIP, Api, establish, hire, pns_nip


async def test_a_hired_employee_can_be_read_back_by_id_and_by_nip(admin: Api, hr: Api) -> None:
    # Given a unit
    unit = await establish(admin, name="Dinas Pendidikan")
    # When hr hires a CPNS into it
    hired = await hire(hr, unit["id"], 1)
    # Then the payload and the queries show the candidate in that unit
    assert hired["status"] == "CANDIDATE" and hired["rank"] == "III/a" and hired["version"] == 1
    by_id = (await hr.data(EMPLOYEE, {"id": hired["id"]}))["employee"]
    assert by_id == hired
    spaced = "19860926 201505 1 001"
    assert (await hr.data(EMPLOYEE_BY_NIP, {"nip": spaced}))["employee"]["nip"] == pns_nip(1)
    assert by_id["unit"]["name"] == "Dinas Pendidikan" and by_id["unit"]["headcount"] == 1
