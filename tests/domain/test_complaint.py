"""Public complaints: FILED → TRIAGED → RESOLVED → CLOSED, reopened back to TRIAGED."""

from __future__ import annotations

from collections.abc import Callable
from uuid import uuid4

import pytest
from eventsourcing.utils import get_topic

from riwayat.domain.complaint import Complaint
from riwayat.domain.errors import InvalidInput, InvalidState


def filed(**overrides: object) -> Complaint:
    args: dict = {"channel": "LAPOR", "category": "PELAYANAN", "description": "Antrean KTP tidak dilayani"}
    return Complaint.file(**(args | overrides))


def triaged() -> Complaint:
    complaint = filed()
    complaint.triage(uuid4(), note="ke Disdukcapil")
    return complaint


def resolved() -> Complaint:
    complaint = triaged()
    complaint.resolve("SUBSTANTIATED", "Petugas ditambah")
    return complaint


def closed() -> Complaint:
    complaint = resolved()
    complaint.close()
    return complaint


def test_a_filed_complaint_keeps_what_was_reported_and_when() -> None:
    employee_id = uuid4()
    complaint = filed(employee_id=str(employee_id), reporter_contact=" 0812-0000-0000 ")
    (event,) = complaint.collect_events()
    assert complaint.status == "FILED" and complaint.filed_at == event.timestamp
    assert (complaint.employee_id, complaint.unit_id) == (employee_id, None)
    assert complaint.reporter_contact == "0812-0000-0000"
    assert get_topic(type(event)) == "riwayat.domain.complaint:Complaint.Filed"


@pytest.mark.parametrize("field", ["channel", "category", "description"])
def test_a_complaint_needs_a_channel_a_category_and_a_description(field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        filed(**{field: "  "})
    assert refused.value.field == field


def test_named_employee_and_unit_must_be_ids() -> None:
    with pytest.raises(InvalidInput) as refused:
        filed(unit_id="dinkes")
    assert refused.value.field == "unitId"


def test_the_happy_path_runs_filed_triaged_resolved_closed() -> None:
    complaint = filed()
    unit = uuid4()
    complaint.triage(unit)
    assert (complaint.status, complaint.unit_id) == ("TRIAGED", unit)
    complaint.resolve("unsubstantiated", "Antrean sesuai SOP")
    assert (complaint.status, complaint.outcome, complaint.resolution) == (
        "RESOLVED",
        "UNSUBSTANTIATED",
        "Antrean sesuai SOP",
    )
    complaint.close("Pelapor dihubungi")
    assert (complaint.status, complaint.version) == ("CLOSED", 4)


@pytest.mark.parametrize("start", [resolved, closed])
def test_a_resolved_or_closed_complaint_reopens_to_triaged(start: Callable[[], Complaint]) -> None:
    complaint = start()
    complaint.reopen("Pelapor belum puas")
    assert (complaint.status, complaint.outcome, complaint.resolution) == ("TRIAGED", None, None)
    complaint.resolve("SUBSTANTIATED", "Ditindaklanjuti")
    assert complaint.status == "RESOLVED"


ILLEGAL = [
    (filed, "resolve"), (filed, "close"), (filed, "reopen"),
    (triaged, "triage"), (triaged, "close"), (triaged, "reopen"),
    (resolved, "triage"), (resolved, "resolve"),
    (closed, "triage"), (closed, "resolve"), (closed, "close"),
]  # fmt: skip
CALLS = {
    "triage": lambda c: c.triage(uuid4()),
    "resolve": lambda c: c.resolve("SUBSTANTIATED", "x"),
    "close": lambda c: c.close(),
    "reopen": lambda c: c.reopen(),
}


@pytest.mark.parametrize(("start", "command"), ILLEGAL)
def test_every_other_transition_is_invalid_state(start: Callable[[], Complaint], command: str) -> None:
    with pytest.raises(InvalidState):
        CALLS[command](start())


def test_a_resolution_needs_a_known_outcome_and_text() -> None:
    with pytest.raises(InvalidInput) as refused:
        triaged().resolve("MAYBE", "x")
    assert refused.value.field == "outcome"
    with pytest.raises(InvalidInput) as refused:
        triaged().resolve("SUBSTANTIATED", "")
    assert refused.value.field == "resolution"
