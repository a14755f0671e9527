"""The demo plans a performance cycle that answers every performance query with real data."""

from __future__ import annotations

from collections import Counter

import pytest

from riwayat.demo.plan import build_plan


@pytest.mark.parametrize("employees", [40, 120])
def test_the_demo_plans_reviews_feedback_objections_both_ways_coaching_awards_and_old_scores(
    employees: int,
) -> None:
    plan = build_plan("medan", "Pemerintah Kota Medan", "medan", employees, seed=1275)
    steps = [s for script in plan.performance for s in script.steps]
    commands = Counter(s.command for s in steps)
    opened = commands["open_performance_plan"]
    assert opened >= 6 and commands["rate_annual_performance"] == opened
    assert commands["record_periodic_review"] == 4 * opened
    assert commands["give_360_feedback"] >= 2 * opened
    assert sorted(s.args["decision"] for s in steps if s.command == "decide_appraisal_objection") == [
        "REJECTED",
        "UPHELD",
    ]
    assert commands["open_coaching"] >= 1 and commands["record_coaching_session"] >= 2
    assert commands["record_historical_appraisal"] >= 1
    classes = {s.args["award_class"] for s in steps if s.command == "grant_award"}
    assert "REGIONAL" in classes and any(c.startswith("SATYALANCANA") for c in classes)


def test_a_planned_year_is_no_longer_an_old_final_skp_in_the_career() -> None:
    plan = build_plan("dumai", "Pemerintah Kota Dumai", "dumai", 60, seed=3)
    planned = {
        s.employee for s in plan.performance if any(x.command == "open_performance_plan" for x in s.steps)
    }
    assert planned
    for employee in plan.employees:
        years = [s.args["year"] for s in employee.steps if s.command == "record_appraisal"]
        assert employee.index not in planned or 2025 not in years
