"""Coaching cases follow weak results; awards follow service; each rule refused with its own code."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from riwayat.domain.award import Award, award_id, service_years
from riwayat.domain.coaching import CoachingCase, case_id
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.performance_rules import NoCoachingGrounds, NotEligible
from riwayat.domain.values import Decree
from tests.domain.factories import APPRAISER_NIP, PNS_NIP
from tests.domain.test_performance_plan import rated

COACH = "197507072000031001"
SK = Decree("800/77/BKPSDM/2025", date(2025, 8, 17))


def test_coaching_is_opened_for_a_weak_annual_rating_with_a_coach_and_a_plan() -> None:
    plan = rated("BELOW", "MEETS")  # BUTUH_PERBAIKAN
    case = CoachingCase.open(
        plan=plan, coach_nip=COACH, coaching_plan="pendampingan bulanan", opened_on=date(2026, 2, 1)
    )
    assert (case.id, case.employee_id, case.plan_id) == (case_id(plan.id), plan.employee_id, plan.id)
    opened = case.collect_events()[0]
    assert (opened.grounds, opened.coach_nip, opened.year) == ("WEAK_ANNUAL", COACH, 2025)
    case.record_session(held_on=date(2026, 3, 1), notes="rencana perbaikan disepakati")
    case.close(outcome="IMPROVED", closed_on=date(2026, 6, 30))
    assert (case.sessions, case.outcome) == (1, "IMPROVED")
    with pytest.raises(InvalidState):
        case.record_session(held_on=date(2026, 7, 1), notes="terlambat")


def test_coaching_without_weak_results_is_refused_and_no_one_coaches_themselves() -> None:
    with pytest.raises(NoCoachingGrounds) as none:
        CoachingCase.open(
            plan=rated("MEETS", "MEETS"), coach_nip=COACH, coaching_plan="x", opened_on=date(2026, 2, 1)
        )
    assert none.value.code == "NO_COACHING_GROUNDS"
    with pytest.raises(InvalidInput):
        CoachingCase.open(
            plan=rated("BELOW", "BELOW"), coach_nip=PNS_NIP, coaching_plan="x", opened_on=date(2026, 2, 1)
        )


def test_service_years_are_whole_years_from_tmt_cpns() -> None:
    assert service_years(date(2015, 5, 1), date(2025, 4, 30)) == 9
    assert service_years(date(2015, 5, 1), date(2025, 5, 1)) == 10


def test_satyalancana_needs_its_years_and_no_medium_or_heavy_sanction_ever() -> None:
    employee = uuid4()
    with pytest.raises(NotEligible) as short:
        Award.grant(employee_id=employee, award_class="SATYALANCANA_KARYA_SATYA_XX", decree=SK,
                    granted_on=date(2025, 8, 17), tmt_cpns=date(2010, 1, 1))  # fmt: skip
    assert short.value.code == "NOT_ELIGIBLE"
    sanction = [("SEDANG", date(2012, 1, 1), date(2013, 1, 1))]
    with pytest.raises(NotEligible):
        Award.grant(employee_id=employee, award_class="SATYALANCANA_KARYA_SATYA_X", decree=SK,
                    granted_on=date(2025, 8, 17), tmt_cpns=date(2010, 1, 1),
                    disciplines=sanction)  # fmt: skip
    light = [("RINGAN", date(2012, 1, 1), date(2012, 7, 1))]
    award = Award.grant(employee_id=employee, award_class="SATYALANCANA_KARYA_SATYA_X", decree=SK,
                        granted_on=date(2025, 8, 17), tmt_cpns=date(2010, 1, 1),
                        disciplines=light)  # fmt: skip
    assert award.name == "Satyalancana Karya Satya X"


def test_a_second_award_of_a_class_names_the_same_stream_and_regional_awards_need_a_name() -> None:
    employee = uuid4()
    other = Decree("800/99/BKPSDM/2026", date(2026, 8, 17))
    satya = "SATYALANCANA_KARYA_SATYA_X"
    assert award_id(employee, satya, None, SK) == award_id(employee, satya, None, other)
    assert award_id(employee, "REGIONAL", "ASN Teladan", SK) != award_id(
        employee, "REGIONAL", "ASN Teladan", other
    )
    with pytest.raises(InvalidInput) as nameless:
        Award.grant(employee_id=employee, award_class="REGIONAL", decree=SK, granted_on=date(2025, 8, 17),
                    tmt_cpns=date(2024, 1, 1))  # fmt: skip
    assert nameless.value.field == "name"
    assert APPRAISER_NIP != COACH
