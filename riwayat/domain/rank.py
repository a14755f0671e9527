"""`Rank`: a PNS golongan/ruang (I/a … IV/e, with pangkat names and order) or a PPPK golongan (I … XVII).

Events store the canonical code string ("III/a", "IX"); `Rank` is how commands and reports reason
about order and the next step without re-deriving the tables in `reference`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

from riwayat.domain import reference
from riwayat.domain.enums import EmploymentType
from riwayat.domain.errors import InvalidRank

_PNS_CODES = tuple(code for code, _ in reference.PNS_RANKS)
_PNS_PATTERN = re.compile(r"^(IV|III|II|I)\s*/?\s*([A-E])$")


def _codes(employment_type: EmploymentType) -> tuple[str, ...]:
    return _PNS_CODES if employment_type is EmploymentType.PNS else reference.PPPK_GOLONGAN


@total_ordering
@dataclass(frozen=True)
class Rank:
    """A rank of one employment type; ranks of different types are not comparable."""

    code: str
    employment_type: EmploymentType

    def __post_init__(self) -> None:
        if self.code not in _codes(self.employment_type):
            raise InvalidRank(f"{self.code!r} is not a {self.employment_type.value} rank", "rank")

    @classmethod
    def parse(cls, text: object, employment_type: EmploymentType | None = None, field: str = "rank") -> Rank:
        """Reads "III/a", "iii/A", "IIIa" (PNS) or "IX", "ix" (PPPK); with `employment_type`, also
        refuses a rank of the other type ("IX" for a PNS). A bare "I"–"IV" is a PPPK golongan."""
        if not isinstance(text, str):
            raise InvalidRank("rank must be a string such as III/a or IX", field)
        cleaned = text.strip().upper()
        match = _PNS_PATTERN.match(cleaned)
        if match:
            found = cls._of(f"{match[1]}/{match[2].lower()}", EmploymentType.PNS)
        elif cleaned in reference.PPPK_GOLONGAN:
            found = cls._of(cleaned, EmploymentType.PPPK)
        else:
            found = None
        if found is None:
            raise InvalidRank(f"{text!r} is not a rank (III/a for PNS, IX for PPPK)", field)
        if employment_type is not None and found.employment_type is not employment_type:
            raise InvalidRank(f"{found.code} is not a {employment_type.value} rank", field)
        return found

    @classmethod
    def _of(cls, code: str, employment_type: EmploymentType) -> Rank | None:
        return cls(code, employment_type) if code in _codes(employment_type) else None

    @classmethod
    def all(cls, employment_type: EmploymentType) -> tuple[Rank, ...]:
        """Every rank of the type, lowest first."""
        return tuple(cls(code, employment_type) for code in _codes(employment_type))

    def __str__(self) -> str:
        return self.code

    @property
    def index(self) -> int:
        """Position in the type's order, 0 for the lowest."""
        return _codes(self.employment_type).index(self.code)

    @property
    def pangkat(self) -> str | None:
        """The pangkat name of a PNS rank ("Penata Muda" for III/a); PPPK have none."""
        return reference.PANGKAT.get(self.code) if self.employment_type is EmploymentType.PNS else None

    @property
    def golongan(self) -> str:
        return self.code.split("/")[0]

    @property
    def ruang(self) -> str | None:
        return self.code.split("/")[1] if "/" in self.code else None

    @property
    def is_highest(self) -> bool:
        return self.index == len(_codes(self.employment_type)) - 1

    def next(self) -> Rank | None:
        """The rank one step up, or None at the top (IV/e, XVII)."""
        codes = _codes(self.employment_type)
        return None if self.is_highest else Rank(codes[self.index + 1], self.employment_type)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Rank):
            return NotImplemented
        if other.employment_type is not self.employment_type:
            raise TypeError("PNS and PPPK ranks are not comparable")
        return self.index < other.index
