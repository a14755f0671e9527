"""The unit service report: what the public said about a unit in a period, beside its appraisals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from riwayat.graphql.types.forum import ForumCommitment
from riwayat.graphql.types.survey import SatisfactionIndex


@strawberry.type
class CountBy:
    key: str
    count: int


@strawberry.type
class UnitServiceReport:
    unit_id: strawberry.ID
    period: str
    start: date
    end: date
    complaints: int
    complaints_by_category: list[CountBy]
    complaints_by_outcome: list[CountBy] = strawberry.field(
        description="SUBSTANTIATED, UNSUBSTANTIATED, OPEN"
    )
    median_working_days_to_respond: Decimal | None = strawberry.field(
        description="from receipt to the first response, in the tenant's working days"
    )
    overdue_complaints: int = strawberry.field(description="open and past a deadline today")
    satisfaction: SatisfactionIndex = strawberry.field(description="every service of the unit together")
    satisfaction_by_service: list[SatisfactionIndex]
    open_commitments: list[ForumCommitment]
