"""Career rules of the `Employee` commands that read its state: catalogued positions, separations that
depend on the retirement age or the contract, and the posthumous promotion (KP anumerta)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.checks import require_date
from riwayat.domain.contract import check_contract_end
from riwayat.domain.enums import EmployeeStatus, EmploymentType, SeparationReason
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.retirement import age_from_title, check_retirement, retirement_date

_DEATHS = {SeparationReason.DEATH.value, SeparationReason.DEATH_ON_DUTY.value}


@dataclass(frozen=True)
class CataloguedPosition:
    """What an assignment needs of a catalogue `Position` (the application reads it from its stream)."""

    id: UUID
    name: str
    unit_id: UUID
    retirement_age: int
    abolished: bool = False

    @classmethod
    def of(cls, position: Any) -> CataloguedPosition:
        # A plain UUID: a stream id read back through a driver may be its own UUID subclass.
        ident, unit = UUID(int=position.id.int), UUID(int=position.unit_id.int)
        return cls(ident, position.name, unit, position.retirement_age, position.abolished)


def catalogued_fields(catalogued: CataloguedPosition | None, fields: dict[str, Any]) -> dict[str, Any]:
    """The v2 fields of Hired / PositionAssigned. A catalogued position must be open and in the unit
    named; its catalogue name is the one recorded. Free text stays accepted, flagged by position_id None."""
    if catalogued is None:
        return {"position_id": None, "retirement_age": None}
    if catalogued.abolished:
        raise InvalidState("the catalogued position is abolished", "positionId")
    if catalogued.unit_id != fields["unit_id"]:
        raise InvalidInput("the catalogued position belongs to another unit", "positionId")
    return {
        "position": catalogued.name,
        "position_id": catalogued.id,
        "retirement_age": catalogued.retirement_age,
    }


def bup_age(emp: Any) -> tuple[int, bool]:
    """(retirement age, inferred): the catalogued position's BUP, else one inferred from the title."""
    if emp.retirement_age is not None:
        return emp.retirement_age, False
    return age_from_title(emp.position), True


def retires_on(emp: Any) -> date:
    return retirement_date(emp.birth_date, bup_age(emp)[0])


def check_separation(emp: Any, reason: str, on: date) -> None:
    """RETIREMENT from the BUP date only; EARLY_RETIREMENT (APS) with age and service; CONTRACT_END after
    the contract; FAILED_PROBATION only for a CPNS (PP 11/2017 art. 239-241, PP 49/2018 art. 37)."""
    if reason in (SeparationReason.RETIREMENT.value, SeparationReason.EARLY_RETIREMENT.value):
        check_retirement(reason, emp.birth_date, bup_age(emp)[0], emp.hired_on, on)
    elif reason == SeparationReason.CONTRACT_END.value:
        check_contract_end(list(emp.contracts), on)
    elif reason == SeparationReason.FAILED_PROBATION.value and emp.status != EmployeeStatus.CANDIDATE.value:
        raise InvalidState("only a CPNS on probation can fail it", "reason")


def check_posthumous(emp: Any, effective_on: object) -> date:
    """KP anumerta (PP 99/2000 art. 22-23): a PNS who died, promoted with the date of death as TMT,
    recorded after the Separated(DEATH / DEATH_ON_DUTY) event."""
    day = require_date(effective_on, "effectiveOn")
    if emp.employment_type != EmploymentType.PNS.value:
        raise InvalidState("a posthumous promotion is for a PNS", "kind")
    if emp.status != EmployeeStatus.SEPARATED.value or emp.separation_reason not in _DEATHS:
        raise InvalidState("a posthumous promotion follows the record of the death", "kind")
    if day != emp.separated_on:
        raise InvalidInput(f"a posthumous promotion takes the date of death ({emp.separated_on}) as TMT",
                           "effectiveOn")  # fmt: skip
    return day
