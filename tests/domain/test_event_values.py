"""Events hold only plain values the store can encode: no enums, no value objects, no floats."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from uuid import UUID, uuid4

from riwayat.domain.complaint import Complaint
from riwayat.domain.org_unit import OrgUnit
from riwayat.domain.values import Decree
from tests.domain.factories import APPRAISER_NIP, active_pns, decree, hire_pppk

PLAIN = (str, int, bool, type(None), date, UUID, Decree)


def every_kind_of_event() -> list:
    sk = decree("800/1/2020", date(2020, 1, 1))
    employee = active_pns()
    employee.promote("III/b", date(2019, 4, 1), sk)
    employee.assign_position("Kepala Seksi", uuid4(), "PROMOTION", date(2020, 1, 2), sk)
    employee.record_training("Latsar", "LATSAR", 40, date(2015, 11, 20), "C-1")
    employee.record_appraisal(2020, "ABOVE", "MEETS", APPRAISER_NIP)
    employee.impose_discipline("LIGHT", "Terlambat", date(2021, 2, 1), sk)
    employee.correct_personal_data(name="Budi S.", reason="Ijazah")
    employee.separate("RETIREMENT", date(2044, 10, 1), sk)
    pppk = hire_pppk()
    unit = OrgUnit.establish("DINKES", "Dinas Kesehatan")
    unit.rename("Dinas Kesehatan Kota")
    unit.dissolve(0)
    complaint = Complaint.file(channel="LAPOR", category="PELAYANAN", description="x", unit_id=uuid4())
    complaint.triage(uuid4())
    complaint.resolve("SUBSTANTIATED", "y")
    complaint.reopen()
    complaint.resolve("UNSUBSTANTIATED", "z")
    complaint.close()
    return [
        *employee.collect_events(),
        *pppk.collect_events(),
        *unit.collect_events(),
        *complaint.collect_events(),
    ]


def test_every_event_attribute_is_a_plain_value() -> None:
    events = every_kind_of_event()
    assert len({type(event).__qualname__ for event in events}) == 17
    for event in events:
        for name, value in vars(event).items():
            if name == "timestamp":
                assert isinstance(value, datetime)
                continue
            assert isinstance(value, PLAIN), f"{type(event).__qualname__}.{name} = {value!r}"
            assert not isinstance(value, Enum | float | datetime), f"{type(event).__qualname__}.{name}"


def test_dated_events_name_their_tmt_effective_on() -> None:
    undated = {"Employee.AppraisalRecorded", "Employee.PersonalDataCorrected"}
    for event in every_kind_of_event():
        name = type(event).__qualname__
        if name.startswith("Employee.") and name not in undated:
            assert isinstance(event.effective_on, date), name
        if name in undated:
            assert not hasattr(event, "effective_on"), name
