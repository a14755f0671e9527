"""The README's GraphQL tour stays true: every example runs against fresh demo data without errors and
answers something real (no nulls where the reader expects an answer).

Placeholders the README asks the reader to fill (`EMPLOYEE_ID`, `NEXT_RANK`, `RECORDED_AT`) are filled from
the data as a reader would: an employee from the directory, the rank one step up, a moment after loading.
"""

from __future__ import annotations

import io
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from riwayat.demo import load_demo_into
from riwayat.domain.enums import EmploymentType
from riwayat.domain.rank import Rank
from tests.graphql.api import Api, token
from tests.graphql.competency_api import IMPACT

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
PNS = EmploymentType.PNS
PICK = """{ employees(filter: {status: ACTIVE, employmentType: PNS}, first: 100) {
  edges { node { id rank rankSince hiredOn } } } }"""
EFFECTIVE_ON = "2025-06-30"  # the README's effectiveOn: the reader picks an employee hired before it


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
    assert names == [
        "Directory",
        "Career",
        "Promote",
        "SkipARank",
        "Audit",
        "Workforce",
        "CareerPipeline",
        "Eligibility",
        "PublicVoice",
        "Performance",
        "Competency",
        "SelfService",
        "PersonalData",
        "AccessLog",
    ]


async def test_every_readme_example_runs_against_the_demo_data(app, http, settings, demo: str) -> None:
    hr = Api(http, token(settings, demo, "hr"))
    auditor = Api(http, token(settings, demo, "auditor"))
    officer = Api(http, token(settings, demo, "complaint_officer"))
    units = (await hr.run("{ orgUnits { id code } }"))["data"]["orgUnits"]
    rsud = next(u["id"] for u in units if u["code"] == "RSUD-PIRNGADI")
    candidates = (await hr.run(PICK))["data"]["employees"]["edges"]
    employee = next(
        e["node"]
        for e in candidates
        if Rank.parse(e["node"]["rank"], PNS) < Rank.parse("IV/c", PNS)
        and e["node"]["rankSince"] < "2026-11-01"
        and e["node"]["hiredOn"] < EFFECTIVE_ON
    )
    next_rank = Rank.parse(employee["rank"], PNS).next().code
    recorded_at = datetime.now(UTC).isoformat()  # after the demo was loaded, before the promotion below
    results = {}
    for example in EXAMPLES:
        name = re.match(r"(query|mutation) (\w+)", example).group(2)
        document = (
            example.replace("EMPLOYEE_ID", employee["id"])
            .replace("NEXT_RANK", next_rank)
            .replace("RECORDED_AT", recorded_at)
            .replace("UNIT_ID", rsud)
        )
        if name == "Workforce":  # the enrolled person's id, as a reader takes it from the first field
            enrolled = await hr.run('{ employee(nip: "198003152005011002") { id } }')
            document = document.replace("ENROLLED_ID", enrolled["data"]["employee"]["id"])
        caller = {"Audit": auditor, "PublicVoice": officer, "AccessLog": auditor}.get(name, hr)
        if name == "AccessLog":  # what the reads before it showed is written off the request's path
            await app.state.services.access_log.flush()
        if name == "SelfService":  # leave (issue 17): as the employee whose leave waits for their superior
            waiting = (await hr.run("{ pendingApprovals { employeeId } }"))["data"]["pendingApprovals"]
            first = waiting[0]["employeeId"]
            who = await hr.run(f'{{ employee(id: "{first}") {{ nip }} }}')
            caller = Api(http, token(settings, demo, "employee", subject=who["data"]["employee"]["nip"]))
        body = await caller.run(document)
        assert "errors" not in body, (name, body)
        results[name] = body["data"]

    directory = results["Directory"]["employees"]
    assert directory["totalCount"] >= 1 and directory["edges"][0]["node"]["unit"]["name"]
    assert all(v is not None for v in directory["edges"][0]["node"].values())
    career = results["Career"]["employee"]
    assert all(career[f] is not None for f in ("nip", "name", "status", "rank", "rankSince", "position"))
    assert career["unit"]["name"] and career["trainingHours"] is not None
    assert career["history"]["edges"][0]["node"]["type"] == "Employee.Hired"
    assert all(e["node"]["actor"] and e["node"]["recordedAt"] for e in career["history"]["edges"])
    promoted = results["Promote"]["promoteEmployee"]
    assert promoted["errors"] == [] and promoted["employee"]["rank"] == next_rank
    refused = results["SkipARank"]["promoteEmployee"]
    assert refused["positions"] == [] and refused["errors"][0]["code"] == "RANK_NOT_NEXT"
    audit = results["Audit"]
    assert audit["verifyIntegrity"]["ok"] is True
    assert audit["auditLog"]["edges"], "no promotion in the demo's log"
    assert all(e["node"]["type"] == "Employee.RankPromoted" for e in audit["auditLog"]["edges"])
    # As recorded before the promotion: the rank the directory showed; as in force mid-2025: a real record.
    assert audit["recorded"] == {"rank": employee["rank"], "status": "ACTIVE", "version": career["version"]}
    assert audit["effective"]["rank"] is not None and audit["effective"]["position"]
    assert all(p["lag"] == 0 for p in audit["projectionStatus"])
    workforce = results["Workforce"]  # onboarding: enrolled from the SIASN-like sample with history
    assert workforce["employee"]["source"] == "siasn-import" and workforce["employee"]["rank"] == "III/d"
    assert workforce["employee"]["hiredOn"] == "2005-01-01"
    assert workforce["past"] == {
        "rank": "III/b",
        "rankSince": "2009-04-01",
        "position": "Pengadministrasi Umum",
    }
    assert any(c["nip"] == "198003152005011002" for c in workforce["promotionCandidates"])

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

    voice = results["PublicVoice"]
    report = voice["unitServiceReport"]
    assert (
        report["satisfaction"]["grade"] in {"A", "B", "C", "D"} and report["satisfaction"]["respondents"] > 0
    )
    assert 25 <= float(report["satisfaction"]["ikm"]) <= 100
    assert [s["service"] for s in report["satisfactionByService"]] == ["Rawat Jalan"]
    assert [c["status"] for c in report["openCommitments"]] == ["IN_PROGRESS"]  # the first was done
    assert len(voice["quarter"]["elements"]) == 9 and voice["quarter"]["grade"] is not None
    overdue = voice["overdueComplaints"]
    assert {c["deadlines"]["overdue"] for c in overdue} >= {"VERIFICATION", "RESPONSE"}
    assert all(c["trackingCode"].startswith(demo + "-") for c in overdue)
    assert voice["holidays"]["workingDays"] == 240 and "SKB" in voice["holidays"]["source"]
    public = await http.get(f"/public/complaints/{overdue[0]['trackingCode']}")
    assert public.status_code == 200 and public.json()["overdue"] in {"VERIFICATION", "RESPONSE"}
    performance = results["Performance"]  # the demo's 2025 cycle (riwayat/demo/performance.py)
    due = performance["coachingDue"]
    assert due and all(d["grounds"] and d["employee"]["name"] and d["plan"]["reviews"] for d in due)
    assert "REJECTED" in {d["plan"]["objection"] for d in due}  # its rating stands: still due coaching
    assert all(d["plan"]["feedbackSummary"]["count"] >= 2 for d in due)
    assert performance["talentCandidates"] and performance["awardEligibility"]
    curve = performance["appraisalDistribution"]
    assert curve and all(u["total"] == sum(c["count"] for c in u["counts"]) > 0 for u in curve)
    competency = results["Competency"]  # riwayat/demo/competency.py
    gaps = competency["unitCompetencyGaps"]
    assert gaps and all(g["people"] >= g["below"] >= 0 for g in gaps) and any(g["below"] for g in gaps)
    needs = competency["trainingNeeds"]
    assert needs and all(n["gap"] == n["required"] - (n["held"] or 0) > 0 for n in needs)
    assert [n["gap"] for n in needs] == sorted((n["gap"] for n in needs), reverse=True)
    programmes = competency["trainingProgrammes"]
    assert len(programmes) == 12 and all(p["seats"] == 20 for p in programmes)
    assert all(s["kind"] in {"BELOW_MINIMUM", "ABOVE_MAXIMUM"} for s in competency["trainingShortfall"])
    impacts = [(await hr.run(IMPACT, {"id": p["id"]}))["data"]["programmeImpact"] for p in programmes]
    assert any(i["completed"] and i["evaluated"] for i in impacts)
    assert all(i["completed"] <= i["enrolled"] and i["evaluated"] <= i["completed"] for i in impacts)

    me = results["SelfService"]["me"]  # leave (issue 17): the demo's 2026 leave of a self-service employee
    assert me["nip"] and me["name"] and me["rank"] and me["status"]
    balance = me["leaveBalance"]
    assert balance["entitled"] == 12 and balance["pending"] >= 1 and balance["source"].startswith("PP ")
    spent = balance["collective"] + balance["taken"]
    assert balance["remaining"] == balance["entitled"] + balance["carriedOver"] - spent
    assert me["leaveRequests"] and all(r["days"] > 0 for r in me["leaveRequests"])
    held = results["PersonalData"]["subjectDataReport"]  # personal data (issue 19)
    assert held["subjectId"] == employee["id"] and held["events"][0]["type"] == "Employee.Hired"
    assert {"nip", "name", "birth_date"} <= set(held["personalFields"]["kept"])
    logged = results["AccessLog"]  # the read audit: the PersonalData answer above, as hr showed it
    assert logged["accessLogIntegrity"]["ok"] and logged["accessLog"]["totalCount"] >= 1
    shown = [e["node"] for e in logged["accessLog"]["edges"]]
    assert {"subjectDataReport"} in [set(e["fields"][employee["id"]]) for e in shown]
