"""Complaint mutations: complaint officers file, triage and resolve; hr may file."""

from __future__ import annotations

from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.ids import optional_id, require_id
from riwayat.graphql.inputs import (
    FileComplaintInput,
    ResolveComplaintInput,
    TriageComplaintInput,
)
from riwayat.graphql.mutations.base import COMPLAINT, options, payload
from riwayat.graphql.types.payloads import ComplaintPayload


async def file_complaint(info: Info[Context, None], input: FileComplaintInput) -> ComplaintPayload:
    return await payload(
        info,
        COMPLAINT,
        lambda app, cc: app.file_complaint(
            cc,
            channel=input.channel,
            category=input.category,
            description=input.description,
            employee_id=optional_id(input.employee_id, "employeeId"),
            unit_id=optional_id(input.unit_id, "unitId"),
            reporter_contact=input.reporter_contact,
            options=options(input),
        ),
    )


async def triage_complaint(info: Info[Context, None], input: TriageComplaintInput) -> ComplaintPayload:
    return await payload(
        info,
        COMPLAINT,
        lambda app, cc: app.triage_complaint(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            unit_id=require_id(input.unit_id, "unitId"),
            note=input.note,
            options=options(input),
        ),
    )


async def resolve_complaint(info: Info[Context, None], input: ResolveComplaintInput) -> ComplaintPayload:
    return await payload(
        info,
        COMPLAINT,
        lambda app, cc: app.resolve_complaint(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            outcome=input.outcome.value,
            resolution=input.resolution,
            options=options(input),
        ),
    )
