"""Today, where the tenants are: both demo cities are on WIB (UTC+7, no daylight saving), and a complaint
received at 06:00 WIB was received that day, not the UTC day before."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")


def today() -> date:
    return datetime.now(WIB).date()
