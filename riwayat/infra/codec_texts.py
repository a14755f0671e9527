"""The texts of the values every appended event carries, as the codec's transcodings write them, made
cheaper: an effective date's `isoformat` remembered, a UTC timestamp's formatted in one operation. Both are
tested equal to `isoformat` (`tests/infra/test_codec.py`)."""

from __future__ import annotations

from datetime import UTC, date, datetime


class _DateTexts(dict[date, str]):
    """`date.isoformat` remembered: most events carry an effective date, and few dates recur often (a
    batch's trainings share their completion day). Cleared when it holds many (memory stays bounded)."""

    def __missing__(self, day: date) -> str:
        if len(self) >= 4096:
            self.clear()
        text = self[day] = day.isoformat()
        return text


def utc_text(moment: datetime) -> str:
    """`moment.isoformat()` (tested equal), formatted in one operation when its zone is UTC (every event's
    timestamp): `isoformat` itself asks the zone for its offset and formats and joins it, at three times
    the cost."""
    if moment.tzinfo is not UTC:
        return moment.isoformat()
    if moment.microsecond:
        return _WITH_MICROSECONDS % (
            moment.year, moment.month, moment.day,
            moment.hour, moment.minute, moment.second, moment.microsecond,
        )  # fmt: skip
    return _WHOLE_SECOND % (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


_WITH_MICROSECONDS = "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00"
_WHOLE_SECOND = "%04d-%02d-%02dT%02d:%02d:%02d+00:00"


date_text = _DateTexts().__getitem__
