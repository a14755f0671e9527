"""The closed vocabularies of the API contract, as `StrEnum`s.

Events store the `.value` strings, never the members, so renaming a Python member can never break
stored history; only the values are contract.
"""

from __future__ import annotations

from enum import StrEnum


class Gender(StrEnum):
    MALE = "MALE"
    FEMALE = "FEMALE"


class EmploymentType(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


class EmployeeStatus(StrEnum):
    """CANDIDATE is a CPNS on probation; PPPK start ACTIVE."""

    CANDIDATE = "CANDIDATE"
    ACTIVE = "ACTIVE"
    SEPARATED = "SEPARATED"
    TRANSFERRED_OUT = "TRANSFERRED_OUT"  # mutasi to another region: not a separation (onboarding)


class PositionChange(StrEnum):
    PROMOTION = "PROMOTION"
    ROTATION = "ROTATION"
    TRANSFER = "TRANSFER"
    DEMOTION = "DEMOTION"


class TrainingKind(StrEnum):
    CLASSROOM = "CLASSROOM"
    E_LEARNING = "E_LEARNING"
    SEMINAR = "SEMINAR"
    WORKSHOP = "WORKSHOP"
    INTERNSHIP = "INTERNSHIP"
    MENTORING = "MENTORING"
    COACHING = "COACHING"
    LATSAR = "LATSAR"
    LEADERSHIP = "LEADERSHIP"


class Expectation(StrEnum):
    """An SKP rating of work results or of behaviour, relative to expectation."""

    ABOVE = "ABOVE"
    MEETS = "MEETS"
    BELOW = "BELOW"


class Predikat(StrEnum):
    """The final SKP rating, best first (the order `at_least` relies on)."""

    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"

    def at_least(self, other: Predikat | str) -> bool:
        """True when this rating is as good as `other` or better (e.g. "at least BAIK")."""
        order = list(Predikat)
        return order.index(self) <= order.index(Predikat(other))


class SeparationReason(StrEnum):
    RETIREMENT = "RETIREMENT"
    RESIGNATION = "RESIGNATION"
    DISMISSAL = "DISMISSAL"
    DEATH = "DEATH"
    CONTRACT_END = "CONTRACT_END"


class ComplaintStatus(StrEnum):
    FILED = "FILED"
    TRIAGED = "TRIAGED"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"


class ComplaintOutcome(StrEnum):
    SUBSTANTIATED = "SUBSTANTIATED"
    UNSUBSTANTIATED = "UNSUBSTANTIATED"


class DisciplineLevel(StrEnum):
    """PP 94/2021 levels, stored by their Indonesian names."""

    RINGAN = "RINGAN"
    SEDANG = "SEDANG"
    BERAT = "BERAT"

    @classmethod
    def _missing_(cls, value: object) -> DisciplineLevel | None:
        # The API's `level` is a free string: accept either language, any case, so an operator
        # typing "heavy" or "Berat" records the same stored value.
        if isinstance(value, str):
            name = value.strip().upper()
            name = _DISCIPLINE_ALIASES.get(name, name)
            if name in cls.__members__:
                return cls[name]
        return None


_DISCIPLINE_ALIASES = {"LIGHT": "RINGAN", "MEDIUM": "SEDANG", "HEAVY": "BERAT"}


class EnrolmentSource(StrEnum):
    """Where an enrolled (already serving) employee's record came from (onboarding)."""

    SIASN_IMPORT = "siasn-import"
    SIMPEG_IMPORT = "simpeg-import"
    TRANSFER = "transfer"
    MANUAL = "manual"

    @classmethod
    def _missing_(cls, value: object) -> EnrolmentSource | None:
        # `parse_enum` upper-cases; the stored values are lower-case with hyphens ("SIASN_IMPORT" too).
        if isinstance(value, str):
            wanted = value.strip().lower().replace("_", "-")
            return next((m for m in cls if m.value == wanted), None)
        return None
