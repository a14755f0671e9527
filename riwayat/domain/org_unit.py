"""`OrgUnit`: a perangkat daerah (OPD, kecamatan, hospital …) that employees are placed in.

The code is unique in the tenant; that, like "nobody is in it" on dissolution, needs the tenant's
data, so the application supplies it (the store enforces code uniqueness) and the aggregate checks
only what its own stream knows.
"""

from __future__ import annotations

import re
from typing import Any

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import require_text
from riwayat.domain.errors import InvalidInput, InvalidState

_CODE = re.compile(r"^[A-Z0-9._-]{2,20}$")


def normalise_code(code: object) -> str:
    """Upper-cased, 2–20 of A–Z, 0–9, '.', '_', '-' (codes appear in reports and URLs)."""
    text = require_text(code, "code", max_length=20).upper()
    if not _CODE.match(text):
        raise InvalidInput("code must be 2-20 characters of A-Z, 0-9, '.', '_' or '-'", "code")
    return text


class OrgUnit(Aggregate):
    """A unit of a regional government, from establishment to dissolution."""

    class Established(Aggregate.Created):
        code: str
        name: str

        def apply(self, unit: Any) -> None:
            unit.code, unit.name, unit.dissolved = self.code, self.name, False

    class Renamed(Aggregate.Event):
        name: str

        def apply(self, unit: Any) -> None:
            unit.name = self.name

    class Dissolved(Aggregate.Event):
        def apply(self, unit: Any) -> None:
            unit.dissolved = True

    @classmethod
    def establish(cls, code: str, name: str) -> OrgUnit:
        return cls._create(cls.Established, code=normalise_code(code), name=require_text(name, "name"))

    def rename(self, name: str) -> None:
        if self.dissolved:
            raise InvalidState("the unit is dissolved", "name")
        self.trigger_event(self.Renamed, name=require_text(name, "name"))

    def dissolve(self, headcount: int) -> None:
        """Refused while anyone is still placed in the unit (`headcount` comes from the directory)."""
        if self.dissolved:
            raise InvalidState("the unit is already dissolved")
        if isinstance(headcount, bool) or not isinstance(headcount, int) or headcount < 0:
            raise InvalidInput("headcount must be a whole number, zero or more", "headcount")
        if headcount > 0:
            raise InvalidState(f"the unit still has {headcount} employees", "headcount")
        self.trigger_event(self.Dissolved)
