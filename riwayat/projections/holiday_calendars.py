"""The tenant's holiday calendars: what a tenant set for each year, merged with the shipped national list
by `holidays_between` — the function the complaint deadlines (and later leave) read."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.holiday_calendar import HolidayCalendar, effective_holidays
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

# The dates as ISO text, comma-separated: a year holds a few dozen, always read whole.
CALENDARS = Table(
    "holiday_calendars",
    (("id", "uuid"), ("year", "integer NOT NULL"), ("mode", "text NOT NULL"), ("dates", "text NOT NULL"),
     ("note", "text"), ("version", "integer NOT NULL")),
    key=("id",),
    indexes=(("year_idx", "(year)"),),
)  # fmt: skip


class HolidayCalendars(Projection):
    name = "holiday_calendars"
    version = 1
    tables = (CALENDARS,)

    @handles(HolidayCalendar.Started)
    def holiday_calendar_started(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {"id": stream_id, "year": d["year"], "mode": d["mode"], "dates": _dates(d), "note": d["note"]}
        w.put(CALENDARS, {**row, "version": version})

    @handles(HolidayCalendar.HolidaysSet)
    def holiday_calendar_holidays_set(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        dates = _dates(d)
        w.update(
            CALENDARS,
            (stream_id,),
            {"mode": d["mode"], "dates": dates, "note": d["note"], "version": version},
        )


def _dates(d: Data) -> str:
    return ",".join(v["_data_"] for v in d["dates"])


async def tenant_years(pool_or_con: Any, schema: str, years: list[int]) -> dict[int, tuple[str, list[date]]]:
    """What the tenant set for each of `years` that it set: (mode, dates)."""
    rows = await pool_or_con.fetch(
        f"SELECT year, mode, dates FROM {schema}.holiday_calendars WHERE year = any($1::int[])", list(years)
    )
    return {r["year"]: (r["mode"], [date.fromisoformat(x) for x in r["dates"].split(",") if x]) for r in rows}


async def holidays_between(pool_or_con: Any, schema: str, start: date, end: date) -> frozenset[date]:
    """The tenant's non-working days (besides weekends) from the year of `start` to that of `end`:
    the shipped national holidays and cuti bersama, extended or replaced per year by the tenant."""
    years = list(range(start.year, end.year + 1))
    own = await tenant_years(pool_or_con, schema, years)
    result: frozenset[date] = frozenset()
    for y in years:
        mode, dates = own.get(y, (None, []))
        result |= effective_holidays(y, mode, dates)
    return result
