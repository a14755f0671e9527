"""What auditors and operators read about the ledger itself."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="The result of recomputing the tenant's hash chain from position 1.")
class IntegrityReport:
    ok: bool
    checked_events: int
    head_position: int
    head_hash: str | None
    first_broken_position: int | None
    problem: str | None

    @classmethod
    def from_report(cls, report: Any) -> IntegrityReport:
        return cls(
            ok=report.ok,
            checked_events=report.checked_events,
            head_position=report.head_position,
            head_hash=report.head_hash,
            first_broken_position=report.first_broken_position,
            problem=report.problem,
        )


@strawberry.type(description="A read model's checkpoint and how many events it is behind the ledger.")
class ProjectionStatus:
    name: str
    position: int
    lag: int

    @classmethod
    def from_row(cls, row: Any) -> ProjectionStatus:
        return cls(name=row.name, position=row.position, lag=row.lag)
