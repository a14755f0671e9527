"""Competency (PermenPANRB 38/2017): the dictionary, standards versioned by date, assessments, programmes."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from riwayat.domain.competency import CompetencyStandard
from riwayat.domain.competency_dictionary import SHIPPED, CompetencyGroup, TechnicalCompetency
from riwayat.domain.competency_record import CompetencyRecord
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.training_programme import TrainingProgramme
from tests.domain.factories import active_pns


def test_the_dictionary_ships_the_eight_managerial_and_perekat_bangsa_with_their_source() -> None:
    groups = [c.group for c in SHIPPED.values()]
    assert groups.count(CompetencyGroup.MANAGERIAL) == 8
    assert SHIPPED["PEREKAT_BANGSA"].group is CompetencyGroup.SOCIO_CULTURAL
    assert all(len(c.levels) == 5 and "38/2017" in (c.source or "") for c in SHIPPED.values())


def test_a_technical_competency_has_five_described_levels_and_cannot_reuse_a_shipped_code() -> None:
    tc = TechnicalCompetency.define(code="PENGELOLAAN_ARSIP", name="Arsip", job_family="Arsiparis",
                                    levels=[f"level {n}" for n in range(1, 6)])  # fmt: skip
    assert tc.as_competency().group is CompetencyGroup.TECHNICAL
    with pytest.raises(InvalidInput):
        TechnicalCompetency.define(code="X_Y", name="x", job_family="f", levels=["a"] * 4)
    with pytest.raises(InvalidInput):
        TechnicalCompetency.define(code="INTEGRITAS", name="x", job_family="f", levels=["a"] * 5)


@pytest.mark.parametrize("level", [0, 6, True, "3"])
def test_levels_are_whole_numbers_1_to_5(level: Any) -> None:
    with pytest.raises(InvalidInput):
        CompetencyStandard.set(position_id=uuid4(), effective_on=date(2024, 1, 1),
                               levels={"INTEGRITAS": level})  # fmt: skip


def test_the_standard_in_force_is_the_latest_version_on_or_before_the_date() -> None:
    s = CompetencyStandard.set(position_id=uuid4(), effective_on=date(2024, 1, 1),
                               levels={"INTEGRITAS": 3, "KOMUNIKASI": 2})  # fmt: skip
    s.revise(effective_on=date(2025, 1, 1), levels={"INTEGRITAS": 4})
    assert s.in_force(date(2023, 12, 31)) is None
    assert s.in_force(date(2024, 6, 1)) == {"INTEGRITAS": 3, "KOMUNIKASI": 2}
    assert s.in_force(date(2025, 1, 1)) == {"INTEGRITAS": 4}
    with pytest.raises(InvalidInput):
        s.revise(effective_on=date(2025, 1, 1), levels={"INTEGRITAS": 5})


def test_the_latest_assessment_of_each_competency_counts_even_when_recorded_late() -> None:
    r = CompetencyRecord.open(uuid4())
    r.assess(assessed_on=date(2025, 3, 1), method="CAT", assessor="BKN", levels={"INTEGRITAS": 3})
    r.assess(assessed_on=date(2024, 3, 1), method="PORTFOLIO", assessor="BKPSDM",
             levels={"INTEGRITAS": 1, "KOMUNIKASI": 2})  # fmt: skip
    assert (r.level("INTEGRITAS"), r.level("KOMUNIKASI"), r.level("KERJA_SAMA")) == (3, 2, None)
    with pytest.raises(InvalidInput):
        r.assess(assessed_on=date(2025, 3, 1), method="GUESS", assessor="x", levels={"INTEGRITAS": 3})


def programme(seats: int = 2) -> TrainingProgramme:
    return TrainingProgramme.plan(
        title="Pelayanan prima", provider="BPSDM Sumut", mode="BLENDED", serves={"PELAYANAN_PUBLIK": 4},
        hours=24, starts_on=date(2025, 5, 5), ends_on=date(2025, 5, 9), seats=seats,
    )  # fmt: skip


def test_no_seat_is_overbooked_and_a_withdrawal_frees_one() -> None:
    p, a, b, c = programme(), uuid4(), uuid4(), uuid4()
    p.enroll(a)
    p.enroll(b)
    with pytest.raises(InvalidState, match="seats"):
        p.enroll(c)
    with pytest.raises(InvalidState):
        p.enroll(a)
    p.withdraw(a, "dinas luar")
    p.enroll(c)
    assert p.enrolled == {b, c}
    with pytest.raises(InvalidState):
        p.withdraw(a)
    with pytest.raises(InvalidState):
        p.withdraw(b, completed=True)


def test_an_evaluation_comes_only_after_a_completion_once_rating_each_competency_1_to_4() -> None:
    p, who = programme(), uuid4()
    p.enroll(who)
    args: dict[str, Any] = dict(employee_id=who, evaluated_on=date(2025, 9, 1), evaluator="Kabid",
                                ratings={"PELAYANAN_PUBLIK": 3})  # fmt: skip
    with pytest.raises(InvalidState, match="after"):
        p.evaluate(completed_on=None, **args)
    with pytest.raises(InvalidInput):
        p.evaluate(completed_on=date(2025, 9, 2), **args)
    with pytest.raises(InvalidInput):
        p.evaluate(completed_on=date(2025, 5, 9), **(args | {"ratings": {"PELAYANAN_PUBLIK": 5}}))
    p.evaluate(completed_on=date(2025, 5, 9), **args)
    with pytest.raises(InvalidState):
        p.evaluate(completed_on=date(2025, 5, 9), **args)


def test_only_an_enrolled_participant_completes_and_the_employee_records_the_jp_once() -> None:
    p, e = programme(), active_pns()
    with pytest.raises(InvalidState):
        p.check_completion(e.id, date(2025, 5, 9))
    p.enroll(e.id)
    with pytest.raises(InvalidInput):
        p.check_completion(e.id, date(2025, 5, 1))
    p.check_completion(e.id, date(2025, 5, 9))
    e.record_training(p.title, "CLASSROOM", p.hours, date(2025, 5, 9), programme_id=p.id)
    assert e.training_hours[2025] == 24 and e.programmes_completed == {p.id: date(2025, 5, 9)}
    with pytest.raises(InvalidState):
        e.record_training(p.title, "CLASSROOM", p.hours, date(2025, 5, 10), programme_id=p.id)
