"""`Position`: one jabatan of a tenant's position map (peta jabatan), in one unit, with its seats.

Kind and jenjang fix the retirement age (PP 11/2017 art. 239, or a statute for guru/dosen: art. 240), which
the catalogue derives once, on cataloguing, from the dated reference data. The hierarchy is a `reports_to`
link to the superior position: later features (leave approval, competency standards) derive superiors from
it. Employees hold a catalogued position by naming it in `assignPosition` (free text stays accepted).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import (
    optional_text,
    parse_enum,
    require_date,
    require_text,
    require_uuid,
)
from riwayat.domain.enums import Jenjang, PositionKind, Statute
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.retirement import retirement_age

_FUNGSIONAL = {PositionKind.FUNGSIONAL_KEAHLIAN, PositionKind.FUNGSIONAL_KETERAMPILAN}
_KEAHLIAN = {Jenjang.AHLI_PERTAMA, Jenjang.AHLI_MUDA, Jenjang.AHLI_MADYA, Jenjang.AHLI_UTAMA}
MAX_SEATS = 10_000


def _id(value: object, field: str) -> UUID:
    """A plain `uuid.UUID` (a driver's UUID subclass has no stored form)."""
    return UUID(int=require_uuid(value, field).int)


def _optional_id(value: object, field: str) -> UUID | None:
    return None if value is None else _id(value, field)


def _seats(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SEATS:
        raise InvalidInput(f"seats must be a whole number 0-{MAX_SEATS}", "seats")
    return value


def _jenjang(kind: PositionKind, jenjang: object) -> str | None:
    if kind not in _FUNGSIONAL:
        if jenjang is not None:
            raise InvalidInput("only a jabatan fungsional has a jenjang", "jenjang")
        return None
    if jenjang is None:
        raise InvalidInput("a jabatan fungsional needs its jenjang", "jenjang")
    level = parse_enum(Jenjang, jenjang, "jenjang")
    if (level in _KEAHLIAN) != (kind is PositionKind.FUNGSIONAL_KEAHLIAN):
        raise InvalidInput(f"{level.value} is not a jenjang of {kind.value}", "jenjang")
    return level.value


class Position(Aggregate):
    """A catalogued position of the tenant."""

    class Catalogued(Aggregate.Created):
        name: str
        kind: str
        jenjang: str | None
        statute: str | None
        job_family: str | None
        job_class: int
        unit_id: UUID
        seats: int
        reports_to: UUID | None
        retirement_age: int
        effective_on: date

        def apply(self, p: Any) -> None:
            p.name, p.kind, p.jenjang, p.statute = self.name, self.kind, self.jenjang, self.statute
            p.job_family, p.job_class, p.unit_id = self.job_family, self.job_class, self.unit_id
            p.seats, p.reports_to, p.retirement_age = self.seats, self.reports_to, self.retirement_age
            p.abolished = False

    class SeatsChanged(Aggregate.Event):
        seats: int
        effective_on: date

        def apply(self, p: Any) -> None:
            p.seats = self.seats

    class ReportingChanged(Aggregate.Event):
        reports_to: UUID | None
        effective_on: date

        def apply(self, p: Any) -> None:
            p.reports_to = self.reports_to

    class Abolished(Aggregate.Event):
        effective_on: date

        def apply(self, p: Any) -> None:
            p.abolished = True

    @classmethod
    def catalogue(
        cls, *, name: str, kind: PositionKind | str, unit_id: UUID, job_class: int, seats: int,
        effective_on: date, jenjang: Jenjang | str | None = None, statute: Statute | str | None = None,
        job_family: str | None = None, reports_to: UUID | None = None,
    ) -> Position:  # fmt: skip
        """A position of the map; its BUP is derived here from kind, jenjang and statute."""
        known = parse_enum(PositionKind, kind, "kind")
        level = _jenjang(known, jenjang)
        law = None if statute is None else parse_enum(Statute, statute, "statute").value
        if law is not None and known not in _FUNGSIONAL:
            raise InvalidInput("a statutory retirement age applies to a jabatan fungsional", "statute")
        if isinstance(job_class, bool) or not isinstance(job_class, int) or not 1 <= job_class <= 17:
            raise InvalidInput("jobClass (kelas jabatan) is 1-17", "jobClass")
        day = require_date(effective_on, "effectiveOn")
        return cls._create(
            cls.Catalogued,
            name=require_text(name, "name"),
            kind=known.value,
            jenjang=level,
            statute=law,
            job_family=optional_text(job_family, "jobFamily"),
            job_class=job_class,
            unit_id=_id(unit_id, "unitId"),
            seats=_seats(seats),
            reports_to=_optional_id(reports_to, "reportsTo"),
            retirement_age=retirement_age(known.value, level, law, day),
            effective_on=day,
        )

    def _open(self) -> None:
        if self.abolished:
            raise InvalidState("the position is abolished", "positionId")

    def change_seats(self, seats: int, effective_on: date) -> None:
        self._open()
        self.trigger_event(
            self.SeatsChanged, seats=_seats(seats), effective_on=require_date(effective_on, "effectiveOn")
        )

    def report_to(self, superior: UUID | None, effective_on: date) -> None:
        """The superior position (None at the top). The application checks it exists; a cycle through
        more than one step needs the whole map, so it is the application's check too."""
        self._open()
        parent = _optional_id(superior, "reportsTo")
        if parent == self.id:
            raise InvalidInput("a position cannot report to itself", "reportsTo")
        self.trigger_event(
            self.ReportingChanged, reports_to=parent, effective_on=require_date(effective_on, "effectiveOn")
        )

    def abolish(self, effective_on: date) -> None:
        self._open()
        self.trigger_event(self.Abolished, effective_on=require_date(effective_on, "effectiveOn"))
