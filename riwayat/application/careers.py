"""Career commands (issue 14): the position catalogue, education, PPPK contracts, salary steps, the rank
restored after a demotion — and `catalogued`, the catalogue lookup the personnel commands use when an
appointment or assignment names a catalogued position."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from riwayat.application.runner import (
    NO_OPTIONS,
    CommandContext,
    CommandOptions,
    CommandResult,
    CommandRunner,
    UnitOfWork,
)
from riwayat.domain.career_rules import CataloguedPosition
from riwayat.domain.employee import Employee
from riwayat.domain.errors import NotFound
from riwayat.domain.leave import LeaveAccount, account_id
from riwayat.domain.position import Position
from riwayat.domain.values import Decree


async def catalogued(uow: UnitOfWork, position_id: UUID | None) -> CataloguedPosition | None:
    """The catalogue's position named by a command (None when the command gives free text only)."""
    if position_id is None:
        return None
    position = await uow.find(Position, position_id)
    if position is None:
        raise NotFound(f"no catalogued position {position_id} in this tenant", "positionId")
    return CataloguedPosition.of(position)


class CareerCommands(CommandRunner):
    # ---- the position catalogue ---------------------------------------------------------------------

    async def catalogue_position(
        self, ctx: CommandContext, *, name: str, kind: str, unit_id: UUID, job_class: int, seats: int,
        effective_on: date, jenjang: str | None = None, statute: str | None = None,
        job_family: str | None = None, reports_to: UUID | None = None, options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> Position:
            position = Position.catalogue(
                name=name, kind=kind, unit_id=unit_id, job_class=job_class, seats=seats,
                effective_on=effective_on, jenjang=jenjang, statute=statute, job_family=job_family,
                reports_to=reports_to,
            )  # fmt: skip
            await uow.require_unit(unit_id)
            await _superior(uow, reports_to)
            return position

        return await self.execute(ctx, "cataloguePosition", handle, options)

    async def change_position(
        self, ctx: CommandContext, *, position_id: UUID, effective_on: date, seats: int | None = None,
        reports_to: UUID | None = None, clear_reports_to: bool = False, abolish: bool = False,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        """Seats (formasi), the superior position, or abolition, as the position map changes."""

        async def handle(uow: UnitOfWork) -> Position:
            position = await uow.get(Position, position_id, "positionId")
            if seats is not None:
                position.change_seats(seats, effective_on)
            if reports_to is not None or clear_reports_to:
                await _superior(uow, reports_to, below=position.id)
                position.report_to(reports_to, effective_on)
            if abolish:
                position.abolish(effective_on)
            return position

        return await self.execute(ctx, "changePosition", handle, options)

    # ---- on an employee -------------------------------------------------------------------------------

    async def record_education(
        self, ctx: CommandContext, *, employee_id: UUID, level: str, institution: str, graduated_on: date,
        major: str | None = None, diploma_number: str | None = None, options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            employee.record_education(level, institution, graduated_on, major, diploma_number)
            return employee

        return await self.execute(ctx, "recordEducation", handle, options)

    async def sign_contract(
        self, ctx: CommandContext, *, employee_id: UUID, start_on: date, end_on: date, work_time: str,
        ni_pppk: str, decree: Decree, renewal: bool = False, options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        """`signContract`, or `renewContract` with `renewal`."""

        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            sign = employee.renew_contract if renewal else employee.sign_contract
            sign(start_on, end_on, work_time, ni_pppk, decree)
            return employee

        return await self.execute(ctx, "renewContract" if renewal else "signContract", handle, options)

    async def renew_contract(self, ctx: CommandContext, **kwargs: object) -> CommandResult:
        return await self.sign_contract(ctx, renewal=True, **kwargs)  # type: ignore[arg-type]

    async def grant_salary_step(
        self, ctx: CommandContext, *, employee_id: UUID, effective_on: date, decree: Decree,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            leave = await uow.find(LeaveAccount, account_id(employee_id))  # CLTN is not service
            employee.grant_salary_step(effective_on, decree, leave.unpaid_periods() if leave else ())
            return employee

        return await self.execute(ctx, "grantSalaryStep", handle, options)

    async def restore_rank(
        self, ctx: CommandContext, *, employee_id: UUID, effective_on: date, decree: Decree,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> Employee:
            employee = await uow.get(Employee, employee_id, "employeeId")
            employee.restore_rank(effective_on, decree)
            return employee

        return await self.execute(ctx, "restoreRank", handle, options)


async def _superior(uow: UnitOfWork, reports_to: UUID | None, below: UUID | None = None) -> None:
    """The superior exists and is open; following its own superiors never comes back to `below`."""
    seen: set[UUID] = set()
    current = reports_to
    while current is not None and current not in seen:
        seen.add(current)
        superior = await uow.find(Position, current)
        if superior is None or (current == reports_to and superior.abolished):
            raise NotFound(f"no open catalogued position {current} to report to", "reportsTo")
        if current == below:
            raise NotFound("the superior reports (through others) to this position: a cycle", "reportsTo")
        current = superior.reports_to
