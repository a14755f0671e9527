"""Load demo tenants through the application service: every event validated, chained and projected.

Each employee's commands run in order; different employees are independent, so they run concurrently
(bounded), and the two tenants load side by side. A tenant that already holds employees is left alone,
which makes `riwayat demo` (and `serve --demo`) safe to run again.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO, TypeVar
from uuid import UUID

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from riwayat.application import Application, CommandContext
from riwayat.demo.catalogue import CATALOGUED_ON
from riwayat.demo.competency import load_competency
from riwayat.demo.leave import load_leave
from riwayat.demo.model import ComplaintPlan, EmployeePlan, TenantPlan
from riwayat.demo.performance import load_performance
from riwayat.demo.plan import MIN_EMPLOYEES, build_plan
from riwayat.demo.voice import load_voice
from riwayat.domain.errors import DomainError
from riwayat.infra.auth import ROLES, issue_token
from riwayat.infra.ledger import LogFilter
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant

ACTOR = "demo-loader"
CONCURRENCY = 16
TOKEN_TTL = 30 * 24 * 3600
GRAPHQL_URL = "http://127.0.0.1:8000/graphql"  # `riwayat serve`'s default address


def graphql_url(host: str = "127.0.0.1", port: int = 8000) -> str:
    """Where a client on this machine reaches the server (a wildcard bind is reached on loopback)."""
    reach = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    reach = f"[{reach}]" if ":" in reach else reach
    return f"http://{reach}:{port}/graphql"
T = TypeVar("T")


@dataclass(frozen=True)
class DemoTenant:
    slug: str
    name: str
    profile: str  # whose units and names to use: "medan" or "dumai"


DEFAULT_TENANTS = (
    DemoTenant("medan", "Pemerintah Kota Medan", "medan"),
    DemoTenant("dumai", "Pemerintah Kota Dumai", "dumai"),
)


@dataclass(frozen=True)
class Loaded:
    slug: str
    name: str
    employees: int
    complaints: int
    events: int
    seconds: float
    skipped: bool
    self_service: tuple[tuple[str, str], ...] = ()  # leave (issue 17): (label, NIP) for employee tokens


class DemoFailed(Exception):
    """A planned command was refused: the generator broke a rule (a bug in the demo, not in the data)."""


async def load_demo(
    settings: Settings, *, employees: int = 300, seed: int = 1275, url: str | None = None
) -> int:
    """Open the services and load the demo tenants (used by `riwayat serve --demo`, which passes the
    address it is about to serve on as `url`)."""
    from riwayat.services import services

    async with services(settings) as svc:
        return await load_demo_into(svc, employees=employees, seed=seed, url=url)


async def load_demo_into(
    svc: Any,
    *,
    employees: int = 300,
    seed: int = 1275,
    tenants: Sequence[DemoTenant | tuple[str, ...]] = DEFAULT_TENANTS,
    out: TextIO | None = None,
    show_progress: bool = True,
    url: str | None = None,
) -> int:
    """Create and fill the demo tenants; print a token per role and how to call the API. Exit code."""
    out = out or sys.stdout
    err = Console(stderr=True)
    if employees < MIN_EMPLOYEES:
        err.print(f"[red]error:[/red] the demo needs at least {MIN_EMPLOYEES} employees per tenant")
        return 2
    specs = [_spec(t, i) for i, t in enumerate(tenants)]
    app = getattr(svc, "application", None) or Application(svc.store)
    columns = (TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, disable=not show_progress) as bar:
            loaded = await _together(
                [
                    lambda s=spec, o=offset: _load_tenant(svc, app, s, employees, seed, o, bar)
                    for offset, spec in enumerate(specs)
                ],
                limit=len(specs),
            )
        await _transfer(svc, app, [s for s, done in zip(specs, loaded, strict=True) if not done.skipped])
    except DemoFailed as refused:
        err.print(f"[red]demo data refused:[/red] {refused}")
        return 1
    _report(svc.settings, loaded, seed, out, url)
    return 0


def _spec(tenant: DemoTenant | tuple[str, ...], index: int) -> DemoTenant:
    if isinstance(tenant, DemoTenant):
        return tenant
    slug, name, *rest = tenant
    profile = rest[0] if rest else (slug if slug in ("medan", "dumai") else ("medan", "dumai")[index % 2])
    return DemoTenant(slug, name, profile)


async def _load_tenant(
    svc: Any, app: Application, spec: DemoTenant, employees: int, seed: int, offset: int, bar: Progress
) -> Loaded:
    started = time.perf_counter()
    tenant = await svc.tenants.create(spec.slug, spec.name)
    existing = await count_employees(svc.store, tenant)
    if existing:
        events = (await svc.store.head(tenant))[0]
        complaints = await _count(svc.store, tenant, "Complaint.Filed")
        return Loaded(spec.slug, spec.name, existing, complaints, events, 0.0, skipped=True)
    task = bar.add_task(f"{spec.slug} (planning)", total=None)
    plan = build_plan(spec.slug, spec.name, spec.profile, employees, seed, offset)
    bar.update(task, description=spec.slug, total=plan.command_count)
    tick: Callable[[], None] = lambda: bar.advance(task)  # noqa: E731
    loader = _TenantLoader(app, tenant, seed, tick)
    await loader.units(plan)
    await loader.positions(plan)  # careers (issue 14)
    await loader.employees(plan.employees)
    await loader.complaints(plan.complaints)
    await _onboarding(app, tenant, spec.profile)
    await load_voice(loader, spec.profile, random.Random(f"{seed + offset}:voice"), employees)
    await load_performance(loader, plan.performance)
    await load_competency(loader, random.Random(f"{seed + offset}:competency"))  # issue 15
    people = await load_leave(loader, random.Random(f"{seed + offset}:leave"))  # leave (issue 17)
    events = (await svc.store.head(tenant))[0]
    return Loaded(
        spec.slug,
        spec.name,
        len(plan.employees),
        len(plan.complaints),
        events,
        time.perf_counter() - started,
        skipped=False,
        self_service=tuple(people),
    )


async def _onboarding(app: Application, tenant: Tenant, profile: str) -> None:
    """Onboarding's demo (riwayat/demo/onboarding.py): people enrolled from a SIASN-like export in Medan."""
    from riwayat.demo.onboarding import OnboardingFailed, enrol_samples

    if profile == "medan":
        try:
            await enrol_samples(app, tenant)
        except OnboardingFailed as failed:
            raise DemoFailed(str(failed)) from failed


