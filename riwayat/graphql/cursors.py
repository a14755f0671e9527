"""Opaque cursors: url-safe base64 of the keyset key, tagged with what it pages, checked on the way in."""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import orjson

from riwayat.graphql.errors import BadUserInput

MAX_FIRST = 100


_URL_SAFE = bytes.maketrans(b"+/", b"-_")
_AS_TEXT = (UUID, datetime)


def encode(kind: str, *key: Any) -> str:
    """`base64.urlsafe_b64encode` of the JSON key, spelled out (one per row of every page)."""
    raw = orjson.dumps([kind, *[str(k) if isinstance(k, _AS_TEXT) else k for k in key]])
    return binascii.b2a_base64(raw, newline=False).translate(_URL_SAFE).decode("ascii")


def decode(kind: str, cursor: str | None, arity: int) -> list[Any] | None:
    if cursor is None:
        return None
    try:
        value = orjson.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        value = None
    if not isinstance(value, list) or len(value) != arity + 1 or value[0] != kind:
        raise BadUserInput("invalid cursor: use an endCursor or cursor this API returned", field="after")
    return value[1:]


def name_key(cursor: str | None) -> tuple[str, UUID] | None:
    key = decode("employee", cursor, 2)
    if key is None:
        return None
    try:
        return str(key[0]), UUID(key[1])
    except (ValueError, TypeError, AttributeError) as exc:
        raise BadUserInput("invalid cursor", field="after") from exc


def time_key(cursor: str | None) -> tuple[datetime, UUID] | None:
    key = decode("complaint", cursor, 2)
    if key is None:
        return None
    try:
        moment = datetime.fromisoformat(key[0])
        if moment.tzinfo is None:
            raise ValueError("a cursor time carries its offset")
        return moment.astimezone(UTC), UUID(key[1])
    except (ValueError, TypeError, OverflowError) as exc:
        raise BadUserInput("invalid cursor", field="after") from exc


def int_key(kind: str, cursor: str | None, maximum: int = 2**31 - 1) -> int:
    """A position or a stream version; bounded so a forged cursor cannot overflow the SQL parameter."""
    key = decode(kind, cursor, 1)
    if key is None:
        return 0
    if not isinstance(key[0], int) or isinstance(key[0], bool) or not 0 <= key[0] <= maximum:
        raise BadUserInput("invalid cursor", field="after")
    return key[0]


def check_first(first: int | None, default: int) -> int:
    """`first` within 1..100; null means the default."""
    if first is None:
        return default
    if not 1 <= first <= MAX_FIRST:
        raise BadUserInput(f"`first` must be between 1 and {MAX_FIRST}, got {first}", field="first")
    return first
