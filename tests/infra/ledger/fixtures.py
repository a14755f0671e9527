"""A tiny aggregate used to test the ledger on its own, independent of the personnel domain."""

from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event


class Thing(Aggregate):
    @event("Created")
    def __init__(self, name: str, effective_on: date | None = None) -> None:
        self.name = name
        self.effective_on = effective_on

    @event("Renamed")
    def rename(self, name: str, effective_on: date | None = None) -> None:
        self.name = name


def metadata(actor: str = "tester") -> dict:
    return {"actor": actor, "roles": ["hr"], "request_id": "req-1", "correlation_id": "corr-1"}
