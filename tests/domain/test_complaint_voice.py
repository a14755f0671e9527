"""Complaints handled to the end: responses, tracking codes, anonymity, channels, deadlines, old events."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from eventsourcing.persistence import StoredEvent

from riwayat.domain.complaint import Complaint
from riwayat.domain.complaint_rules import (
    new_tracking_code,
    overdue_stage,
    parse_tracking_code,
    response_due,
    verification_due,
)
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.holidays import shipped_dates
from riwayat.infra.codec import make_mapper

H2026 = shipped_dates(2026)


def filed(**kw: object) -> Complaint:
    args: dict = {
        "channel": "LAPOR!", "category": "PELAYANAN", "description": "KTP-el belum jadi",
        "tracking_code": new_tracking_code("medan"), "received_on": date(2026, 3, 13),
    }  # fmt: skip
    return Complaint.file(**(args | kw))


def test_every_transition_from_filing_to_closure_and_back() -> None:
    c = filed(lapor_ticket="5123456")
    assert (c.status, c.channel, c.lapor_ticket) == ("FILED", "LAPOR", "5123456")
    c.triage(uuid4(), on=date(2026, 3, 16))
    c.respond("Sedang diperiksa petugas", on=date(2026, 3, 17))  # an interim answer while TRIAGED
    c.resolve("SUBSTANTIATED", "Petugas ditegur", on=date(2026, 3, 25))
    c.respond("KTP-el Anda dapat diambil", on=date(2026, 3, 25))
    assert (c.status, c.response, c.responded_on) == (
        "RESOLVED",
        "KTP-el Anda dapat diambil",
        date(2026, 3, 25),
    )
    c.close(on=date(2026, 3, 26))
    assert (c.status, c.closed_on) == ("CLOSED", date(2026, 3, 26))
    c.reopen("Masalah terulang", on=date(2026, 4, 6))
    assert (c.status, c.outcome, c.responded_on, c.triaged_on) == ("TRIAGED", None, None, date(2026, 4, 6))
    c.resolve("SUBSTANTIATED", "Diperbaiki permanen")
    c.link_discipline(uuid4(), "800/12/BKPSDM/2026")
    c.close()
    types = [type(e).__name__ for e in c.collect_events()]
    assert types == [
        "Filed", "Triaged", "Responded", "Resolved", "Responded", "Closed", "Reopened", "Resolved",
        "DisciplineLinked", "Closed",
    ]  # fmt: skip


@pytest.mark.parametrize("stage", ["filed", "closed"])
def test_a_response_is_refused_before_dispatch_and_after_close(stage: str) -> None:
    c = filed()
    if stage == "closed":
        c.triage(uuid4())
        c.resolve("UNSUBSTANTIATED", "Tidak terbukti")
        c.close()
    with pytest.raises(InvalidState) as refused:
        c.respond("Terlambat", on=date(2026, 4, 1))
    assert refused.value.code == "INVALID_STATE"


def test_a_step_dated_before_the_complaint_was_received_is_refused() -> None:
    c = filed()
    with pytest.raises(InvalidInput) as refused:
        c.triage(uuid4(), on=date(2026, 3, 12))
    assert refused.value.field == "on"


def test_an_anonymous_complaint_stores_no_reporter_data_at_all() -> None:
    c = filed(anonymous=True)
    (event,) = c.collect_events()
    assert event.reporter_contact is None and c.anonymous is True
    with pytest.raises(InvalidInput) as refused:
        filed(anonymous=True, reporter_contact="0812")
    assert refused.value.field == "reporterContact"


def test_only_a_substantiated_complaint_links_to_a_disciplinary_decision() -> None:
    c = filed()
    c.triage(uuid4())
    c.resolve("UNSUBSTANTIATED", "Tidak terbukti")
    with pytest.raises(InvalidState):
        c.link_discipline(uuid4(), "800/1/2026")


def test_channels_are_recognised_and_a_lapor_ticket_belongs_only_to_lapor() -> None:
    assert [filed(channel=ch).channel for ch in ("sms 1708", "Walk-in", "Portal", "WEB")] == [
        "SMS_1708", "WALK_IN", "CITY_PORTAL", "WEB",
    ]  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        filed(channel="SMS 1708", lapor_ticket="5123456")
    assert refused.value.field == "laporTicket"


def test_tracking_codes_are_random_carry_the_tenant_and_parse_strictly() -> None:
    codes = {new_tracking_code("medan") for _ in range(2000)}
    assert len(codes) == 2000
    code = codes.pop()
    assert code.startswith("medan-") and len(code) == len("medan-") + 14
    assert parse_tracking_code(code.lower()) == ("medan", code)
    for bad in ("", "medan", "medan-AAAA-AAAA", "medan-AAAA-AAAA-AAAI", "x-AAAA-AAAA-AAAA", "medan;--AAAA",
                "t_medan.x-AAAA-AAAA-AAAA", "m" * 40 + "-AAAA-AAAA-AAAA", None, 12):  # fmt: skip
        assert parse_tracking_code(bad) is None, bad


def test_deadlines_count_working_days_over_weekends_and_holidays() -> None:
    # Received Fri 13 Mar 2026: verify by Wed 18 Mar? No — 18 Mar is cuti bersama (Nyepi), 19 Nyepi,
    # 20 and 23-24 cuti bersama Idul Fitri: Mon 16, Tue 17, Wed 25.
    assert verification_due(date(2026, 3, 13), H2026) == date(2026, 3, 25)
    assert verification_due(date(2026, 3, 13), ()) == date(2026, 3, 18)
    # Dispatched Wed 25 Mar, 14 working days (Good Friday 3 Apr off): Wed 15 Apr
    assert response_due(date(2026, 3, 25), H2026) == date(2026, 4, 15)
    assert response_due(date(2026, 3, 25), H2026, 5) == date(2026, 4, 1)
    args = {"received_on": date(2026, 3, 13), "closed": False, "holidays": H2026}
    assert overdue_stage(triaged_on=None, responded_on=None, today=date(2026, 3, 25), **args) is None
    assert (
        overdue_stage(triaged_on=None, responded_on=None, today=date(2026, 3, 26), **args) == "VERIFICATION"
    )
    late = {"triaged_on": date(2026, 3, 25), "today": date(2026, 4, 16)}
    assert overdue_stage(responded_on=None, **late, **args) == "RESPONSE"
    assert overdue_stage(responded_on=date(2026, 4, 16), **late, **args) is None
    assert overdue_stage(responded_on=None, **late, **(args | {"closed": True})) is None


def test_a_complaint_stored_before_version_2_still_loads() -> None:
    # Given a Filed and a Triaged event as version 1 stored them (no tracking code, no dates)
    mapper, cid, unit = make_mapper(), uuid4(), uuid4()
    ts = {"_type_": "datetime_iso", "_data_": "2025-06-02T03:00:00+00:00"}
    topic = "riwayat.domain.complaint:Complaint"
    filed_v1 = {
        "originator_id": {"_type_": "uuid_hex", "_data_": cid.hex}, "originator_version": 1, "timestamp": ts,
        "originator_topic": topic, "channel": "LAPOR!", "category": "X", "description": "Y",
        "employee_id": None, "unit_id": None, "reporter_contact": "0812",
    }  # fmt: skip
    triaged_v1 = {
        "originator_id": {"_type_": "uuid_hex", "_data_": cid.hex}, "originator_version": 2, "timestamp": ts,
        "unit_id": {"_type_": "uuid_hex", "_data_": unit.hex}, "note": None,
    }  # fmt: skip
    events = []
    for version, state, name in ((1, filed_v1, "Filed"), (2, triaged_v1, "Triaged")):
        raw = mapper.transcoder.encode(state)
        events.append(mapper.to_domain_event(StoredEvent(cid, version, f"{topic}.{name}", raw)))
    # When it is folded, Then it reads as it was, dated the day it was recorded
    c = None
    for e in events:
        c = e.mutate(c)
    assert (c.status, c.tracking_code, c.received_on, c.triaged_on) == (
        "TRIAGED",
        None,
        date(2025, 6, 2),
        date(2025, 6, 2),
    )
    assert (c.reporter_contact, c.anonymous, c.confidential, c.channel) == ("0812", False, False, "LAPOR!")
