"""Drives real domain aggregates through the event store: every row a projection test sees comes from
events the domain produced and the store appended (no hand-inserted rows).

`Ledger.random_steps` walks a seeded random mix of every event type, keeping the aggregates in memory
so the tests can compare read models with the domain's own state.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from eventsourcing.domain import Aggregate

from riwayat.domain.career_rules import CataloguedPosition
from riwayat.domain.checks import add_months
from riwayat.domain.complaint import Complaint
from riwayat.domain.employee import Employee
from riwayat.domain.errors import DomainError
from riwayat.domain.org_unit import OrgUnit
from riwayat.domain.position import Position
from riwayat.domain.rank import Rank
from riwayat.domain.values import Decree
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.registry import ALL_PROJECTIONS
from tests.projections.leave_ledger import leave_history
from tests.projections.voice_ledger import voice_history

META = {"actor": "tester", "roles": ["hr"], "request_id": "req"}
APPRAISER = "197001011995031002"
DECREE = Decree("800/1/BKPSDM", date(2015, 1, 2))


def nip(born: date, tmt: date, female: bool, seq: int, pppk: bool = False) -> str:
    sex = "2" if female else "1"
    if pppk:
        return f"{born:%Y%m%d}{tmt.year}21{sex}{seq:03d}"
    return f"{born:%Y%m%d}{tmt:%Y%m}{sex}{seq:03d}"


class Ledger:
    """One tenant's aggregates and the store they are appended to."""

    def __init__(self, store: EventStore, tenant: Tenant, seed: int = 1) -> None:
        self.store, self.tenant = store, tenant
        self.rng = random.Random(seed)
        self.units: list[OrgUnit] = []
        self.employees: list[Employee] = []
        self.complaints: list[Complaint] = []
        self.positions: list[Position] = []
        self._seq = 0

    async def save(self, *aggregates: Aggregate) -> None:
        events = [e for a in aggregates for e in a.collect_events()]
        if events:
            await self.store.append(self.tenant, events, metadata=META)

    async def establish(self, code: str | None = None, name: str = "Dinas") -> OrgUnit:
        self._seq += 1
        unit = OrgUnit.establish(code or f"U{self._seq:04d}", name)
        self.units.append(unit)
        await self.save(unit)
        return unit

    def new_employee(
        self, *, name: str | None = None, pppk: bool = False, unit: OrgUnit | None = None,
        tmt: date = date(2015, 5, 1), rank: str | None = None, born: date | None = None,
    ) -> Employee:  # fmt: skip
        self._seq += 1
        female = self._seq % 2 == 0
        born = born or date(1980 + self._seq % 15, 1 + self._seq % 12, 1 + self._seq % 28)
        employee = Employee.hire(
            nip=nip(born, tmt, female, self._seq % 999 + 1, pppk),
            name=name or f"Pegawai {self._seq:04d}",
            gender="FEMALE" if female else "MALE",
            birth_date=born,
            employment_type="PPPK" if pppk else "PNS",
            rank=rank or ("IX" if pppk else "III/a"),
            position="Analis",
            unit_id=(unit or self.rng.choice(self.units)).id,
            effective_on=tmt,
            decree=DECREE,
        )
        self.employees.append(employee)
        return employee

    async def hire(self, **kwargs: Any) -> Employee:
        employee = self.new_employee(**kwargs)
        await self.save(employee)
        return employee

    async def random_steps(self, count: int) -> None:
        """`count` attempts at a random command; those the domain refuses append nothing."""
        actions = [self._hire, self._probation, self._promote, self._move, self._train, self._train,
                   self._appraise, self._discipline, self._separate, self._correct, self.complain,
                   self.complaint_step, self._unit_step, self._career]  # fmt: skip
        for _ in range(count):
            try:
                await self.rng.choice(actions)()
            except DomainError:
                for aggregate in (*self.employees, *self.complaints, *self.units):
                    aggregate.collect_events()  # drop what a refused batch left pending

    def _someone(self) -> Employee:
        return self.rng.choice(self.employees)

    async def _hire(self) -> None:
        tmt = date(self.rng.randint(2012, 2022), self.rng.randint(1, 12), 1)
        first = self.new_employee(pppk=self.rng.random() < 0.3, tmt=tmt)
        if self.rng.random() < 0.5:  # two streams in one append, the second with two events
            second = self.new_employee(tmt=tmt)
            second.record_training("Latsar", "LATSAR", 40, tmt.replace(day=20))
            await self.save(first, second)
        else:
            await self.save(first)

    async def _probation(self) -> None:
        e = self._someone()
        e.complete_probation(e.hired_on.replace(year=e.hired_on.year + 1), DECREE)
        await self.save(e)

    async def _promote(self) -> None:
        e = self._someone()
        following = Rank.parse(e.rank).next()
        day = date(e.rank_since.year + self.rng.randint(2, 5), 4, 1)
        e.promote(following.code if following else e.rank, day, DECREE)
        await self.save(e)

    async def _move(self) -> None:
        e, unit = self._someone(), self.rng.choice(self.units)
        change = "ROTATION" if unit.id == e.unit_id else "TRANSFER"
        e.assign_position(f"Kepala Seksi {self.rng.randint(1, 9)}", unit.id, change, e.hired_on, DECREE)
        await self.save(e)

    async def _train(self) -> None:
        e = self._someone()
        day = date(self.rng.randint(max(e.hired_on.year, 2019), 2025), self.rng.randint(1, 12), 10)
        e.record_training("Bimtek", "WORKSHOP", self.rng.choice([2, 4, 8, 16, 24]), max(day, e.hired_on))
        await self.save(e)

    async def _appraise(self) -> None:
        e = self._someone()
        ratings = ("ABOVE", "MEETS", "BELOW")
        year = self.rng.randint(e.hired_on.year, 2025)
        e.record_appraisal(year, self.rng.choice(ratings), self.rng.choice(ratings), APPRAISER)
        await self.save(e)

    async def _discipline(self) -> None:
        e = self._someone()
        day = date(self.rng.randint(e.hired_on.year + 1, 2025), self.rng.randint(1, 12), 1)
        e.impose_discipline(self.rng.choice(["RINGAN", "SEDANG", "BERAT"]), "Tidak masuk kerja", day, DECREE)
        await self.save(e)

    async def _separate(self) -> None:
        e = self._someone()
        reason = "CONTRACT_END" if e.employment_type == "PPPK" else self.rng.choice(["RESIGNATION", "DEATH"])
        e.separate(reason, date(2025, 3, 1), DECREE)
        await self.save(e)

    async def _correct(self) -> None:
        e = self._someone()
        e.correct_personal_data(name=e.name + " Putra", reason="salah ketik")
        await self.save(e)

    async def complain(self) -> None:
        case = Complaint.file(
            channel=self.rng.choice(["LAPOR", "SMS_1708", "WALK_IN"]),
            category=self.rng.choice(["complaint", "aspiration"]),
            description="Pelayanan lambat",
            employee_id=self._someone().id if self.employees and self.rng.random() < 0.5 else None,
            reporter_contact="0812xxxx",
        )
        self.complaints.append(case)
        await self.save(case)

    async def complaint_step(self) -> None:
        if not self.complaints:
            return
        case = self.rng.choice(self.complaints)
        step = {
            "FILED": lambda: case.triage(self.rng.choice(self.units).id, "ke OPD"),
            "TRIAGED": lambda: case.resolve(self.rng.choice(["SUBSTANTIATED", "UNSUBSTANTIATED"]), "Dijawab"),
            "RESOLVED": lambda: self.rng.choice([case.close, case.reopen])(),
            "CLOSED": lambda: case.reopen("Pelapor keberatan"),
        }[case.status]
        step()
        await self.save(case)

    async def _unit_step(self) -> None:
        if self.rng.random() < 0.5:
            unit = self.rng.choice(self.units)
            unit.rename(unit.name + " Baru")
            await self.save(unit)
        else:  # a spare unit, established and dissolved while empty
            unit = await self.establish(name="Unit sementara")
            unit.dissolve(0)
            await self.save(unit)
            self.units.remove(unit)

    # ---- careers (issue 14): positions, education, contracts, salary steps, sanctions as decided -------

    async def career_tour(self) -> None:
        """Every career event at least once, whatever the random steps drew."""
        pppk = await self.hire(pppk=True, tmt=date(2019, 3, 1))
        pppk.sign_contract(date(2019, 3, 1), date(2022, 2, 28), "FULL_TIME", pppk.nip, DECREE)
        pppk.renew_contract(date(2022, 3, 1), date(2027, 2, 28), "FULL_TIME", pppk.nip, DECREE)
        pns = await self.hire(tmt=date(2015, 1, 1))
        pns.complete_probation(date(2016, 1, 1), DECREE)
        pns.record_education("S1", "Universitas Riau", date(2014, 8, 1))
        pns.grant_salary_step(date(2017, 1, 1), DECREE)
        pns.impose_discipline(None, "Penyalahgunaan", date(2022, 3, 1), DECREE, kind="DEMOTION_ONE_LEVEL")
        pns.restore_rank(date(2023, 3, 1), DECREE)
        await self._catalogue()
        pns.assign_position("x", self.positions[-1].unit_id, "TRANSFER", date(2024, 1, 1), DECREE,
                            CataloguedPosition.of(self.positions[-1]))  # fmt: skip
        await self.save(pppk, pns)
        await self._catalogue()
        position = self.positions[-1]
        position.change_seats(2, date(2020, 1, 1))
        position.report_to(self.positions[-2].id, date(2020, 1, 1))
        position.abolish(date(2025, 1, 1))
        await self.save(position)

    async def _career(self) -> None:
        actions = [self._catalogue, self._catalogue_change, self._place, self._educate, self._contract,
                   self._salary_step, self._sanction]  # fmt: skip
        await self.rng.choice(actions)()

    async def _catalogue(self) -> None:
        unit = self.rng.choice(self.units)
        kind, jenjang, statute = self.rng.choice([
            ("FUNGSIONAL_KEAHLIAN", "AHLI_PERTAMA", "GURU"), ("FUNGSIONAL_KEAHLIAN", "AHLI_MADYA", None),
            ("ADMINISTRATOR", None, None), ("PELAKSANA", None, None), ("JPT_PRATAMA", None, None),
        ])  # fmt: skip
        parent = self.rng.choice([None, *[p.id for p in self.positions if p.unit_id == unit.id]])
        position = Position.catalogue(
            name=f"Jabatan {len(self.positions) + 1}", kind=kind, jenjang=jenjang, statute=statute,
            unit_id=unit.id, job_class=self.rng.randint(1, 17), seats=self.rng.randint(0, 3),
            effective_on=date(2014, 1, 1), reports_to=parent,
        )  # fmt: skip
        self.positions.append(position)
        await self.save(position)

    async def _catalogue_change(self) -> None:
        position = self.rng.choice(self.positions)
        step = self.rng.random()
        if step < 0.6:
            position.change_seats(self.rng.randint(0, 4), date(2020, 1, 1))
        elif step < 0.9:
            others = [p.id for p in self.positions if p.id != position.id]
            position.report_to(self.rng.choice([None, *others]), date(2020, 1, 1))
        else:
            position.abolish(date(2024, 1, 1))
        await self.save(position)

    async def _place(self) -> None:
        e, position = self._someone(), self.rng.choice(self.positions)
        change = "ROTATION" if position.unit_id == e.unit_id else "TRANSFER"
        e.assign_position("x", position.unit_id, change, e.hired_on, DECREE, CataloguedPosition.of(position))
        await self.save(e)

    async def _educate(self) -> None:
        e = self._someone()
        level = self.rng.choice(["SD", "SLTA", "D_III", "S1", "S2"])
        e.record_education(level, "Universitas Sumatera Utara", date(2005, 7, 1), "Manajemen", "DN-1")
        await self.save(e)

    async def _contract(self) -> None:
        e = self.rng.choice([e for e in self.employees if e.employment_type == "PPPK"] or self.employees)
        start = add_months(e.contracts[-1][1], 1).replace(day=1) if e.contracts else e.hired_on
        end = add_months(start, 12 * self.rng.randint(1, 5)) - timedelta(days=1)
        sign = e.renew_contract if e.contracts else e.sign_contract
        sign(start, end, "FULL_TIME", e.nip, DECREE)
        await self.save(e)

    async def _salary_step(self) -> None:
        e = self._someone()
        e.grant_salary_step(e.next_salary_step_due(), DECREE)
        await self.save(e)

    async def _sanction(self) -> None:
        e = self._someone()
        day = date(self.rng.randint(e.hired_on.year + 1, 2025), self.rng.randint(1, 12), 1)
        kinds = [("WRITTEN_REPRIMAND", None), ("ALLOWANCE_CUT_25", 6), ("DEMOTION_ONE_LEVEL", None),
                 ("DEMOTION_ONE_LEVEL", None), ("SALARY_STEP_DELAY", None)]  # fmt: skip
        kind, months = self.rng.choice(kinds)
        if kind == "SALARY_STEP_DELAY":
            day = min(day, date(2021, 6, 1))
        e.impose_discipline(None, "Pelanggaran", max(day, e.hired_on), DECREE, kind=kind, months=months)
        if e.demotion is not None and self.rng.random() < 0.7:
            e.restore_rank(e.demotion[1], DECREE)
        await self.save(e)


async def populated(store: EventStore, tenant: Tenant, seed: int, steps: int) -> Ledger:
    ledger = Ledger(store, tenant, seed)
    for code in ("DISDIK", "DINKES", "BKPSDM"):
        await ledger.establish(code, f"Unit {code}")
    for _ in range(8):
        await ledger.hire(pppk=ledger.rng.random() < 0.3, tmt=date(2014, 3, 1))
    await ledger._catalogue()  # careers (issue 14): a position to place people in from the start
    await ledger.random_steps(steps)
    await ledger.career_tour()
    await voice_history(ledger)
    ledger.leave_accounts = await leave_history(ledger)  # leave (issue 17)
    return ledger


async def dump(db: Database, tenant: Tenant) -> dict[str, list[tuple]]:
    """Every read-model table of the tenant, rows sorted by all their columns."""
    pool = await db.pool_for_tenant(tenant.slug)
    result = {}
    for projection in ALL_PROJECTIONS:
        for table in projection.tables:
            order = ", ".join(str(i) for i in range(1, len(table.column_names) + 1))
            rows = await pool.fetch(f"SELECT * FROM {tenant.schema}.{table.name} ORDER BY {order}")
            result[table.name] = [tuple(r) for r in rows]
    return result
