"""A complaint stored by version 1 (before tracking codes and dated steps) still projects: the handlers
read it through the domain's upcasts, dated the day it was recorded."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from riwayat.infra.codec import EventCodec
from riwayat.projections.base import Dispatch, _handle
from riwayat.projections.complaints import COMPLAINTS, Complaints
from riwayat.projections.rows import MemoryWriter

TOPIC = "riwayat.domain.complaint:Complaint"


def test_version_1_complaint_events_fill_the_version_2_row() -> None:
    cid, unit = uuid4(), uuid4()
    ts = {"_type_": "datetime_iso", "_data_": "2025-06-02T03:00:00+00:00"}
    ident = {"originator_id": {"_type_": "uuid_hex", "_data_": cid.hex}, "timestamp": ts}
    filed = {
        **ident,
        "originator_version": 1,
        "originator_topic": TOPIC,
        "channel": "LAPOR!",
        "category": "X",
        "description": "Y",
        "employee_id": None,
        "unit_id": None,
        "reporter_contact": "0812",
    }
    triaged = {
        **ident,
        "originator_version": 2,
        "unit_id": {"_type_": "uuid_hex", "_data_": unit.hex},
        "note": None,
    }
    resolved = {**ident, "originator_version": 3, "outcome": "SUBSTANTIATED", "resolution": "Ok"}
    events = [
        (1, cid, 1, f"{TOPIC}.Filed", filed),
        (2, cid, 2, f"{TOPIC}.Triaged", triaged),
        (3, cid, 3, f"{TOPIC}.Resolved", resolved),
    ]
    writer = MemoryWriter()
    _handle(writer, Dispatch([Complaints()], EventCodec()), events)
    row = writer.get(COMPLAINTS, (cid,))
    assert (
        row["status"],
        row["tracking_code"],
        row["received_on"],
        row["triaged_on"],
        row["resolved_on"],
    ) == (
        "RESOLVED",
        None,
        date(2025, 6, 2),
        date(2025, 6, 2),
        date(2025, 6, 2),
    )
    assert (row["anonymous"], row["confidential"], row["lapor_ticket"], row["unit_id"]) == (
        False,
        False,
        None,
        unit,
    )
    assert "reporter_contact" not in row  # personal data is never projected
