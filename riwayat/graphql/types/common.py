"""Small shared types: the rule-violation value, page info, and a decree (SK)."""

from __future__ import annotations

from datetime import date

import strawberry

from riwayat.domain.errors import DomainError


@strawberry.type(description="A refused command: a stable code, the input field at fault, and why.")
class UserError:
    code: str
    field: str | None
    message: str

    @classmethod
    def from_domain(cls, error: DomainError) -> UserError:
        return cls(code=error.code, field=error.field, message=error.message)


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="The decree (SK) that authorises a personnel action.")
class Decree:
    number: str
    date: date
