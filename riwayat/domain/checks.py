"""Input guards and calendar arithmetic shared by the aggregates' command methods.

Commands receive values from the API edge (and from the demo loader and tests); these guards turn
a bad value into an `InvalidInput` that names the camelCase API field, instead of a TypeError deep
inside an event constructor.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import TypeVar
from uuid import UUID

from riwayat.domain.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)


def require_text(value: object, field: str, *, max_length: int = 200) -> str:
    """A non-blank string, stripped; longer than `max_length` is refused rather than truncated."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{field} must not be empty", field)
    text = value.strip()
    if len(text) > max_length:
        raise InvalidInput(f"{field} is longer than {max_length} characters", field)
    return text


def optional_text(value: object, field: str, *, max_length: int = 200) -> str | None:
    """None for a missing or blank value, else the stripped text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return require_text(value, field, max_length=max_length)


EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)


def require_date(value: object, field: str) -> date:
    # datetime is a subclass of date; a timestamp where a TMT is expected is a caller bug.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInput(f"{field} must be a date", field)
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        # Far dates are typing errors here, and date arithmetic near year 9999 overflows.
        raise InvalidInput(f"{field} must be between {EARLIEST_DATE} and {LATEST_DATE}", field)
    return value


def require_uuid(value: object, field: str) -> UUID:
    """A plain `uuid.UUID`, also from a subclass (asyncpg's, for an id read from PostgreSQL), which the
    event mapper could not store."""
    if type(value) is UUID:
        return value
    if isinstance(value, UUID):
        return UUID(int=value.int)
    try:
        return UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        raise InvalidInput(f"{field} must be an id", field) from None


def optional_uuid(value: object, field: str) -> UUID | None:
    return None if value is None else require_uuid(value, field)


def parse_enum(enum_cls: type[E], value: object, field: str) -> E:
    """The member for `value` (a member or its string value, any case)."""
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, Enum):
        # Another layer's enum with the same values (e.g. a GraphQL enum class).
        value = value.value
    if isinstance(value, str):
        key = value.strip().upper()
        member = enum_cls._value2member_map_.get(key)  # what `enum_cls(key)` finds first, without its calls
        if member is not None:
            return member  # type: ignore[return-value]
        try:
            return enum_cls(key)
        except ValueError:
            pass
    allowed = ", ".join(member.value for member in enum_cls)
    raise InvalidInput(f"{field} must be one of {allowed}", field)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the month's end (31 Aug + 6 months → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """The anniversary `years` later; 29 February falls back to 28 February."""
    return add_months(day, 12 * years)
