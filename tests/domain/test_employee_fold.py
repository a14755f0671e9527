"""Folding a selection of events, in any order: the basis of "as effective on D"."""

from __future__ import annotations

import random
from datetime import date
from uuid import uuid4

import pytest

from riwayat.domain.employee import Employee
from tests.domain.factories import APPRAISER_NIP, active_pns, decree

SK = decree("800/7/2020", date(2020, 1, 1))


def a_career() -> tuple[Employee, list]:
    employee = active_pns()
    employee.record_training("Latsar CPNS", "LATSAR", 40, date(2015, 11, 20))
    employee.promote("III/b", date(2019, 4, 1), SK)
    employee.assign_position("Kepala Subbagian", uuid4(), "PROMOTION", date(2020, 1, 2), SK)
    employee.record_appraisal(2020, "ABOVE", "ABOVE", APPRAISER_NIP)
    employee.impose_discipline("RINGAN", "Terlambat", date(2021, 2, 1), SK)
    employee.record_training("PKA", "LEADERSHIP", 60, date(2021, 8, 1))
    return employee, list(employee.collect_events())


def state(employee: Employee) -> dict:
    return {k: v for k, v in vars(employee).items() if k not in {"_pending_events", "_modified_on"}}


def test_folding_all_events_in_order_rebuilds_the_aggregate() -> None:
    employee, events = a_career()
    folded = Employee.fold(events)
    assert state(folded) == state(employee)
    assert folded.version == len(events) == 8


def test_folding_the_same_events_in_another_order_gives_the_same_state() -> None:
    # The effective-date view sorts by TMT, not by version: events must apply in any order
    # without eventsourcing's version check refusing them.
    employee, events = a_career()
    shuffled = events[:]
    random.Random(7).shuffle(shuffled)
    assert state(Employee.fold(shuffled)) == state(employee)


def test_a_retroactive_promotion_recorded_late_counts_from_its_tmt() -> None:
    # Given a promotion effective 2019-04-01 recorded after a 2020 transfer
    employee = active_pns()
    employee.assign_position("Analis", uuid4(), "TRANSFER", date(2020, 1, 2), SK)
    employee.promote("III/b", date(2019, 4, 1), SK)
    events = list(employee.collect_events())
    # When the events effective on or before 2019-12-31 are folded in TMT order
    on_date = date(2019, 12, 31)
    dated = [e for e in events if getattr(e, "effective_on", date.min) <= on_date]
    as_of = Employee.fold(sorted(dated, key=lambda e: e.effective_on))
    # Then the promotion is in effect but the later transfer is not
    assert (as_of.rank, as_of.rank_since) == ("III/b", date(2019, 4, 1))
    assert as_of.position == "Analis Kepegawaian Ahli Pertama"
    assert as_of.version == len(dated) == 3


def test_folding_before_the_hire_is_an_error_not_an_empty_employee() -> None:
    _, events = a_career()
    with pytest.raises(ValueError, match="Hired"):
        Employee.fold(events[1:])


def test_a_folded_employee_accepts_further_commands() -> None:
    _, events = a_career()
    folded = Employee.fold(events)
    folded.promote("III/c", date(2023, 4, 1), SK)
    assert folded.collect_events()[-1].originator_version == len(events) + 1
