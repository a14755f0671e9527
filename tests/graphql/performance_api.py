"""GraphQL documents and helpers of the performance cycle, shared by tests/graphql and tests/e2e."""

from __future__ import annotations

from typing import Any

from tests.graphql.api import PAYLOAD, Api

SUPERIOR_NIP = "196805121990031004"
PEER_NIP = "198802142012122003"
SUBORDINATE_NIP = "199203112019031001"
TARGETS = [
    {
        "text": "Usulan kenaikan pangkat diproses",
        "indicator": "usulan selesai <= 10 hari kerja",
        "target": "100%",
    },
    {"text": "Data SIASN dimutakhirkan", "indicator": "berkas dimutakhirkan", "target": "1.200 berkas"},
]
SCORES = {
    "berorientasiPelayanan": 4,
    "akuntabel": 5,
    "kompeten": 4,
    "harmonis": 4,
    "loyal": 5,
    "adaptif": 3,
    "kolaboratif": 4,
}

PLAN_FIELDS = """id year appraiserNip superiorNip cadence targets { text indicator target } targetRevisions
  predikat ratedOn objection objectionFiledOn coachingGrounds version employee { id name }"""


def plan_mutation(name: str, input_type: str) -> str:
    return f"""mutation($input: {input_type}!) {{
  {name}(input: $input) {{ plan {{ {PLAN_FIELDS} }} {PAYLOAD} }} }}"""


OPEN_PLAN = plan_mutation("openPerformancePlan", "OpenPerformancePlanInput")
REVISE = plan_mutation("revisePerformanceTargets", "RevisePerformanceTargetsInput")
REVIEW = plan_mutation("recordPeriodicReview", "RecordPeriodicReviewInput")
FEEDBACK = plan_mutation("give360Feedback", "Give360FeedbackInput")
RATE = plan_mutation("rateAnnualPerformance", "RateAnnualPerformanceInput")
OBJECT = plan_mutation("fileAppraisalObjection", "FileAppraisalObjectionInput")
DECIDE = plan_mutation("decideAppraisalObjection", "DecideAppraisalObjectionInput")
CASE_FIELDS = (
    "id year grounds coachNip plan openedOn sessions lastSessionOn outcome closedOn version employee { id }"
)
OPEN_COACHING = f"""mutation($input: OpenCoachingInput!) {{
  openCoaching(input: $input) {{ coachingCase {{ {CASE_FIELDS} }} {PAYLOAD} }} }}"""
SESSION = f"""mutation($input: RecordCoachingSessionInput!) {{
  recordCoachingSession(input: $input) {{ coachingCase {{ {CASE_FIELDS} }} {PAYLOAD} }} }}"""
CLOSE_COACHING = f"""mutation($input: CloseCoachingInput!) {{
  closeCoaching(input: $input) {{ coachingCase {{ {CASE_FIELDS} }} {PAYLOAD} }} }}"""
GRANT = f"""mutation($input: GrantAwardInput!) {{
  grantAward(input: $input) {{ award {{ id awardClass name decree {{ number date }} grantedOn }}
  {PAYLOAD} }} }}"""
HISTORICAL = f"""mutation($input: RecordHistoricalAppraisalInput!) {{
  recordHistoricalAppraisal(input: $input) {{ appraisal {{ year predikat score band source }}
  {PAYLOAD} }} }}"""

PLAN = f"""query($employeeId: ID, $year: Int) {{ performancePlan(employeeId: $employeeId, year: $year) {{
  {PLAN_FIELDS}
  reviews {{ period workResult behaviour predikat reviewedOn dialogueNotes }}
  feedback {{ role period giverNip comment scores {{ loyal adaptif }} }}
  feedbackSummary {{ count superiors peers subordinates averages {{ akuntabel adaptif loyal }} }}
  coachingCases {{ id outcome sessions }} }} }}"""
HISTORY = """query($employeeId: ID!) { performanceHistory(employeeId: $employeeId) {
  year predikat workResult behaviour source score band originalPredikat corrected ratedOn
  plan { id objection } } }"""
CANDIDATES = "query($asOf: Date!) { promotionCandidates(asOf: $asOf) { id } }"
COACHING_DUE = (
    "query($unitId: ID) { coachingDue(unitId: $unitId) { year planId grounds predikat employee { id } } }"
)
TALENT = "query($year: Int!) { talentCandidates(year: $year) { id } }"
DISTRIBUTION = """query($year: Int!, $unitId: ID) { appraisalDistribution(year: $year, unitId: $unitId) {
  year total unit { id code } counts { predikat count } } }"""
ELIGIBILITY = (
    "query($asOf: Date!) { awardEligibility(asOf: $asOf) { awardClass serviceYears employee { id } } }"
)
AWARDS = "query($employeeId: ID!) { awards(employeeId: $employeeId) { awardClass name grantedOn } }"


async def send(api: Api, document: str, input: dict[str, Any]) -> dict[str, Any]:
    return next(iter((await api.data(document, {"input": input})).values()))


async def ok(api: Api, document: str, input: dict[str, Any]) -> dict[str, Any]:
    payload = await send(api, document, input)
    assert payload["errors"] == [], payload
    return payload