async def _transfer(svc: Any, app: Application, fresh: Sequence[DemoTenant]) -> None:
    """One transfer Medan → Dumai, when both were loaded now."""
    from riwayat.demo.onboarding import transfer_one

    origin = next((s for s in fresh if s.profile == "medan"), None)
    destination = next((s for s in fresh if s.profile == "dumai"), None)
    if origin is not None and destination is not None:
        await transfer_one(
            app, await svc.tenants.require(origin.slug), await svc.tenants.require(destination.slug)
        )


async def count_employees(store: Any, tenant: Tenant) -> int:
    """Employees ever hired in the tenant, from the ledger itself (read models may not exist yet)."""
    return await _count(store, tenant, "Employee.Hired")


async def _count(store: Any, tenant: Tenant, event_type: str) -> int:
    pool = await store.db.pool_for_tenant(tenant.slug)
    return await pool.fetchval(
        f"SELECT count(*) FROM {tenant.schema}.events WHERE split_part(topic, ':', 2) = $1", event_type
    )


class _TenantLoader:
    def __init__(self, app: Application, tenant: Tenant, seed: int, tick: Callable[[], None]) -> None:
        self.app, self.tenant, self.seed, self.tick = app, tenant, seed, tick
        self.unit_ids: dict[str, UUID] = {}
        self.employee_ids: dict[int, UUID] = {}
        self.position_ids: dict[tuple[str, str], UUID] = {}  # careers (issue 14): (unit code, title)

    def ctx(self, request: str) -> CommandContext:
        return CommandContext(
            tenant=self.tenant,
            actor=ACTOR,
            roles=("admin",),
            request_id=f"demo-{self.seed}-{request}",
            correlation_id=f"demo-{self.seed}",
        )

    async def units(self, plan: TenantPlan) -> None:
        """Establish the units the tenant does not have yet (a rerun after an interruption finds some)."""
        found = await self.app.store.read_log(
            self.tenant, limit=10_000, log_filter=LogFilter(types=["OrgUnit.Established"])
        )
        for record in found:
            self.unit_ids[self.app.store.decode(record).code] = record.stream_id
        for code, name in plan.units:
            if code not in self.unit_ids:
                result = await self.app.establish_org_unit(self.ctx(f"unit-{code}"), code=code, name=name)
                self.unit_ids[code] = result.stream_id
            self.tick()

    async def positions(self, plan: TenantPlan) -> None:
        """careers (issue 14): the position map, heads first (the others report to their unit's head)."""
        heads: dict[str, UUID] = {}
        for number, p in enumerate(plan.positions):
            k = p.kind
            result = await self._call(self.ctx(f"position-{number:05d}"), "catalogue_position", dict(
                name=p.title, kind=k.kind, unit_id=self.unit_ids[p.unit], job_class=k.job_class,
                seats=p.seats,
                effective_on=CATALOGUED_ON, jenjang=k.jenjang, statute=k.statute, job_family=k.job_family,
                reports_to=None if p.head else heads.get(p.unit),
            ), f"position {p.title} of {p.unit}")  # fmt: skip
            self.position_ids[(p.unit, p.title)] = result.stream_id
            if p.head:
                heads[p.unit] = result.stream_id

    async def employees(self, plans: list[EmployeePlan]) -> None:
        await _together([lambda p=plan: self.employee(p) for plan in plans])

    async def employee(self, plan: EmployeePlan) -> None:
        ctx = self.ctx(f"employee-{plan.index:05d}")
        employee_id: UUID | None = None
        for step in plan.steps:
            args = dict(step.args)
            if step.command in ("hire_employee", "assign_position"):  # careers (issue 14): catalogued
                args["position_id"] = self.position_ids.get((args["unit_id"], args["position"]))
            if "unit_id" in args:
                args["unit_id"] = self.unit_ids[args["unit_id"]]
            if employee_id is not None:
                args["employee_id"] = employee_id
            result = await self._call(
                ctx, step.command, args, f"employee {plan.nip} ({plan.name}), {step.on}"
            )
            employee_id = result.stream_id
        self.employee_ids[plan.index] = employee_id

    async def complaints(self, plans: list[ComplaintPlan]) -> None:
        await _together([lambda n=number, p=plan: self.complaint(n, p) for number, plan in enumerate(plans)])

    async def complaint(self, number: int, plan: ComplaintPlan) -> None:
        ctx = self.ctx(f"complaint-{number:04d}")
        filed = await self._call(
            ctx,
            "file_complaint",
            dict(
                channel=plan.channel,
                category=plan.category,
                description=plan.description,
                employee_id=None if plan.employee is None else self.employee_ids[plan.employee],
                unit_id=None if plan.unit is None else self.unit_ids[plan.unit],
                reporter_contact=plan.reporter_contact,
                **plan.extra,
            ),
            f"complaint {number}",
        )
        for step in plan.steps:
            args = dict(step.args, complaint_id=filed.stream_id)
            if "unit_id" in args:
                args["unit_id"] = self.unit_ids[args["unit_id"]]
            await self._call(ctx, step.command, args, f"complaint {number}")

    async def _call(self, ctx: CommandContext, command: str, args: dict[str, Any], what: str) -> Any:
        try:
            result = await getattr(self.app, command)(ctx, **args)
        except DomainError as refused:
            raise DemoFailed(f"{what}: {command} refused with {refused.code}: {refused.message}") from refused
        self.tick()
        return result


