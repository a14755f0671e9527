"""Reading values out of an event's stored `data`, the form handlers get.

Handlers read the dict the codec stored (`riwayat.infra.codec`: the eventsourcing `JSONTranscoder` form),
not a decoded domain event: decoding every field of every event was most of the cost of a rebuild, and a
handler reads two or three fields. Plain values (str, int, bool, None) are stored as they are; the others
are `{"_type_": name, "_data_": text}`, read here by the transcoding's name. A test checks each reader
against the codec, so the two cannot drift apart silently.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

Data = dict[str, Any]
Stored = dict[str, Any]  # {"_type_": ..., "_data_": ...}


def day(value: Stored) -> date:
    """A `date_iso` value."""
    return date.fromisoformat(value["_data_"])


def optional_day(value: Stored | None) -> date | None:
    return None if value is None else date.fromisoformat(value["_data_"])


def year(value: Stored) -> int:
    """The year of a `date_iso` value, without parsing the date (ISO dates start with a 4-digit year)."""
    return int(value["_data_"][:4])


def moment(value: Stored) -> datetime:
    """A `datetime_iso` value (timezone-aware: the domain's timestamps are UTC)."""
    return datetime.fromisoformat(value["_data_"])


def uuid(value: Stored) -> UUID:
    """A `uuid_hex` value."""
    return UUID(value["_data_"])


def optional_uuid(value: Stored | None) -> UUID | None:
    return None if value is None else UUID(value["_data_"])
