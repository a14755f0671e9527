"""Builders for domain tests: each call makes fresh aggregates with random ids, nothing shared."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

from riwayat.domain.employee import Employee
from riwayat.domain.values import Decree

# Born 1986-09-26, TMT CPNS May 2015, male, sequence 001.
PNS_NIP = "198609262015051001"
PNS_BORN = date(1986, 9, 26)
PNS_TMT = date(2015, 5, 1)

# Born 1990-01-15, first PPPK appointment 2021, first contract, female, sequence 005.
PPPK_NIP = "199001152021212005"
PPPK_BORN = date(1990, 1, 15)
PPPK_TMT = date(2021, 3, 1)

APPRAISER_NIP = "197001011995031002"


def decree(number: str = "800/123/BKPSDM/2015", on: date | None = None) -> Decree:
    return Decree(number=number, date=on or date(2015, 4, 20))


def pns_args(**overrides: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "nip": PNS_NIP,
        "name": "Budi Santoso",
        "gender": "MALE",
        "birth_date": PNS_BORN,
        "employment_type": "PNS",
        "rank": "III/a",
        "position": "Analis Kepegawaian Ahli Pertama",
        "unit_id": uuid4(),
        "effective_on": PNS_TMT,
        "decree": decree(),
    }
    return args | overrides


def pppk_args(**overrides: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "nip": PPPK_NIP,
        "name": "Siti Rahmawati",
        "gender": "FEMALE",
        "birth_date": PPPK_BORN,
        "employment_type": "PPPK",
        "rank": "IX",
        "position": "Guru Ahli Pertama",
        "unit_id": uuid4(),
        "effective_on": PPPK_TMT,
        "decree": decree("813/PPPK/2021", date(2021, 2, 20)),
    }
    return args | overrides


def hire_pns(**overrides: Any) -> Employee:
    return Employee.hire(**pns_args(**overrides))


def hire_pppk(**overrides: Any) -> Employee:
    return Employee.hire(**pppk_args(**overrides))


def active_pns(**overrides: Any) -> Employee:
    """A PNS whose probation ended a year after the 2015 TMT (rank III/a since 2015-05-01)."""
    employee = hire_pns(**overrides)
    employee.complete_probation(date(2016, 5, 1), decree("821/PNS/2016", date(2016, 4, 25)))
    return employee
