"""The performance cycle through the API: who sees a 360° giver, and every rule's refusal as the user meets
it (a stable code, nothing appended). Roles per operation: tests/graphql/roles.py includes the cycle's."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from riwayat.domain import performance_rules
from riwayat.graphql.types import performance_enums
from riwayat.infra.settings import Settings
from tests.graphql.api import APPRAISER_NIP, Api, active_pns, decree, establish
from tests.graphql.performance_api import (
    AWARDS,
    CLOSE_COACHING,
    COACHING_DUE,
    DECIDE,
    DISTRIBUTION,
    ELIGIBILITY,
    FEEDBACK,
    GRANT,
    HISTORICAL,
    HISTORY,
    OBJECT,
    OPEN_COACHING,
    OPEN_PLAN,
    PEER_NIP,
    PLAN,
    RATE,
    REVIEW,
    SCORES,
    SESSION,
    SUPERIOR_NIP,
    TALENT,
    TARGETS,
    ok,
    open_plan,
    refused,
    review,
)


def test_the_performance_enums_carry_exactly_the_domain_values() -> None:
    pairs = [
        (performance_enums.ReviewCadence, performance_rules.ReviewCadence),
        (performance_enums.FeedbackRole, performance_rules.FeedbackRole),
        (performance_enums.ObjectionDecision, performance_rules.ObjectionDecision),
        (performance_enums.CoachingGrounds, performance_rules.CoachingGrounds),
        (performance_enums.CoachingOutcome, performance_rules.CoachingOutcome),
        (performance_enums.AwardClass, performance_rules.AwardClass),
    ]
    for api, domain in pairs:
        assert [m.value for m in api] == [m.value for m in domain], api


async def _employee(hr: Api, admin: Api) -> tuple[dict, dict]:
    unit = await establish(admin)
    return unit, await active_pns(hr, unit["id"], random.randint(100, 999))


async def test_a_360_givers_nip_is_visible_to_auditor_and_admin_only(as_role: Callable[..., Api]) -> None:
    admin, hr = as_role("admin"), as_role("hr")
    _, employee = await _employee(hr, admin)
    plan = await open_plan(hr, employee["id"], 2025, APPRAISER_NIP)
    await ok(
        hr,
        FEEDBACK,
        {
            "planId": plan["id"],
            "giverNip": PEER_NIP,
            "role": "PEER",
            "scores": SCORES,
            "period": "Q2",
            "comment": "kolaboratif",
        },
    )
    variables = {"employeeId": employee["id"], "year": 2025}
    seen = {}
    for role in ("hr", "auditor", "admin"):
        found = (await as_role(role).data(PLAN, variables))["performancePlan"]["feedback"]
        seen[role] = [(f["giverNip"], f["role"], f["period"], f["scores"]["loyal"]) for f in found]
    assert seen == {
        "hr": [(None, "PEER", "Q2", 5)],
        "auditor": [(PEER_NIP, "PEER", "Q2", 5)],
        "admin": [(PEER_NIP, "PEER", "Q2", 5)],
    }
    codes = await as_role("viewer").error_codes(PLAN, variables)
    assert codes == ["FORBIDDEN"]


async def test_each_rule_of_the_cycle_is_refused_with_its_code(as_role: Callable[..., Api]) -> None:
    admin, hr = as_role("admin"), as_role("hr")
    _, employee = await _employee(hr, admin)
    plan = await open_plan(hr, employee["id"], 2025, APPRAISER_NIP, cadence="MONTHLY")
    open_again = {
        "employeeId": employee["id"],
        "year": 2025,
        "appraiserNip": APPRAISER_NIP,
        "superiorNip": SUPERIOR_NIP,
        "targets": TARGETS,
    }
    assert await refused(hr, OPEN_PLAN, open_again) == "DUPLICATE_PLAN"
    outside = {
        "planId": plan["id"],
        "period": "MONTH",
        "number": 12,
        "workResult": "MEETS",
        "behaviour": "MEETS",
        "reviewedOn": "2026-01-05",
    }
    assert await refused(hr, REVIEW, outside) == "OUTSIDE_PERIOD"
    assert await refused(
        hr, REVIEW, outside | {"period": "QUARTER", "number": 4, "reviewedOn": "2025-12-20"}
    ) == (
        "INVALID_INPUT"  # a monthly plan takes no quarterly review
    )
    own = {"planId": plan["id"], "giverNip": employee["nip"], "role": "SUBORDINATE", "scores": SCORES}
    assert await refused(hr, FEEDBACK, own) == "SELF_FEEDBACK"
    assert (
        await refused(hr, FEEDBACK, own | {"giverNip": PEER_NIP, "scores": SCORES | {"loyal": 0}})
        == "INVALID_INPUT"
    )
    rate = {
        "planId": plan["id"],
        "workResult": "MEETS",
        "behaviour": "MEETS",
        "appraiserNip": APPRAISER_NIP,
        "ratedOn": "2026-01-09",
    }
    await ok(hr, RATE, rate)
    assert await refused(hr, RATE, rate) == "DUPLICATE_APPRAISAL"
    late = {"planId": plan["id"], "reason": "terlambat", "filedOn": "2026-01-24"}
    assert await refused(hr, OBJECT, late) == "OBJECTION_TOO_LATE"
    await ok(hr, OBJECT, late | {"filedOn": "2026-01-23"})
    decide = {"planId": plan["id"], "deciderNip": PEER_NIP, "decision": "REJECTED", "decidedOn": "2026-02-01"}
    assert await refused(hr, DECIDE, decide) == "NOT_APPRAISERS_SUPERIOR"
    rejected = (await ok(hr, DECIDE, decide | {"deciderNip": SUPERIOR_NIP}))["plan"]
    assert (rejected["predikat"], rejected["objection"]) == ("BAIK", "REJECTED")
    assert await refused(hr, DECIDE, decide | {"deciderNip": SUPERIOR_NIP}) == "INVALID_STATE"
    history = (await hr.data(HISTORY, {"employeeId": employee["id"]}))["performanceHistory"]
    assert [(h["year"], h["predikat"], h["corrected"]) for h in history] == [(2025, "BAIK", False)]


async def test_historical_scores_coaching_talent_distribution_and_awards_answer_from_real_records(
    as_role: Callable[..., Api],
) -> None:
    admin, hr = as_role("admin"), as_role("hr")
    unit, strong = await _employee(hr, admin)
    weak = await active_pns(hr, unit["id"], random.randint(100, 999))
    # Given a 2021 numeric SKP, and 2022 plans: one rated SANGAT_BAIK, one with two weak quarters running
    old = (await ok(hr, HISTORICAL, {"employeeId": strong["id"], "year": 2021, "score": "91.25"}))[
        "appraisal"
    ]
    assert old == {
        "year": 2021,
        "predikat": "SANGAT_BAIK",
        "score": "91.25",
        "band": "SANGAT_BAIK",
        "source": "PP46_2011",
    }
    again = {"employeeId": strong["id"], "year": 2021, "score": "80"}
    assert await refused(hr, HISTORICAL, again) == "DUPLICATE_APPRAISAL"
    good = await open_plan(hr, strong["id"], 2022, APPRAISER_NIP)
    await ok(
        hr,
        RATE,
        {
            "planId": good["id"],
            "workResult": "ABOVE",
            "behaviour": "ABOVE",
            "appraiserNip": APPRAISER_NIP,
            "ratedOn": "2023-01-05",
        },
    )
    poor = await open_plan(hr, weak["id"], 2022, APPRAISER_NIP)
    await review(hr, poor["id"], 1, "BELOW", "MEETS", "2022-03-30")
    flagged = await review(hr, poor["id"], 2, "MEETS", "BELOW", "2022-06-30")
    assert flagged["coachingGrounds"] == "WEAK_PERIODS"

    # Then: talent, distribution, coaching due; and coaching runs its course
    assert [e["id"] for e in (await hr.data(TALENT, {"year": 2022}))["talentCandidates"]] == [strong["id"]]
    (curve,) = (await hr.data(DISTRIBUTION, {"year": 2022, "unitId": unit["id"]}))["appraisalDistribution"]
    assert (curve["total"], curve["unit"]["id"], curve["counts"]) == (
        1,
        unit["id"],
        [{"predikat": "SANGAT_BAIK", "count": 1}],
    )
    due = (await hr.data(COACHING_DUE, {"unitId": unit["id"]}))["coachingDue"]
    assert [(d["employee"]["id"], d["grounds"], d["planId"]) for d in due] == [
        (weak["id"], "WEAK_PERIODS", poor["id"])
    ]
    case = (
        await ok(
            hr,
            OPEN_COACHING,
            {
                "planId": poor["id"],
                "coachNip": SUPERIOR_NIP,
                "plan": "mentoring mingguan",
                "openedOn": "2022-07-04",
            },
        )
    )["coachingCase"]
    assert (
        await refused(
            hr,
            OPEN_COACHING,
            {"planId": good["id"], "coachNip": SUPERIOR_NIP, "plan": "x", "openedOn": "2023-02-01"},
        )
        == "NO_COACHING_GROUNDS"
    )
    await ok(
        hr, SESSION, {"caseId": case["id"], "heldOn": "2022-07-11", "notes": "target mingguan disepakati"}
    )
    closed = await ok(
        hr, CLOSE_COACHING, {"caseId": case["id"], "outcome": "IMPROVED", "closedOn": "2022-10-31"}
    )
    assert (closed["coachingCase"]["sessions"], closed["coachingCase"]["outcome"]) == (1, "IMPROVED")
    assert (await hr.data(COACHING_DUE, {"unitId": unit["id"]}))["coachingDue"] == []

    # And awards: Satyalancana X due after ten years (May 2025), granted once per class
    due = (await hr.data(ELIGIBILITY, {"asOf": "2025-06-01"}))["awardEligibility"]
    assert {(d["employee"]["id"], d["awardClass"], d["serviceYears"]) for d in due} >= {
        (strong["id"], "SATYALANCANA_KARYA_SATYA_X", 10),
        (weak["id"], "SATYALANCANA_KARYA_SATYA_X", 10),
    }
    grant = {
        "employeeId": strong["id"],
        "awardClass": "SATYALANCANA_KARYA_SATYA_X",
        "grantedOn": "2025-08-17",
        "decree": decree("1/KEPPRES/2025", "2025-08-10"),
    }
    await ok(hr, GRANT, grant)
    assert (
        await refused(hr, GRANT, grant | {"decree": decree("2/KEPPRES/2025", "2025-08-11")})
        == "DUPLICATE_AWARD"
    )
    regional = grant | {"awardClass": "REGIONAL", "name": "ASN Berprestasi Kota"}
    await ok(hr, GRANT, regional)
    names = [a["name"] for a in (await hr.data(AWARDS, {"employeeId": strong["id"]}))["awards"]]
    assert names == ["ASN Berprestasi Kota", "Satyalancana Karya Satya X"]
    due = (await hr.data(ELIGIBILITY, {"asOf": "2025-09-01"}))["awardEligibility"]
    assert strong["id"] not in [d["employee"]["id"] for d in due]


def test_a_tenants_review_cadence_is_read_from_its_setting() -> None:
    settings = Settings.from_env(
        {"RIWAYAT_REVIEW_CADENCE_MEDAN": "monthly", "RIWAYAT_REVIEW_CADENCE_DUMAI": "QUARTERLY"}
    )
    assert settings.review_cadences == {"medan": "MONTHLY", "dumai": "QUARTERLY"}
    with pytest.raises(ValueError):
        Settings.from_env({"RIWAYAT_REVIEW_CADENCE_MEDAN": "WEEKLY"})


async def test_a_plan_opened_without_a_cadence_takes_the_tenants(
    as_role: Callable[..., Api], app, tenant
) -> None:
    admin, hr = as_role("admin"), as_role("hr")
    application = app.state.services.application
    application.review_cadences = {tenant.slug: "MONTHLY"}
    try:
        _, employee = await _employee(hr, admin)
        plan = await open_plan(hr, employee["id"], 2025, APPRAISER_NIP)
    finally:
        application.review_cadences = {}
    assert plan["cadence"] == "MONTHLY"
    monthly = {
        "planId": plan["id"],
        "period": "MONTH",
        "number": 5,
        "workResult": "MEETS",
        "behaviour": "MEETS",
        "reviewedOn": "2025-05-30",
    }
    assert (await ok(hr, REVIEW, monthly))["plan"]["version"] == 2
