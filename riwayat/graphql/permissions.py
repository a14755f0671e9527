"""Who may do what: the role table of API.md, checked per field. `admin` may do everything in its tenant.

Every Query and Mutation field carries `allow(...)` (a test walks the schema to keep it so): deny by default.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission
from strawberry.types import Info

from riwayat.graphql.errors import Forbidden

HR = "hr"
COMPLAINT_OFFICER = "complaint_officer"
AUDITOR = "auditor"
VIEWER = "viewer"
EMPLOYEE = "employee"  # self-service (issue 17): a civil servant's own token, `sub` = their NIP

# Groups used by the schema (admin is always allowed on top of these).
DIRECTORY = (HR, COMPLAINT_OFFICER, AUDITOR, VIEWER)  # employee, employees, orgUnits
PERSONNEL_READ = (HR, AUDITOR)  # personal data, appraisals, training hours, history, candidates
COMPLAINT_READ = (COMPLAINT_OFFICER, AUDITOR)
AUDIT = (AUDITOR,)  # audit log, integrity, projection status
AS_OF = (AUDITOR, HR)
PERSONNEL_WRITE = (HR,)
COMPLAINT_FILE = (COMPLAINT_OFFICER, HR)
COMPLAINT_WRITE = (COMPLAINT_OFFICER,)
ADMIN_ONLY: tuple[str, ...] = ()
# Public voice: what the public said about a unit is read by everyone who reads the directory; hr sets the
# holiday calendar; surveys and forums are entered by hr or the complaint officers (the unit's service desk).
VOICE_READ = DIRECTORY
CALENDAR_WRITE = (HR,)
VOICE_WRITE = (HR, COMPLAINT_OFFICER)
# Leave and self-service (issue 17): `employee` is scoped further in the resolvers (own record, or the
# leave decisions of the people one supervises); no other field of the schema lists it (deny by default).
SELF_SERVICE = (EMPLOYEE,)
LEAVE_SELF = (HR, AUDITOR, EMPLOYEE)  # leaveBalance, pendingApprovals
LEAVE_DECIDE = (HR, EMPLOYEE)  # requestLeave, approveLeave, rejectLeave, cancelLeave
LEAVE_READ = (HR, AUDITOR)  # leaveCalendar
LEAVE_WRITE = (HR,)  # recordReturnFromLeave, assignSupervisor


class Roles(BasePermission):
    """Granted when the caller's token holds one of `roles` (or `admin`)."""

    error_class = Forbidden

    def __init__(self, roles: tuple[str, ...]) -> None:
        self.roles = roles
        wanted = ", ".join(("admin", *roles))
        self.message = f"forbidden: this needs one of the roles {wanted}"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = getattr(info.context, "principal", None)
        return principal is not None and principal.has(*self.roles)

    def on_unauthorized(self) -> None:
        raise Forbidden(self.message or "forbidden")


class RoleCheck(FieldExtension):
    """The role check of one field, decided before its resolver runs, without strawberry's
    `PermissionExtension` machinery (awaiting each check, directive handling, an extra coroutine per
    field): the caller's roles are known synchronously, so the resolver's own awaitable is passed on as
    is. `permissions` keeps the shape the schema-walking test reads."""

    def __init__(self, roles: tuple[str, ...]) -> None:
        super().__init__()
        self.check = Roles(roles)
        self.permissions = [self.check]

    def _allowed(self, info: Info) -> None:
        principal = getattr(info.context, "principal", None)
        if principal is None or not principal.has(*self.check.roles):
            raise Forbidden(self.check.message)

    def resolve(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:
        self._allowed(info)
        return next_(source, info, **kwargs)

    def resolve_async(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:  # type: ignore[override]
        # strawberry awaits what this returns (`await_maybe`): no coroutine of our own is needed.
        self._allowed(info)
        return next_(source, info, **kwargs)


def allow(*roles: str) -> list[FieldExtension]:
    """The field extension list for a field open to `roles` (and admin)."""
    return [RoleCheck(tuple(roles))]


def can(info: Info, *roles: str) -> bool:
    return info.context.principal.has(*roles)
