"""Value objects of the personnel domain: `Decree` here, and one import point for the rest.

`Nip`, `Rank`, the enums and `predikat` live in their own modules; other layers import them from
here so the split can change without touching them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date  # noqa: N812 - the field is called `date`, the type must not clash

from riwayat.domain.appraisal import SKP_MATRIX, predikat
from riwayat.domain.checks import require_date, require_text
from riwayat.domain.enums import (
    ComplaintOutcome,
    ComplaintStatus,
    DisciplineLevel,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Gender,
    PositionChange,
    Predikat,
    SeparationReason,
    TrainingKind,
)
from riwayat.domain.errors import InvalidInput
from riwayat.domain.nip import Nip
from riwayat.domain.rank import Rank

__all__ = [
    "SKP_MATRIX",
    "ComplaintOutcome",
    "ComplaintStatus",
    "Decree",
    "DisciplineLevel",
    "EmployeeStatus",
    "EmploymentType",
    "Expectation",
    "Gender",
    "Nip",
    "PositionChange",
    "Predikat",
    "Rank",
    "SeparationReason",
    "TrainingKind",
    "predikat",
    "require_decree",
]


@dataclass(frozen=True)
class Decree:
    """The SK (surat keputusan) that authorises a personnel action: its number and its date.

    Stored inside events (the infra registers a JSON transcoding for it), so it stays two plain fields.
    """

    number: str
    date: Date

    def __post_init__(self) -> None:
        # Written forms differ only by surrounding blanks; store one.
        object.__setattr__(self, "number", require_text(self.number, "decree.number", max_length=100))
        require_date(self.date, "decree.date")


def require_decree(value: object) -> Decree:
    """Every personnel decision names its legal basis."""
    if not isinstance(value, Decree):
        raise InvalidInput("a decree (number and date) is required", "decree")
    return value
