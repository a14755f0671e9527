"""Hiring: a CPNS or a PPPK whose number agrees with the person and the appointment."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from riwayat.domain.employee import Employee
from riwayat.domain.errors import DomainError, InvalidInput, InvalidNip, InvalidRank
from riwayat.domain.values import Decree
from tests.domain.factories import PNS_BORN, PNS_NIP, PNS_TMT, hire_pns, hire_pppk, pns_args, pppk_args


def test_a_pns_is_hired_as_a_candidate_with_the_rank_since_the_tmt() -> None:
    employee = hire_pns(nip="19860926 201505 1 001")
    assert employee.nip == PNS_NIP
    assert employee.status == "CANDIDATE"
    assert (employee.rank, employee.rank_since, employee.hired_on) == ("III/a", PNS_TMT, PNS_TMT)
    assert (employee.gender, employee.employment_type, employee.birth_date) == ("MALE", "PNS", PNS_BORN)
    assert employee.version == 1
    assert employee.training_hours == {} and employee.appraisals == {} and employee.disciplines == []
    assert employee.probation_completed_on is None and employee.separated_on is None


def test_a_pppk_is_hired_active_with_a_golongan() -> None:
    employee = hire_pppk(rank="ix")
    assert (employee.status, employee.rank, employee.employment_type) == ("ACTIVE", "IX", "PPPK")


def test_the_hired_event_stores_only_plain_values() -> None:
    (event,) = hire_pns(gender="male", rank="iii/A").collect_events()
    assert isinstance(event, Employee.Hired)
    assert type(event.gender) is str and event.gender == "MALE"
    assert type(event.employment_type) is str and event.rank == "III/a"
    assert type(event.nip) is str and isinstance(event.unit_id, UUID)
    assert isinstance(event.decree, Decree) and event.effective_on == PNS_TMT
    for value in vars(event).values():
        assert not isinstance(value, float)


def test_event_topics_are_the_contracts_stored_names() -> None:
    names = "Hired ProbationCompleted RankPromoted PositionAssigned TrainingCompleted AppraisalRecorded"
    names += " DisciplineImposed Separated PersonalDataCorrected"
    for name in names.split():
        assert get_topic(getattr(Employee, name)) == f"riwayat.domain.employee:Employee.{name}"
    assert issubclass(Employee.Hired, Aggregate.Created)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"birth_date": date(1986, 9, 27)}, "birth date"),
        ({"gender": "FEMALE"}, "sex"),
        ({"effective_on": date(2015, 6, 1)}, "month"),
        ({"effective_on": date(2016, 5, 1)}, "year"),
        ({"nip": "198609262015051000"}, "sequence"),
    ],
)
def test_a_nip_that_disagrees_with_the_person_or_the_tmt_is_refused(change: dict, why: str) -> None:
    with pytest.raises(InvalidNip, match=why) as refused:
        hire_pns(**change)
    assert refused.value.field == "nip"


def test_a_pns_nip_for_a_pppk_hire_and_the_reverse_are_invalid_nips() -> None:
    with pytest.raises(InvalidNip, match="PNS number"):
        Employee.hire(**pppk_args(nip=PNS_NIP, birth_date=PNS_BORN, gender="MALE", effective_on=PNS_TMT))
    with pytest.raises(InvalidNip, match="PPPK number"):
        Employee.hire(**pns_args(nip="199001152021212005", birth_date=date(1990, 1, 15), gender="FEMALE"))


def test_a_pppk_number_must_carry_the_year_of_appointment() -> None:
    with pytest.raises(InvalidNip, match="year"):
        hire_pppk(effective_on=date(2022, 1, 1))


@pytest.mark.parametrize(("hire", "rank"), [(hire_pns, "IX"), (hire_pns, "IV/f"), (hire_pppk, "III/a")])
def test_a_rank_of_the_wrong_employment_type_is_refused(hire, rank: str) -> None:  # noqa: ANN001
    with pytest.raises(InvalidRank) as refused:
        hire(rank=rank)
    assert refused.value.field == "rank"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"position": ""}, "position"),
        ({"gender": "X"}, "gender"),
        ({"employment_type": "HONORER"}, "employmentType"),
        ({"unit_id": "unit-7"}, "unitId"),
        ({"birth_date": "1986-09-26"}, "birthDate"),
        ({"effective_on": None}, "effectiveOn"),
        ({"decree": None}, "decree"),
    ],
)
def test_missing_or_malformed_hire_input_is_invalid_input_on_its_field(change: dict, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        hire_pns(**change)
    assert refused.value.field == field


def test_every_domain_error_carries_its_api_code() -> None:
    with pytest.raises(DomainError) as refused:
        hire_pns(nip="123")
    assert refused.value.code == "INVALID_NIP"
