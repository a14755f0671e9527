"""The texts of the values every appended event carries, as the codec's transcodings write them, made
cheaper: an effective date's `isoformat` remembered, and a UTC timestamp's text up to its second. Both are
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
    """`moment.isoformat()` (tested equal). For a UTC time (every event's timestamp) its text up to the
    second is remembered — the events of a burst share their second — and the microseconds appended:
    `isoformat` formats every field and asks the zone for its offset each time, about 12,000 instructions
    (so does one `%` format of the fields)."""
    if moment.tzinfo is not UTC:
        return moment.isoformat()
    second = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    prefix = _seconds.get(second)
    if prefix is None:
        if len(_seconds) >= 1024:
            _seconds.clear()
        prefix = _seconds[second] = moment.replace(microsecond=0, tzinfo=None).isoformat()
    microsecond = moment.microsecond
    if microsecond:
        return prefix + "." + str(1_000_000 + microsecond)[1:] + "+00:00"
    return prefix + "+00:00"


_seconds: dict[tuple[int, ...], str] = {}  # "YYYY-MM-DDTHH:MM:SS" by (year, month, day, hour, minute, second)


date_text = _DateTexts().__getitem__
