"""The transfer file: a transferred-out person's events with their hashes, and the origin's chain head.

NDJSON, one JSON object a line:
- line 1, the header: format, origin tenant, the employee's stream id, the origin's head (position and hash)
  when the file was written, and the names of the units the events name (the destination has none of them);
- one line per event of the person's stream, in version order, as stored: position, stream id and type,
  version, topic, data, metadata, recorded_at, effective_on, its hash and the hash before it in the origin's
  chain (`previous_hash`), so each event's hash can be recomputed without the rest of the origin's ledger;
- the last line, the seal: a sha256 over the header line and every event's hash.

A changed byte anywhere is found: in an event it breaks that event's hash (the refusal names the event's
position and the line), in the header or the seal it breaks the seal. The origin can show from its own
ledger that these are its events (same positions, same hashes) and that the head was its head then.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import orjson

from riwayat.domain.errors import DomainError
from riwayat.infra.codec import GENESIS_HASH, canonical, chain_hash, format_timestamp
from riwayat.infra.ledger.records import EventLog as EventStore
from riwayat.infra.ledger.records import RecordedEvent
from riwayat.infra.tenants import Tenant

FORMAT = "riwayat-transfer/1"


class TransferRefused(DomainError):
    """The transfer file is not what the origin wrote (or not a transfer file at all)."""

    code = "INVALID_TRANSFER_FILE"

    def __init__(self, message: str, line: int | None = None, position: int | None = None) -> None:
        super().__init__(message, "file")
        self.line, self.position = line, position


@dataclass(frozen=True)
class TransferFile:
    origin_tenant: str
    origin_name: str
    employee_id: UUID
    head_position: int
    head_hash: str
    units: dict[str, str]
    events: list[dict[str, Any]]


def _seal(header: bytes, hashes: list[str]) -> str:
    return hashlib.sha256(header + b"\n" + "\n".join(hashes).encode("ascii")).hexdigest()


def _row(event: RecordedEvent, previous: str) -> dict[str, Any]:
    return {
        "position": event.position, "previous_hash": previous, "stream_id": str(event.stream_id),
        "stream_type": event.stream_type, "version": event.version, "topic": event.topic, "data": event.data,
        "metadata": event.metadata, "recorded_at": format_timestamp(event.recorded_at),
        "effective_on": None if event.effective_on is None else event.effective_on.isoformat(),
        "hash": event.hash,
    }  # fmt: skip


async def export_transfer(store: EventStore, tenant: Tenant, employee_id: UUID) -> bytes:
    """The transfer file of a person who has transferred out of `tenant`."""
    events = await store.read_stream(tenant, employee_id)
    if not events or events[0].stream_type != "Employee":
        raise TransferRefused(f"no employee {employee_id} in {tenant.slug}")
    if events[-1].type != "Employee.TransferredOut":
        raise TransferRefused("only a person who has transferred out can be exported (transferEmployeeOut)")
    pool = await store.db.pool_for_tenant(tenant.slug)
    before = [e.position - 1 for e in events]
    rows = await pool.fetch(
        f"SELECT position, hash FROM {tenant.schema}.events WHERE position = any($1::bigint[])", before
    )
    previous = {r["position"]: r["hash"] for r in rows} | {0: GENESIS_HASH}
    unit_ids = {str(e.data[k]["_data_"]) for e in events for k in ("unit_id", "from_unit_id")
                if isinstance(e.data.get(k), dict)}  # fmt: skip
    units = await pool.fetch(
        f"SELECT id, name FROM {tenant.schema}.org_units WHERE id = any($1::uuid[])",
        [UUID(hex=u) for u in unit_ids],
    )
    head_position, head_hash = await store.head(tenant)
    header = orjson.dumps({
        "format": FORMAT, "origin": {"tenant": tenant.slug, "name": tenant.name},
        "employee_id": str(employee_id), "head": {"position": head_position, "hash": head_hash},
        "units": {str(r["id"]): r["name"] for r in units}, "events": len(events),
    })  # fmt: skip
    lines = [header] + [orjson.dumps(_row(e, previous[e.position - 1])) for e in events]
    seal = orjson.dumps({"seal": _seal(header, [e.hash for e in events])})
    return b"\n".join([*lines, seal]) + b"\n"


def _parse(line: bytes, number: int) -> dict[str, Any]:
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise TransferRefused(f"line {number} is not JSON ({exc})", number) from None
    if not isinstance(value, dict):
        raise TransferRefused(f"line {number} is not a JSON object", number)
    return value


def verify_transfer(data: bytes) -> TransferFile:
    """The file's content, once every event's hash and the seal are recomputed and found equal."""
    lines = [line for line in data.split(b"\n") if line.strip()]
    if len(lines) < 3:
        raise TransferRefused("a transfer file has a header, the events and a seal")
    header = _parse(lines[0], 1)
    if header.get("format") != FORMAT:
        raise TransferRefused(f"line 1 is not a {FORMAT} header", 1)
    events = []
    for number, line in enumerate(lines[1:-1], start=2):
        row = _parse(line, number)
        try:
            encoded = canonical(
                position=row["position"], stream_id=row["stream_id"], stream_type=row["stream_type"],
                version=row["version"], topic=row["topic"], data=row["data"], metadata=row["metadata"],
                recorded_at=row["recorded_at"], effective_on=row["effective_on"],
            )  # fmt: skip
            matches = chain_hash(str(row["previous_hash"]), encoded) == row["hash"]
        except (KeyError, TypeError, UnicodeEncodeError):
            raise TransferRefused(f"line {number} is not an event row", number) from None
        if not matches:
            raise TransferRefused(
                f"the event at position {row['position']} (line {number}) does not match its hash",
                number, row["position"],
            )  # fmt: skip
        events.append(row)
    seal = _parse(lines[-1], len(lines)).get("seal")
    if seal != _seal(lines[0], [e["hash"] for e in events]):
        raise TransferRefused(f"the seal (line {len(lines)}) does not match the header and the events", 1)
    try:
        employee_id = UUID(header["employee_id"])
        origin, head = header["origin"], header["head"]
        result = TransferFile(origin["tenant"], origin.get("name", ""), employee_id, int(head["position"]),
                              str(head["hash"]), dict(header.get("units") or {}), events)  # fmt: skip
    except (KeyError, TypeError, ValueError):
        raise TransferRefused("line 1 lacks the origin, the employee or the head", 1) from None
    versions = [e["version"] for e in events]
    if versions != list(range(1, len(events) + 1)) or {e["stream_id"] for e in events} != {str(employee_id)}:
        raise TransferRefused("the events are not the whole stream of the one employee")
    if events[-1]["position"] > result.head_position:
        raise TransferRefused("the head is older than the events", 1)
    return result
