"""Per-request DataLoaders: every nested lookup (unit, employee, training hours, appraisals, complaint) is
batched into one projection query per level of the response, so a list never costs one query per row."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from uuid import UUID

from strawberry.dataloader import DataLoader

from riwayat.projections import appraisals, complaints, employees, org_units, training_hours


class Loaders:
    """Created lazily once per request; `batches` counts the batched queries (for tests and logs)."""

    def __init__(self, pool: Any, schema: str) -> None:
        self.pool = pool
        self.schema = schema
        self.batches: Counter[str] = Counter()
        self.unit: DataLoader[UUID, Any] = DataLoader(load_fn=self._by_ids("unit", org_units.units_by_ids))
        self.employee: DataLoader[UUID, Any] = DataLoader(
            load_fn=self._by_ids("employee", employees.employees_by_ids)
        )
        self.complaint: DataLoader[UUID, Any] = DataLoader(
            load_fn=self._by_ids("complaint", complaints.complaints_by_ids)
        )
        self.training_hours: DataLoader[tuple[UUID, int], int] = DataLoader(load_fn=self._hours)
        self.appraisals: DataLoader[UUID, list[Any]] = DataLoader(load_fn=self._appraisals)

    def _by_ids(
        self, name: str, fetch: Callable[[Any, str, list[UUID]], Awaitable[dict[UUID, Any]]]
    ) -> Callable[[Sequence[UUID]], Awaitable[list[Any]]]:
        async def load(ids: Sequence[UUID]) -> list[Any]:
            self.batches[name] += 1
            found = await fetch(self.pool, self.schema, list(ids))
            return [found.get(i) for i in ids]

        return load

    async def _hours(self, keys: Sequence[tuple[UUID, int]]) -> list[int]:
        self.batches["training_hours"] += 1
        found = await training_hours.hours_by_keys(self.pool, self.schema, list(keys))
        return [found.get(k, 0) for k in keys]

    async def _appraisals(self, ids: Sequence[UUID]) -> list[list[Any]]:
        self.batches["appraisals"] += 1
        found = await appraisals.appraisals_by_employee(self.pool, self.schema, list(ids))
        return [found.get(i, []) for i in ids]

    def forget(self) -> None:
        """After a mutation: the next read must see the write, so nothing cached survives it."""
        for loader in (self.unit, self.employee, self.complaint, self.training_hours, self.appraisals):
            loader.clear_all()
