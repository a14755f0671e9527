"""`PublicForum`: one open forum (forum konsultasi publik) a unit held, and the follow-up of what it promised.

The forum records who came (a count, never names), the topics the public raised and the commitments the
unit made; each commitment is then followed up (`IN_PROGRESS`, `DONE`) with a note, until done. Commitments
are numbered from 1 in the order they were recorded: the number is how a follow-up names one.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import optional_text, parse_enum, require_date, require_text, require_uuid
from riwayat.domain.errors import InvalidInput, InvalidState

MAX_ITEMS = 50


class CommitmentStatus(StrEnum):
    OPEN = "OPEN"  # recorded, no follow-up yet
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"


def _texts(values: object, field: str, *, required: bool) -> list[str]:
    if not isinstance(values, list | tuple) or len(values) > MAX_ITEMS:
        raise InvalidInput(f"{field} is a list of at most {MAX_ITEMS} texts", field)
    texts = [require_text(v, field, max_length=1000) for v in values]
    if required and not texts:
        raise InvalidInput(f"{field} must not be empty", field)
    return texts


class PublicForum(Aggregate):
    class Recorded(Aggregate.Created):
        unit_id: UUID
        held_on: date
        participants: int
        topics: list[str]
        commitments: list[str]

        def apply(self, f: Any) -> None:
            f.unit_id, f.held_on, f.participants = self.unit_id, self.held_on, self.participants
            f.topics, f.commitments = list(self.topics), list(self.commitments)
            f.statuses = [CommitmentStatus.OPEN.value] * len(self.commitments)

    class FollowUpRecorded(Aggregate.Event):
        commitment: int  # 1-based
        status: str
        note: str | None
        on: date

        def apply(self, f: Any) -> None:
            f.statuses[self.commitment - 1] = self.status

    @classmethod
    def record(
        cls, *, unit_id: UUID, held_on: date, participants: int, topics: list[str], commitments: list[str]
    ) -> PublicForum:
        if (
            not isinstance(participants, int)
            or isinstance(participants, bool)
            or not 1 <= participants <= 100_000
        ):
            raise InvalidInput("participants is a count of 1–100,000 people", "participants")
        return cls._create(
            cls.Recorded,
            unit_id=require_uuid(unit_id, "unitId"),
            held_on=require_date(held_on, "heldOn"),
            participants=participants,
            topics=_texts(topics, "topics", required=True),
            commitments=_texts(commitments, "commitments", required=False),
        )

    def follow_up(
        self, commitment: int, status: CommitmentStatus | str, on: date, note: str | None = None
    ) -> None:
        if not isinstance(commitment, int) or not 1 <= commitment <= len(self.commitments):
            raise InvalidInput(f"commitment is a number 1–{len(self.commitments)}", "commitment")
        new = parse_enum(CommitmentStatus, status, "status")
        if new is CommitmentStatus.OPEN:
            raise InvalidInput("a follow-up is IN_PROGRESS or DONE", "status")
        if self.statuses[commitment - 1] == CommitmentStatus.DONE.value:
            raise InvalidState(f"commitment {commitment} is already done")
        day = require_date(on, "on")
        if day < self.held_on:
            raise InvalidInput("a follow-up cannot be dated before the forum", "on")
        self.trigger_event(
            self.FollowUpRecorded,
            commitment=commitment,
            status=new.value,
            note=optional_text(note, "note", max_length=2000),
            on=day,
        )
