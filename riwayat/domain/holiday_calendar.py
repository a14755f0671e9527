"""`HolidayCalendar`: a tenant's own non-working days of one year, over the shipped national list.

One stream per tenant and year (its id is derived from the year, so a second `setHolidays` for the year
lands on the same stream). `EXTEND` adds the tenant's dates (a regional holiday, a cuti bersama the
government added mid-year) to the shipped ones; `REPLACE` makes the tenant's list the whole year (the
decree for a year that was shipped as an estimate). Each `setHolidays` states the whole list for its mode:
the latest one counts.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import optional_text, parse_enum, require_date
from riwayat.domain.errors import InvalidInput
from riwayat.domain.holidays import shipped_dates

MAX_HOLIDAYS = 80


class HolidayMode(StrEnum):
    EXTEND = "EXTEND"
    REPLACE = "REPLACE"


def calendar_id(year: int) -> UUID:
    return uuid5(NAMESPACE_URL, f"riwayat:holiday-calendar:{year}")


def check_year(year: object) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise InvalidInput("year must be 2000–2100", "year")
    return year


class HolidayCalendar(Aggregate):
    class Started(Aggregate.Created):
        """The year's first `setHolidays` (one event, as every later one)."""

        year: int
        mode: str
        dates: list[date]
        note: str | None

        def apply(self, cal: Any) -> None:
            cal.year, cal.mode, cal.dates = self.year, self.mode, tuple(self.dates)

    class HolidaysSet(Aggregate.Event):
        mode: str
        dates: list[date]
        note: str | None

        def apply(self, cal: Any) -> None:
            cal.mode, cal.dates = self.mode, tuple(self.dates)

    @classmethod
    def start(
        cls, year: int, dates: list[date] = (), mode: HolidayMode | str = "EXTEND", note: str | None = None
    ) -> HolidayCalendar:
        year = check_year(year)
        return cls._create(cls.Started, id=calendar_id(year), year=year, **_checked(year, dates, mode, note))

    def set_holidays(
        self, dates: list[date], mode: HolidayMode | str = "EXTEND", note: str | None = None
    ) -> None:
        self.trigger_event(self.HolidaysSet, **_checked(self.year, dates, mode, note))

    def effective(self) -> frozenset[date]:
        return effective_holidays(self.year, self.mode, self.dates)


def _checked(year: int, dates: Any, mode: object, note: object) -> dict[str, Any]:
    if not isinstance(dates, list | tuple) or len(dates) > MAX_HOLIDAYS:
        raise InvalidInput(f"dates is a list of at most {MAX_HOLIDAYS} dates", "dates")
    days = sorted({require_date(d, "dates") for d in dates})
    if any(d.year != year for d in days):
        raise InvalidInput(f"every date must be in {year}", "dates")
    return {
        "mode": parse_enum(HolidayMode, mode, "mode").value,
        "dates": days,
        "note": optional_text(note, "note", max_length=500),
    }


def effective_holidays(year: int, mode: str | None, dates: Any) -> frozenset[date]:
    """The year's non-working weekdays and weekend holidays: shipped ∪ tenant's, or the tenant's alone."""
    own = frozenset(dates or ())
    if mode == HolidayMode.REPLACE.value:
        return own
    return shipped_dates(year) | own
