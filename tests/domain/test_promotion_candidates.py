"""Who is due a regular promotion (KP reguler): the reference the projection's SQL must match."""

from __future__ import annotations

from datetime import date

from riwayat.domain.employee import Employee
from tests.domain.factories import APPRAISER_NIP, active_pns, decree, hire_pns, hire_pppk

SK = decree("800/1/2019", date(2019, 3, 1))
AS_OF = date(2021, 4, 1)


def due_employee(work: str = "MEETS", behaviour: str = "MEETS") -> Employee:
    """III/b since 2017-04-01 (4 years on AS_OF), appraised for 2019 and 2020."""
    employee = active_pns()
    employee.promote("III/b", date(2017, 4, 1), SK)
    for year in (2019, 2020):
        employee.record_appraisal(year, work, behaviour, APPRAISER_NIP)
    return employee


def test_an_active_pns_four_years_in_rank_with_two_good_years_is_a_candidate() -> None:
    assert due_employee().is_promotion_candidate(AS_OF)
    assert due_employee("ABOVE", "ABOVE").is_promotion_candidate(AS_OF)


def test_less_than_four_years_in_rank_is_not_enough() -> None:
    assert not due_employee().is_promotion_candidate(date(2021, 3, 31))


def test_a_year_below_baik_or_a_missing_year_disqualifies() -> None:
    assert not due_employee("BELOW", "ABOVE").is_promotion_candidate(AS_OF)
    assert not due_employee("ABOVE", "BELOW").is_promotion_candidate(AS_OF)
    employee = active_pns()
    employee.promote("III/b", date(2017, 4, 1), SK)
    employee.record_appraisal(2020, "ABOVE", "ABOVE", APPRAISER_NIP)
    assert not employee.is_promotion_candidate(AS_OF)


def test_only_the_two_previous_years_count() -> None:
    employee = due_employee()
    # 2021 and 2022 were not appraised, so on 2023-04-01 the employee is not due.
    assert not employee.is_promotion_candidate(date(2023, 4, 1))


def test_a_sanction_in_effect_blocks_the_promotion_until_it_ends() -> None:
    employee = due_employee()
    employee.impose_discipline("SEDANG", "Pelanggaran jam kerja", date(2020, 10, 1), SK)
    assert not employee.is_promotion_candidate(AS_OF)
    assert employee.is_promotion_candidate(date(2021, 10, 1))


def test_an_old_sanction_that_has_ended_does_not_block() -> None:
    employee = due_employee()
    employee.impose_discipline("RINGAN", "Teguran lisan", date(2018, 1, 2), SK)
    assert employee.is_promotion_candidate(AS_OF)


def test_candidates_pppk_separated_and_iv_e_are_never_due() -> None:
    assert not hire_pns().is_promotion_candidate(date(2030, 1, 1))
    assert not hire_pppk().is_promotion_candidate(date(2030, 1, 1))
    top = active_pns(rank="IV/e")
    for year in (2019, 2020):
        top.record_appraisal(year, "ABOVE", "ABOVE", APPRAISER_NIP)
    assert not top.is_promotion_candidate(AS_OF)
    separated = due_employee()
    separated.separate("RESIGNATION", date(2021, 1, 1), SK)
    assert not separated.is_promotion_candidate(AS_OF)
