"""PPPK contracts (PP 49/2018 art. 37, KepmenPANRB 16/2025) and salary steps (KGB, PP 7/1977 art. 8)."""

from __future__ import annotations

from datetime import date

import pytest

from riwayat.domain.contract import ContractNotEnded, ContractOverlap
from riwayat.domain.errors import InvalidInput, InvalidNip, InvalidState
from riwayat.domain.salary import SalaryStepNotDue
from tests.domain.factories import PPPK_NIP, active_pns, decree, hire_pppk

SK = decree("813/PK/2021", date(2021, 2, 20))
SECOND = "199001152021222005"  # the same person, contract count 2


def test_a_contract_lasts_1_to_5_years_and_renewals_may_not_overlap_pp_49_2018_art_37() -> None:
    employee = hire_pppk()
    with pytest.raises(InvalidInput, match="12-60 months"):
        employee.sign_contract(date(2021, 3, 1), date(2026, 3, 1), "FULL_TIME", PPPK_NIP, SK)
    employee.sign_contract(date(2021, 3, 1), date(2026, 2, 28), "FULL_TIME", PPPK_NIP, SK)
    with pytest.raises(ContractOverlap, match="2026-02-28"):
        employee.renew_contract(date(2026, 2, 1), date(2031, 1, 31), "FULL_TIME", SECOND, SK)
    employee.renew_contract(date(2026, 3, 1), date(2031, 2, 28), "FULL_TIME", SECOND, SK)
    assert [c[3] for c in employee.contracts] == [PPPK_NIP, SECOND]


def test_a_part_time_contract_lasts_one_year_kepmenpanrb_16_2025() -> None:
    employee = hire_pppk()
    with pytest.raises(InvalidInput, match="12-12"):
        employee.sign_contract(date(2021, 3, 1), date(2023, 2, 28), "PART_TIME", PPPK_NIP, SK)
    employee.sign_contract(date(2021, 3, 1), date(2022, 2, 28), "PART_TIME", PPPK_NIP, SK)


def test_a_contract_is_signed_once_then_renewed_with_a_number_of_the_person() -> None:
    employee = hire_pppk()
    with pytest.raises(InvalidInput, match="no contract to renew"):
        employee.renew_contract(date(2021, 3, 1), date(2022, 2, 28), "FULL_TIME", PPPK_NIP, SK)
    with pytest.raises(InvalidNip):
        employee.sign_contract(date(2021, 3, 1), date(2022, 2, 28), "FULL_TIME", "198609262015051001", SK)
    with pytest.raises(InvalidState, match="PPPK"):
        active_pns().sign_contract(date(2021, 3, 1), date(2022, 2, 28), "FULL_TIME", PPPK_NIP, SK)


def test_contract_end_separation_only_after_the_contract_ends() -> None:
    employee = hire_pppk()
    employee.sign_contract(date(2021, 3, 1), date(2024, 2, 29), "FULL_TIME", PPPK_NIP, SK)
    with pytest.raises(ContractNotEnded, match="2024-02-29"):
        employee.separate("CONTRACT_END", date(2024, 2, 29), SK)
    employee.separate("CONTRACT_END", date(2024, 3, 1), SK)


def test_a_salary_step_every_two_years_of_masa_kerja_golongan_pp_7_1977_art_8() -> None:
    employee = active_pns()  # TMT 2015-05-01
    with pytest.raises(SalaryStepNotDue, match="2017-05-01"):
        employee.grant_salary_step(date(2017, 4, 1), SK)
    employee.grant_salary_step(date(2017, 5, 1), SK)
    event = employee.collect_events()[-1]
    assert (event.step, event.service_years) == (1, 2)
    assert employee.next_salary_step_due() == date(2019, 5, 1)
    with pytest.raises(SalaryStepNotDue, match="1st"):
        employee.grant_salary_step(date(2019, 5, 2), SK)
