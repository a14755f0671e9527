"""The performance cycle's API enums; their values are the strings the domain stores (a test checks)."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="How often the plan is reviewed during the year (six-monthly is always allowed)")
class ReviewCadence(Enum):
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"


@strawberry.enum(description="The kind of period a periodic review covers")
class PeriodKind(Enum):
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    HALF = "HALF"


@strawberry.enum
class FeedbackRole(Enum):
    SUPERIOR = "SUPERIOR"
    PEER = "PEER"
    SUBORDINATE = "SUBORDINATE"


@strawberry.enum
class ObjectionDecision(Enum):
    UPHELD = "UPHELD"
    REJECTED = "REJECTED"


@strawberry.enum(description="FILED until the appraiser's superior decides it")
class ObjectionStatus(Enum):
    FILED = "FILED"
    UPHELD = "UPHELD"
    REJECTED = "REJECTED"


@strawberry.enum
class CoachingGrounds(Enum):
    WEAK_ANNUAL = "WEAK_ANNUAL"
    WEAK_PERIODS = "WEAK_PERIODS"


@strawberry.enum
class CoachingOutcome(Enum):
    IMPROVED = "IMPROVED"
    NOT_IMPROVED = "NOT_IMPROVED"
    DISCONTINUED = "DISCONTINUED"


@strawberry.enum(
    description="Satyalancana Karya Satya X/XX/XXX (10/20/30 years of service), or the region's own"
)
class AwardClass(Enum):
    SATYALANCANA_KARYA_SATYA_X = "SATYALANCANA_KARYA_SATYA_X"
    SATYALANCANA_KARYA_SATYA_XX = "SATYALANCANA_KARYA_SATYA_XX"
    SATYALANCANA_KARYA_SATYA_XXX = "SATYALANCANA_KARYA_SATYA_XXX"
    REGIONAL = "REGIONAL"


@strawberry.enum(
    description="SKP: the final SKP on the employee's record; PLAN: a plan's annual rating; "
    "PP46_2011: a pre-2022 numeric SKP"
)
class AppraisalSource(Enum):
    SKP = "SKP"
    PLAN = "PLAN"
    PP46_2011 = "PP46_2011"


PERFORMANCE_ENUMS = (
    ReviewCadence,
    PeriodKind,
    FeedbackRole,
    ObjectionDecision,
    ObjectionStatus,
    CoachingGrounds,
    CoachingOutcome,
    AwardClass,
    AppraisalSource,
)
