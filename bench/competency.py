"""`unitCompetencyGaps` for one unit of 2,000 people, beside the plain SQL of the same aggregate.

    python -m bench.competency [--people 2000] [--rounds 50]

Generates one tenant through the store's append path: one unit, 20 catalogued positions, `--people`
employees holding them, each position's standard (9 shipped + 1 technical competency), and two assessments
per employee (the later counts); the read models are filled by one rebuild. Then, in the same run, medians
over `--rounds` (ms):
- `unit_competency_gaps` (what the GraphQL resolver calls): the standard version in force on each
  employee's latest assessment, the level held now from the `competency_latest` read model, grouped per
  competency;
- the same query from the history of assessments (what it falls back to for a day before some
  assessment; what it did before the read model);
- plain SQL of the same figures: one standard version and the latest assessment, joined and grouped by
  hand (no version choice) — the floor a hand-written report would reach. Both must give the same rows.
Uses DATABASE_URL if set, else an embedded PostgreSQL in a temp dir. The machine is shared: noisy figures.
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from datetime import date

from bench.common import bench_database, median
from riwayat.domain.career_rules import CataloguedPosition
from riwayat.domain.competency import CompetencyStandard
from riwayat.domain.competency_dictionary import SHIPPED, TechnicalCompetency
from riwayat.domain.competency_record import CompetencyRecord
from riwayat.domain.employee import Employee
from riwayat.domain.org_unit import OrgUnit
from riwayat.domain.position import Position
from riwayat.domain.values import Decree
from riwayat.infra import event_loop
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import TenantRegistry
from riwayat.projections.competency_gaps import unit_competency_gaps, unit_gaps_sql
from riwayat.projections.rebuild import rebuild
from riwayat.projections.registry import provision

META = {"actor": "bench", "roles": ["hr"], "request_id": "bench"}
DECREE = Decree("800/BKPSDM", date(2010, 1, 1))
ON = date(2026, 6, 1)
PLAIN = """
SELECT s.competency, count(*)::int AS people,
       count(*) FILTER (WHERE coalesce(a.level, 0) < s.level)::int AS below,
       round(avg(greatest(s.level - coalesce(a.level, 0), 0)), 2) AS mean_gap
FROM {s}.employees e
JOIN {s}.position_holders h ON h.employee_id = e.id
JOIN {s}.competency_standards s ON s.position_id = h.position_id
LEFT JOIN LATERAL (
  SELECT level FROM {s}.competency_assessments x
  WHERE x.employee_id = e.id AND x.competency = s.competency
  ORDER BY x.assessed_on DESC, x.seq DESC LIMIT 1) a ON true
WHERE e.unit_id = $1
GROUP BY s.competency ORDER BY below DESC, competency
"""


def events(people: int, rng: random.Random) -> tuple[uuid.UUID, list]:
    unit = OrgUnit.establish("BENCH", "Dinas Bench")
    out: list = [*unit.collect_events()]
    technical = TechnicalCompetency.define(code="TEKNIS_BENCH", name="Teknis", job_family="Bench",
                                           levels=[f"level {n}" for n in range(1, 6)])  # fmt: skip
    out += technical.collect_events()
    positions = []
    for i in range(20):
        p = Position.catalogue(name=f"Jabatan {i}", kind="PELAKSANA", unit_id=unit.id, job_class=5 + i % 8,
                               seats=people, effective_on=date(2020, 1, 1))  # fmt: skip
        levels = {c: rng.randint(2, 4) for c in [*SHIPPED, "TEKNIS_BENCH"]}
        s = CompetencyStandard.set(position_id=p.id, effective_on=date(2020, 1, 1), levels=levels)
        positions.append(p)
        out += p.collect_events() + s.collect_events()
    for i in range(people):
        p = positions[i % len(positions)]
        born = date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        e = Employee.hire(
            nip=f"{born:%Y%m%d}201505{1 + i % 2}{1 + i % 999:03d}", name=f"Pegawai {i:05d}", gender="MALE"
            if i % 2 == 0 else "FEMALE", birth_date=born, employment_type="PNS", rank="III/a",
            position=p.name, unit_id=unit.id, effective_on=date(2015, 5, 1), decree=DECREE,
            catalogued=CataloguedPosition.of(p),
        )  # fmt: skip
        r = CompetencyRecord.open(e.id)
        for year in (2023, 2025):
            r.assess(assessed_on=date(year, 3, 1), method="CAT", assessor="UPT",
                     levels={c: rng.randint(1, 5) for c in [*SHIPPED, "TEKNIS_BENCH"]})  # fmt: skip
        out += e.collect_events() + r.collect_events()
    return unit.id, out


async def main(people: int, rounds: int, explain: bool = False) -> tuple[float, float]:
    async with bench_database() as db:
        tenant = await TenantRegistry(db, [provision]).create(f"bench_{uuid.uuid4().hex[:8]}", "Bench")
        store = EventStore(db)
        unit_id, generated = events(people, random.Random(15))
        for start in range(0, len(generated), 500):
            await store.append(tenant, generated[start : start + 500], metadata=META)
        await rebuild(store, tenant)
        pool = await db.pool_for_tenant(tenant.slug)
        await pool.execute("ANALYZE")  # as autovacuum would after the rebuild's COPY
        if explain:
            plan = await pool.fetch("EXPLAIN ANALYZE " + unit_gaps_sql(tenant.schema), unit_id, ON)
            print("\n".join(r[0] for r in plan))
        plain_sql = PLAIN.format(s=tenant.schema)
        query = await unit_competency_gaps(pool, tenant.schema, unit_id, ON)
        plain = await pool.fetch(plain_sql, unit_id)
        assert [tuple(r) for r in query] == [tuple(r) for r in plain], "the two disagree"
        assert query[0]["people"] == people
        history_sql = unit_gaps_sql(tenant.schema, held_now=False)
        assert [tuple(r) for r in await pool.fetch(history_sql, unit_id, ON)] == [tuple(r) for r in query]
        ours, base, history = [], [], []
        for _ in range(rounds):
            t = time.perf_counter()
            await unit_competency_gaps(pool, tenant.schema, unit_id, ON)
            ours.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            await pool.fetch(plain_sql, unit_id)
            base.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            await pool.fetch(history_sql, unit_id, ON)
            history.append((time.perf_counter() - t) * 1000)
        print(f"{len(generated):,} events; unit of {people:,} people, {len(query)} competencies")
        print(f"unitCompetencyGaps (unit_competency_gaps): median {median(ours):.1f} ms  (target < 50 ms)")
        print(f"plain SQL of the same aggregate:           median {median(base):.1f} ms")
        print(f"the same query from the assessment history: median {median(history):.1f} ms")
        return median(ours), median(base)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--explain", action="store_true", help="print the query's plan")
    args = parser.parse_args()
    event_loop.run(main(args.people, args.rounds, args.explain))
