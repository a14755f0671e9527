"""Open forums (forum konsultasi publik) and the commitments a unit made in them."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import strawberry

from riwayat.graphql.types.common import UserError


@strawberry.enum
class CommitmentStatus(Enum):
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"


@strawberry.type
class ForumCommitment:
    forum_id: strawberry.ID
    number: int = strawberry.field(description="1-based, in the order recorded: how a follow-up names it")
    unit_id: strawberry.ID
    held_on: date
    commitment: str
    status: CommitmentStatus
    note: str | None
    updated_on: date | None

    @classmethod
    def from_row(cls, row: Any) -> ForumCommitment:
        return cls(
            forum_id=strawberry.ID(str(row.forum_id)),
            number=row.number,
            unit_id=strawberry.ID(str(row.unit_id)),
            held_on=row.held_on,
            commitment=row.commitment,
            status=CommitmentStatus(row.status),
            note=row.note,
            updated_on=row.updated_on,
        )


@strawberry.type
class PublicForum:
    id: strawberry.ID
    unit_id: strawberry.ID
    held_on: date
    participants: int
    topics: list[str]
    version: int

    @classmethod
    def from_row(cls, row: Any) -> PublicForum:
        return cls(
            id=strawberry.ID(str(row.id)),
            unit_id=strawberry.ID(str(row.unit_id)),
            held_on=row.held_on,
            participants=row.participants,
            topics=list(row.topics),
            version=row.version,
        )


@strawberry.type
class ForumPayload:
    forum_id: strawberry.ID | None = None
    commitments: list[ForumCommitment] = strawberry.field(default_factory=list)
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)
