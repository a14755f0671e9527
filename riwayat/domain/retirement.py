"""Retirement age (batas usia pensiun, BUP) and the date it takes effect; early retirement (APS).

The ages are dated reference data (`reference.RETIREMENT_AGES`, `STATUTORY_RETIREMENT_AGES`): a position's
age is derived from its kind and jenjang, unless a statute sets it (guru 60, dosen 65). A position held
under free text (not in the catalogue) gets an age inferred from its title, flagged as inferred.
"""

from __future__ import annotations

from datetime import date

from riwayat.domain import reference
from riwayat.domain.checks import add_months
from riwayat.domain.enums import Jenjang, PositionKind, Statute
from riwayat.domain.errors import DomainError

_FUNGSIONAL = {PositionKind.FUNGSIONAL_KEAHLIAN.value, PositionKind.FUNGSIONAL_KETERAMPILAN.value}
_JPT_TITLES = (
    "Kepala Dinas", "Kepala Badan", "Sekretaris Daerah", "Asisten", "Inspektur", "Direktur",
    "Kepala Satuan", "Sekretaris DPRD",
)  # fmt: skip


class BeforeRetirementAge(DomainError):
    """A retirement (BUP) separation before the retirement date of the position held."""

    code = "BEFORE_RETIREMENT_AGE"


class EarlyRetirementNotAllowed(DomainError):
    """APS needs age ≥ 45 and ≥ 20 years of service (UU 11/1969 art. 9)."""

    code = "EARLY_RETIREMENT_NOT_ALLOWED"


def retirement_age(kind: str, jenjang: str | None, statute: str | None, on: date) -> int:
    """The BUP of a position of that kind/jenjang (PP 11/2017 art. 239), or the statute's (art. 240)."""
    if statute is not None:
        return reference.in_force(reference.STATUTORY_RETIREMENT_AGES, on).value[Statute(statute).value]
    ages = reference.in_force(reference.RETIREMENT_AGES, on).value
    if kind in _FUNGSIONAL:
        if jenjang is None:
            raise ValueError("a jabatan fungsional needs its jenjang")
        return ages[f"FUNGSIONAL:{Jenjang(jenjang).value}"]
    return ages[PositionKind(kind).value]


def age_from_title(title: str) -> int:
    """The BUP a free-text position title suggests (history recorded before the catalogue): guru 60,
    ahli madya / JPT 60, ahli utama 65, else 58. An inference, reported as such."""
    if title.startswith("Guru"):
        return reference.STATUTORY_RETIREMENT_AGES[-1].value["GURU"]
    if "Ahli Utama" in title:
        return 65
    if "Ahli Madya" in title or title.startswith(_JPT_TITLES):
        return 60
    return reference.DEFAULT_BUP_AGE


def retirement_date(birth_date: date, age: int) -> date:
    """The 1st of the month after the birthday month in which `age` is reached (PP 11/2017 art. 239)."""
    return add_months(date(birth_date.year + age, birth_date.month, 1), 1)


def whole_years(start: date, end: date) -> int:
    """Completed years from `start` to `end`."""
    years = end.year - start.year
    return years - 1 if (end.month, end.day) < (start.month, start.day) else years


def check_retirement(reason: str, birth_date: date, age: int, hired_on: date, on: date) -> None:
    """RETIREMENT only from the retirement date; EARLY_RETIREMENT only at ≥ 45 with ≥ 20 years of service
    (service counted from the TMT CPNS, a simplification: CLTN is not recorded)."""
    if reason == "RETIREMENT":
        due = retirement_date(birth_date, age)
        if on < due:
            raise BeforeRetirementAge(
                f"the retirement age {age} takes effect on {due}; before it, retirement is early "
                "retirement (EARLY_RETIREMENT) or another ground",
                "effectiveOn",
            )
    elif reason == "EARLY_RETIREMENT":
        min_age, min_service = reference.in_force(reference.EARLY_RETIREMENT, on).value
        age_now, service = whole_years(birth_date, on), whole_years(hired_on, on)
        if age_now < min_age or service < min_service:
            raise EarlyRetirementNotAllowed(
                f"early retirement needs age {min_age} and {min_service} years of service "
                f"(age {age_now}, {service} years on {on})",
                "reason",
            )
