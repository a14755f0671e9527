"""SKM: a unit's survey of one service, and the satisfaction index (IKM) of a period."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from riwayat.domain.ikm import ELEMENTS, Index
from riwayat.graphql.types.common import UserError


@strawberry.type(description="A public satisfaction survey (SKM, PermenPANRB 14/2017) of one unit's service")
class SatisfactionSurvey:
    id: strawberry.ID
    unit_id: strawberry.ID
    service: str
    population_served: int
    minimum_sample: int = strawberry.field(
        description="Krejcie–Morgan from the population, or the tenant's own"
    )
    respondents: int = strawberry.field(description="all time")
    version: int

    @classmethod
    def from_row(cls, row: Any) -> SatisfactionSurvey:
        return cls(
            id=strawberry.ID(str(row.id)),
            unit_id=strawberry.ID(str(row.unit_id)),
            service=row.service,
            population_served=row.population_served,
            minimum_sample=row.minimum_sample,
            respondents=row.respondents,
            version=row.version,
        )


@strawberry.type
class ElementMean:
    element: str
    mean: Decimal = strawberry.field(description="1.00–4.00")


@strawberry.type(description="IKM = mean of the nine element means × 25; grade A 88.31–100 … D 25.00–64.99")
class SatisfactionIndex:
    service: str | None = strawberry.field(description="null: every service of the unit together")
    period: str
    respondents: int
    minimum_sample: int | None
    sample_reached: bool
    ikm: Decimal | None
    grade: str | None
    grade_label: str | None
    elements: list[ElementMean]

    @classmethod
    def of(
        cls, service: str | None, period: str, index: Index | None, minimum: int | None
    ) -> SatisfactionIndex:
        return cls(
            service=service,
            period=period,
            respondents=0 if index is None else index.respondents,
            minimum_sample=minimum,
            sample_reached=index is not None and minimum is not None and index.respondents >= minimum,
            ikm=None if index is None else index.ikm,
            grade=None if index is None else index.grade,
            grade_label=None if index is None else index.label,
            elements=[]
            if index is None
            else [ElementMean(element=e, mean=m) for e, m in zip(ELEMENTS, index.element_means, strict=True)],
        )


@strawberry.type
class SurveyPayload:
    survey: SatisfactionSurvey | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)
