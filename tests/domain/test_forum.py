"""Open forums: topics and commitments recorded, each commitment followed up until done."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.forum import PublicForum


def forum() -> PublicForum:
    return PublicForum.record(
        unit_id=uuid4(), held_on=date(2026, 5, 12), participants=64,
        topics=["Antrean KTP-el", "Jam layanan"], commitments=["Loket tambahan", "Layanan Sabtu"],
    )  # fmt: skip


def test_commitments_are_followed_up_in_progress_then_done() -> None:
    f = forum()
    assert f.statuses == ["OPEN", "OPEN"]
    f.follow_up(1, "IN_PROGRESS", date(2026, 6, 1), note="Anggaran diajukan")
    f.follow_up(1, "DONE", date(2026, 8, 1))
    assert f.statuses == ["DONE", "OPEN"]
    with pytest.raises(InvalidState):
        f.follow_up(1, "IN_PROGRESS", date(2026, 9, 1))


@pytest.mark.parametrize(
    ("commitment", "status", "on", "field"),
    [(3, "DONE", date(2026, 6, 1), "commitment"), (0, "DONE", date(2026, 6, 1), "commitment"),
     (1, "OPEN", date(2026, 6, 1), "status"), (1, "DONE", date(2026, 5, 1), "on")],
)  # fmt: skip
def test_a_bad_follow_up_is_refused(commitment: int, status: str, on: date, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        forum().follow_up(commitment, status, on)
    assert refused.value.field == field


def test_a_forum_needs_participants_and_topics() -> None:
    with pytest.raises(InvalidInput):
        PublicForum.record(
            unit_id=uuid4(), held_on=date(2026, 5, 1), participants=0, topics=["x"], commitments=[]
        )
    with pytest.raises(InvalidInput):
        PublicForum.record(
            unit_id=uuid4(), held_on=date(2026, 5, 1), participants=5, topics=[], commitments=[]
        )
