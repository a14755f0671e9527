"""Sanctions as decided: PP 94/2021 art. 8 (from 2021-08-31) and PP 53/2010 art. 7 (before)."""

from __future__ import annotations

from datetime import date

import pytest

from riwayat.domain.errors import InvalidInput
from tests.domain.factories import APPRAISER_NIP, active_pns, decree

SK = decree("862/1/2022", date(2022, 1, 3))


def due_in_2022():
    employee = active_pns()
    for year in (2020, 2021):
        employee.record_appraisal(year, "MEETS", "MEETS", APPRAISER_NIP)
    return employee


def test_a_6_month_sedang_allowance_cut_stops_blocking_after_6_months_pp_94_2021_art_8() -> None:
    employee = due_in_2022()
    employee.impose_discipline("SEDANG", "Tidak masuk kerja", date(2022, 1, 1), SK,
                               kind="ALLOWANCE_CUT_25", months=6)  # fmt: skip
    assert not employee.is_promotion_candidate(date(2022, 6, 30))
    assert employee.is_promotion_candidate(date(2022, 7, 1))


def test_the_allowance_cut_term_is_6_9_or_12_months_as_the_decree_says() -> None:
    employee = due_in_2022()
    with pytest.raises(InvalidInput, match="6, 9, 12"):
        employee.impose_discipline(None, "x", date(2022, 1, 1), SK, kind="ALLOWANCE_CUT_25", months=3)
    with pytest.raises(InvalidInput, match="6, 9, 12"):
        employee.impose_discipline(None, "x", date(2022, 1, 1), SK, kind="ALLOWANCE_CUT_25")


def test_a_light_sanction_does_not_delay_promotion_by_default_unconfirmed() -> None:
    employee = due_in_2022()
    employee.impose_discipline(None, "Teguran", date(2022, 1, 1), SK, kind="WRITTEN_REPRIMAND")
    assert employee.is_promotion_candidate(date(2022, 2, 1))


def test_pp_53_2010_kinds_only_for_decisions_before_31_august_2021() -> None:
    employee = active_pns()
    with pytest.raises(InvalidInput, match="not a sanction of PP_94_2021"):
        employee.impose_discipline(None, "x", date(2021, 8, 31), SK, kind="PROMOTION_DELAY")
    employee.impose_discipline(None, "x", date(2021, 8, 30), SK, kind="PROMOTION_DELAY")
    event = employee.collect_events()[-1]
    assert (event.regulation, event.level, event.months, event.ends_on) == (
        "PP_53_2010", "SEDANG", 12, date(2022, 8, 30),
    )  # fmt: skip


def test_a_level_contradicting_the_kind_is_refused() -> None:
    with pytest.raises(InvalidInput, match="BERAT"):
        active_pns().impose_discipline("RINGAN", "x", date(2022, 1, 1), SK, kind="DEMOTION_ONE_LEVEL")


def test_a_pp_53_demotion_for_3_years_lowers_the_rank_and_it_returns_by_decree() -> None:
    employee = active_pns()
    employee.promote("III/b", date(2019, 4, 1), SK)
    employee.impose_discipline(None, "Penyalahgunaan", date(2020, 2, 1), SK, kind="DEMOTION_ONE_RANK_3Y")
    assert employee.rank == "III/a"
    with pytest.raises(InvalidInput, match="until 2023-02-01"):
        employee.restore_rank(date(2023, 1, 1), SK)
    employee.restore_rank(date(2023, 2, 1), SK)
    assert (employee.rank, employee.demotion) == ("III/b", None)


def test_a_pp_53_salary_step_delay_pushes_the_next_kgb_a_year() -> None:
    employee = active_pns()  # TMT 2015-05-01: first KGB due 2017-05-01
    employee.impose_discipline(None, "x", date(2016, 6, 1), SK, kind="SALARY_STEP_DELAY")
    assert employee.next_salary_step_due() == date(2018, 5, 1)


def test_the_level_only_form_keeps_its_legacy_term() -> None:
    employee = due_in_2022()
    employee.impose_discipline("SEDANG", "x", date(2022, 1, 1), SK)
    event = employee.collect_events()[-1]
    assert (event.kind, event.months, event.ends_on) == (None, 12, date(2023, 1, 1))
