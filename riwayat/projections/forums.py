"""Open forums (forum konsultasi publik) and their commitments, each with its latest follow-up."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.forum import CommitmentStatus, PublicForum
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

FORUMS = Table(
    "public_forums",
    (
        ("id", "uuid"),
        ("unit_id", "uuid NOT NULL"),
        ("held_on", "date NOT NULL"),
        ("participants", "integer NOT NULL"),
        ("topics", "text NOT NULL"),
        ("version", "integer NOT NULL"),
    ),
    key=("id",),
    indexes=(("unit_idx", "(unit_id, held_on)"),),
)
COMMITMENTS = Table(
    "forum_commitments",
    (
        ("forum_id", "uuid"),
        ("number", "integer"),
        ("unit_id", "uuid NOT NULL"),
        ("held_on", "date NOT NULL"),
        ("commitment", "text NOT NULL"),
        ("status", "text NOT NULL"),
        ("note", "text"),
        ("updated_on", "date"),
    ),
    key=("forum_id", "number"),
    indexes=(("unit_idx", "(unit_id, status)"),),
)


@dataclass(frozen=True)
class ForumRow:
    id: UUID
    unit_id: UUID
    held_on: date
    participants: int
    topics: list[str]
    version: int


@dataclass(frozen=True)
class CommitmentRow:
    forum_id: UUID
    number: int
    unit_id: UUID
    held_on: date
    commitment: str
    status: str
    note: str | None
    updated_on: date | None


class Forums(Projection):
    name = "forums"
    version = 1
    tables = (FORUMS, COMMITMENTS)
    # A follow-up names the commitment by number; the row it changes is keyed (forum, number), and the
    # forum's own row (keyed by the stream) carries the version.

    @handles(PublicForum.Recorded)
    def public_forum_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        unit, held = stored.uuid(d["unit_id"]), stored.day(d["held_on"])
        w.put(
            FORUMS,
            {
                "id": stream_id,
                "unit_id": unit,
                "held_on": held,
                "participants": d["participants"],
                "topics": json.dumps(d["topics"], ensure_ascii=False),
                "version": version,
            },
        )
        for number, text in enumerate(d["commitments"], start=1):
            w.put(
                COMMITMENTS,
                {
                    "forum_id": stream_id,
                    "number": number,
                    "unit_id": unit,
                    "held_on": held,
                    "commitment": text,
                    "status": CommitmentStatus.OPEN.value,
                    "note": None,
                    "updated_on": None,
                },
            )

    @handles(PublicForum.FollowUpRecorded)
    def public_forum_follow_up_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        values = {"status": d["status"], "note": d["note"], "updated_on": stored.day(d["on"])}
        w.update(COMMITMENTS, (stream_id, d["commitment"]), values)
        w.update(FORUMS, (stream_id,), {"version": version})


async def forums_of_unit(pool_or_con: Any, schema: str, unit_id: UUID) -> list[ForumRow]:
    rows = await pool_or_con.fetch(
        f"SELECT id, unit_id, held_on, participants, topics, version FROM {schema}.public_forums"
        " WHERE unit_id = $1 ORDER BY held_on, id",
        unit_id,
    )
    return [ForumRow(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5]) for r in rows]


async def commitments(
    pool_or_con: Any, schema: str, unit_id: UUID | None, statuses: list[str] | None
) -> list[CommitmentRow]:
    """The commitments of one unit (or all), with the given statuses (all when None), oldest forum first."""
    rows = await pool_or_con.fetch(
        "SELECT forum_id, number, unit_id, held_on, commitment, status, note, updated_on"
        f" FROM {schema}.forum_commitments WHERE ($1::uuid IS NULL OR unit_id = $1)"
        " AND ($2::text[] IS NULL OR status = any($2::text[])) ORDER BY held_on, forum_id, number",
        unit_id,
        statuses,
    )
    return [CommitmentRow(*r) for r in rows]


async def commitments_of_forum(pool_or_con: Any, schema: str, forum_id: UUID) -> list[CommitmentRow]:
    rows = await pool_or_con.fetch(
        "SELECT forum_id, number, unit_id, held_on, commitment, status, note, updated_on"
        f" FROM {schema}.forum_commitments WHERE forum_id = $1 ORDER BY number",
        forum_id,
    )
    return [CommitmentRow(*r) for r in rows]
