"""The inline projector calls the handlers of an appended event without the upcasting wrapper (it was just
encoded, so it is of its class's current version); an event stored at an older version still goes through
the upcasts first, and both give the statements the rebuild's dispatch gives."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from uuid import UUID

from riwayat.domain.employee import Employee
from riwayat.infra.codec import EventCodec
from riwayat.infra.ledger.records import INLINE_GATE, RecordedEvent
from riwayat.infra.tenants import Tenant
from riwayat.projections.base import InlineProjector, Projection, Writer, _handle, handles, move_checkpoints
from riwayat.projections.batch import BatchWriter
from riwayat.projections.registry import make_projector
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

SEEN = Table("seen", (("id", "uuid"), ("programme_named", "boolean NOT NULL")), key=("id",))


class Seen(Projection):
    """Whether the handler saw the field that version 2 of the event added (set by its upcast)."""

    name = "seen"
    tables = (SEEN,)

    @handles(Employee.TrainingCompleted)
    def completed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.put(SEEN, {"id": stream_id, "programme_named": "programme_id" in d})


STREAM = uuid.uuid4()
V2 = {
    "timestamp": {"_type_": "datetime_iso", "_data_": "2024-03-01T00:00:00+00:00"},
    "title": "Pelatihan", "kind": "E_LEARNING", "hours": 2,
    "effective_on": {"_type_": "date_iso", "_data_": "2024-03-01"}, "certificate_number": None,
    "programme_id": None, "class_version": 2,
}  # fmt: skip
V1 = {k: v for k, v in V2.items() if k not in ("programme_id", "class_version")}


def _recorded(position: int, data: dict) -> RecordedEvent:
    topic = "riwayat.domain.employee:Employee.TrainingCompleted"
    return RecordedEvent.of(
        position,
        STREAM,
        "Employee",
        position,
        topic,
        dict(data),
        {},
        datetime.now(UTC),
        date(2024, 3, 1),
        "0" * 64,
    )


def _rebuilds_way(projector: InlineProjector, tenant: Tenant, versions: list[dict]) -> list:
    writer = BatchWriter(None, tenant.schema)
    _handle(
        writer,
        projector.dispatch,
        [(p, STREAM, p, _recorded(p, d).topic, dict(d)) for p, d in enumerate(versions, 1)],
    )
    return writer.statements(move_checkpoints(tenant.schema, projector._names, len(versions)), INLINE_GATE)


def test_an_older_version_is_upcast_before_the_inline_handlers_run(tenant: Tenant) -> None:
    projector = InlineProjector([Seen()], EventCodec())
    for versions in ([V2], [V1], [V2, V1], [V1, V2]):
        inline = projector.statements(tenant, [_recorded(p, d) for p, d in enumerate(versions, 1)])
        assert inline == _rebuilds_way(projector, tenant, versions)
        assert f'[["{STREAM}",true,{len(versions)}]]' in inline[0][1]  # the field was there


def test_every_projection_gives_the_inline_statements_of_the_rebuilds_dispatch(tenant: Tenant) -> None:
    projector = make_projector(EventCodec())
    for versions in ([V2, V2], [V1, V2]):
        inline = projector.statements(tenant, [_recorded(p, d) for p, d in enumerate(versions, 1)])
        assert inline is not None and inline == _rebuilds_way(projector, tenant, versions)
        assert any(f'[["{STREAM}",2024,4,2]]' in params for _, params in inline)  # 2 + 2 JP in 2024
