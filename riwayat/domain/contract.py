"""PPPK contracts (perjanjian kerja): 1–5 years, renewable on performance and need (PP 49/2018 art. 37);
part-time PPPK one year (KepmenPANRB 16/2025). Each contract carries its own NI PPPK."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from riwayat.domain import reference
from riwayat.domain.checks import add_months, parse_enum, require_date
from riwayat.domain.enums import EmploymentType, WorkTime
from riwayat.domain.errors import DomainError, InvalidInput, InvalidNip
from riwayat.domain.nip import Nip

Contract = tuple[date, date, str, str]  # (start, end inclusive, work time, NI PPPK)


class ContractOverlap(DomainError):
    """A contract must start after the previous one ends."""

    code = "CONTRACT_OVERLAP"


class ContractNotEnded(DomainError):
    """CONTRACT_END separation before the contract's end."""

    code = "CONTRACT_NOT_ENDED"


def contract_fields(
    start: object, end: object, work_time: object, ni_pppk: object, *, birth_date: date, gender: str,
    previous: Contract | None, renewal: bool,
) -> dict[str, Any]:  # fmt: skip
    begins, ends = require_date(start, "startOn"), require_date(end, "endOn")
    time = parse_enum(WorkTime, work_time, "workTime").value
    low, high = reference.in_force(reference.PPPK_CONTRACT_MONTHS, begins).value[time]
    if ends < add_months(begins, low) - timedelta(days=1) or ends >= add_months(begins, high):
        raise InvalidInput(f"a {time} contract lasts {low}-{high} months (PP 49/2018 art. 37)", "endOn")
    number = Nip.parse(ni_pppk, field="niPppk")
    if number.employment_type is not EmploymentType.PPPK or number.birth_date != birth_date:
        raise InvalidNip("the NI PPPK must be a PPPK number with the person's birth date", "niPppk")
    if number.gender.value != gender:
        raise InvalidNip("the NI PPPK sex digit differs from the gender", "niPppk")
    if renewal and previous is None:
        raise InvalidInput("there is no contract to renew: sign the first one", "startOn")
    if not renewal and previous is not None:
        raise InvalidInput("a contract is already signed: renew it", "startOn")
    if previous is not None and begins <= previous[1]:
        raise ContractOverlap(f"the previous contract runs until {previous[1]}", "startOn")
    return {"start_on": begins, "end_on": ends, "work_time": time, "ni_pppk": number.digits}


def check_contract_end(contracts: list[Contract], on: date) -> None:
    """CONTRACT_END at or after the day after the last contract's end (records without contracts —
    history before contracts were kept — are not checked)."""
    if contracts and on <= contracts[-1][1]:
        raise ContractNotEnded(f"the contract runs until {contracts[-1][1]}", "effectiveOn")