async def refused(api: Api, document: str, input: dict[str, Any]) -> str:
    """The one error code of a refused mutation (nothing appended)."""
    payload = await send(api, document, input)
    assert payload["positions"] == [] and payload["version"] is None and len(payload["errors"]) == 1, payload
    return payload["errors"][0]["code"]


async def open_plan(api: Api, employee_id: str, year: int, appraiser: str, **extra: Any) -> dict[str, Any]:
    input = {
        "employeeId": employee_id,
        "year": year,
        "appraiserNip": appraiser,
        "superiorNip": SUPERIOR_NIP,
        "targets": TARGETS,
    } | extra
    return (await ok(api, OPEN_PLAN, input))["plan"]


async def review(api: Api, plan_id: str, quarter: int, work: str, behaviour: str, on: str) -> dict[str, Any]:
    input = {
        "planId": plan_id,
        "period": "QUARTER",
        "number": quarter,
        "workResult": work,
        "behaviour": behaviour,
        "reviewedOn": on,
        "dialogueNotes": f"dialog kinerja triwulan {quarter}",
    }
    return (await ok(api, REVIEW, input))["plan"]


_ID = "00000000-0000-0000-0000-000000000001"
_PLAN = {"planId": _ID}


def _q(document: str, roles: set[str]) -> tuple[str, dict[str, Any], set[str]]:
    return document, {}, roles


def _m(name: str, input: dict[str, Any], roles: set[str]) -> tuple[str, dict[str, Any], set[str]]:
    input_type = name[0].upper() + name[1:] + "Input"
    return f"mutation($i: {input_type}!) {{ {name}(input: $i) {{ errors {{ code }} }} }}", {"i": input}, roles


READERS, WRITERS = {"admin", "hr", "auditor"}, {"admin", "hr"}
# operation → (document, variables, roles allowed): hr acts for the appraiser and the superior for now.
PERFORMANCE_OPERATIONS: dict[str, tuple[str, dict[str, Any], set[str]]] = {
    "performancePlan": _q(f'{{ performancePlan(id: "{_ID}") {{ id }} }}', READERS),
    "performanceHistory": _q(f'{{ performanceHistory(employeeId: "{_ID}") {{ year }} }}', READERS),
    "appraisalDistribution": _q("{ appraisalDistribution(year: 2024) { total } }", READERS),
    "coachingDue": _q("{ coachingDue { year } }", READERS),
    "talentCandidates": _q("{ talentCandidates(year: 2024) { id } }", READERS),
    "awardEligibility": _q('{ awardEligibility(asOf: "2025-01-01") { serviceYears } }', READERS),
    "awards": _q(f'{{ awards(employeeId: "{_ID}") {{ name }} }}', READERS),
    "openPerformancePlan": _m(
        "openPerformancePlan",
        {
            "employeeId": _ID,
            "year": 2024,
            "appraiserNip": SUPERIOR_NIP,
            "superiorNip": PEER_NIP,
            "targets": TARGETS,
        },
        WRITERS,
    ),
    "revisePerformanceTargets": _m(
        "revisePerformanceTargets",
        _PLAN | {"targets": TARGETS, "reason": "r", "revisedOn": "2024-02-01"},
        WRITERS,
    ),
    "recordPeriodicReview": _m(
        "recordPeriodicReview",
        _PLAN
        | {
            "period": "QUARTER",
            "number": 1,
            "workResult": "MEETS",
            "behaviour": "MEETS",
            "reviewedOn": "2024-04-01",
        },
        WRITERS,
    ),
    "give360Feedback": _m(
        "give360Feedback", _PLAN | {"giverNip": PEER_NIP, "role": "PEER", "scores": SCORES}, WRITERS
    ),
    "rateAnnualPerformance": _m(
        "rateAnnualPerformance",
        _PLAN | {"workResult": "MEETS", "behaviour": "MEETS", "appraiserNip": PEER_NIP},
        WRITERS,
    ),
    "fileAppraisalObjection": _m("fileAppraisalObjection", _PLAN | {"reason": "r"}, WRITERS),
    "decideAppraisalObjection": _m(
        "decideAppraisalObjection", _PLAN | {"deciderNip": SUPERIOR_NIP, "decision": "REJECTED"}, WRITERS
    ),
    "recordHistoricalAppraisal": _m(
        "recordHistoricalAppraisal", {"employeeId": _ID, "year": 2019, "score": "80"}, WRITERS
    ),
    "openCoaching": _m(
        "openCoaching", _PLAN | {"coachNip": PEER_NIP, "plan": "p", "openedOn": "2025-01-01"}, WRITERS
    ),
    "recordCoachingSession": _m(
        "recordCoachingSession", {"caseId": _ID, "heldOn": "2025-01-01", "notes": "n"}, WRITERS
    ),
    "closeCoaching": _m(
        "closeCoaching", {"caseId": _ID, "outcome": "IMPROVED", "closedOn": "2025-01-01"}, WRITERS
    ),
    "grantAward": _m(
        "grantAward",
        {
            "employeeId": _ID,
            "awardClass": "REGIONAL",
            "name": "n",
            "grantedOn": "2025-01-01",
            "decree": {"number": "1", "date": "2025-01-01"},
        },
        WRITERS,
    ),
}
