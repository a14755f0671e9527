"""Importing a file of history rows (riwayat golongan, jabatan, SKP, diklat, hukdis) for people already
enrolled: the `HistoryImport` part of `run.Importer`.

A person's history rows are applied one after the other to the person's aggregate, kept in memory for the
file (ranks newest first, see `HistoryRow.order`); different people go in parallel.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from riwayat.application.onboarding import apply_history
from riwayat.domain.employee import Employee
from riwayat.domain.errors import ConcurrencyConflict, DomainError
from riwayat.importing.layout import RowError
from riwayat.importing.outcome import Outcome
from riwayat.importing.reader import Row
from riwayat.importing.rows import HistoryRow, history_fields


class HistoryImport:
    """Mixed into `Importer`: `self` has its tenant, options and shared queries (`_done_keys`, `_claims`)."""

    async def history(self: Any, rows: Iterable[Row]) -> Outcome:
        started, outcome = time.perf_counter(), Outcome()
        parsed: list[tuple[Row, str, HistoryRow]] = []
        for row in rows:
            outcome.rows += 1
            try:
                if row.error is not None:
                    raise row.error
                parsed.append((row, row.key("history", self.tenant.slug), history_fields(row.cells)))
            except RowError as error:
                self._refuse(outcome, row, error, "history", row.cells.get("nip"))
                self.on_row(1)
        done = await self._done_keys([key for _, key, _ in parsed])
        holders = await self._claims("nip", [h.nip for _, _, h in parsed])
        units = await self._units()
        people: dict[UUID, list[tuple[Row, str, HistoryRow]]] = {}
        seen: set[str] = set()
        for row, key, item in parsed:
            if key in done or key in seen:
                outcome.already += 1
                self.on_row(1)
                continue
            seen.add(key)
            employee_id = holders.get(item.nip)
            if employee_id is None:
                error = RowError(
                    "NOT_FOUND", f"no serving employee with NIP {item.nip} in this tenant", "nip"
                )
                self._refuse(outcome, row, error, "history", item.nip)
                self.on_row(1)
                continue
            people.setdefault(employee_id, []).append((row, key, item))

        async def person(job: tuple[UUID, list[tuple[Row, str, HistoryRow]]]) -> None:
            employee_id, items = job
            items.sort(key=lambda it: it[2].order)
            emp = await self._fresh(employee_id)
            for row, key, item in items:
                emp = await self._history_one(emp, row, key, item, units, outcome)
                self.on_row(1)

        await self._parallel(list(people.items()), person)
        outcome.seconds = time.perf_counter() - started
        return outcome

    async def _history_one(
        self: Any, emp: Employee, row: Row, key: str, item: HistoryRow, units: dict[str, UUID], out: Outcome
    ) -> Employee:
        """Applies one row; returns the aggregate to go on with (reloaded when the stored one moved)."""
        fields = dict(item.fields)
        for attempt in range(2):
            try:
                if item.unit_code is not None:
                    fields["unit_id"] = units.get(item.unit_code.strip().upper())
                    if fields["unit_id"] is None:
                        raise RowError("NOT_FOUND", f"no unit with code {item.unit_code}", "kode_unor")
                apply_history(emp, item.kind, fields)
            except (DomainError, RowError) as error:
                self._refuse(out, row, error, "history", item.nip, item.kind)
                return emp
            events = emp.collect_events()
            if self.dry_run:
                return emp
            try:
                result = await self.app.store.append(
                    self.tenant,
                    events,
                    metadata=self._metadata("importHistory", key, row.line),
                    idempotency_key=key,
                )
            except ConcurrencyConflict:
                emp = await self._fresh(emp.id)
                if attempt == 0:
                    continue
                self._refuse(out, row, ConcurrencyConflict("the record kept changing"), "history", item.nip)
                return emp
            except Exception:
                # Not written: the in-memory state holds the row's event, the stored one does not.
                emp = await self._fresh(emp.id)
                raise
            if result.replayed:  # written meanwhile by another run: the state is behind, reload
                out.already += 1
                return await self._fresh(emp.id)
            out.written += 1
            out.events += len(result.positions)
            return emp
        return emp
