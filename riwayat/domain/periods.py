"""Reporting periods as people write them: a year `2026`, a half `2026-S1`, a quarter `2026-Q3`, a month
`2026-03`. SKM is run per quarter or half-year (PermenPANRB 14/2017); reports take any of these."""

from __future__ import annotations

import calendar
import re
from datetime import date

from riwayat.domain.errors import InvalidInput

_PERIOD = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|S([12])|(0[1-9]|1[0-2])))?$")


def parse_period(text: object, field: str = "period") -> tuple[date, date]:
    """The first and last day of the period."""
    match = _PERIOD.fullmatch(text.strip().upper()) if isinstance(text, str) else None
    if match is None or not 2000 <= int(match.group(1)) <= 2100:
        raise InvalidInput(
            f"{field} is a year (2026), half (2026-S1), quarter (2026-Q3) or month (2026-03)", field
        )
    year, quarter, half, month = match.groups()
    y = int(year)
    if quarter:
        first, last = 3 * int(quarter) - 2, 3 * int(quarter)
    elif half:
        first, last = 6 * int(half) - 5, 6 * int(half)
    elif month:
        first = last = int(month)
    else:
        first, last = 1, 12
    return date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1])
