"""A ledger event as auditors read it, and its connection (paged by position or stream version)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from riwayat.graphql import cursors
from riwayat.graphql.types.common import PageInfo
from riwayat.graphql.types.paging import Edge
from riwayat.infra.codec import plain
from riwayat.infra.ledger import RecordedEvent


@strawberry.type(description="One recorded event: what happened, who did it, when, and its chain hash.")
class Event:
    position: int
    stream_id: strawberry.ID
    stream_type: str
    version: int
    type: str = strawberry.field(description='e.g. "Employee.Hired"')
    data: JSON
    recorded_at: datetime
    effective_on: date | None
    actor: str
    reason: str | None
    correlation_id: str | None
    hash: str

    @classmethod
    def from_row(cls, rec: RecordedEvent) -> Event:
        meta = rec.metadata or {}
        return cls(
            position=rec.position,
            stream_id=strawberry.ID(str(rec.stream_id)),
            stream_type=rec.stream_type,
            version=rec.version,
            type=rec.type,
            data=plain(rec.data),
            recorded_at=rec.recorded_at,
            effective_on=rec.effective_on,
            actor=str(meta.get("actor") or ""),
            reason=meta.get("reason"),
            correlation_id=meta.get("correlation_id"),
            hash=rec.hash,
        )


@strawberry.type
class EventConnection:
    """A page of the ledger (no total: counting the log would cost a scan)."""

    edges: list[Edge[Event]]
    page_info: PageInfo

    @classmethod
    def from_page(cls, records: list[RecordedEvent], first: int, kind: str) -> EventConnection:
        """`records` holds up to first + 1 events; the extra one only tells that there is a next page.
        Cursors of kind "log" carry the position, of kind "history" the stream version."""
        page = records[:first]
        edges = [
            Edge(
                node=Event.from_row(r),
                cursor=cursors.encode(kind, r.position if kind == "log" else r.version),
            )
            for r in page
        ]
        end = edges[-1].cursor if edges else None
        return cls(edges=edges, page_info=PageInfo(has_next_page=len(records) > first, end_cursor=end))
