"""Node ids are plain UUID strings (the stream id). Anything that is not a UUID names nothing."""

from __future__ import annotations

from uuid import UUID

from riwayat.domain.errors import NotFound


def parse_id(value: str | None) -> UUID | None:
    """The UUID in `value`, or None when it is not one (queries then answer null / empty)."""
    if value is None:
        return None
    try:
        return UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def require_id(value: str, field: str) -> UUID:
    """For mutation inputs: a malformed id is a `NOT_FOUND` user error on that field."""
    parsed = parse_id(value)
    if parsed is None:
        raise NotFound(f"{field} {value!r} is not an id of this API", field)
    return parsed


def optional_id(value: str | None, field: str) -> UUID | None:
    return None if value is None else require_id(value, field)
