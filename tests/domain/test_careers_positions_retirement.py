"""Position catalogue and retirement (BUP): PP 11/2017 art. 239-241, UU 14/2005 art. 30 (guru), UU 20/2023."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from riwayat.domain.career_rules import CataloguedPosition
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.position import Position
from riwayat.domain.retirement import BeforeRetirementAge, EarlyRetirementNotAllowed, retirement_date
from tests.domain.factories import PNS_BORN, active_pns, decree

SK = decree("800/9/2024", date(2024, 1, 2))


def position(kind: str = "FUNGSIONAL_KEAHLIAN", jenjang: str | None = "AHLI_PERTAMA", **kw: Any) -> Position:
    args: dict = dict(name="Guru Ahli Pertama", kind=kind, jenjang=jenjang, unit_id=uuid4(), job_class=8,
                      seats=3, effective_on=date(2024, 1, 1))  # fmt: skip
    return Position.catalogue(**(args | kw))


def test_bup_is_58_for_administration_ahli_pertama_muda_and_keterampilan_pp_11_2017_art_239() -> None:
    assert position("ADMINISTRATOR", None).retirement_age == 58
    assert position("PENGAWAS", None).retirement_age == 58
    assert position("PELAKSANA", None).retirement_age == 58
    assert position(jenjang="AHLI_MUDA").retirement_age == 58
    assert position("FUNGSIONAL_KETERAMPILAN", "PENYELIA").retirement_age == 58


def test_bup_is_60_for_jpt_and_ahli_madya_and_65_for_ahli_utama_pp_11_2017_art_239() -> None:
    assert position("JPT_PRATAMA", None).retirement_age == 60
    assert position(jenjang="AHLI_MADYA").retirement_age == 60
    assert position(jenjang="AHLI_UTAMA").retirement_age == 65


def test_a_teachers_bup_is_60_by_statute_uu_14_2005_art_30_kept_by_pp_11_2017_art_240() -> None:
    guru = position(jenjang="AHLI_PERTAMA", statute="GURU")
    assert guru.retirement_age == 60
    assert position(jenjang="AHLI_PERTAMA").retirement_age == 58  # the same jenjang without the statute


def test_a_position_needs_a_jenjang_of_its_own_kind_and_a_job_class_1_to_17() -> None:
    with pytest.raises(InvalidInput, match="jenjang"):
        position(jenjang=None)
    with pytest.raises(InvalidInput, match="not a jenjang"):
        position(jenjang="PENYELIA")
    with pytest.raises(InvalidInput, match="only a jabatan fungsional"):
        position("ADMINISTRATOR", "AHLI_MUDA")
    with pytest.raises(InvalidInput, match="1-17"):
        position(job_class=18)


def test_positions_form_a_hierarchy_and_can_be_abolished() -> None:
    head = position("JPT_PRATAMA", None, name="Kepala Dinas")
    staff = position(reports_to=head.id)
    assert staff.reports_to == head.id
    with pytest.raises(InvalidInput, match="itself"):
        staff.report_to(staff.id, date(2024, 2, 1))
    staff.change_seats(5, date(2024, 2, 1))
    staff.abolish(date(2025, 1, 1))
    with pytest.raises(InvalidState):
        staff.change_seats(1, date(2025, 2, 1))


def test_bup_takes_effect_on_the_1st_of_the_month_after_the_birthday_month() -> None:
    assert retirement_date(date(1966, 3, 15), 58) == date(2024, 4, 1)
    assert retirement_date(date(1966, 12, 31), 60) == date(2027, 1, 1)


def test_retirement_before_bup_is_refused_pp_11_2017_art_239() -> None:
    employee = active_pns()  # born 1986-09-26, "Analis Kepegawaian Ahli Pertama": 58
    assert employee.retires_on() == date(2044, 10, 1)
    with pytest.raises(BeforeRetirementAge):
        employee.separate("RETIREMENT", date(2044, 9, 1), SK)
    employee.separate("RETIREMENT", date(2044, 10, 1), SK)


def test_a_catalogued_teacher_position_moves_the_retirement_to_60() -> None:
    employee = active_pns()
    guru = position(statute="GURU", unit_id=employee.unit_id)
    employee.assign_position("ignored", employee.unit_id, "ROTATION", date(2020, 1, 1), SK,
                             catalogued=CataloguedPosition.of(guru))  # fmt: skip
    assert (employee.position, employee.position_id) == ("Guru Ahli Pertama", guru.id)
    assert employee.retires_on() == retirement_date(PNS_BORN, 60) == date(2046, 10, 1)
    with pytest.raises(BeforeRetirementAge):
        employee.separate("RETIREMENT", date(2044, 10, 1), SK)


def test_an_uncatalogued_guru_title_is_inferred_at_60() -> None:
    employee = active_pns(position="Guru Ahli Muda")
    assert employee.position_id is None
    assert employee.retires_on() == date(2046, 10, 1)


def test_a_catalogued_position_of_another_unit_is_refused() -> None:
    employee = active_pns()
    with pytest.raises(InvalidInput, match="another unit"):
        employee.assign_position("x", employee.unit_id, "ROTATION", date(2020, 1, 1), SK,
                                 catalogued=CataloguedPosition.of(position()))  # fmt: skip


def test_early_retirement_needs_age_45_and_20_years_of_service_uu_11_1969_art_9() -> None:
    employee = active_pns()  # born 1986-09-26, TMT 2015-05-01
    with pytest.raises(EarlyRetirementNotAllowed, match="age 45 and 20 years"):
        employee.separate("EARLY_RETIREMENT", date(2034, 6, 1), SK)  # 47 years old, 19 years of service
    employee.separate("EARLY_RETIREMENT", date(2035, 6, 1), SK)
    assert employee.separation_reason == "EARLY_RETIREMENT"


def test_failed_probation_is_for_a_cpns_only() -> None:
    with pytest.raises(InvalidState, match="CPNS"):
        active_pns().separate("FAILED_PROBATION", date(2017, 1, 1), SK)
