"""The README's GraphQL tour stays true: every example runs against demo data without errors.

Placeholders the README asks the reader to fill (`EMPLOYEE_ID`, `NEXT_RANK`) are filled from the data, as a
reader would from the directory query.
"""

from __future__ import annotations

import io
import re
import uuid
from pathlib import Path

import pytest

from riwayat.demo import load_demo_into
from riwayat.domain.enums import EmploymentType
from riwayat.domain.rank import Rank
from tests.graphql.api import Api, token

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
PNS = EmploymentType.PNS
PICK = """{ employees(filter: {status: ACTIVE, employmentType: PNS}, first: 100) {
  edges { node { id rank rankSince } } } }"""


@pytest.fixture(scope="module")
async def demo(app, settings) -> str:
    slug = f"readme{uuid.uuid4().hex[:8]}"
    code = await load_demo_into(
        app.state.services,
        employees=40,
        seed=1275,
        tenants=[(slug, "Pemerintah Kota Medan (README)", "medan")],
        out=io.StringIO(),
        show_progress=False,
    )
    assert code == 0
    return slug


def test_the_readme_has_the_tour_examples() -> None:
    names = [re.match(r"(query|mutation) (\w+)", e).group(2) for e in EXAMPLES]
    assert names == ["Directory", "Career", "Promote", "SkipARank", "Audit", "CareerPipeline", "Eligibility"]


async def test_every_readme_example_runs_against_the_demo_data(http, settings, demo: str) -> None:
    hr = Api(http, token(settings, demo, "hr"))
    auditor = Api(http, token(settings, demo, "auditor"))
    candidates = (await hr.run(PICK))["data"]["employees"]["edges"]
    employee = next(
        e["node"]
        for e in candidates
        if Rank.parse(e["node"]["rank"], PNS) < Rank.parse("IV/c", PNS)
        and e["node"]["rankSince"] < "2026-11-01"
    )
    next_rank = Rank.parse(employee["rank"], PNS).next().code
    results = {}
    for example in EXAMPLES:
        name = re.match(r"(query|mutation) (\w+)", example).group(2)
        document = example.replace("EMPLOYEE_ID", employee["id"]).replace("NEXT_RANK", next_rank)
        caller = auditor if name == "Audit" else hr
        body = await caller.run(document)
        assert "errors" not in body, (name, body)
        results[name] = body["data"]

    assert results["Directory"]["employees"]["totalCount"] >= 1
    assert results["Career"]["employee"]["history"]["edges"][0]["node"]["type"] == "Employee.Hired"
    promoted = results["Promote"]["promoteEmployee"]
    assert promoted["errors"] == [] and promoted["employee"]["rank"] == next_rank
    refused = results["SkipARank"]["promoteEmployee"]
    assert refused["positions"] == [] and refused["errors"][0]["code"] == "RANK_NOT_NEXT"
    audit = results["Audit"]
    assert audit["verifyIntegrity"]["ok"] is True
    assert audit["effective"]["rank"] is not None
    assert all(p["lag"] == 0 for p in audit["projectionStatus"])
    # careers (issue 14): the demo retires a guru at 60 and a pelaksana at 58 in the coming year
    pipeline = results["CareerPipeline"]
    ages = {(r["retirementAge"], r["ageInferred"]) for r in pipeline["retirementsDue"]}
    assert {(60, False), (58, False)} <= ages, pipeline["retirementsDue"]
    assert all("2026-11-01" <= r["retiresOn"] < "2027-11-01" for r in pipeline["retirementsDue"])
    assert any(r["employee"]["position"].startswith("Guru") for r in pipeline["retirementsDue"])
    assert pipeline["salaryStepsDue"] and pipeline["vacancies"]
    assert all(v["vacant"] > 0 for v in pipeline["vacancies"])
    eligibility = results["Eligibility"]["promotionEligibility"]
    assert eligibility["eligible"] is False and eligibility["obstacles"], eligibility  # promoted just now
    assert "YEARS_IN_RANK" in [o["code"] for o in eligibility["obstacles"]]
    assert results["Eligibility"]["education"], results["Eligibility"]
