"""The performance cycle's rules, on the `PerformancePlan` aggregate alone (no database)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from riwayat.domain.errors import DuplicateAppraisal, InvalidInput, InvalidState
from riwayat.domain.performance import PerformancePlan, plan_id
from riwayat.domain.performance_rules import (
    REGIONAL_HEAD,
    DuplicateFeedback,
    DuplicateReview,
    NotAppraisersSuperior,
    ObjectionTooLate,
    OutsidePeriod,
    SelfFeedback,
    pp46_band,
    pp46_score,
)
from tests.domain.factories import APPRAISER_NIP, PNS_NIP

SUPERIOR_NIP = "196805121990031004"
PEER_NIP = "198802142012122003"
TARGETS = [
    {"text": "Layanan mutasi selesai tepat waktu", "indicator": "berkas selesai <= 5 hari", "target": "95%"}
]
SCORES = dict.fromkeys(
    ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"), 4
)


def open_plan(**overrides: Any) -> PerformancePlan:
    args: dict[str, Any] = dict(
        employee_id=uuid4(), employee_nip=PNS_NIP, year=2025, appraiser=APPRAISER_NIP,
        superior=SUPERIOR_NIP, cadence="QUARTERLY", targets=TARGETS,
    )  # fmt: skip
    return PerformancePlan.open(**(args | overrides))


def rated(work: str = "MEETS", behaviour: str = "MEETS", on: date = date(2026, 1, 10)) -> PerformancePlan:
    plan = open_plan()
    plan.rate_annual(work_result=work, behaviour=behaviour, rated_on=on, appraiser=APPRAISER_NIP)
    return plan


def test_one_employee_year_always_names_the_same_stream() -> None:
    employee = uuid4()
    plan = open_plan(employee_id=employee)
    assert plan.id == plan_id(employee, 2025) != plan_id(employee, 2026)


def test_the_sekda_is_appraised_by_the_regional_head_who_has_no_nip() -> None:
    plan = open_plan(appraiser="kepala_daerah", superior=REGIONAL_HEAD)
    assert (plan.appraiser, plan.superior) == (REGIONAL_HEAD, REGIONAL_HEAD)


def test_a_plan_needs_targets_and_no_self_appraisal() -> None:
    with pytest.raises(InvalidInput) as empty:
        open_plan(targets=[])
    assert empty.value.field == "targets"
    with pytest.raises(InvalidInput):
        open_plan(appraiser=PNS_NIP)
    with pytest.raises(InvalidInput) as pre_2022:
        open_plan(year=2021)
    assert pre_2022.value.field == "year"


def test_targets_are_revised_within_the_year_with_a_reason() -> None:
    plan = open_plan()
    new = TARGETS + [{"text": "Arsip digital", "indicator": "berkas dipindai", "target": "1.000 berkas"}]
    plan.revise_targets(new, "tambahan tugas dari Sekda", date(2025, 6, 2))
    assert len(plan.targets) == 2
    with pytest.raises(OutsidePeriod):
        plan.revise_targets(TARGETS, "terlambat", date(2026, 1, 5))
    with pytest.raises(InvalidInput) as no_reason:
        plan.revise_targets(TARGETS, " ", date(2025, 7, 1))
    assert no_reason.value.field == "reason"


def test_a_review_outside_the_plans_year_is_refused() -> None:
    plan = open_plan()
    with pytest.raises(OutsidePeriod) as outside:
        plan.record_review(kind="QUARTER", number=4, work_result="MEETS", behaviour="MEETS",
                           reviewed_on=date(2026, 1, 3))  # fmt: skip
    assert outside.value.code == "OUTSIDE_PERIOD" and outside.value.field == "reviewedOn"
    with pytest.raises(OutsidePeriod):  # Q3 has not begun in June
        plan.record_review(kind="QUARTER", number=3, work_result="MEETS", behaviour="MEETS",
                           reviewed_on=date(2025, 6, 30))  # fmt: skip
    assert plan.collect_events()[-1].__class__ is PerformancePlan.Opened


def test_reviews_follow_the_plans_cadence_once_per_period_and_use_the_matrix() -> None:
    plan = open_plan()
    plan.record_review(kind="QUARTER", number=1, work_result="ABOVE", behaviour="ABOVE",
                       reviewed_on=date(2025, 4, 3), dialogue_notes="target tercapai")  # fmt: skip
    plan.record_review(
        kind="HALF", number=1, work_result="MEETS", behaviour="MEETS", reviewed_on=date(2025, 7, 1)
    )
    assert plan.reviews == {"Q1": "SANGAT_BAIK", "H1": "BAIK"}
    with pytest.raises(DuplicateReview):
        plan.record_review(kind="QUARTER", number=1, work_result="MEETS", behaviour="MEETS",
                           reviewed_on=date(2025, 4, 9))  # fmt: skip
    with pytest.raises(InvalidInput) as monthly:
        plan.record_review(kind="MONTH", number=5, work_result="MEETS", behaviour="MEETS",
                           reviewed_on=date(2025, 6, 1))  # fmt: skip
    assert monthly.value.field == "kind"


def test_feedback_from_oneself_is_refused_and_once_per_giver_and_period() -> None:
    plan = open_plan()
    with pytest.raises(SelfFeedback) as own:
        plan.give_feedback(giver_nip=PNS_NIP, role="PEER", scores=SCORES)
    assert own.value.code == "SELF_FEEDBACK"
    plan.give_feedback(giver_nip=PEER_NIP, role="PEER", scores=SCORES, period="Q2")
    plan.give_feedback(giver_nip=PEER_NIP, role="PEER", scores=SCORES, period="Q3")
    with pytest.raises(DuplicateFeedback):
        plan.give_feedback(giver_nip=PEER_NIP, role="PEER", scores=SCORES, period="q2")


def test_feedback_scores_every_berakhlak_value_from_1_to_5() -> None:
    plan = open_plan()
    with pytest.raises(InvalidInput) as missing:
        plan.give_feedback(giver_nip=PEER_NIP, role="PEER", scores={"akuntabel": 5})
    assert missing.value.field == "scores"
    with pytest.raises(InvalidInput) as high:
        plan.give_feedback(giver_nip=PEER_NIP, role="PEER", scores=SCORES | {"loyal": 6})
    assert high.value.field == "scores.loyal"


def test_the_annual_rating_closes_the_plan_once_and_only_by_its_appraiser() -> None:
    plan = open_plan()
    with pytest.raises(InvalidInput):
        plan.rate_annual(
            work_result="MEETS", behaviour="MEETS", rated_on=date(2026, 1, 5), appraiser=PEER_NIP
        )
    plan.rate_annual(
        work_result="ABOVE", behaviour="MEETS", rated_on=date(2026, 1, 5), appraiser=APPRAISER_NIP
    )
    assert plan.predikat == "BAIK"
    with pytest.raises(DuplicateAppraisal):
        plan.rate_annual(
            work_result="MEETS", behaviour="MEETS", rated_on=date(2026, 1, 6), appraiser=APPRAISER_NIP
        )
    with pytest.raises(InvalidState):
        plan.record_review(kind="QUARTER", number=4, work_result="MEETS", behaviour="MEETS",
                           reviewed_on=date(2025, 12, 20))  # fmt: skip


def test_an_objection_after_14_days_is_refused() -> None:
    plan = rated(on=date(2026, 1, 10))
    with pytest.raises(ObjectionTooLate) as late:
        plan.file_objection(filed_on=date(2026, 1, 25), reason="perilaku dinilai tanpa dialog")
    assert late.value.code == "OBJECTION_TOO_LATE"
    plan.file_objection(filed_on=date(2026, 1, 24), reason="perilaku dinilai tanpa dialog")
    assert plan.objection == {"filed_on": date(2026, 1, 24), "decision": None}


def test_an_objection_is_decided_by_the_appraisers_superior_only() -> None:
    plan = rated("BELOW", "MEETS")
    plan.file_objection(filed_on=date(2026, 1, 12), reason="capaian Q4 tidak dihitung")
    for wrong in (APPRAISER_NIP, PEER_NIP, REGIONAL_HEAD):
        with pytest.raises(NotAppraisersSuperior) as refused:
            plan.decide_objection(decider=wrong, decision="REJECTED", decided_on=date(2026, 1, 20))
        assert refused.value.code == "NOT_APPRAISERS_SUPERIOR"
    plan.decide_objection(decider=SUPERIOR_NIP, decision="UPHELD", decided_on=date(2026, 1, 20),
                          work_result="MEETS", behaviour="MEETS")  # fmt: skip
    (decided,) = [e for e in plan.collect_events() if isinstance(e, PerformancePlan.ObjectionDecided)]
    assert (decided.previous_predikat, decided.predikat, plan.predikat) == ("BUTUH_PERBAIKAN", "BAIK", "BAIK")
    with pytest.raises(InvalidState):
        plan.decide_objection(decider=SUPERIOR_NIP, decision="REJECTED", decided_on=date(2026, 1, 21))


def test_a_rejected_objection_keeps_the_rating_and_an_upheld_one_needs_new_ratings() -> None:
    plan = rated("MEETS", "MEETS")
    plan.file_objection(filed_on=date(2026, 1, 11), reason="layak sangat baik")
    with pytest.raises(InvalidInput):
        plan.decide_objection(decider=SUPERIOR_NIP, decision="UPHELD", decided_on=date(2026, 1, 15))
    plan.decide_objection(decider=SUPERIOR_NIP, decision="REJECTED", decided_on=date(2026, 1, 15))
    assert plan.predikat == "BAIK" and plan.objection["decision"] == "REJECTED"


def test_a_weak_annual_rating_makes_the_plan_need_coaching() -> None:
    plan = rated("BELOW", "BELOW")
    events = plan.collect_events()
    assert isinstance(events[-1], PerformancePlan.CoachingNeeded)
    assert (plan.predikat, plan.coaching_grounds) == ("SANGAT_KURANG", "WEAK_ANNUAL")
    assert rated("MEETS", "MEETS").coaching_grounds is None


def test_two_weak_periods_running_make_the_plan_need_coaching_but_two_apart_do_not() -> None:
    plan = open_plan()
    for n, work in ((1, "BELOW"), (2, "MEETS"), (3, "BELOW")):
        plan.record_review(kind="QUARTER", number=n, work_result=work, behaviour="MEETS",
                           reviewed_on=date(2025, 3 * n + 1, 2))  # fmt: skip
    assert plan.coaching_grounds is None
    other = open_plan()
    for n in (2, 3):
        other.record_review(kind="QUARTER", number=n, work_result="MEETS", behaviour="BELOW",
                            reviewed_on=date(2025, 3 * n + 1, 2))  # fmt: skip
    assert other.coaching_grounds == "WEAK_PERIODS"


def test_a_pre_2022_numeric_skp_is_recorded_with_its_pp46_band() -> None:
    employee = uuid4()
    old = PerformancePlan.record_historical(
        employee_id=employee, employee_nip=PNS_NIP, year=2019, score="88.75"
    )
    assert (old.id, old.historical, old.predikat) == (
        plan_id(employee, 2019), {"score": "88.75", "band": "BAIK"}, "BAIK",
    )  # fmt: skip
    assert [pp46_band(pp46_score(s)).name for s in (100, "91", "90.99", 76, 75, 61, "60.5", 51, 50, 0)] == [
        "SANGAT_BAIK", "SANGAT_BAIK", "BAIK", "BAIK", "CUKUP", "CUKUP", "KURANG", "KURANG", "BURUK", "BURUK",
    ]  # fmt: skip
    for bad in ("101", -1, "85.123", "abc", 85.5):
        with pytest.raises(InvalidInput):
            PerformancePlan.record_historical(
                employee_id=employee, employee_nip=PNS_NIP, year=2019, score=bad
            )
    with pytest.raises(InvalidInput) as late:
        PerformancePlan.record_historical(employee_id=employee, employee_nip=PNS_NIP, year=2023, score=80)
    assert late.value.field == "year"
    with pytest.raises(InvalidState):
        old.revise_targets(TARGETS, "impor", date(2019, 5, 1))


def test_an_upheld_objection_that_lifts_the_only_weak_result_lifts_the_coaching_grounds() -> None:
    plan = rated("BELOW", "MEETS")
    assert plan.coaching_grounds == "WEAK_ANNUAL"
    plan.file_objection(filed_on=date(2026, 1, 12), reason="capaian tidak dihitung")
    plan.decide_objection(decider=SUPERIOR_NIP, decision="UPHELD", decided_on=date(2026, 1, 20),
                          work_result="MEETS", behaviour="MEETS")  # fmt: skip
    assert isinstance(plan.collect_events()[-1], PerformancePlan.CoachingNoLongerNeeded)
    assert plan.coaching_grounds is None


def test_an_upheld_objection_leaves_the_grounds_of_two_weak_periods_running() -> None:
    plan = open_plan()
    for n in (2, 3):
        plan.record_review(kind="QUARTER", number=n, work_result="BELOW", behaviour="MEETS",
                           reviewed_on=date(2025, 3 * n + 1, 2))  # fmt: skip
    plan.rate_annual(work_result="BELOW", behaviour="MEETS", rated_on=date(2026, 1, 10),
                     appraiser=APPRAISER_NIP)  # fmt: skip
    plan.file_objection(filed_on=date(2026, 1, 12), reason="capaian tidak dihitung")
    plan.decide_objection(decider=SUPERIOR_NIP, decision="UPHELD", decided_on=date(2026, 1, 20),
                          work_result="MEETS", behaviour="MEETS")  # fmt: skip
    assert (plan.predikat, plan.coaching_grounds) == ("BAIK", "WEAK_PERIODS")
