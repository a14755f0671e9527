"""A small GraphQL client for tests (over the ASGI app or a live server), and the documents they send.

Shared by tests/graphql and tests/e2e: documents are the contract's names, so a renamed field breaks here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx

from riwayat.infra.auth import issue_token
from riwayat.infra.settings import Settings

# A PNS born 1986-09-26, TMT CPNS May 2015, male: sequence digits make each NIP unique.
PNS_BORN = "1986-09-26"
PNS_TMT = "2015-05-01"
APPRAISER_NIP = "197001011995031002"


def pns_nip(seq: int) -> str:
    return f"198609262015051{seq:03d}"


def decree(number: str = "800/1/BKPSDM/2015", on: str = "2015-04-20") -> dict[str, str]:
    return {"number": number, "date": on}


def token(settings: Settings, slug: str, *roles: str, subject: str | None = None, ttl: int = 600) -> str:
    return issue_token(
        settings, tenant=slug, roles=list(roles), subject=subject or f"{'-'.join(roles)}@{slug}", ttl=ttl
    )


class GraphQLFailure(AssertionError):
    pass


@dataclass
class Api:
    """Posts GraphQL as one caller (a bearer token)."""

    http: httpx.AsyncClient
    bearer: str | None
    headers: dict[str, str] = field(default_factory=dict)

    async def post(self, query: str, variables: dict[str, Any] | None = None, **kw: Any) -> httpx.Response:
        headers = dict(self.headers)
        if self.bearer is not None:
            headers["Authorization"] = f"Bearer {self.bearer}"
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers, **kw
        )

    async def run(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The whole response body (data and errors), after checking the HTTP status is 200."""
        response = await self.post(query, variables)
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = await self.run(query, variables)
        if body.get("errors"):
            raise GraphQLFailure(body["errors"])
        return body["data"]

    async def error_codes(self, query: str, variables: dict[str, Any] | None = None) -> list[str]:
        body = await self.run(query, variables)
        return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


PAYLOAD = "version positions errors { code field message }"
EMPLOYEE_FIELDS = """id nip name gender birthDate employmentType status rank rankSince position hiredOn
  version unit { id code name headcount }"""

ESTABLISH = f"""mutation($input: EstablishOrgUnitInput!) {{
  establishOrgUnit(input: $input) {{ orgUnit {{ id code name headcount }} {PAYLOAD} }} }}"""
HIRE = f"""mutation($input: HireEmployeeInput!) {{
  hireEmployee(input: $input) {{ employee {{ {EMPLOYEE_FIELDS} }} {PAYLOAD} }} }}"""
EMPLOYEE = f"query($id: ID) {{ employee(id: $id) {{ {EMPLOYEE_FIELDS} }} }}"
EMPLOYEE_BY_NIP = f"query($nip: String) {{ employee(nip: $nip) {{ {EMPLOYEE_FIELDS} }} }}"


def employee_mutation(name: str, input_type: str) -> str:
    return f"""mutation($input: {input_type}!) {{
  {name}(input: $input) {{ employee {{ {EMPLOYEE_FIELDS} }} {PAYLOAD} }} }}"""


def complaint_mutation(name: str, input_type: str) -> str:
    return f"""mutation($input: {input_type}!) {{
  {name}(input: $input) {{ complaint {{
    id status category description channel filedAt outcome resolution version
    employee {{ id name }} unit {{ id code }} }} {PAYLOAD} }} }}"""


COMPLETE_PROBATION = employee_mutation("completeProbation", "CompleteProbationInput")
PROMOTE = employee_mutation("promoteEmployee", "PromoteEmployeeInput")
ASSIGN = employee_mutation("assignPosition", "AssignPositionInput")
TRAINING = employee_mutation("recordTraining", "RecordTrainingInput")
APPRAISAL = employee_mutation("recordAppraisal", "RecordAppraisalInput")
DISCIPLINE = employee_mutation("imposeDiscipline", "ImposeDisciplineInput")
SEPARATE = employee_mutation("separateEmployee", "SeparateEmployeeInput")
FILE_COMPLAINT = complaint_mutation("fileComplaint", "FileComplaintInput")
TRIAGE = complaint_mutation("triageComplaint", "TriageComplaintInput")
RESOLVE = complaint_mutation("resolveComplaint", "ResolveComplaintInput")


def hire_input(unit_id: str, seq: int, **overrides: Any) -> dict[str, Any]:
    data = {
        "nip": pns_nip(seq),
        "name": f"Budi Santoso {seq:03d}",
        "gender": "MALE",
        "birthDate": PNS_BORN,
        "employmentType": "PNS",
        "rank": "III/a",
        "position": "Analis Kepegawaian Ahli Pertama",
        "unitId": unit_id,
        "effectiveOn": PNS_TMT,
        "decree": decree(),
    }
    return data | overrides


async def establish(api: Api, code: str | None = None, name: str = "Badan Kepegawaian") -> dict[str, Any]:
    code = code or f"U{uuid.uuid4().hex[:8].upper()}"
    payload = (await api.data(ESTABLISH, {"input": {"code": code, "name": name}}))["establishOrgUnit"]
    assert payload["errors"] == [], payload
    return payload["orgUnit"]


async def hire(api: Api, unit_id: str, seq: int, **overrides: Any) -> dict[str, Any]:
    payload = (await api.data(HIRE, {"input": hire_input(unit_id, seq, **overrides)}))["hireEmployee"]
    assert payload["errors"] == [], payload
    return payload["employee"]


async def active_pns(api: Api, unit_id: str, seq: int) -> dict[str, Any]:
    """Hired in May 2015, probation completed May 2016: an active PNS at III/a since 2015-05-01."""
    employee = await hire(api, unit_id, seq)
    payload = (
        await api.data(
            COMPLETE_PROBATION,
            {
                "input": {
                    "employeeId": employee["id"],
                    "effectiveOn": "2016-05-01",
                    "decree": decree("821/2016", "2016-04-25"),
                }
            },
        )
    )["completeProbation"]
    assert payload["errors"] == [], payload
    return payload["employee"]


def today() -> str:
    return date.today().isoformat()
