"""Events stored before issue 14 still load: Hired, PositionAssigned, RankPromoted and DisciplineImposed of
class version 1 (the shapes the code wrote until then), stored in PostgreSQL, are upcast when decoded, folded
into the aggregate, and projected by a rebuild."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from riwayat.domain.employee import Employee
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.promotion import promotion_eligibility
from riwayat.projections.rebuild import rebuild
from riwayat.projections.retirements import retirements_due
from tests.projections.ledger import DECREE, META, Ledger

# What each class version 1 stored, besides the fields every version has.
V1_DROPPED = {
    Employee.Hired: ("position_id", "retirement_age"),
    Employee.PositionAssigned: ("position_id", "retirement_age"),
    Employee.RankPromoted: ("kind",),
    Employee.DisciplineImposed: ("kind", "regulation", "months", "blocks_promotion", "rank_before",
                                 "rank_during", "delays_salary_step"),
}  # fmt: skip


def as_v1(event: Any) -> Any:
    """The same event with the state version 1 had (its class is patched to version 1 while stored)."""
    old = object.__new__(type(event))
    dropped = V1_DROPPED.get(type(event), ())
    old.__dict__.update({k: v for k, v in event.__dict__.items() if k not in dropped})
    return old


async def test_old_events_are_upcast_on_load_and_by_a_rebuild(
    db: Database, store: EventStore, ptenant: Tenant, pool: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a career recorded by the code before issue 14: events of class version 1, stored as they were
    ledger = Ledger(store, ptenant)
    unit = await ledger.establish()
    e = ledger.new_employee(unit=unit, born=date(1968, 3, 10), tmt=date(1995, 3, 1))
    e.complete_probation(date(1996, 3, 1), DECREE)
    e.promote("III/b", date(2019, 4, 1), DECREE)
    e.assign_position("Guru Ahli Madya", unit.id, "ROTATION", date(2020, 1, 1), DECREE)
    e.impose_discipline("SEDANG", "Mangkir", date(2024, 3, 1), DECREE)
    events = [as_v1(event) for event in e.collect_events()]
    plain = EventStore(db)  # no projector: the stored rows are what matters here
    with monkeypatch.context() as patch:
        for cls in V1_DROPPED:
            patch.setattr(cls, "class_version", 1)
        await plain.append(ptenant, events, metadata=META)
    records = await plain.read_stream(ptenant, e.id)
    assert all("class_version" not in r.data for r in records)
    assert "kind" not in records[4].data and "position_id" not in records[0].data

    # When they are decoded and folded, and the projections rebuilt from them
    decoded = [plain.decode(r) for r in records]
    folded = Employee.fold(decoded)
    await rebuild(store, ptenant)

    # Then the new fields have their "not recorded" values and the old meaning holds
    sanction = decoded[4]
    assert (sanction.kind, sanction.regulation, sanction.months, sanction.blocks_promotion) == (
        None, "PP_94_2021", 12, True,
    )  # fmt: skip
    assert (decoded[2].kind, decoded[0].position_id, decoded[3].retirement_age) == (None, None, None)
    assert (folded.rank, folded.position_id, folded.retires_on()) == ("III/b", None, date(2028, 4, 1))
    assert [o.code for o in folded.promotion_obstacles(date(2025, 1, 1))] == [
        "APPRAISAL",
        "APPRAISAL",
        "SANCTION",
    ]
    due = await retirements_due(pool, ptenant.schema, date(2028, 1, 1), 6)
    assert [(r.employee_id, r.retires_on, r.inferred) for r in due] == [(e.id, date(2028, 4, 1), True)]
    why = await promotion_eligibility(pool, ptenant.schema, e.id, date(2025, 1, 1))
    assert why == folded.promotion_obstacles(date(2025, 1, 1))
