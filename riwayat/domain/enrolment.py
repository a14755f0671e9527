"""Rules of onboarding: enrolling a serving civil servant, checking imported history, transfers out.

An enrolled person did not start with Riwayat: their record begins with the state at cut-over (rank and
position with their TMTs and decrees, TMT CPNS and TMT PNS) and their past decrees may follow as history.
The NIP still has to agree with the person (birth date, sex) and with the TMT CPNS; what does not hold is
"the appointment's TMT is today's decree". History rows are checked against the record: a rank held is
one step from the ranks held before and after it, nothing is dated before the TMT CPNS or after the
cut-over, so a violation in the source data is reported rather than silently recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.checks import optional_text, parse_enum, require_date, require_text, require_uuid
from riwayat.domain.enums import EmployeeStatus, EmploymentType, EnrolmentSource, Gender
from riwayat.domain.errors import DateBeforeHire, InvalidInput, InvalidState, RankNotNext
from riwayat.domain.nip import Nip
from riwayat.domain.rank import Rank
from riwayat.domain.values import Decree, require_decree

_ACTIVE, _CANDIDATE = EmployeeStatus.ACTIVE.value, EmployeeStatus.CANDIDATE.value
LEFT = (EmployeeStatus.SEPARATED.value, EmployeeStatus.TRANSFERRED_OUT.value)


def enrol_fields(
    *, nip: object, name: object, gender: object, birth_date: object, employment_type: object,
    tmt_cpns: object, tmt_pns: object, rank: object, rank_since: object, rank_decree: object,
    position: object, position_since: object, unit_id: object, education: object, enrolled_on: object,
    source: object, source_id: object, birthplace: object = None, origin: dict[str, Any] | None = None,
    previous_employee_id: object = None,
) -> dict[str, Any]:  # fmt: skip
    """The fields of `Employee.Enrolled`, checked. `tmt_cpns` is the first appointment (CPNS, or PPPK);
    a PNS without `tmt_pns` is still a CPNS on probation."""
    kind = parse_enum(EmploymentType, employment_type, "employmentType")
    sex = parse_enum(Gender, gender, "gender")
    born = require_date(birth_date, "birthDate")
    first = require_date(tmt_cpns, "tmtCpns")
    cut_over = require_date(enrolled_on, "enrolledOn")
    number = Nip.parse(nip)
    number.check_matches(birth_date=born, gender=sex, employment_type=kind, appointed_on=first, field="nip")
    if kind is EmploymentType.PNS and first.day != 1:
        raise InvalidInput("a TMT CPNS is the 1st of a month", "tmtCpns")
    pns = None if tmt_pns is None else require_date(tmt_pns, "tmtPns")
    if pns is not None and kind is EmploymentType.PPPK:
        raise InvalidInput("a PPPK has no TMT PNS", "tmtPns")
    held = Rank.parse(rank, kind)
    since = require_date(rank_since, "rankSince")
    placed = require_date(position_since, "positionSince")
    for field, day in (("tmtPns", pns), ("rankSince", since), ("positionSince", placed)):
        if day is not None and day < first:
            raise DateBeforeHire(f"{field} {day} is before the TMT CPNS {first}", field)
        if day is not None and day > cut_over:
            raise InvalidInput(f"{field} {day} is after the cut-over date {cut_over}", field)
    if first > cut_over:
        raise InvalidInput(f"the TMT CPNS {first} is after the cut-over date {cut_over}", "tmtCpns")
    where = parse_enum(EnrolmentSource, source, "source")
    if (where is EnrolmentSource.TRANSFER) != (origin is not None):
        raise InvalidInput("a transfer names its origin, and only a transfer does", "source")
    return {
        "nip": number.digits,
        "name": require_text(name, "name"),
        "gender": sex.value,
        "birth_date": born,
        "birthplace": optional_text(birthplace, "birthplace"),
        "employment_type": kind.value,
        "tmt_cpns": first,
        "tmt_pns": pns,
        "rank": held.code,
        "rank_since": since,
        "rank_decree": require_decree(rank_decree),
        "position": require_text(position, "position"),
        "position_since": placed,
        "unit_id": _plain(require_uuid(unit_id, "unitId")),
        "education": optional_text(education, "education", max_length=100),
        "enrolled_on": cut_over,
        "source": where.value,
        "source_id": optional_text(source_id, "sourceId"),
        "origin": origin,
        "previous_employee_id": None
        if previous_employee_id is None
        else _plain(require_uuid(previous_employee_id, "previousEmployeeId")),
        "effective_on": first,
    }


def initial_status(employment_type: str, tmt_pns: date | None) -> str:
    return _CANDIDATE if employment_type == EmploymentType.PNS.value and tmt_pns is None else _ACTIVE


def check_history_date(emp: Any, day: object, field: str = "effectiveOn") -> date:
    """A history row lies between the TMT CPNS and the cut-over (later decrees are ordinary commands)."""
    found = require_date(day, field)
    if getattr(emp, "enrolled_on", None) is None:
        raise InvalidState("history is imported only for an enrolled employee", field)
    if found < emp.hired_on:
        raise DateBeforeHire(f"{field} {found} is before the TMT CPNS {emp.hired_on}", field)
    if found > emp.enrolled_on:
        raise InvalidInput(f"{field} {found} is after the cut-over {emp.enrolled_on}", field)
    return found


def check_rank_history(emp: Any, rank: object, effective_on: date, held: Iterable[tuple[date, str]]) -> str:
    """A rank held from `effective_on`: one step above the rank held before it and one step below the rank
    held after it (the imported rows and the cut-over rank). A skipped rank is a fault of the source. So
    rank history is imported newest first (the importer sorts a person's rows so)."""
    kind = EmploymentType(emp.employment_type)
    target = Rank.parse(rank, kind)
    timeline = sorted({*held, (emp.cut_over_rank_since, emp.cut_over_rank)})
    if any(day == effective_on for day, _ in timeline):
        raise InvalidInput(f"a rank held from {effective_on} is already recorded", "effectiveOn")
    before = [Rank(code, kind) for day, code in timeline if day < effective_on]
    after = [Rank(code, kind) for day, code in timeline if day > effective_on]
    if kind is EmploymentType.PNS:
        if before and before[-1].next() != target:
            raise RankNotNext(f"{target.code} does not follow {before[-1].code} held before it", "rank")
        if after and target.next() != after[0]:
            raise RankNotNext(f"{after[0].code} held after it does not follow {target.code}", "rank")
    return target.code


def transfer_fields(destination: object, effective_on: date, decree: Decree) -> dict[str, Any]:
    slug = require_text(destination, "destinationTenant", max_length=40)
    return {"destination": slug, "effective_on": effective_on, "decree": require_decree(decree)}


def check_previous(previous: Any, fields: dict[str, Any]) -> None:
    """A returning person (same NIP, after a transfer out) or a PPPK appointed again with a new NI: the
    earlier record must be the same person and must have left."""
    if previous.birth_date != fields["birth_date"] or previous.gender != fields["gender"]:
        raise InvalidInput("the earlier record is of another person", "previousEmployeeId")
    left = previous.status == EmployeeStatus.TRANSFERRED_OUT.value or (
        previous.status == EmployeeStatus.SEPARATED.value and previous.separation_reason == "CONTRACT_END"
    )
    if not left:
        message = "the earlier record has not transferred out or ended a contract"
        raise InvalidState(message, "previousEmployeeId")
    if previous.nip != fields["nip"] and fields["employment_type"] != EmploymentType.PPPK.value:
        raise InvalidInput("only a PPPK returns with a new number", "previousEmployeeId")


def wind_back(emp: Any, on: date) -> None:
    """The enrolled state as far as it was true on `on`, before the imported history is applied: a
    cut-over rank or position whose TMT is later was not yet held (the imported rows in force on `on`
    tell what was; without one the cut-over value stays, as the best knowledge), nor was PNS status."""
    if emp.rank_since > on:
        emp.rank_since = emp.hired_on
    if emp.position_since > on:
        emp.position_since = emp.hired_on
    if emp.probation_completed_on is not None and emp.probation_completed_on > on:
        emp.status, emp.probation_completed_on = _CANDIDATE, None


def origin_of(tenant: object, stream_id: object, head_position: object, head_hash: object) -> dict[str, Any]:
    """The link to the origin's ledger a transferred enrolment stores (all plain values)."""
    if not isinstance(head_position, int) or isinstance(head_position, bool) or head_position < 1:
        raise InvalidInput("the origin's head position is a positive integer", "origin")
    digest = require_text(head_hash, "origin", max_length=64)
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise InvalidInput("the origin's head hash is 64 hex digits", "origin")
    return {
        "tenant": require_text(tenant, "origin", max_length=40),
        "stream_id": str(require_uuid(stream_id, "origin")),
        "head_position": head_position,
        "head_hash": digest,
    }


def as_uuid(value: Any) -> UUID | None:
    return None if value is None else _plain(require_uuid(value, "unitId"))


def _plain(value: UUID) -> UUID:
    """A `uuid.UUID` (a driver's subclass read from a row would not be stored as one)."""
    return value if type(value) is UUID else UUID(int=value.int)
