"""Exactly once when the network lies: the answer to a commit is lost (the proxy drops the connection
instead of passing it on), and still no command is written twice and none that was written is refused.

The store talks to PostgreSQL through `LosingProxy` (loopback only). Sixteen clients run 1,600
mixed commands each way — hires that claim their NIP, probation, trainings, promotions — each on its own
employees, so every refusal would be a false one: a DUPLICATE for one's own NIP, a CONCURRENCY_CONFLICT
for a change that was written.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import uuid
from datetime import date

import pytest

from riwayat.domain.employee import Employee
from riwayat.domain.values import Decree
from riwayat.infra.audit import verify_tenant
from riwayat.infra.database import Database
from riwayat.infra.ledger import Claim, EventStore
from riwayat.infra.tenants import Tenant
from tests.infra.ledger.proxy import LosingProxy

CLIENTS = 16
EMPLOYEES_PER_CLIENT = 10  # ten commands each
DECREE = Decree("SK-1", date(2015, 4, 1))
UNIT = uuid.uuid4()
PROMOTIONS = [("III/b", date(2017, 6, 1)), ("III/c", date(2019, 6, 1)), ("III/d", date(2021, 6, 1))]


class JudgedOnly:
    """An inline projector whose writes cannot join the one-statement append: every batch is judged in a
    transaction, so what is lost is the answer to its COMMIT."""

    def statements(self, tenant, recorded) -> None:
        return None

    async def __call__(self, con, tenant, recorded) -> None:
        return None


def careers(n: int):
    """The commands of employee n, as (request id, change to make on the aggregate) pairs."""
    nip = f"19860926201505{1 + n % 2}{n // 2 + 1:03d}"
    yield "hire", lambda _: Employee.hire(
        nip=nip, name=f"Pegawai {n}", gender="MALE" if n % 2 == 0 else "FEMALE",
        birth_date=date(1986, 9, 26), employment_type="PNS", rank="III/a", position="Pelaksana",
        unit_id=UNIT, effective_on=date(2015, 5, 1), decree=DECREE,
    )  # fmt: skip
    yield "probation", lambda e: e.complete_probation(date(2016, 5, 1), DECREE)
    for k in range(5):
        yield (
            "training",
            lambda e, k=k: e.record_training(f"Diklat {k}", "E_LEARNING", 2 + k, date(2024, 3, 1)),
        )
        if k < len(PROMOTIONS):
            rank, on = PROMOTIONS[k]
            yield "promotion", lambda e, rank=rank, on=on: e.promote(rank, on, DECREE)


async def run_clients(store: EventStore, tenant: Tenant) -> tuple[dict, list]:
    answered: dict[str, list[int]] = {}  # request id → positions the store answered with
    errors: list[tuple[str, str, BaseException]] = []

    async def client(c: int) -> None:
        for e in range(EMPLOYEES_PER_CLIENT):
            n = c * EMPLOYEES_PER_CLIENT + e
            employee = None
            for i, (what, change) in enumerate(careers(n)):
                request_id = f"c{c}-e{e}-{i}-{what}"
                if what == "hire":
                    employee = change(None)
                else:
                    change(employee)
                claims = [Claim("nip", employee.nip, employee.id)] if what == "hire" else []
                meta = {"actor": "chaos", "roles": ["hr"], "request_id": request_id}
                try:
                    result = await store.append(
                        tenant, employee.collect_events(), metadata=meta, claims=claims
                    )
                except Exception as error:  # noqa: BLE001 - every refusal here is a false one
                    errors.append((request_id, what, error))
                    return
                answered[request_id] = result.positions

    await asyncio.gather(*(client(c) for c in range(CLIENTS)))
    return answered, errors


@pytest.mark.parametrize("path", ["one statement", "judged transaction"])
async def test_lost_commit_answers_write_nothing_twice_and_refuse_nothing_written(
    settings, database_url: str, tenant: Tenant, path: str
) -> None:
    proxy = LosingProxy(database_url, probability=0.05, seed=7)
    url = await proxy.start()
    db = Database(dataclasses.replace(settings, tenant_database_urls={tenant.slug: url}, pool_max=8))
    await db.start()
    try:
        store = EventStore(db, projector=JudgedOnly() if path == "judged transaction" else None)
        answered, errors = await asyncio.wait_for(run_clients(store, tenant), timeout=60)
        pool = await db.pool()  # straight to PostgreSQL, not through the proxy
        rows = await pool.fetch(
            f"SELECT position, metadata->>'request_id' AS request_id FROM {tenant.schema}.events"
            " ORDER BY position"
        )
        commands = await pool.fetchval(f"SELECT count(*) FROM {tenant.schema}.commands")
        report = await verify_tenant(store, tenant)
    finally:
        await db.close()
        await proxy.close()

    assert errors == []  # no false DUPLICATE (own NIP), no false CONCURRENCY_CONFLICT, nothing unanswered
    assert proxy.dropped >= 3, (proxy.dropped, proxy.commits)  # answers were really lost
    written = collections.defaultdict(list)
    for row in rows:
        written[row["request_id"]].append(row["position"])
    assert written == answered  # each command written once, answered with the positions it really has
    assert len(answered) == CLIENTS * EMPLOYEES_PER_CLIENT * 10 == commands
    assert report.ok
