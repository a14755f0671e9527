"""What the destination records of a verified transfer file: the person's state as the origin left it
(enrolment with `source: transfer` and the link to the origin's ledger) and their history.

Ranks and positions held in the origin become imported history rows (a position names the origin's unit by
name: the destination has no row for it); appraisals, trainings and sanctions are recorded again by the
ordinary commands, so the destination's rules check them too.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain import enrolment
from riwayat.domain.employee import Employee
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.values import Decree
from riwayat.transfer.file import TransferFile


def origin_events(codec: Any, transfer: TransferFile) -> list[Any]:
    return [codec.decode(e["topic"], UUID(e["stream_id"]), e["version"], e["data"]) for e in transfer.events]


def enrolment_of(
    transfer: TransferFile, events: list[Any], *, destination: str, unit_id: UUID, position: str,
    effective_on: date,
) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:  # fmt: skip
    """(the `enroll_employee` fields, the history rows for `apply_history`)."""
    origin = Employee.fold(events)
    last = events[-1]
    if not isinstance(last, Employee.TransferredOut) or origin.status != "TRANSFERRED_OUT":
        raise InvalidState("the file's person has not transferred out of the origin", "file")
    if last.destination != destination:
        raise InvalidInput(f"the transfer is to {last.destination!r}, not to {destination!r}", "file")
    if effective_on < last.effective_on:
        raise InvalidInput(
            f"the TMT here comes before leaving the origin on {last.effective_on}", "effectiveOn"
        )
    ranks: list[tuple[date, str, Decree]] = []
    positions: list[tuple[date, str, str | None, Decree]] = []
    history: list[tuple[str, dict[str, Any]]] = []
    education = None
    units = transfer.units
    where = f"{transfer.origin_name or transfer.origin_tenant}"
    for event in events:
        if isinstance(event, Employee.Hired):
            ranks.append((event.effective_on, event.rank, event.decree))
            positions.append((event.effective_on, event.position, str(event.unit_id), event.decree))
        elif isinstance(event, Employee.Enrolled):
            education = event.education
            ranks.append((event.rank_since, event.rank, event.rank_decree))
            as_enrolled = Decree(
                f"enrolment {event.source} {event.source_id or ''}".strip(), event.enrolled_on
            )
            positions.append((event.position_since, event.position, str(event.unit_id), as_enrolled))
        elif isinstance(event, Employee.RankPromoted | Employee.RankHistoryImported):
            rank = getattr(event, "to_rank", None) or getattr(event, "rank", None)
            ranks.append((event.effective_on, rank, event.decree))
        elif isinstance(event, Employee.PositionAssigned | Employee.PositionHistoryImported):
            unit = str(event.unit_id) if event.unit_id is not None else None
            positions.append((event.effective_on, event.position, unit, event.decree))
        elif isinstance(event, Employee.AppraisalRecorded):
            history.append(
                (
                    "APPRAISAL",
                    {
                        "year": event.year,
                        "work_result": event.work_result,
                        "behaviour": event.behaviour,
                        "appraiser_nip": event.appraiser_nip,
                    },
                )
            )
        elif isinstance(event, Employee.TrainingCompleted):
            history.append(
                (
                    "TRAINING",
                    {
                        "title": event.title,
                        "training_kind": event.kind,
                        "hours": event.hours,
                        "effective_on": event.effective_on,
                        "certificate": event.certificate_number,
                    },
                )
            )
        elif isinstance(event, Employee.DisciplineImposed):
            history.append(
                (
                    "DISCIPLINE",
                    {
                        "level": event.level,
                        "description": event.description,
                        "effective_on": event.effective_on,
                        "decree": event.decree,
                    },
                )
            )
    ranks.sort(key=lambda r: r[0])
    current = ranks[-1]
    held = {day: (rank, decree) for day, rank, decree in ranks[:-1] if day < current[0]}
    rank_rows = [("RANK", {"rank": rank, "effective_on": day, "decree": decree})
                 for day, (rank, decree) in sorted(held.items(), reverse=True)]  # fmt: skip
    position_rows = [
        ("POSITION", {"position": title, "unit_id": None, "effective_on": day, "decree": decree,
                      "unit_name": f"{units.get(unit or '', 'unit')} ({where})"})
        for day, title, unit, decree in sorted(positions, key=lambda p: p[0]) if day < effective_on
    ]  # fmt: skip
    fields = {
        "nip": origin.nip, "name": origin.name, "gender": origin.gender, "birth_date": origin.birth_date,
        "employment_type": origin.employment_type, "tmt_cpns": origin.hired_on,
        "tmt_pns": origin.probation_completed_on, "rank": current[1], "rank_since": current[0],
        "rank_decree": current[2], "position": position, "position_since": effective_on, "unit_id": unit_id,
        "education": education, "enrolled_on": effective_on, "source": "transfer",
        "source_id": str(transfer.employee_id),
        "origin": enrolment.origin_of(transfer.origin_tenant, transfer.employee_id, transfer.head_position,
                                      transfer.head_hash),
    }  # fmt: skip
    return fields, rank_rows + position_rows + history
