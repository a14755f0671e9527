"""Complaint mutations: complaint officers file, triage, resolve, answer, close, reopen and link to a
sanction; hr may file."""

from __future__ import annotations

from datetime import date

import strawberry
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
            received_on=input.received_on,
            anonymous=input.anonymous,
            confidential=input.confidential,
            lapor_ticket=input.lapor_ticket,
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
            on=input.on,
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
            on=input.on,
            options=options(input),
        ),
    )


@strawberry.input
class RespondToComplaintInput:
    complaint_id: strawberry.ID
    response: str
    published: bool = strawberry.field(default=True, description="shown on the public status page")
    on: date | None = strawberry.field(
        default=None, description="when the reporter was told; today if omitted"
    )
    expected_version: int | None = None
    idempotency_key: str | None = None


@strawberry.input
class CloseComplaintInput:
    complaint_id: strawberry.ID
    note: str | None = None
    on: date | None = None
    expected_version: int | None = None
    idempotency_key: str | None = None


@strawberry.input
class ReopenComplaintInput:
    complaint_id: strawberry.ID
    reason: str | None = None
    on: date | None = None
    expected_version: int | None = None
    idempotency_key: str | None = None


@strawberry.input
class LinkComplaintToDisciplineInput:
    complaint_id: strawberry.ID
    employee_id: strawberry.ID
    decree_number: str = strawberry.field(description="the decree of the disciplinary decision (PP 94/2021)")
    expected_version: int | None = None
    idempotency_key: str | None = None


async def respond_to_complaint(info: Info[Context, None], input: RespondToComplaintInput) -> ComplaintPayload:
    return await payload(
        info,
        COMPLAINT,
        lambda app, cc: app.respond_to_complaint(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            response=input.response,
            published=input.published,
            on=input.on,
            options=options(input),
        ),
    )


async def close_complaint(info: Info[Context, None], input: CloseComplaintInput) -> ComplaintPayload:
    return await payload(
        info,
        COMPLAINT,
        lambda app, cc: app.close_complaint(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            note=input.note,
            on=input.on,
            options=options(input),
        ),
    )


async def reopen_complaint(info: Info[Context, None], input: ReopenComplaintInput) -> ComplaintPayload:
    return await payload(
        info,
        COMPLAINT,
        lambda app, cc: app.reopen_complaint(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            reason=input.reason,
            on=input.on,
            options=options(input),
        ),
    )


async def link_complaint_to_discipline(
    info: Info[Context, None], input: LinkComplaintToDisciplineInput
) -> ComplaintPayload:
    return await payload(
        info,
        COMPLAINT,
        lambda app, cc: app.link_complaint_to_discipline(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            employee_id=require_id(input.employee_id, "employeeId"),
            decree_number=input.decree_number,
            options=options(input),
        ),
    )
