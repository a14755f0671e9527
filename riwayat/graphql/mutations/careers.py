"""Career mutations and the Query/Mutation fields of issue 14, as `CareersQuery` / `CareersMutation` (bases of
the schema's Query and Mutation): the position catalogue, education, PPPK contracts, salary steps, the rank
restored after a demotion; and the career queries with the roles allowed each."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.ids import optional_id, require_id
from riwayat.graphql.inputs import DecreeInput, _key, _version  # the shared key/version field defaults
from riwayat.graphql.loaders import Loaders
from riwayat.graphql.mutations.base import EMPLOYEE, Changed, options, payload
from riwayat.graphql.permissions import DIRECTORY, PERSONNEL_READ, PERSONNEL_WRITE, allow
from riwayat.graphql.resolvers import careers as q
from riwayat.graphql.types.careers import (
    Contract,
    EducationRecord,
    Position,
    PositionPayload,
    PromotionEligibility,
    RetirementDue,
    SalaryStepDue,
)
from riwayat.graphql.types.careers_enums import EducationLevel, Jenjang, PositionKind, Statute, WorkTime
from riwayat.graphql.types.payloads import EmployeePayload
from riwayat.projections.positions import positions_by_ids


@strawberry.input
class CataloguePositionInput:
    name: str
    kind: PositionKind  # type: ignore[valid-type]
    unit_id: strawberry.ID
    job_class: int = strawberry.field(description="kelas jabatan, 1-17")
    seats: int
    effective_on: date
    jenjang: Jenjang | None = None  # type: ignore[valid-type]
    statute: Statute | None = strawberry.field(default=None, description="GURU or DOSEN: the statute's BUP")  # type: ignore[valid-type]
    job_family: str | None = None
    reports_to: strawberry.ID | None = strawberry.field(default=None, description="the superior position")
    idempotency_key: str | None = _key()


@strawberry.input
class ChangePositionInput:
    position_id: strawberry.ID
    effective_on: date
    seats: int | None = None
    reports_to: strawberry.ID | None = None
    clear_reports_to: bool = False
    abolish: bool = False
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class RecordEducationInput:
    employee_id: strawberry.ID
    level: EducationLevel  # type: ignore[valid-type]
    institution: str
    graduated_on: date
    major: str | None = None
    diploma_number: str | None = None
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class ContractInput:
    employee_id: strawberry.ID
    start_on: date
    end_on: date = strawberry.field(description="the last day of the contract")
    work_time: WorkTime  # type: ignore[valid-type]
    ni_pppk: str
    decree: DecreeInput
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class DatedDecreeInput:
    employee_id: strawberry.ID
    effective_on: date
    decree: DecreeInput
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input(description="A PPPK contract: 1-5 years (part-time: 1), with the NI PPPK of this contract.")
class SignContractInput(ContractInput):
    pass


@strawberry.input(description="The next PPPK contract: it starts after the previous one ends.")
class RenewContractInput(ContractInput):
    pass


@strawberry.input
class GrantSalaryStepInput(DatedDecreeInput):
    pass


@strawberry.input
class RestoreRankInput(DatedDecreeInput):
    pass


async def _positions(loaders: Loaders, ids: list[UUID]) -> list[Any]:
    found = await positions_by_ids(loaders.pool, loaders.schema, list(ids))
    return [found.get(i) for i in ids]


POSITION = Changed(
    PositionPayload,
    "position",
    lambda loaders: DataLoader(load_fn=lambda ids: _positions(loaders, list(ids)), cache=False),
    Position.from_row,
)


async def catalogue_position(info: Info[Context, None], input: CataloguePositionInput) -> PositionPayload:
    return await payload(info, POSITION, lambda app, cc: app.catalogue_position(
        cc, name=input.name, kind=input.kind.value, unit_id=require_id(input.unit_id, "unitId"),
        job_class=input.job_class, seats=input.seats, effective_on=input.effective_on,
        jenjang=None if input.jenjang is None else input.jenjang.value,
        statute=None if input.statute is None else input.statute.value, job_family=input.job_family,
        reports_to=optional_id(input.reports_to, "reportsTo"), options=options(input),
    ))  # fmt: skip


async def change_position(info: Info[Context, None], input: ChangePositionInput) -> PositionPayload:
    return await payload(info, POSITION, lambda app, cc: app.change_position(
        cc, position_id=require_id(input.position_id, "positionId"), effective_on=input.effective_on,
        seats=input.seats, reports_to=optional_id(input.reports_to, "reportsTo"),
        clear_reports_to=input.clear_reports_to, abolish=input.abolish, options=options(input),
    ))  # fmt: skip


def _employee(input: Any) -> dict[str, Any]:
    return {"employee_id": require_id(input.employee_id, "employeeId"), "options": options(input)}


async def record_education(info: Info[Context, None], input: RecordEducationInput) -> EmployeePayload:
    return await payload(info, EMPLOYEE, lambda app, cc: app.record_education(
        cc, level=input.level.value, institution=input.institution, graduated_on=input.graduated_on,
        major=input.major, diploma_number=input.diploma_number, **_employee(input),
    ))  # fmt: skip


def _contract(input: ContractInput, renewal: bool) -> Any:
    return lambda app, cc: app.sign_contract(
        cc, start_on=input.start_on, end_on=input.end_on, work_time=input.work_time.value,
        ni_pppk=input.ni_pppk, decree=input.decree.to_domain(), renewal=renewal, **_employee(input),
    )  # fmt: skip


async def sign_contract(info: Info[Context, None], input: SignContractInput) -> EmployeePayload:
    return await payload(info, EMPLOYEE, _contract(input, renewal=False))


async def renew_contract(info: Info[Context, None], input: RenewContractInput) -> EmployeePayload:
    return await payload(info, EMPLOYEE, _contract(input, renewal=True))


async def grant_salary_step(info: Info[Context, None], input: GrantSalaryStepInput) -> EmployeePayload:
    return await payload(info, EMPLOYEE, lambda app, cc: app.grant_salary_step(
        cc, effective_on=input.effective_on, decree=input.decree.to_domain(), **_employee(input)
    ))  # fmt: skip


async def restore_rank(info: Info[Context, None], input: RestoreRankInput) -> EmployeePayload:
    return await payload(info, EMPLOYEE, lambda app, cc: app.restore_rank(
        cc, effective_on=input.effective_on, decree=input.decree.to_domain(), **_employee(input)
    ))  # fmt: skip


def _read(resolver: Any, roles: tuple[str, ...], description: str) -> Any:
    return strawberry.field(resolver=resolver, extensions=allow(*roles), description=description)


def _write(resolver: Any, description: str) -> Any:
    return strawberry.mutation(resolver=resolver, extensions=allow(*PERSONNEL_WRITE), description=description)


@strawberry.type
class CareersQuery:
    positions: list[Position] = _read(
        q.positions_of_unit, DIRECTORY, "a unit's positions, seats filled and vacant"
    )
    vacancies: list[Position] = _read(q.vacancies, DIRECTORY, "open positions with vacant seats")
    promotion_eligibility: PromotionEligibility | None = _read(
        q.promotion_eligibility,
        PERSONNEL_READ,
        "why an employee is (not) due a regular promotion on that date",
    )
    retirements_due: list[RetirementDue] = _read(
        q.retirements_due,
        PERSONNEL_READ,
        "who reaches the BUP within that many months of asOf (default today)",
    )
    contracts_expiring: list[Contract] = _read(
        q.contracts_expiring, PERSONNEL_READ, "PPPK whose current contract ends within that many months"
    )
    salary_steps_due: list[SalaryStepDue] = _read(
        q.salary_steps_due, PERSONNEL_READ, "who is due a KGB on that date"
    )
    contracts: list[Contract] = _read(q.contracts_of, PERSONNEL_READ, "an employee's PPPK contracts")
    education: list[EducationRecord] = _read(q.education_of, PERSONNEL_READ, "an employee's diplomas")


@strawberry.type
class CareersMutation:
    catalogue_position: PositionPayload = _write(catalogue_position, "a position of the position map")
    change_position: PositionPayload = _write(change_position, "seats, superior or abolition of a position")
    record_education: EmployeePayload = _write(record_education, "a diploma held")
    sign_contract: EmployeePayload = _write(sign_contract, "the first PPPK contract on record")
    renew_contract: EmployeePayload = _write(renew_contract, "the next PPPK contract, after the previous one")
    grant_salary_step: EmployeePayload = _write(
        grant_salary_step, "a salary step (KGB), 2 years after the last"
    )
    restore_rank: EmployeePayload = _write(
        restore_rank, "the rank before a demotion sanction, after its term"
    )
