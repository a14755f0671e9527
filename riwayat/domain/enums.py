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
    """CANDIDATE is a CPNS on probation; PPPK start ACTIVE. ON_UNPAID_LEAVE is never stored by an event: it
    is the status shown on a day an approved CLTN covers (`projections.status_now`, `me`)."""

    CANDIDATE = "CANDIDATE"
    ACTIVE = "ACTIVE"
    SEPARATED = "SEPARATED"
    TRANSFERRED_OUT = "TRANSFERRED_OUT"  # mutasi to another region: not a separation (onboarding)
    ON_UNPAID_LEAVE = "ON_UNPAID_LEAVE"  # shown during CLTN (leave, issue 17), never stored


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
    """Grounds of separation. The first five are the original values (stored events keep them: DISMISSAL
    and DEATH stay valid as "not specified further"); the rest are fine enough for pension rights
    (PP 11/2017, DOMAIN.md "Positions and retirement age")."""

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


# ---- careers (issue 14): positions, education, sanctions, contracts, promotions ----------------------


class PositionKind(StrEnum):
    """Kinds of jabatan (UU 20/2023): managerial, then non-managerial."""

    JPT_UTAMA = "JPT_UTAMA"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    FUNGSIONAL_KEAHLIAN = "FUNGSIONAL_KEAHLIAN"
    FUNGSIONAL_KETERAMPILAN = "FUNGSIONAL_KETERAMPILAN"
    PELAKSANA = "PELAKSANA"


class Jenjang(StrEnum):
    """Levels of a jabatan fungsional: keahlian (AHLI_*) and keterampilan (the other four)."""

    AHLI_PERTAMA = "AHLI_PERTAMA"
    AHLI_MUDA = "AHLI_MUDA"
    AHLI_MADYA = "AHLI_MADYA"
    AHLI_UTAMA = "AHLI_UTAMA"
    PEMULA = "PEMULA"
    TERAMPIL = "TERAMPIL"
    MAHIR = "MAHIR"
    PENYELIA = "PENYELIA"


class Statute(StrEnum):
    """Positions whose retirement age a statute sets (PP 11/2017 art. 240)."""

    GURU = "GURU"
    DOSEN = "DOSEN"


class EducationLevel(StrEnum):
    SD = "SD"
    SLTP = "SLTP"
    SLTP_KEJURUAN = "SLTP_KEJURUAN"
    SLTA = "SLTA"
    SGPLB = "SGPLB"
    D_I = "D_I"
    D_II = "D_II"
    D_III = "D_III"
    S1 = "S1"
    D_IV = "D_IV"
    S2 = "S2"
    DOKTER = "DOKTER"
    APOTEKER = "APOTEKER"
    S3 = "S3"


class Regulation(StrEnum):
    """The discipline regulation a decision falls under, by its date (PP 94/2021 from 2021-08-31)."""

    PP_53_2010 = "PP_53_2010"
    PP_94_2021 = "PP_94_2021"


class SanctionKind(StrEnum):
    """Each sanction of PP 94/2021 and of PP 53/2010 (the catalogue is `discipline.SANCTIONS`)."""

    VERBAL_REPRIMAND = "VERBAL_REPRIMAND"
    WRITTEN_REPRIMAND = "WRITTEN_REPRIMAND"
    WRITTEN_DISSATISFACTION = "WRITTEN_DISSATISFACTION"
    ALLOWANCE_CUT_25 = "ALLOWANCE_CUT_25"  # PP 94/2021 medium: TPP cut 25% for 6, 9 or 12 months
    DEMOTION_ONE_LEVEL = "DEMOTION_ONE_LEVEL"  # PP 94/2021 heavy: 12 months
    RELEASE_TO_PELAKSANA = "RELEASE_TO_PELAKSANA"  # PP 94/2021 heavy: 12 months
    HONOURABLE_DISMISSAL = "HONOURABLE_DISMISSAL"  # both: not at own request
    SALARY_STEP_DELAY = "SALARY_STEP_DELAY"  # PP 53/2010 medium: 1 year
    PROMOTION_DELAY = "PROMOTION_DELAY"  # PP 53/2010 medium: 1 year
    DEMOTION_ONE_RANK_1Y = "DEMOTION_ONE_RANK_1Y"  # PP 53/2010 medium
    DEMOTION_ONE_RANK_3Y = "DEMOTION_ONE_RANK_3Y"  # PP 53/2010 heavy
    TRANSFER_TO_LOWER_POSITION = "TRANSFER_TO_LOWER_POSITION"  # PP 53/2010 heavy
    RELEASE_FROM_POSITION = "RELEASE_FROM_POSITION"  # PP 53/2010 heavy
    DISHONOURABLE_DISMISSAL = "DISHONOURABLE_DISMISSAL"  # PP 53/2010 heavy


class PromotionKind(StrEnum):
    """Kinds of kenaikan pangkat: regular (4 years), and the selective ones (KP pilihan), including the
    diploma adjustment and, for one who died on duty or otherwise, the posthumous one (KP anumerta)."""

    REGULAR = "REGULAR"
    SELECTIVE = "SELECTIVE"
    DIPLOMA_ADJUSTMENT = "DIPLOMA_ADJUSTMENT"
    OUTSTANDING = "OUTSTANDING"
    DEDICATION = "DEDICATION"  # KP pengabdian, before retirement
    POSTHUMOUS = "POSTHUMOUS"


class WorkTime(StrEnum):
    """A PPPK contract's working time (part-time PPPK: KepmenPANRB 16/2025)."""

    FULL_TIME = "FULL_TIME"
    PART_TIME = "PART_TIME"
