"""The schema, assembled: every Query and Mutation field with its resolver and the roles allowed it."""

from __future__ import annotations

import functools
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from riwayat.graphql import fast_paths, guarded_resolvers, limits
from riwayat.graphql.access_log import AccessLogQuery
from riwayat.graphql.errors import log_errors
from riwayat.graphql.executor import PlainFieldsExecutionContext
from riwayat.graphql.leave import LeaveMutation, LeaveQuery
from riwayat.graphql.mutations import complaints as complaint_mutations
from riwayat.graphql.mutations import org_units as unit_mutations
from riwayat.graphql.mutations import personnel
from riwayat.graphql.mutations.careers import CareersMutation, CareersQuery
from riwayat.graphql.mutations.competency import CompetencyMutation, CompetencyQuery
from riwayat.graphql.mutations.onboarding import OnboardingMutation
from riwayat.graphql.mutations.performance import PerformanceMutation
from riwayat.graphql.permissions import (
    ADMIN_ONLY,
    AS_OF,
    AUDIT,
    COMPLAINT_FILE,
    COMPLAINT_READ,
    COMPLAINT_WRITE,
    DIRECTORY,
    PERSONNEL_READ,
    PERSONNEL_WRITE,
    allow,
)
from riwayat.graphql.privacy import PrivacyMutation, PrivacyQuery
from riwayat.graphql.resolvers import audit, complaints, directory
from riwayat.graphql.resolvers.digest import DigestQuery
from riwayat.graphql.resolvers.performance import PerformanceQuery
from riwayat.graphql.scalars import SCALAR_OVERRIDES
from riwayat.graphql.types.audit import IntegrityReport, ProjectionStatus
from riwayat.graphql.types.common import Decree
from riwayat.graphql.types.complaint import Complaint
from riwayat.graphql.types.connections import ComplaintConnection, EmployeeConnection
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.event import EventConnection
from riwayat.graphql.types.org_unit import OrgUnit
from riwayat.graphql.types.payloads import ComplaintPayload, EmployeePayload, OrgUnitPayload
from riwayat.graphql.voice import VoiceMutation, VoiceQuery


@strawberry.type
# CareersQuery: in mutations/careers.py; LeaveQuery: graphql/leave.py (issue 17)
class Query(
    DigestQuery,
    VoiceQuery,
    PerformanceQuery,
    CareersQuery,
    CompetencyQuery,
    LeaveQuery,
    PrivacyQuery,
    AccessLogQuery,
):
    employee: Employee | None = strawberry.field(resolver=directory.employee, extensions=allow(*DIRECTORY))
    employees: EmployeeConnection = strawberry.field(
        resolver=directory.employees, extensions=allow(*DIRECTORY)
    )
    org_units: list[OrgUnit] = strawberry.field(
        resolver=directory.org_units_list, extensions=allow(*DIRECTORY)
    )
    complaint: Complaint | None = strawberry.field(
        resolver=complaints.complaint, extensions=allow(*COMPLAINT_READ)
    )
    complaints: ComplaintConnection = strawberry.field(
        resolver=complaints.complaints, extensions=allow(*COMPLAINT_READ)
    )
    promotion_candidates: list[Employee] = strawberry.field(
        resolver=directory.promotion_candidates,
        extensions=allow(*PERSONNEL_READ),
        description="due for regular promotion on that date",
    )
    audit_log: EventConnection = strawberry.field(resolver=audit.audit_log, extensions=allow(*AUDIT))
    employee_as_of: Employee | None = strawberry.field(
        resolver=audit.employee_as_of,
        extensions=allow(*AS_OF),
        description="exactly one of recordedAt (as recorded then) and effectiveOn (as legally true that day)",
    )
    verify_integrity: IntegrityReport = strawberry.field(
        resolver=audit.verify_integrity, extensions=allow(*AUDIT)
    )
    projection_status: list[ProjectionStatus] = strawberry.field(
        resolver=audit.projection_status, extensions=allow(*AUDIT)
    )


def _mutation(resolver: Any, roles: tuple[str, ...]) -> Any:
    return strawberry.mutation(resolver=resolver, extensions=allow(*roles))


@strawberry.type
class Mutation(  # PrivacyMutation: graphql/privacy.py (issue 19)
    VoiceMutation,
    PerformanceMutation,
    CareersMutation,
    OnboardingMutation,
    CompetencyMutation,
    LeaveMutation,
    PrivacyMutation,
):
    establish_org_unit: OrgUnitPayload = _mutation(unit_mutations.establish_org_unit, ADMIN_ONLY)
    hire_employee: EmployeePayload = _mutation(personnel.hire_employee, PERSONNEL_WRITE)
    complete_probation: EmployeePayload = _mutation(personnel.complete_probation, PERSONNEL_WRITE)
    promote_employee: EmployeePayload = _mutation(personnel.promote_employee, PERSONNEL_WRITE)
    assign_position: EmployeePayload = _mutation(personnel.assign_position, PERSONNEL_WRITE)
    record_training: EmployeePayload = _mutation(personnel.record_training, PERSONNEL_WRITE)
    record_appraisal: EmployeePayload = _mutation(personnel.record_appraisal, PERSONNEL_WRITE)
    impose_discipline: EmployeePayload = _mutation(personnel.impose_discipline, PERSONNEL_WRITE)
    separate_employee: EmployeePayload = _mutation(personnel.separate_employee, PERSONNEL_WRITE)
    file_complaint: ComplaintPayload = _mutation(complaint_mutations.file_complaint, COMPLAINT_FILE)
    triage_complaint: ComplaintPayload = _mutation(complaint_mutations.triage_complaint, COMPLAINT_WRITE)
    resolve_complaint: ComplaintPayload = _mutation(complaint_mutations.resolve_complaint, COMPLAINT_WRITE)


class RiwayatSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Log faults with the request id and their stack (the caller sees them masked, see http.py)."""
        context = getattr(execution_context, "context", None)
        log_errors(errors, getattr(context, "request_id", "-"))


@functools.cache
def build_schema(introspection: bool = True) -> RiwayatSchema:
    schema = strawberry_schema(introspection)
    guarded_resolvers.install(schema)  # a role-checked async resolver called without the chain around it
    return schema


def strawberry_schema(introspection: bool = True) -> RiwayatSchema:
    """The schema as strawberry runs it (without `guarded_resolvers`): a new one each call, for tests."""
    documents = limits.document_cache(introspection=introspection)
    schema = RiwayatSchema(
        query=Query,
        mutation=Mutation,
        types=[Decree],
        scalar_overrides=SCALAR_OVERRIDES,  # part of the contract though no field returns it yet
        extensions=[documents.extension()],
        config=StrawberryConfig(
            disable_field_suggestions=not introspection, name_converter=fast_paths.RememberedNames()
        ),
        execution_context_class=PlainFieldsExecutionContext,
    )
    fast_paths.install(schema._schema, schema.config.default_resolver)  # one attribute read per plain field
    schema.documents = documents  # what `execution.run` parses and validates with, as the extension does
    return schema
