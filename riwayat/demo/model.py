"""The demo plan: plain data describing every command the loader will send, before anything is written.

A plan is deterministic for a seed, so two runs can be compared value for value (tests do), and the
loader only translates it into `Application` calls: unit codes become unit ids, employee indexes become
employee ids, and `DecreeRef`s become numbered `Decree`s once the whole tenant is planned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class DecreeRef:
    """A decree still to be numbered: numbers run per action and year in date order."""

    action: str
    date: date


@dataclass
class Step:
    """One `Application` command: `command` is the method name, `args` its keyword arguments with
    `unit_id` given as a unit code and `decree` as a `DecreeRef` or `Decree`."""

    on: date
    command: str
    args: dict[str, Any]


@dataclass
class EmployeePlan:
    index: int
    nip: str
    name: str
    gender: str
    birth_date: date
    employment_type: str
    diploma: str
    role: str | None  # "head" / "asisten" for the unit leaders, else None
    steps: list[Step] = field(default_factory=list)

    @property
    def separated(self) -> bool:
        return any(s.command == "separate_employee" for s in self.steps)

    @property
    def final_unit(self) -> str:
        units = [
            s.args["unit_id"] for s in self.steps if "unit_id" in s.args and s.command != "record_training"
        ]
        return units[-1]


@dataclass
class ComplaintPlan:
    """Filed, then moved on by `steps`: triage, resolve, close, reopen (`Application` method names)."""

    channel: str
    category: str
    description: str
    employee: int | None  # index of the employee complained about
    unit: str | None
    reporter_contact: str | None
    steps: list[Step] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # file_complaint's other arguments (public voice)


@dataclass
class TenantPlan:
    slug: str
    name: str
    profile: str
    units: list[tuple[str, str]]  # (code, name)
    employees: list[EmployeePlan]
    complaints: list[ComplaintPlan]
    performance: list[Any] = field(default_factory=list)  # demo.performance.PerformanceScript
    positions: list[Any] = field(default_factory=list)  # careers (issue 14): catalogue.PositionPlan

    @property
    def command_count(self) -> int:
        return (
            len(self.units)
            + len(self.positions)
            + sum(len(e.steps) for e in self.employees)
            + sum(1 + len(c.steps) for c in self.complaints)
            + sum(len(s.steps) for s in self.performance)
        )
