"""What a report is before it is rendered: a title, a few heading lines, and tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    widths: tuple[float, ...] | None = None  # relative column widths in the PDF


@dataclass(frozen=True)
class Report:
    title: str
    heading: list[str]
    sections: list[Section]
    on: date
    landscape: bool = False
    name: str = "report"  # a file name stem
    notes: list[str] = field(default_factory=list)


def years_months(start: date, on: date) -> tuple[int, int]:
    """Whole years and months from `start` to `on` (masa kerja, age)."""
    months = (on.year - start.year) * 12 + on.month - start.month - (1 if on.day < start.day else 0)
    months = max(months, 0)
    return months // 12, months % 12


def day(value: date | None) -> str:
    """dd-mm-yyyy, as Indonesian personnel documents write dates."""
    return value.strftime("%d-%m-%Y") if value else "-"
