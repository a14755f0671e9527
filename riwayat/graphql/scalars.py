"""Date and DateTime as the API accepts them: ISO 8601, within years 1900-2199.

The bound keeps every date a personnel record can hold, and keeps date arithmetic (a probation year, a
sanction's end, a time zone shift) far from Python's and PostgreSQL's limits, so an absurd date is a clear
input error instead of a fault. A DateTime without an offset is read as UTC; all are normalised to UTC.

Only the extended calendar form is accepted (`YYYY-MM-DD`, and for a DateTime `YYYY-MM-DDTHH:MM…`):
Python's `fromisoformat` also reads `20240101` and week dates like `2024-W01-1`, which no client of a
personnel ledger means to send and which are easy to send by mistake.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from operator import methodcaller

from strawberry.types.scalar import ScalarDefinition

FIRST_YEAR, LAST_YEAR = 1900, 2199
DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
DATETIME_FORM = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:\d{2}(:\d{2})?)?", re.ASCII
)


def _in_range(year: int, kind: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{kind} must be within the years {FIRST_YEAR}-{LAST_YEAR}")


def parse_date(value: object) -> date:
    if not isinstance(value, str):
        raise ValueError('a Date is a string like "2024-04-01"')
    if not DATE_FORM.fullmatch(value):
        raise ValueError(f'a Date is written YYYY-MM-DD, like "2024-04-01"; got {value[:40]!r}')
    parsed = date.fromisoformat(value)
    _in_range(parsed.year, "a Date")
    return parsed


def parse_datetime(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError('a DateTime is a string like "2024-04-01T08:30:00+07:00"')
    if not DATETIME_FORM.fullmatch(value):
        raise ValueError(
            f'a DateTime is written YYYY-MM-DDTHH:MM:SS with an offset, like "2024-04-01T08:30:00+07:00";'
            f" got {value[:40]!r}"
        )
    parsed = datetime.fromisoformat(value)
    _in_range(parsed.year, "a DateTime")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


DATE = ScalarDefinition(
    name="Date",
    description=f'A calendar date in ISO 8601, e.g. "2024-04-01" (years {FIRST_YEAR}-{LAST_YEAR}).',
    specified_by_url=None,
    serialize=methodcaller("isoformat"),
    parse_value=parse_date,
    parse_literal=None,
    origin=date,
)
DATETIME = ScalarDefinition(
    name="DateTime",
    description=(
        'An instant in ISO 8601, e.g. "2024-04-01T08:30:00.123456+00:00"; without an offset it is UTC.'
    ),
    specified_by_url=None,
    serialize=methodcaller("isoformat"),
    parse_value=parse_datetime,
    parse_literal=None,
    origin=datetime,
)
SCALAR_OVERRIDES = {date: DATE, datetime: DATETIME}
