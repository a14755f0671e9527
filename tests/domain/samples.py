"""A hired employee with no pending events, for tests that record events on one (codec, quick events)."""

from __future__ import annotations

import uuid
from datetime import date

from riwayat.domain.employee import Employee
from riwayat.domain.values import Decree


def hired() -> Employee:
    employee = Employee.hire(
        nip="198609262015051001", name="Pegawai", gender="MALE", birth_date=date(1986, 9, 26),
        employment_type="PNS", rank="III/a", position="Pelaksana", unit_id=uuid.uuid4(),
        effective_on=date(2015, 5, 1), decree=Decree("SK-1", date(2015, 4, 1)),
    )  # fmt: skip
    employee.collect_events()
    return employee
