"""`Nip`: the 18-digit identity number of a PNS (NIP) or of a PPPK (NI PPPK), with checked segments.

PNS (Perka BKN 22/2007): birth date YYYYMMDD · TMT CPNS YYYYMM · sex 1/2 · sequence 001–999.
PPPK: birth date · appointment year YYYY · `2` · contract count · sex · sequence.
Digits 13–14 of a PNS number are a month (01–12), so a `2` at digit 13 can only be a PPPK number:
one parser tells the two apart without being told which to expect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from riwayat.domain import reference
from riwayat.domain.enums import EmploymentType, Gender
from riwayat.domain.errors import InvalidNip

_GENDER_DIGITS = {"1": Gender.MALE, "2": Gender.FEMALE}


def _problem(digits: str) -> str | None:
    """Why `digits` is not a valid number, or None when it is."""
    if len(digits) != 18:
        return "must have 18 digits"
    if not (digits.isascii() and digits.isdigit()):
        return "must contain only digits"
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return "digits 1-8 must be a real birth date (YYYYMMDD)"
    year = int(digits[8:12])
    if digits[12] in "01":
        month = int(digits[12:14])
        if not 1 <= month <= 12:
            return "digits 13-14 must be the TMT CPNS month (01-12)"
        if (year, month) <= (born.year, born.month):
            return "the TMT CPNS must come after the birth date"
    elif digits[12] == "2":
        if digits[13] not in reference.PPPK_CONTRACT_COUNT_DIGITS:
            return "digit 14 of an NI PPPK must be the contract count"
        if year <= born.year:
            return "the PPPK appointment year must come after the birth year"
    else:
        return "digits 13-14 must be a month (NIP) or 2 and a contract count (NI PPPK)"
    if digits[14] not in _GENDER_DIGITS:
        return "digit 15 must be 1 (male) or 2 (female)"
    if digits[15:] == "000":
        return "the sequence (digits 16-18) must not be 000"
    return None


@dataclass(frozen=True)
class Nip:
    """A valid NIP or NI PPPK, held as its 18 digits (how it is stored and compared)."""

    digits: str

    def __post_init__(self) -> None:
        problem = _problem(self.digits)
        if problem:
            raise InvalidNip(f"NIP {problem}", "nip")

    @classmethod
    def parse(cls, text: object, field: str = "nip") -> Nip:
        """Accepts the usual written forms (`19860926 201505 1 001`, dots too); stores digits only."""
        if not isinstance(text, str):
            raise InvalidNip("NIP must be a string of digits", field)
        digits = text.replace(" ", "").replace(".", "")
        problem = _problem(digits)
        if problem:
            raise InvalidNip(f"NIP {problem}", field)
        return cls(digits)

    def __str__(self) -> str:
        return self.digits

    @property
    def employment_type(self) -> EmploymentType:
        return EmploymentType.PPPK if self.digits[12] == "2" else EmploymentType.PNS

    @property
    def birth_date(self) -> date:
        d = self.digits
        return date(int(d[0:4]), int(d[4:6]), int(d[6:8]))

    @property
    def appointment_year(self) -> int:
        return int(self.digits[8:12])

    @property
    def appointment_month(self) -> int | None:
        """The TMT CPNS month; PPPK numbers carry only the year."""
        return None if self.employment_type is EmploymentType.PPPK else int(self.digits[12:14])

    @property
    def contract_count(self) -> int | None:
        return int(self.digits[13]) if self.employment_type is EmploymentType.PPPK else None

    @property
    def gender(self) -> Gender:
        return _GENDER_DIGITS[self.digits[14]]

    @property
    def sequence(self) -> int:
        return int(self.digits[15:])

    @property
    def formatted(self) -> str:
        """The spaced form printed on decrees, for display only."""
        d = self.digits
        if self.employment_type is EmploymentType.PPPK:
            return f"{d[0:8]} {d[8:12]} {d[12:14]} {d[14]} {d[15:]}"
        return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:]}"

    def check_matches(
        self,
        *,
        birth_date: date,
        gender: Gender,
        employment_type: EmploymentType,
        appointed_on: date,
        field: str = "nip",
    ) -> None:
        """Refuses a number that contradicts the person or the appointment it is recorded with."""
        if self.employment_type is not employment_type:
            raise InvalidNip(
                f"a {self.employment_type.value} number cannot be used for a {employment_type.value} hire",
                field,
            )
        if self.birth_date != birth_date:
            raise InvalidNip("NIP birth date differs from the birth date", field)
        if self.gender is not gender:
            raise InvalidNip("NIP sex digit differs from the gender", field)
        if self.appointment_year != appointed_on.year:
            raise InvalidNip("NIP appointment year differs from the TMT", field)
        month = self.appointment_month
        if month is not None and month != appointed_on.month:
            raise InvalidNip("NIP TMT CPNS month differs from the TMT", field)
