"""The ledger: the append path (records → chain and statements → judge → attempts → committer → store).

The rest of the code imports from here; projections import only `riwayat.infra.ledger.records`.
"""

from __future__ import annotations

from riwayat.infra.ledger.records import (
    INLINE_GATE,
    AppendRequest,
    AppendResult,
    Claim,
    ClaimTaken,
    EventLog,
    Head,
    LogFilter,
    Projector,
    RecordedEvent,
    stream_type_of,
    utc_now,
)
from riwayat.infra.ledger.store import EventStore

__all__ = [
    "INLINE_GATE",
    "AppendRequest",
    "AppendResult",
    "Claim",
    "ClaimTaken",
    "EventStore",
    "EventLog",
    "Head",
    "LogFilter",
    "Projector",
    "RecordedEvent",
    "stream_type_of",
    "utc_now",
]
