"""Events triggered through `QuickEvents` are the library's events: same class, same fields, same values,
the same stored form — and a call the library refuses is refused as it refuses it."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from eventsourcing.domain import Aggregate

from riwayat.domain import quick_events
from riwayat.domain.employee import Employee
from riwayat.infra.codec import EventCodec
from tests.domain.samples import hired


def _commands(employee: Employee) -> None:
    employee.record_training("Pelatihan", "E_LEARNING", 2, date(2024, 3, 1))
    employee.record_training("Diklat", "E_LEARNING", 30, date(2024, 4, 1), certificate_number="C-1")
    employee.record_appraisal(2023, "MEETS", "ABOVE", "197001011990031001")


def test_quick_events_equal_the_librarys(monkeypatch: pytest.MonkeyPatch) -> None:
    quick = hired()
    library = copy.deepcopy(quick)
    _commands(quick)
    monkeypatch.setattr(quick_events, "_plans", {})
    monkeypatch.setattr(quick_events, "_plan", lambda event_class: None)  # every event the library's way
    _commands(library)
    ours, theirs = quick.collect_events(), Aggregate.collect_events(library)  # the library's own collect
    assert quick.pending_events == [] == library.pending_events and quick.collect_events() == []
    codec = EventCodec()
    assert [type(e) for e in ours] == [type(e) for e in theirs] and len(ours) == 3
    for a, b in zip(ours, theirs, strict=True):
        assert list(vars(a)) == list(vars(b))  # the fields, in order
        assert {**vars(a), "timestamp": None} == {**vars(b), "timestamp": None}
        assert a.timestamp.tzinfo is not None and type(a.timestamp) is type(b.timestamp)
        stored_a, stored_b = codec.encode(a)[1], codec.encode(b)[1]
        assert {**stored_a, "timestamp": None} == {**stored_b, "timestamp": None}
    assert vars(quick).keys() == vars(library).keys()
    assert quick.version == library.version and quick.training_hours == library.training_hours
    assert quick.modified_on == ours[-1].timestamp and library.modified_on == theirs[-1].timestamp


def test_arguments_the_event_does_not_have_are_refused_as_the_library_refuses_them() -> None:
    employee = hired()
    with pytest.raises(TypeError, match="Can't construct event"):
        employee.trigger_event(Employee.TrainingCompleted, title="x")
