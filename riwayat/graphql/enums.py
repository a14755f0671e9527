"""The API's enums. Their values are the strings the domain stores (a test keeps them equal to
`riwayat.domain.enums`); they are declared here so the schema does not decorate domain classes."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum
class Gender(Enum):
    MALE = "MALE"
    FEMALE = "FEMALE"


@strawberry.enum
class EmploymentType(Enum):
    PNS = "PNS"
    PPPK = "PPPK"


@strawberry.enum(description="CANDIDATE = CPNS on probation")
class EmployeeStatus(Enum):
    CANDIDATE = "CANDIDATE"
    ACTIVE = "ACTIVE"
    SEPARATED = "SEPARATED"
    TRANSFERRED_OUT = "TRANSFERRED_OUT"
    ON_UNPAID_LEAVE = "ON_UNPAID_LEAVE"  # during an approved CLTN; never stored (projections.status_now)


@strawberry.enum
class PositionChange(Enum):
    PROMOTION = "PROMOTION"
    ROTATION = "ROTATION"
    TRANSFER = "TRANSFER"
    DEMOTION = "DEMOTION"


@strawberry.enum
class TrainingKind(Enum):
    CLASSROOM = "CLASSROOM"
    E_LEARNING = "E_LEARNING"
    SEMINAR = "SEMINAR"
    WORKSHOP = "WORKSHOP"
    INTERNSHIP = "INTERNSHIP"
    MENTORING = "MENTORING"
    COACHING = "COACHING"
    LATSAR = "LATSAR"
    LEADERSHIP = "LEADERSHIP"


@strawberry.enum(description="SKP ratings of work results and of behaviour")
class Expectation(Enum):
    ABOVE = "ABOVE"
    MEETS = "MEETS"
    BELOW = "BELOW"


@strawberry.enum
class Predikat(Enum):
    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


@strawberry.enum
class ComplaintStatus(Enum):
    FILED = "FILED"
    TRIAGED = "TRIAGED"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"


@strawberry.enum
class ComplaintOutcome(Enum):
    SUBSTANTIATED = "SUBSTANTIATED"
    UNSUBSTANTIATED = "UNSUBSTANTIATED"


@strawberry.enum
class SeparationReason(Enum):
    RETIREMENT = "RETIREMENT"
    RESIGNATION = "RESIGNATION"
    DISMISSAL = "DISMISSAL"
    DEATH = "DEATH"
    CONTRACT_END = "CONTRACT_END"
    # careers (issue 14): finer grounds
    EARLY_RETIREMENT = "EARLY_RETIREMENT"
    DEATH_ON_DUTY = "DEATH_ON_DUTY"
    UNFIT_FOR_DUTY = "UNFIT_FOR_DUTY"
    HONOURABLE_DISMISSAL = "HONOURABLE_DISMISSAL"
    DISHONOURABLE_DISMISSAL = "DISHONOURABLE_DISMISSAL"
    FAILED_PROBATION = "FAILED_PROBATION"


from riwayat.graphql.types.careers_enums import CAREER_ENUMS  # noqa: E402  careers (issue 14)

ALL_ENUMS = (
    Gender,
    EmploymentType,
    EmployeeStatus,
    PositionChange,
    TrainingKind,
    Expectation,
    Predikat,
    ComplaintStatus,
    ComplaintOutcome,
    SeparationReason,
)
ALL_ENUMS += CAREER_ENUMS
