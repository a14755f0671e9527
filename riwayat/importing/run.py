"""Importing a file of employees or of history rows into a tenant: each row all-or-nothing, many rows in
flight at once (their appends share group-commit batches), every refusal reported with its line.

Each row is one append with its content's idempotency key (`reader.Row.key`). Rows whose key is already
stored are skipped before anything is decided (one query per few thousand rows), so a re-run appends
nothing and an interrupted run, started again, goes on with the rows that were not written yet.

The history file's rows are imported by `history.HistoryImport`; a run's report is an `outcome.Outcome`.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.application import Application, CommandContext, CommandOptions
from riwayat.application.onboarding import imported
from riwayat.domain.employee import Employee
from riwayat.domain.errors import DomainError
from riwayat.importing.history import HistoryImport
from riwayat.importing.layout import RowError, column_of
from riwayat.importing.outcome import Outcome, Problem
from riwayat.importing.reader import Row
from riwayat.importing.rows import employee_fields
from riwayat.infra.ledger import Claim, ClaimTaken
from riwayat.infra.tenants import Tenant

KEY_CHUNK = 5000


class Importer(HistoryImport):
    def __init__(
        self,
        app: Application,
        tenant: Tenant,
        *,
        source: str = "siasn-import",
        cut_over: date | None = None,
        dry_run: bool = False,
        concurrency: int = 200,
        actor: str = "riwayat-import",
        file_name: str | None = None,
        on_row: Callable[[int], None] = lambda n: None,
    ) -> None:
        self.app, self.tenant, self.source, self.dry_run = app, tenant, source, dry_run
        self.cut_over = cut_over or date.today()
        self.concurrency = concurrency
        self.on_row = on_row
        self.file_name = file_name
        run = f"import-{uuid.uuid4().hex[:12]}"
        self.ctx = CommandContext(tenant=tenant, actor=actor, roles=("admin",), request_id=run)

    # ---- shared ---------------------------------------------------------------------------------------

    async def _pool(self) -> Any:
        return await self.app.store.db.pool_for_tenant(self.tenant.slug)

    async def _done_keys(self, keys: Sequence[str]) -> set[str]:
        pool, done = await self._pool(), set()
        for i in range(0, len(keys), KEY_CHUNK):
            rows = await pool.fetch(
                f"SELECT key FROM {self.tenant.schema}.idempotency_keys WHERE key = any($1::text[])",
                list(keys[i : i + KEY_CHUNK]),
            )
            done.update(r["key"] for r in rows)
        return done

    async def _claims(self, kind: str, values: Iterable[str]) -> dict[str, UUID]:
        pool = await self._pool()
        rows = await pool.fetch(
            f"SELECT value, stream_id FROM {self.tenant.schema}.claims"
            " WHERE kind = $1 AND value = any($2::text[])",
            kind,
            list(set(values)),
        )
        return {r["value"]: UUID(bytes=r["stream_id"].bytes) for r in rows}  # plain UUIDs for the events

    async def _fresh(self, employee_id: UUID) -> Employee:
        """The record as stored (never a cached state: the import appends past the command cache)."""
        self.app.cache.take((self.tenant.slug, employee_id))
        return await self.app.load_or_none(self.tenant, Employee, employee_id, for_change=True)

    async def _units(self) -> dict[str, UUID]:
        pool = await self._pool()
        rows = await pool.fetch(f"SELECT code, id FROM {self.tenant.schema}.org_units WHERE NOT dissolved")
        return {r["code"]: UUID(bytes=r["id"].bytes) for r in rows}

    def _metadata(self, command: str, key: str, line: int) -> dict[str, Any]:
        ctx = self.ctx
        return {
            "actor": ctx.actor,
            "roles": list(ctx.roles),
            "command": command,
            "request_id": ctx.request_id,
            "correlation_id": ctx.request_id,
            "causation_id": ctx.request_id,
            "idempotency_key": key,
        } | imported(self.source, file=self.file_name, line=line)

    async def _parallel(self, jobs: list[Any], work: Callable[[Any], Any]) -> None:
        queue = iter(jobs)

        async def worker() -> None:
            for job in queue:
                await work(job)

        await asyncio.gather(*(worker() for _ in range(max(1, min(self.concurrency, len(jobs))))))

    def _refuse(
        self,
        outcome: Outcome,
        row: Row,
        error: DomainError | RowError,
        kind: str,
        nip: str | None,
        history_kind: str | None = None,
    ) -> None:
        column = error.column if isinstance(error, RowError) else column_of(kind, error.field, history_kind)
        outcome.problems.append(Problem(row.line, error.code, error.message, column, nip))

    # ---- employees ------------------------------------------------------------------------------------

    async def employees(self, rows: Iterable[Row]) -> Outcome:
        started, outcome = time.perf_counter(), Outcome()
        parsed: list[tuple[Row, str, Any]] = []
        for row in rows:
            outcome.rows += 1
            try:
                if row.error is not None:
                    raise row.error
                parsed.append((row, row.key("employees", self.tenant.slug), employee_fields(row.cells)))
            except RowError as error:
                self._refuse(outcome, row, error, "employees", row.cells.get("nip"))
                self.on_row(1)
        done = await self._done_keys([key for _, key, _ in parsed])
        units = await self._units()
        first_line: dict[str, tuple[int, str]] = {}
        todo = []
        for row, key, read in parsed:
            seen = first_line.setdefault(read.nip, (row.line, key))
            if key in done or (seen[1] == key and seen[0] != row.line):
                outcome.already += 1  # written before, or the same row twice in the file
                self.on_row(1)
            elif seen[0] != row.line:
                error = RowError("DUPLICATE_NIP", f"NIP {read.nip} is also on line {seen[0]}", "nip")
                self._refuse(outcome, row, error, "employees", read.nip)
                self.on_row(1)
            else:
                todo.append((row, key, read))
        holders = await self._claims("nip-person", [read.nip for _, _, read in todo])

        async def enrol(job: tuple[Row, str, Any]) -> None:
            row, key, read = job
            try:
                unit_id = units.get(read.unit_code.strip().upper())
                if unit_id is None:
                    raise RowError("NOT_FOUND", f"no unit with code {read.unit_code}", "kode_unor")
                fields = read.fields | {
                    "unit_id": unit_id,
                    "enrolled_on": self.cut_over,
                    "source": self.source,
                }
                await self._enrol_one(row, key, fields, holders.get(read.nip), outcome)
            except (DomainError, RowError) as error:
                self._refuse(outcome, row, error, "employees", read.nip)
            self.on_row(1)

        await self._parallel(todo, enrol)
        outcome.seconds = time.perf_counter() - started
        return outcome

    async def _enrol_one(
        self, row: Row, key: str, fields: dict[str, Any], holder: UUID | None, out: Outcome
    ) -> None:
        if holder is not None:
            # The NIP was someone's here before: a return (or a duplicate), decided by the command itself.
            if self.dry_run:
                earlier = await self.app.load(self.tenant, Employee, holder)
                if earlier.status not in ("SEPARATED", "TRANSFERRED_OUT"):
                    raise RowError("DUPLICATE_NIP", f"NIP {earlier.nip} is already recorded", "nip")
                return
            result = await self.app.enroll_employee(
                self.ctx,
                options=CommandOptions(idempotency_key=key),
                metadata=imported(self.source, file=self.file_name, line=row.line),
                **fields,
            )
            out.written += 0 if result.replayed else 1
            out.events += 0 if result.replayed else 1
            return
        employee = Employee.enrol(**fields)
        if self.dry_run:
            return
        claims = [Claim("nip", employee.nip, employee.id), Claim("nip-person", employee.nip, employee.id)]
        try:
            result = await self.app.store.append(
                self.tenant,
                employee.collect_events(),
                metadata=self._metadata("importEmployees", key, row.line),
                idempotency_key=key,
                claims=claims,
            )
        except ClaimTaken:
            raise RowError("DUPLICATE_NIP", f"NIP {employee.nip} is already recorded", "nip") from None
        if result.replayed:
            out.already += 1
        else:
            out.written += 1
            out.events += len(result.positions)
