"""Competency over HTTP against a running server: a position standard, two assessments, a programme that
serves the gap, completion, an evaluation, a re-assessment -> programmeImpact shows the gap closed."""

from __future__ import annotations

import random
from collections.abc import Callable

from tests.graphql.api import Api, establish, hire
from tests.graphql.competency_api import CATALOGUE, GAPS, IMPACT, levels, ok, refused


async def test_a_programme_serving_an_assessed_gap_closes_it_for_the_reassessed_participant(
    as_role: Callable[..., Api],
) -> None:
    hr, auditor, viewer = as_role("hr"), as_role("auditor"), as_role("viewer")
    unit = await establish(as_role("admin"))
    position = (
        await hr.data(
            CATALOGUE,
            {
                "input": {
                    "name": "Analis SDM Aparatur",
                    "kind": "PELAKSANA",
                    "unitId": unit["id"],
                    "jobClass": 7,
                    "seats": 2,
                    "effectiveOn": "2020-01-01",
                }
            },
        )
    )["cataloguePosition"]["position"]
    employee = await hire(hr, unit["id"], random.randint(100, 999), positionId=position["id"])
    who = employee["id"]

    # Given the position's standard and two assessments: the later one counts
    await ok(
        hr,
        "setCompetencyStandard",
        {
            "positionId": position["id"],
            "effectiveOn": "2020-01-01",
            "levels": levels(PELAYANAN_PUBLIK=3, INTEGRITAS=3),
        },
    )
    assess = {"employeeId": who, "method": "ASSESSMENT_CENTRE", "assessor": "UPT Penilaian Kompetensi"}
    await ok(
        hr,
        "recordCompetencyAssessment",
        assess | {"assessedOn": "2024-02-01", "levels": levels(PELAYANAN_PUBLIK=2, INTEGRITAS=3)},
    )
    await ok(
        hr,
        "recordCompetencyAssessment",
        assess | {"assessedOn": "2025-02-01", "method": "CAT", "levels": levels(PELAYANAN_PUBLIK=1)},
    )
    gaps = (await auditor.data(GAPS, {"id": who}))["competencyGaps"]
    assert gaps == {
        "matchPercent": 66.67,
        "band": "NOT_OPTIMAL",
        "gaps": [
            {"competency": "INTEGRITAS", "required": 3, "held": 3, "gap": 0},
            {"competency": "PELAYANAN_PUBLIK", "required": 3, "held": 1, "gap": 2},
        ],
    }
    assert (await viewer.error_codes(GAPS, {"id": who})) == ["FORBIDDEN"]

    # When a programme serving the gap is planned, the employee enrols, completes and is evaluated
    programme = await ok(
        hr,
        "planTrainingProgramme",
        {
            "title": "Pelayanan Prima",
            "provider": "BPSDM Provinsi Sumatera Utara",
            "mode": "CLASSROOM",
            "serves": levels(PELAYANAN_PUBLIK=3),
            "hours": 32,
            "startsOn": "2025-04-14",
            "endsOn": "2025-04-18",
            "seats": 20,
        },
    )
    pair = {"programmeId": programme["id"], "employeeId": who}
    evaluation = pair | {
        "evaluatedOn": "2025-08-01",
        "evaluator": "Kepala Bidang",
        "ratings": levels(PELAYANAN_PUBLIK=4),
        "note": "antrian layanan lebih tertib",
    }
    await ok(hr, "enrollInProgramme", pair)
    assert await refused(hr, "recordTrainingEvaluation", evaluation) == "INVALID_STATE"
    await ok(hr, "recordProgrammeCompletion", pair | {"completedOn": "2025-04-18"})
    await ok(hr, "recordTrainingEvaluation", evaluation)
    # ... and is assessed again
    await ok(
        hr,
        "recordCompetencyAssessment",
        assess | {"assessedOn": "2025-10-01", "levels": levels(PELAYANAN_PUBLIK=3)},
    )

    # Then the impact shows the gap closed, and the gap query agrees
    impact = (await auditor.data(IMPACT, {"id": programme["id"]}))["programmeImpact"]
    assert impact == {
        "enrolled": 1,
        "completed": 1,
        "evaluated": 1,
        "completionRate": 100.0,
        "responseRate": 100.0,
        "competencies": [
            {
                "competency": "PELAYANAN_PUBLIK",
                "meanRating": 4.0,
                "reassessed": 1,
                "meanGapBefore": 2.0,
                "meanGapAfter": 0.0,
                "closed": 1,
            }
        ],
    }
    gaps = (await hr.data(GAPS, {"id": who}))["competencyGaps"]
    assert (gaps["matchPercent"], gaps["band"]) == (100.0, "OPTIMAL")
