"""Onboarding (issue 13) on `Employee`: enrolment of serving staff, imported history, transfers out.

The events are written here and named in `Employee`'s body (so their topics stay
`riwayat.domain.employee:Employee.Enrolled` and so on); the commands are the `OnboardingCommands` mixin.
Rules in `riwayat.domain.enrolment`. Imported history never changes the current (cut-over) state: its rows
are older than the cut-over's TMTs, and `fold_effective` winds the state back for the past.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.domain import enrolment
from riwayat.domain.checks import optional_text, require_text
from riwayat.domain.enums import EmployeeStatus
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.fold import fold_events
from riwayat.domain.personal import ERASABLE, RETAINED
from riwayat.domain.values import Decree, require_decree

_TRANSFERRED_OUT = EmployeeStatus.TRANSFERRED_OUT.value
_LEFT = (EmployeeStatus.SEPARATED.value, _TRANSFERRED_OUT)


class Enrolled(Aggregate.Created):
    """A serving civil servant's record as it was at cut-over, with where it came from."""

    # The identity the archive keeps; the birthplace is not needed by any rule here: stored encrypted and
    # erasable on request (riwayat.domain.personal).
    personal = dict.fromkeys(("nip", "name", "gender", "birth_date"), RETAINED) | {"birthplace": ERASABLE}

    nip: str
    name: str
    gender: str
    birth_date: date
    birthplace: str | None
    employment_type: str
    tmt_cpns: date
    tmt_pns: date | None
    rank: str
    rank_since: date
    rank_decree: Decree
    position: str
    position_since: date
    unit_id: UUID
    education: str | None
    enrolled_on: date
    source: str
    source_id: str | None
    origin: dict[str, Any] | None
    previous_employee_id: UUID | None
    effective_on: date

    def apply(self, emp: Any) -> None:
        emp.nip, emp.name, emp.gender = self.nip, self.name, self.gender
        emp.birth_date, emp.employment_type = self.birth_date, self.employment_type
        emp.status = enrolment.initial_status(self.employment_type, self.tmt_pns)
        emp.rank, emp.rank_since = self.rank, self.rank_since
        emp.cut_over_rank, emp.cut_over_rank_since = self.rank, self.rank_since
        emp.position, emp.position_since, emp.unit_id = self.position, self.position_since, self.unit_id
        emp.hired_on, emp.probation_completed_on = self.tmt_cpns, self.tmt_pns
        emp.enrolled_on, emp.source, emp.origin = self.enrolled_on, self.source, self.origin
        emp.separated_on = emp.separation_reason = None
        emp.training_hours, emp.appraisals, emp.disciplines = {}, {}, []
        emp.rank_history = {}


class RankHistoryImported(Aggregate.Event):
    """A rank held before the cut-over (riwayat golongan), from its TMT."""

    rank: str
    effective_on: date
    decree: Decree

    def apply(self, emp: Any) -> None:
        emp.rank_history[self.effective_on] = self.rank
        if self.effective_on >= emp.rank_since:
            emp.rank, emp.rank_since = self.rank, self.effective_on


class PositionHistoryImported(Aggregate.Event):
    """A position held before the cut-over (riwayat jabatan); `unit_id` is None for a unit of another
    region (a transfer's history), named by `unit_name`."""

    position: str
    unit_id: UUID | None
    unit_name: str | None
    effective_on: date
    decree: Decree

    def apply(self, emp: Any) -> None:
        if self.effective_on >= emp.position_since:
            emp.position, emp.position_since = self.position, self.effective_on
            if self.unit_id is not None:
                emp.unit_id = self.unit_id


class TransferredOut(Aggregate.Event):
    """Mutasi to another region: the person leaves this tenant's lists (not a separation)."""

    destination: str
    effective_on: date
    decree: Decree

    def apply(self, emp: Any) -> None:
        emp.status, emp.separated_on = _TRANSFERRED_OUT, self.effective_on


class OnboardingCommands:
    """Mixed into `Employee`: `self` is the aggregate (its state attributes and nested events)."""

    @classmethod
    def enrol(cls, **fields: Any) -> Any:
        """A serving PNS/PPPK enters with their cut-over state (see `enrolment.enrol_fields`)."""
        return cls._create(cls.Enrolled, **enrolment.enrol_fields(**fields))

    def import_rank(self, rank: str, effective_on: date, decree: Decree) -> None:
        day = enrolment.check_history_date(self, effective_on)
        if day >= self.cut_over_rank_since:
            since = self.cut_over_rank_since
            raise InvalidInput(f"rank history comes before the current rank's TMT {since}", "effectiveOn")
        code = enrolment.check_rank_history(self, rank, day, self.rank_history.items())
        decree = require_decree(decree)
        self.trigger_event(self.RankHistoryImported, rank=code, effective_on=day, decree=decree)

    def import_position(
        self, position: str, unit_id: UUID | None, effective_on: date, decree: Decree,
        unit_name: str | None = None,
    ) -> None:  # fmt: skip
        day = enrolment.check_history_date(self, effective_on)
        if day >= self.position_since:
            raise InvalidInput(
                f"a position history row is dated before the current position's TMT {self.position_since}",
                "effectiveOn",
            )
        self.trigger_event(
            self.PositionHistoryImported,
            position=require_text(position, "position"),
            unit_id=enrolment.as_uuid(unit_id),
            unit_name=optional_text(unit_name, "unitName"),
            effective_on=day,
            decree=require_decree(decree),
        )

    def transfer_out(self, destination: str, effective_on: date, decree: Decree) -> None:
        day = self._check_dated(effective_on)
        if self.status in _LEFT:
            raise InvalidState("the employee has already left", "effectiveOn")
        self.trigger_event(self.TransferredOut, **enrolment.transfer_fields(destination, day, decree))

    @classmethod
    def fold_effective(cls, on: date, events: Iterable[Aggregate.Event]) -> Any:
        """`fold` of the events in force on `on` (in TMT order); an enrolled record is wound back to what
        was already true on `on` before its imported history is applied (`enrolment.wind_back`)."""
        selected = list(events)
        if not any(isinstance(e, cls.Enrolled) for e in selected):
            return cls.fold(selected)
        return fold_events(cls, cls.Enrolled, selected, prepare=lambda emp: enrolment.wind_back(emp, on))
