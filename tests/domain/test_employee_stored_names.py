"""Stored events are forever: the employee's events keep the topics they were stored under when their classes
moved out of employee.py (the onboarding events live in `riwayat.domain.onboarding`, the commands in mixins).
An enrolment stored before the split, in the jsonb shape the ledger keeps, still decodes and folds."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.utils import get_topic, resolve_topic

from riwayat.domain import onboarding
from riwayat.domain.employee import Employee
from riwayat.infra.codec import EventCodec

EMPLOYEE = "riwayat.domain.employee:Employee"
ID = UUID(int=41)


def _d(day: str) -> dict[str, str]:
    return {"_type_": "date_iso", "_data_": day}


SK = {"_type_": "decree", "_data_": {"number": "821/2023/BKPSDM", "date": _d("2023-03-20")}}
TS = {"_type_": "datetime_iso", "_data_": "2025-01-02T03:00:00+00:00"}
ENROLLED = {
    "originator_id": {"_type_": "uuid_hex", "_data_": ID.hex}, "originator_version": 1, "timestamp": TS,
    "originator_topic": EMPLOYEE, "nip": "198609262012041001", "name": "Rahmat Hidayat", "gender": "MALE",
    "birth_date": _d("1986-09-26"), "birthplace": None, "employment_type": "PNS",
    "tmt_cpns": _d("2012-04-01"), "tmt_pns": _d("2013-06-01"), "rank": "III/c",
    "rank_since": _d("2020-04-01"), "rank_decree": SK,
    "position": "Analis Kepegawaian Ahli Muda", "position_since": _d("2021-01-04"),
    "unit_id": {"_type_": "uuid_hex", "_data_": UUID(int=7).hex}, "education": "S1",
    "enrolled_on": _d("2025-01-02"), "source": "siasn-import", "source_id": "A-1", "origin": None,
    "previous_employee_id": None, "effective_on": _d("2012-04-01"),
}  # fmt: skip
RANK = {"rank": "III/b", "effective_on": _d("2016-04-01"), "decree": SK, "timestamp": TS}
TRANSFER = {"destination": "Pemprov Sumut", "effective_on": _d("2025-03-03"), "decree": SK, "timestamp": TS}
STORED = [
    (f"{EMPLOYEE}.Enrolled", ENROLLED),
    (f"{EMPLOYEE}.RankHistoryImported", {**RANK, "originator_version": 2}),
    (f"{EMPLOYEE}.TransferredOut", {**TRANSFER, "originator_version": 3}),
]


def test_every_employee_event_keeps_its_stored_topic() -> None:
    names = [n for n, v in vars(Employee).items() if isinstance(v, type) and issubclass(v, Employee.Event)]
    assert {"Hired", "RankPromoted", "Enrolled", "RankHistoryImported", "TransferredOut"} <= set(names)
    for name in names:
        cls = getattr(Employee, name)
        assert get_topic(cls) == f"{EMPLOYEE}.{name}"
        assert resolve_topic(f"{EMPLOYEE}.{name}") is cls


def test_an_enrolment_stored_before_the_split_decodes_and_folds() -> None:
    codec = EventCodec()
    events = [codec.decode(topic, ID, n, dict(data)) for n, (topic, data) in enumerate(STORED, 1)]
    kinds = [Employee.Enrolled, Employee.RankHistoryImported, Employee.TransferredOut]
    assert [type(e) for e in events] == kinds
    assert isinstance(events[0], onboarding.Enrolled)  # the class as written, under its stored name
    emp = Employee.fold(events)
    assert (emp.id, emp.nip, emp.rank, emp.status, emp.separated_on) == (
        ID, "198609262012041001", "III/c", "TRANSFERRED_OUT", date(2025, 3, 3)
    )  # fmt: skip
    assert Employee.fold_effective(date(2018, 1, 1), events[:2]).rank == "III/b"
    assert codec.encode(events[1]) == (STORED[1][0], RANK)  # written again as it was stored
