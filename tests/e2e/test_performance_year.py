"""One appraisal year over HTTP against a running server: plan, four quarterly reviews, 360° feedback,
the annual rating, an upheld objection, and promotion eligibility changing with the corrected rating.

(The careers helper's `promotionEligibility` is not on main yet: eligibility is read through
`promotionCandidates`, which counts the last two years' predikat from the appraisals read model.)
"""

from __future__ import annotations

import random
from collections.abc import Callable

from tests.graphql.api import APPRAISAL, APPRAISER_NIP, Api, active_pns, establish, today
from tests.graphql.performance_api import (
    CANDIDATES,
    COACHING_DUE,
    DECIDE,
    FEEDBACK,
    HISTORY,
    OBJECT,
    PEER_NIP,
    PLAN,
    REVISE,
    SCORES,
    SUBORDINATE_NIP,
    SUPERIOR_NIP,
    TARGETS,
    ok,
    open_plan,
    refused,
    review,
)


async def test_one_year_from_plan_to_an_upheld_objection_changes_promotion_eligibility(
    as_role: Callable[..., Api],
) -> None:
    admin, hr, auditor = as_role("admin"), as_role("hr"), as_role("auditor")
    # Given an active PNS (III/a since May 2015) rated BAIK for 2023 by the final SKP of the old form
    unit = await establish(admin, name="Badan Kepegawaian dan Pengembangan SDM")
    employee = await active_pns(hr, unit["id"], random.randint(100, 999))
    await ok(
        hr,
        APPRAISAL,
        {
            "employeeId": employee["id"],
            "year": 2023,
            "workResult": "MEETS",
            "behaviour": "MEETS",
            "appraiserNip": APPRAISER_NIP,
        },
    )

    # When the 2024 plan is agreed, revised once, and reviewed every quarter
    plan = await open_plan(hr, employee["id"], 2024, APPRAISER_NIP)
    assert (plan["cadence"], len(plan["targets"]), plan["version"]) == ("QUARTERLY", 2, 1)
    await ok(
        hr,
        REVISE,
        {
            "planId": plan["id"],
            "targets": TARGETS[:1],
            "reason": "tugas dialihkan ke bidang lain",
            "revisedOn": "2024-05-02",
        },
    )
    ratings = [("MEETS", "MEETS"), ("BELOW", "MEETS"), ("MEETS", "MEETS"), ("BELOW", "MEETS")]
    for quarter, (work, behaviour) in enumerate(ratings, start=1):
        await review(hr, plan["id"], quarter, work, behaviour, f"2024-{3 * quarter:02d}-28")
    # ... with feedback from a superior, a peer and a subordinate, but never from oneself or twice
    for giver, role in ((SUPERIOR_NIP, "SUPERIOR"), (PEER_NIP, "PEER"), (SUBORDINATE_NIP, "SUBORDINATE")):
        await ok(hr, FEEDBACK, {"planId": plan["id"], "giverNip": giver, "role": role, "scores": SCORES})
    own = {"planId": plan["id"], "giverNip": employee["nip"], "role": "PEER", "scores": SCORES}
    assert await refused(hr, FEEDBACK, own) == "SELF_FEEDBACK"
    assert await refused(hr, FEEDBACK, own | {"giverNip": PEER_NIP}) == "DUPLICATE_FEEDBACK"

    # Then the appraiser (hr) sees the reviews and a summary, but no giver; the auditor sees the givers
    seen = (await hr.data(PLAN, {"employeeId": employee["id"], "year": 2024}))["performancePlan"]
    assert [r["predikat"] for r in seen["reviews"]] == ["BAIK", "BUTUH_PERBAIKAN", "BAIK", "BUTUH_PERBAIKAN"]
    assert seen["feedbackSummary"] == {
        "count": 3,
        "superiors": 1,
        "peers": 1,
        "subordinates": 1,
        "averages": {"akuntabel": "5.00", "adaptif": "3.00", "loyal": "5.00"},
    }
    assert {f["giverNip"] for f in seen["feedback"]} == {None}
    audited = (await auditor.data(PLAN, {"employeeId": employee["id"], "year": 2024}))["performancePlan"]
    assert {f["giverNip"] for f in audited["feedback"]} == {SUPERIOR_NIP, PEER_NIP, SUBORDINATE_NIP}

    # When the annual rating is recorded through the old recordAppraisal (today): BUTUH_PERBAIKAN
    rated = await ok(
        hr,
        APPRAISAL,
        {
            "employeeId": employee["id"],
            "year": 2024,
            "workResult": "BELOW",
            "behaviour": "ABOVE",
            "appraiserNip": APPRAISER_NIP,
        },
    )
    assert (
        rated["employee"]["id"] == employee["id"] and len(rated["positions"]) == 2
    )  # rating + coaching needed
    # Then they are not due a promotion, and they are due coaching
    due_on = {"asOf": "2025-04-01"}
    assert employee["id"] not in [e["id"] for e in (await hr.data(CANDIDATES, due_on))["promotionCandidates"]]
    coaching = (await hr.data(COACHING_DUE, {"unitId": unit["id"]}))["coachingDue"]
    assert [(c["employee"]["id"], c["grounds"], c["predikat"]) for c in coaching] == [
        (employee["id"], "WEAK_ANNUAL", "BUTUH_PERBAIKAN")
    ]

    # When they object in time; the appraiser cannot decide it; the appraiser's superior upholds it
    await ok(hr, OBJECT, {"planId": plan["id"], "reason": "capaian triwulan IV belum dihitung"})
    wrong = {
        "planId": plan["id"],
        "deciderNip": APPRAISER_NIP,
        "decision": "UPHELD",
        "workResult": "MEETS",
        "behaviour": "ABOVE",
    }
    assert await refused(hr, DECIDE, wrong) == "NOT_APPRAISERS_SUPERIOR"
    decided = (await ok(hr, DECIDE, wrong | {"deciderNip": SUPERIOR_NIP, "note": "capaian Q4 terbukti"}))[
        "plan"
    ]
    assert (decided["predikat"], decided["objection"], decided["coachingGrounds"]) == ("BAIK", "UPHELD", None)

    # Then the corrected BAIK supersedes the old rating everywhere, and both stay in the history
    candidates = (await hr.data(CANDIDATES, due_on))["promotionCandidates"]
    assert employee["id"] in [e["id"] for e in candidates]
    history = (await hr.data(HISTORY, {"employeeId": employee["id"]}))["performanceHistory"]
    assert [
        (h["year"], h["predikat"], h["source"], h["originalPredikat"], h["corrected"]) for h in history
    ] == [
        (2023, "BAIK", "SKP", None, False),
        (2024, "BAIK", "PLAN", "BUTUH_PERBAIKAN", True),
    ]
    assert history[1]["ratedOn"] == today() and history[1]["plan"] == {
        "id": plan["id"],
        "objection": "UPHELD",
    }
    assert (await hr.data(COACHING_DUE, {"unitId": unit["id"]}))["coachingDue"] == []
    log = await auditor.data(
        "query($s: ID) { auditLog(filter: {streamId: $s}) { edges { node { type } } } }", {"s": plan["id"]}
    )
    types = [e["node"]["type"] for e in log["auditLog"]["edges"]]
    assert types.count("PerformancePlan.ReviewRecorded") == 4
    assert types[-5:] == [
        "PerformancePlan.AnnualRated",
        "PerformancePlan.CoachingNeeded",
        "PerformancePlan.ObjectionFiled",
        "PerformancePlan.ObjectionDecided",
        "PerformancePlan.CoachingNoLongerNeeded",
    ]
