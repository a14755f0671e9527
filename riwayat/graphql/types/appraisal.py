from __future__ import annotations

from typing import Any

import strawberry

from riwayat.graphql.enums import Expectation, Predikat


@strawberry.type(description="A final SKP of one year.")
class AppraisalResult:
    year: int
    work_result: Expectation
    behaviour: Expectation
    predikat: Predikat

    @classmethod
    def from_row(cls, row: Any) -> AppraisalResult:
        return cls(
            year=row.year,
            work_result=Expectation(row.work_result),
            behaviour=Expectation(row.behaviour),
            predikat=Predikat(row.predikat),
        )

    @classmethod
    def from_state(cls, year: int, state: dict[str, Any]) -> AppraisalResult:
        """From an aggregate's `appraisals[year]` (an as-of employee)."""
        return cls(
            year=year,
            work_result=Expectation(state["work_result"]),
            behaviour=Expectation(state["behaviour"]),
            predikat=Predikat(state["predikat"]),
        )