async def _together(jobs: Sequence[Callable[[], Awaitable[T]]], limit: int = CONCURRENCY) -> list[T]:
    """Run the jobs, at most `limit` at a time, results in order; the first failure cancels the rest
    and is raised as itself (not wrapped in an ExceptionGroup)."""
    results: list[Any] = [None] * len(jobs)
    pending = list(reversed(range(len(jobs))))

    async def worker() -> None:
        while pending:
            index = pending.pop()
            results[index] = await jobs[index]()

    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(min(limit, len(jobs))):
                group.create_task(worker())
    except BaseExceptionGroup as failed:
        raise _first(failed) from None
    return results


def _first(group: BaseExceptionGroup) -> BaseException:
    first = group.exceptions[0]
    return _first(first) if isinstance(first, BaseExceptionGroup) else first


def _report(
    settings: Settings, loaded: Sequence[Loaded], seed: int, out: TextIO, url: str | None = None
) -> None:
    print(f"Demo data (seed {seed}):", file=out)
    for t in loaded:
        if t.skipped and not t.complaints:
            print(
                f"  {t.slug:<6} {t.name}: has {t.employees:,} employees but no complaints, so an earlier run "
                "was probably interrupted; load it again into an empty data directory (RIWAYAT_DATA_DIR)",
                file=out,
            )
        elif t.skipped:
            print(
                f"  {t.slug:<6} {t.name}: already loaded ({t.employees:,} employees, {t.events:,} events); "
                "left as it is",
                file=out,
            )
        else:
            print(
                f"  {t.slug:<6} {t.name}: {t.employees:,} employees, {t.complaints:,} complaints, "
                f"{t.events:,} events in {t.seconds:.1f} s",
                file=out,
            )
    print("\nDevelopment tokens (valid 30 days; signed with RIWAYAT_JWT_SECRET):", file=out)
    viewer = None
    for t in loaded:
        for role in (r for r in ROLES if r != "employee"):  # employee tokens name a person: below
            token = issue_token(
                settings, tenant=t.slug, roles=[role], subject=f"demo-{role}@{t.slug}", ttl=TOKEN_TTL
            )
            viewer = viewer or (token if role == "viewer" else None)
            print(f"  {t.slug} {role}: {token}", file=out)
    for t in loaded:  # leave (issue 17): self-service tokens, `sub` = the civil servant's NIP
        for label, nip in t.self_service:
            token = issue_token(settings, tenant=t.slug, roles=["employee"], subject=nip, ttl=TOKEN_TTL)
            print(f"  {t.slug} {label} {nip}: {token}", file=out)
    query = '{"query": "{ employees(first: 3) { totalCount edges { node { nip name rank position } } } }"}'
    if url is None:  # `riwayat demo`: the server is started separately, by default on port 8000
        url = GRAPHQL_URL
        print(f"\nGraphiQL: {url}  (once `riwayat serve` runs; another port: --port)", file=out)
    else:
        print(f"\nGraphiQL: {url}", file=out)
    print(f"Try ({loaded[0].slug} viewer):", file=out)
    print(
        f"curl -s {url} -H 'Authorization: Bearer {viewer}' -H 'Content-Type: application/json' "
        f"-d '{query}'",
        file=out,
    )
