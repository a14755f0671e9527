"""GraphQL documents of competency management, shared by tests/graphql and tests/e2e."""

from __future__ import annotations

from typing import Any

from tests.graphql.api import Api

CATALOGUE = """mutation($input: CataloguePositionInput!) {
  cataloguePosition(input: $input) { position { id } errors { code } } }"""


def mutation(name: str) -> str:
    kind = name[0].upper() + name[1:] + "Input"
    fields = "id version errors { code field message }"
    return f"mutation($input: {kind}!) {{ {name}(input: $input) {{ {fields} }} }}"


async def ok(api: Api, name: str, input: dict[str, Any]) -> dict[str, Any]:
    payload = (await api.data(mutation(name), {"input": input}))[name]
    assert payload["errors"] == [], payload
    return payload


async def refused(api: Api, name: str, input: dict[str, Any]) -> str:
    payload = (await api.data(mutation(name), {"input": input}))[name]
    assert payload["id"] is None, payload
    return payload["errors"][0]["code"]


def levels(**values: int) -> list[dict[str, Any]]:
    return [{"competency": code, "level": level} for code, level in values.items()]


GAPS = """query($id: ID!) { competencyGaps(employeeId: $id) {
  matchPercent band gaps { competency required held gap } } }"""
IMPACT = """query($id: ID!) { programmeImpact(programmeId: $id) { enrolled completed evaluated completionRate
  responseRate competencies { competency meanRating reassessed meanGapBefore meanGapAfter closed } } }"""


_ID = "00000000-0000-0000-0000-000000000001"
_HR, _READ = {"admin", "hr"}, {"admin", "hr", "auditor"}
_PAIR = {"programmeId": _ID, "employeeId": _ID}


def _m(name: str, input: dict[str, Any]) -> tuple[str, dict, set[str]]:
    return mutation(name), {"input": input}, _HR


# operation -> (document, variables, roles allowed): added to tests/graphql/roles.py OPERATIONS
COMPETENCY_OPERATIONS: dict[str, tuple[str, dict, set[str]]] = {
    "competencyGaps": (f'{{ competencyGaps(employeeId: "{_ID}") {{ band }} }}', {}, _READ),
    "unitCompetencyGaps": (f'{{ unitCompetencyGaps(unitId: "{_ID}") {{ below }} }}', {}, _READ),
    "trainingNeeds": (f'{{ trainingNeeds(unitId: "{_ID}", year: 2025) {{ gap }} }}', {}, _READ),
    "trainingProgrammes": ("{ trainingProgrammes { id } }", {}, _READ),
    "programmeImpact": (f'{{ programmeImpact(programmeId: "{_ID}") {{ completed }} }}', {}, _READ),
    "trainingShortfall": ("{ trainingShortfall(year: 2025) { hours } }", {}, _READ),
    "defineTechnicalCompetency": _m(
        "defineTechnicalCompetency", {"code": "ARSIP", "name": "A", "jobFamily": "F", "levels": ["l"] * 5}
    ),
    "setCompetencyStandard": _m(
        "setCompetencyStandard",
        {"positionId": _ID, "effectiveOn": "2024-01-01", "levels": levels(INTEGRITAS=3)},
    ),
    "recordCompetencyAssessment": _m("recordCompetencyAssessment", {
        "employeeId": _ID, "assessedOn": "2024-01-01", "method": "CAT", "assessor": "A",
        "levels": levels(INTEGRITAS=3),
    }),  # fmt: skip
    "planTrainingProgramme": _m("planTrainingProgramme", {
        "title": "T", "provider": "P", "mode": "COACHING", "serves": levels(INTEGRITAS=3), "hours": 2,
        "startsOn": "2024-01-01", "endsOn": "2024-01-02", "seats": 1,
    }),  # fmt: skip
    "enrollInProgramme": _m("enrollInProgramme", _PAIR),
    "withdrawFromProgramme": _m("withdrawFromProgramme", _PAIR),
    "recordProgrammeCompletion": _m("recordProgrammeCompletion", _PAIR | {"completedOn": "2024-01-02"}),
    "recordTrainingEvaluation": _m("recordTrainingEvaluation", _PAIR | {
        "evaluatedOn": "2024-03-01", "evaluator": "E", "ratings": levels(INTEGRITAS=3),
    }),  # fmt: skip
}
