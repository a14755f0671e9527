"""New data keys written in the append's own transaction, as one more inline statement.

A creation event (version 1: a new complaint, an enrolment) is sealed with a key made in memory; its
wrapped row is inserted by the same statement that writes the events (`Projector.statements`, joined by
`statements.write_on_head`), or in the judged path's transaction (`__call__`). The key and the events
commit together or not at all: no round trip before the append, and never an event sealed by a key the
table lacks. Only keys that the recorded events name (their `"k"`) are written, so a request the ledger
refuses leaves no key behind. A conflict (the subject already has a key) fails the append rather than
store data no key opens.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg

from riwayat.infra.ledger.records import INLINE_GATE, Projector, RecordedEvent
from riwayat.infra.tenants import Tenant

Pending = dict[str, tuple[UUID, UUID, bytes]]  # key id hex → (subject, key id, wrapped key)


class KeyedProjector:
    def __init__(self, inner: Projector | None, pending: Pending, fields_of_topic: Any, kek_id: str) -> None:
        self.inner, self.pending, self.fields_of_topic, self.kek_id = inner, pending, fields_of_topic, kek_id

    def _rows(self, recorded: list[RecordedEvent]) -> list[tuple[UUID, UUID, bytes]]:
        if not self.pending:
            return []
        rows = {}
        for event in recorded:
            for field in self.fields_of_topic(event.topic):
                value = event.data.get(field)
                if type(value) is dict and (found := self.pending.get(value.get("k"))) is not None:
                    rows[found[1]] = found
        return list(rows.values())

    @staticmethod
    def _sql(schema: str, where: str) -> str:
        return (
            f"INSERT INTO {schema}.subject_keys (subject_id, key_id, wrapped, kek_id)"
            " SELECT s, k, w, $4 FROM unnest($1::uuid[], $2::uuid[], $3::bytea[]) AS t(s, k, w)"
            f" WHERE {where}"
        )

    def _args(self, rows: list[tuple[UUID, UUID, bytes]]) -> list[Any]:
        return [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], self.kek_id]

    async def __call__(self, con: asyncpg.Connection, tenant: Tenant, recorded: list[RecordedEvent]) -> None:
        if rows := self._rows(recorded):
            await con.execute(self._sql(tenant.schema, "true"), *self._args(rows))
        if self.inner is not None:
            await self.inner(con, tenant, recorded)

    def statements(self, tenant: Tenant, recorded: list[RecordedEvent]) -> list[tuple[str, list[Any]]] | None:
        inner = [] if self.inner is None else self.inner.statements(tenant, recorded)
        rows = self._rows(recorded)
        if inner is None or not rows:
            return inner
        return [(self._sql(tenant.schema, INLINE_GATE), self._args(rows)), *inner]
