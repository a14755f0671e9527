"""Input rules of the `Employee` commands that do not depend on the employee's state.

Each function checks raw command arguments and returns the plain values the event stores (enum
`.value`s, digit strings, stripped text), raising a `DomainError` that names the API field. Rules
that read the employee's state (status, TMT, earlier appraisals) stay in the aggregate.
"""

from __future__ import annotations

from typing import Any

from riwayat.domain import reference
from riwayat.domain.appraisal import predikat
from riwayat.domain.checks import (
    optional_text,
    parse_enum,
    require_date,
    require_text,
    require_uuid,
)
from riwayat.domain.enums import (
    EmploymentType,
    Expectation,
    Gender,
    PositionChange,
    TrainingKind,
)
from riwayat.domain.errors import InvalidInput, InvalidNip
from riwayat.domain.nip import Nip
from riwayat.domain.rank import Rank
from riwayat.domain.values import require_decree


def hire_fields(
    *, nip: object, name: object, gender: object, birth_date: object, employment_type: object,
    rank: object, position: object, unit_id: object, effective_on: object, decree: object,
) -> dict[str, Any]:  # fmt: skip
    """A NIP/NI PPPK consistent with the person and the appointment, and a rank of the right type."""
    kind = parse_enum(EmploymentType, employment_type, "employmentType")
    sex = parse_enum(Gender, gender, "gender")
    born = require_date(birth_date, "birthDate")
    tmt = require_date(effective_on, "effectiveOn")
    number = Nip.parse(nip)
    number.check_matches(birth_date=born, gender=sex, employment_type=kind, appointed_on=tmt)
    return {
        "nip": number.digits,
        "name": require_text(name, "name"),
        "gender": sex.value,
        "birth_date": born,
        "employment_type": kind.value,
        "rank": Rank.parse(rank, kind).code,
        "position": require_text(position, "position"),
        "unit_id": require_uuid(unit_id, "unitId"),
        "effective_on": tmt,
        "decree": require_decree(decree),
    }


def position_fields(position: object, unit_id: object, change: object) -> dict[str, Any]:
    """A named jabatan in a unit, and the kind of change (the unit's existence is the application's)."""
    return {
        "position": require_text(position, "position"),
        "unit_id": require_uuid(unit_id, "unitId"),
        "change": parse_enum(PositionChange, change, "change").value,
    }


def training_fields(title: object, kind: object, hours: object, certificate_number: object) -> dict[str, Any]:
    """1–1000 JP of a known kind; the yearly 20 JP minimum is reported elsewhere, never enforced."""
    if isinstance(hours, bool) or not isinstance(hours, int):
        raise InvalidInput("hours must be a whole number of JP", "hours")
    if not 1 <= hours <= reference.MAX_TRAINING_HOURS:
        raise InvalidInput(f"hours must be 1-{reference.MAX_TRAINING_HOURS} JP", "hours")
    return {
        "title": require_text(title, "title", max_length=500),
        "kind": parse_enum(TrainingKind, kind, "kind").value,
        "hours": hours,
        "certificate_number": optional_text(certificate_number, "certificateNumber"),
    }


def check_appraisal_year(year: object) -> int:
    low, high = reference.APPRAISAL_YEAR_RANGE
    if isinstance(year, bool) or not isinstance(year, int) or not low <= year <= high:
        raise InvalidInput(f"year must be {low}-{high}", "year")
    return year


def appraisal_fields(work_result: object, behaviour: object, appraiser_nip: object) -> dict[str, Any]:
    """The two ratings, the predikat the SKP matrix gives them, and a valid appraiser number."""
    work = parse_enum(Expectation, work_result, "workResult")
    conduct = parse_enum(Expectation, behaviour, "behaviour")
    return {
        "work_result": work.value,
        "behaviour": conduct.value,
        "predikat": predikat(work, conduct).value,
        "appraiser_nip": Nip.parse(appraiser_nip, field="appraiserNip").digits,
    }


def correction_fields(
    nip: str, *, name: object, gender: object, birth_date: object, reason: object
) -> dict[str, Any]:
    """Something to correct, and a reason. The NIP encodes sex and birth date, so they must agree."""
    why = require_text(reason, "reason", max_length=1000)
    if name is None and gender is None and birth_date is None:
        raise InvalidInput("nothing to correct: give a name, gender or birth date", "name")
    number = Nip(nip)
    sex = None if gender is None else parse_enum(Gender, gender, "gender")
    if sex is not None and sex is not number.gender:
        raise InvalidNip("the gender must agree with the NIP", "gender")
    born = None if birth_date is None else require_date(birth_date, "birthDate")
    if born is not None and born != number.birth_date:
        raise InvalidNip("the birth date must agree with the NIP", "birthDate")
    return {
        "name": None if name is None else require_text(name, "name"),
        "gender": None if sex is None else sex.value,
        "birth_date": born,
        "reason": why,
    }
