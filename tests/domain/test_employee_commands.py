"""Personnel actions after hiring: each command's rules and the state its event leaves."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from riwayat.domain.errors import (
    DateBeforeHire,
    DuplicateAppraisal,
    InvalidInput,
    InvalidNip,
    InvalidRank,
    InvalidState,
    RankNotNext,
)
from tests.domain.factories import APPRAISER_NIP, PNS_TMT, active_pns, decree, hire_pns, hire_pppk

SK = decree("800/99/2019", date(2019, 3, 1))


# --- probation ---------------------------------------------------------------------------------


def test_a_candidate_becomes_active_a_year_after_the_tmt() -> None:
    employee = hire_pns()
    employee.complete_probation(date(2016, 5, 1), SK)
    assert (employee.status, employee.probation_completed_on, employee.version) == (
        "ACTIVE",
        date(2016, 5, 1),
        2,
    )


def test_probation_cannot_end_before_a_full_year() -> None:
    with pytest.raises(InvalidInput) as refused:
        hire_pns().complete_probation(date(2016, 4, 30), SK)
    assert refused.value.field == "effectiveOn"


def test_only_a_pns_candidate_completes_probation() -> None:
    with pytest.raises(InvalidState):
        hire_pppk().complete_probation(date(2022, 3, 1), SK)
    with pytest.raises(InvalidState):
        active_pns().complete_probation(date(2017, 5, 1), SK)


# --- promotion ---------------------------------------------------------------------------------


def test_an_active_pns_is_promoted_one_step_on_the_first_of_a_month() -> None:
    employee = active_pns()
    employee.promote("iii/b", date(2019, 4, 1), SK, reason="  KP reguler ")
    (_, _, event) = employee.collect_events()
    assert (event.from_rank, event.to_rank, event.reason) == ("III/a", "III/b", "KP reguler")
    assert (employee.rank, employee.rank_since) == ("III/b", date(2019, 4, 1))


def test_a_promotion_that_skips_a_rank_or_goes_down_is_rank_not_next() -> None:
    employee = active_pns()
    for target in ["III/c", "II/d", "III/a"]:
        with pytest.raises(RankNotNext) as refused:
            employee.promote(target, date(2019, 4, 1), SK)
        assert refused.value.field == "toRank"


def test_an_unknown_target_rank_is_invalid_rank_on_to_rank() -> None:
    for target in ["III/z", "IX", ""]:
        with pytest.raises(InvalidRank) as refused:
            active_pns().promote(target, date(2019, 4, 1), SK)
        assert refused.value.field == "toRank"


def test_nobody_is_promoted_beyond_iv_e() -> None:
    employee = active_pns(rank="IV/e")
    with pytest.raises(RankNotNext, match="highest"):
        employee.promote("IV/e", date(2019, 4, 1), SK)


def test_candidates_pppk_and_separated_employees_are_not_promoted() -> None:
    with pytest.raises(InvalidState):
        hire_pns().promote("III/b", date(2019, 4, 1), SK)
    with pytest.raises(InvalidState):
        hire_pppk().promote("X", date(2023, 4, 1), SK)
    separated = active_pns()
    separated.separate("RESIGNATION", date(2018, 1, 1), SK)
    with pytest.raises(InvalidState):
        separated.promote("III/b", date(2019, 4, 1), SK)


def test_a_promotion_must_take_effect_after_the_current_ranks_date() -> None:
    employee = active_pns()
    employee.promote("III/b", date(2019, 4, 1), SK)
    for day in [date(2019, 4, 1), date(2018, 10, 1)]:
        with pytest.raises(InvalidInput) as refused:
            employee.promote("III/c", day, SK)
        assert refused.value.field == "effectiveOn"


def test_a_promotion_takes_effect_on_the_first_of_a_month() -> None:
    with pytest.raises(InvalidInput, match="1st") as refused:
        active_pns().promote("III/b", date(2019, 4, 2), SK)
    assert refused.value.field == "effectiveOn"


# --- every dated action ------------------------------------------------------------------------

BEFORE_HIRE = date(2015, 4, 30)
DATED_ACTIONS = {
    "promote": lambda e, d: e.promote("III/b", d, SK),
    "assign_position": lambda e, d: e.assign_position("Kepala Seksi", uuid4(), "PROMOTION", d, SK),
    "record_training": lambda e, d: e.record_training("Latsar CPNS", "LATSAR", 40, d),
    "impose_discipline": lambda e, d: e.impose_discipline("RINGAN", "Terlambat", d, SK),
    "separate": lambda e, d: e.separate("RESIGNATION", d, SK),
}


@pytest.mark.parametrize("action", DATED_ACTIONS)
def test_no_dated_action_takes_effect_before_the_tmt(action: str) -> None:
    with pytest.raises(DateBeforeHire) as refused:
        DATED_ACTIONS[action](active_pns(), BEFORE_HIRE)
    assert refused.value.code == "DATE_BEFORE_HIRE"
    assert refused.value.field == ("completedOn" if action == "record_training" else "effectiveOn")


def test_probation_cannot_end_before_the_tmt_either() -> None:
    with pytest.raises(DateBeforeHire):
        hire_pns().complete_probation(BEFORE_HIRE, SK)


@pytest.mark.parametrize("action", DATED_ACTIONS)
def test_no_dated_action_is_recorded_on_a_separated_employee(action: str) -> None:
    employee = active_pns()
    employee.separate("DEATH", date(2020, 1, 1), SK)
    with pytest.raises(InvalidState):
        DATED_ACTIONS[action](employee, date(2020, 6, 1))


def test_a_dated_action_needs_a_real_date() -> None:
    with pytest.raises(InvalidInput) as refused:
        active_pns().assign_position("Staf", uuid4(), "ROTATION", "2020-01-01", SK)
    assert refused.value.field == "effectiveOn"


# --- positions ---------------------------------------------------------------------------------


def test_a_transfer_moves_the_employee_and_remembers_the_unit_left() -> None:
    employee = active_pns()
    old_unit, new_unit = employee.unit_id, uuid4()
    employee.assign_position(" Kepala Seksi ", str(new_unit), "transfer", date(2020, 1, 2), SK)
    event = employee.collect_events()[-1]
    assert (event.from_unit_id, event.unit_id, event.change) == (old_unit, new_unit, "TRANSFER")
    assert (employee.position, employee.unit_id) == ("Kepala Seksi", new_unit)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("", uuid4(), "ROTATION"), "position"),
        (("Staf", "x", "ROTATION"), "unitId"),
        (("Staf", uuid4(), "LEAP"), "change"),
    ],
)
def test_a_position_needs_a_name_a_unit_and_a_known_change(args: tuple, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        active_pns().assign_position(*args, date(2020, 1, 2), SK)
    assert refused.value.field == field


def test_a_decree_is_required_for_a_position_change() -> None:
    with pytest.raises(InvalidInput) as refused:
        active_pns().assign_position("Staf", uuid4(), "ROTATION", date(2020, 1, 2), None)
    assert refused.value.field == "decree"


# --- training ----------------------------------------------------------------------------------


def test_training_hours_add_up_per_year_of_completion() -> None:
    employee = hire_pns()
    employee.record_training("Latsar CPNS", "LATSAR", 40, date(2015, 11, 20), certificate_number="  ")
    employee.record_training("Pelatihan SIASN", "e_learning", 12, date(2015, 12, 1), "CERT-1")
    employee.record_training("Seminar", "SEMINAR", 8, date(2016, 1, 5))
    assert employee.training_hours == {2015: 52, 2016: 8}
    events = employee.collect_events()
    assert events[1].certificate_number is None and events[2].certificate_number == "CERT-1"
    assert events[2].effective_on == date(2015, 12, 1) and events[2].kind == "E_LEARNING"


@pytest.mark.parametrize("hours", [0, -5, 1001, True, 2.5, "8"])
def test_training_hours_must_be_1_to_1000_whole_jp(hours: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        hire_pns().record_training("Latsar", "LATSAR", hours, date(2015, 11, 20))
    assert refused.value.field == "hours"


def test_the_edges_of_the_jp_range_are_accepted() -> None:
    employee = hire_pns()
    employee.record_training("Kursus singkat", "CLASSROOM", 1, date(2015, 6, 1))
    employee.record_training("Tugas belajar", "INTERNSHIP", 1000, date(2016, 6, 1))
    assert employee.training_hours == {2015: 1, 2016: 1000}


@pytest.mark.parametrize(
    ("title", "kind", "field"), [(" ", "LATSAR", "title"), ("Latsar", "NAPPING", "kind")]
)
def test_training_needs_a_title_and_a_known_kind(title: str, kind: str, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        hire_pns().record_training(title, kind, 10, date(2015, 11, 20))
    assert refused.value.field == field


# --- appraisal ---------------------------------------------------------------------------------


def test_an_appraisal_computes_its_predikat_from_the_matrix() -> None:
    employee = active_pns()
    employee.record_appraisal(2019, "above", "MEETS", "19700101 199503 1 002")
    assert employee.appraisals == {2019: {"work_result": "ABOVE", "behaviour": "MEETS", "predikat": "BAIK"}}
    assert employee.collect_events()[-1].appraiser_nip == APPRAISER_NIP


def test_one_final_appraisal_per_employee_and_year() -> None:
    employee = active_pns()
    employee.record_appraisal(2019, "MEETS", "MEETS", APPRAISER_NIP)
    with pytest.raises(DuplicateAppraisal) as refused:
        employee.record_appraisal(2019, "ABOVE", "ABOVE", APPRAISER_NIP)
    assert refused.value.field == "year"


def test_an_appraisal_year_before_the_hire_year_is_date_before_hire() -> None:
    with pytest.raises(DateBeforeHire):
        active_pns().record_appraisal(PNS_TMT.year - 1, "MEETS", "MEETS", APPRAISER_NIP)


@pytest.mark.parametrize("year", [1949, 2101, "2019", True])
def test_an_appraisal_year_must_be_a_plausible_whole_year(year: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        active_pns().record_appraisal(year, "MEETS", "MEETS", APPRAISER_NIP)
    assert refused.value.field == "year"


def test_appraisal_ratings_and_appraiser_are_checked() -> None:
    employee = active_pns()
    with pytest.raises(InvalidInput, match="ABOVE") as refused:
        employee.record_appraisal(2019, "GREAT", "MEETS", APPRAISER_NIP)
    assert refused.value.field == "workResult"
    with pytest.raises(InvalidInput) as refused:
        employee.record_appraisal(2019, "MEETS", "", APPRAISER_NIP)
    assert refused.value.field == "behaviour"
    with pytest.raises(InvalidNip) as bad_nip:
        employee.record_appraisal(2019, "MEETS", "MEETS", "123")
    assert bad_nip.value.field == "appraiserNip"
    with pytest.raises(InvalidInput, match="themselves"):
        employee.record_appraisal(2019, "MEETS", "MEETS", employee.nip)


def test_a_separated_employee_can_still_be_appraised_for_years_served_only() -> None:
    employee = active_pns()
    employee.separate("RESIGNATION", date(2020, 3, 1), SK)
    employee.record_appraisal(2019, "MEETS", "MEETS", APPRAISER_NIP)
    with pytest.raises(InvalidState):
        employee.record_appraisal(2021, "MEETS", "MEETS", APPRAISER_NIP)


# --- discipline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "stored", "ends_on"),
    [
        ("ringan", "RINGAN", date(2021, 1, 15)),
        ("MEDIUM", "SEDANG", date(2021, 7, 15)),
        ("Heavy", "BERAT", date(2021, 7, 15)),
    ],
)
def test_discipline_is_stored_in_indonesian_with_its_end_date(level: str, stored: str, ends_on: date) -> None:
    employee = active_pns()
    employee.impose_discipline(level, "Mangkir 10 hari", date(2020, 7, 15), SK)
    assert employee.disciplines == [(stored, date(2020, 7, 15), ends_on)]
    event = employee.collect_events()[-1]
    assert (event.level, event.ends_on, event.decree) == (stored, ends_on, SK)


def test_discipline_in_effect_runs_from_its_tmt_up_to_its_end() -> None:
    employee = active_pns()
    employee.impose_discipline("BERAT", "Penyalahgunaan wewenang", date(2020, 7, 15), SK)
    assert not employee.discipline_in_effect(date(2020, 7, 14))
    assert employee.discipline_in_effect(date(2020, 7, 15))
    assert employee.discipline_in_effect(date(2021, 7, 14))
    assert not employee.discipline_in_effect(date(2021, 7, 15))


def test_discipline_needs_a_known_level_a_description_and_a_decree() -> None:
    for args, field in [
        (("SEVERE", "x", date(2020, 1, 2), SK), "level"),
        (("RINGAN", "", date(2020, 1, 2), SK), "description"),
        (("RINGAN", "x", date(2020, 1, 2), None), "decree"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            active_pns().impose_discipline(*args)
        assert refused.value.field == field


def test_a_berat_sanction_does_not_demote_by_itself() -> None:
    employee = active_pns()
    employee.impose_discipline("BERAT", "Penurunan jabatan", date(2020, 7, 15), SK)
    assert (employee.rank, employee.position) == ("III/a", "Analis Kepegawaian Ahli Pertama")


# --- separation --------------------------------------------------------------------------------


def test_separation_records_the_reason_and_date() -> None:
    employee = active_pns()
    employee.separate("retirement", date(2044, 10, 1), SK)
    assert (employee.status, employee.separated_on, employee.separation_reason) == (
        "SEPARATED",
        date(2044, 10, 1),
        "RETIREMENT",
    )


def test_a_candidate_may_resign() -> None:
    employee = hire_pns()
    employee.separate("RESIGNATION", date(2015, 9, 1), SK)
    assert employee.status == "SEPARATED"


def test_only_a_pppk_contract_can_end() -> None:
    with pytest.raises(InvalidInput) as refused:
        active_pns().separate("CONTRACT_END", date(2020, 1, 1), SK)
    assert refused.value.field == "reason"
    pppk = hire_pppk()
    pppk.separate("CONTRACT_END", date(2026, 3, 1), SK)
    assert pppk.separation_reason == "CONTRACT_END"


def test_an_unknown_separation_reason_is_invalid_input() -> None:
    with pytest.raises(InvalidInput) as refused:
        active_pns().separate("HOLIDAY", date(2020, 1, 1), SK)
    assert refused.value.field == "reason"


def test_nobody_separates_twice() -> None:
    employee = active_pns()
    employee.separate("RESIGNATION", date(2020, 1, 1), SK)
    with pytest.raises(InvalidState):
        employee.separate("DEATH", date(2021, 1, 1), SK)


# --- personal data -----------------------------------------------------------------------------


def test_a_name_is_corrected_with_a_reason() -> None:
    employee = active_pns()
    employee.correct_personal_data(name="Budi Santoso, S.Kom.", reason="Ijazah")
    event = employee.collect_events()[-1]
    assert (event.name, event.gender, event.birth_date, event.reason) == (
        "Budi Santoso, S.Kom.",
        None,
        None,
        "Ijazah",
    )
    assert employee.name == "Budi Santoso, S.Kom." and employee.gender == "MALE"
    assert not hasattr(event, "effective_on")


def test_a_correction_needs_a_reason_and_something_to_correct() -> None:
    with pytest.raises(InvalidInput) as refused:
        active_pns().correct_personal_data(name="Budi", reason=" ")
    assert refused.value.field == "reason"
    with pytest.raises(InvalidInput):
        active_pns().correct_personal_data(reason="nothing")


def test_sex_and_birth_date_can_only_be_corrected_to_what_the_nip_says() -> None:
    employee = active_pns()
    with pytest.raises(InvalidNip) as refused:
        employee.correct_personal_data(gender="FEMALE", reason="typo")
    assert refused.value.field == "gender"
    with pytest.raises(InvalidNip) as refused:
        employee.correct_personal_data(birth_date=date(1986, 9, 27), reason="typo")
    assert refused.value.field == "birthDate"
    employee.correct_personal_data(gender="MALE", birth_date=date(1986, 9, 26), reason="confirmed")


def test_a_date_near_the_end_of_the_calendar_is_refused_not_overflowed() -> None:
    employee = active_pns()
    with pytest.raises(InvalidInput) as refused:
        employee.impose_discipline("BERAT", "alpa 30 hari", date(9999, 12, 31), decree())
    assert refused.value.field == "effectiveOn"
