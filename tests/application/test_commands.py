"""Command handling against a real PostgreSQL: races, retries, versions, idempotency, as-of reads."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from riwayat.application import Application, CommandContext, CommandOptions
from riwayat.domain.employee import Employee
from riwayat.domain.errors import ConcurrencyConflict, DuplicateNip, InvalidInput, NotFound
from riwayat.domain.values import Decree
from tests.application.conftest import hire


async def test_two_concurrent_hires_of_one_nip_let_exactly_one_succeed(app, ctx, unit_id) -> None:
    outcomes = await asyncio.gather(hire(app, ctx, unit_id), hire(app, ctx, unit_id), return_exceptions=True)

    succeeded = [o for o in outcomes if not isinstance(o, Exception)]
    failed = [o for o in outcomes if isinstance(o, Exception)]
    assert len(succeeded) == 1
    assert len(failed) == 1 and isinstance(failed[0], DuplicateNip) and failed[0].code == "DUPLICATE_NIP"
    assert (await app.store.head(ctx.tenant))[0] == 2  # the unit and one hire


async def test_twenty_four_concurrent_trainings_on_one_employee_all_succeed(app, ctx, unit_id) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id

    results = await asyncio.gather(
        *(
            app.record_training(
                ctx,
                employee_id=employee_id,
                title=f"Pelatihan {i}",
                kind="E_LEARNING",
                hours=2,
                completed_on=date(2024, 3, 1),
            )
            for i in range(24)
        )
    )

    assert sorted(r.version for r in results) == list(range(2, 26))
    employee = await app.load(ctx.tenant, Employee, employee_id)
    assert employee.training_hours[2024] == 48


async def test_a_stale_expected_version_appends_nothing(app, ctx, unit_id) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    head_before = (await app.store.head(ctx.tenant))[0]

    with pytest.raises(ConcurrencyConflict) as refused:
        await app.complete_probation(
            ctx,
            employee_id=employee_id,
            effective_on=date(2016, 5, 1),
            decree=Decree("SK-PNS-1", date(2016, 4, 25)),
            options=CommandOptions(expected_version=7),
        )

    assert refused.value.code == "CONCURRENCY_CONFLICT"
    assert (await app.store.head(ctx.tenant))[0] == head_before


async def test_a_repeated_idempotency_key_returns_the_first_result_and_appends_nothing(
    app, ctx, unit_id
) -> None:
    first = await hire(app, ctx, unit_id, options=CommandOptions(idempotency_key="hire-budi"))
    again = await hire(app, ctx, unit_id, options=CommandOptions(idempotency_key="hire-budi"))

    assert again.replayed
    assert (again.stream_id, again.version, again.positions) == (
        first.stream_id,
        first.version,
        first.positions,
    )
    assert (await app.store.head(ctx.tenant))[0] == 2


async def test_every_event_records_who_did_it_in_which_request_and_why(app, ctx, unit_id) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    await app.complete_probation(
        ctx,
        employee_id=employee_id,
        effective_on=date(2016, 5, 1),
        decree=Decree("SK-PNS-1", date(2016, 4, 25)),
    )
    await app.promote_employee(
        ctx,
        employee_id=employee_id,
        to_rank="III/b",
        effective_on=date(2019, 4, 1),
        decree=Decree("SK-KP-9", date(2019, 3, 1)),
        reason="kenaikan pangkat reguler",
    )

    events = await app.history(ctx.tenant, employee_id)
    promoted = events[-1].metadata
    assert promoted["actor"] == "hr-officer-7"
    assert promoted["roles"] == ["hr"]
    assert promoted["request_id"] == "req-42"
    assert promoted["reason"] == "kenaikan pangkat reguler"
    assert promoted["command"] == "promoteEmployee"


async def test_hiring_into_a_unit_of_another_tenant_is_not_found(app, ctx, registry, unit_id) -> None:
    other = await registry.create(ctx.tenant.slug + "x", "Other city")
    other_ctx = CommandContext(tenant=other, actor="hr", roles=("hr",))
    with pytest.raises(NotFound) as refused:
        await hire(app, other_ctx, unit_id)
    assert refused.value.field == "unitId"
    assert (await app.store.head(other))[0] == 0


async def test_a_late_recorded_retroactive_promotion_changes_the_effective_view_not_the_recorded_one(
    app, ctx, unit_id
) -> None:
    # Given an active PNS in III/a since 2015
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    await app.complete_probation(
        ctx,
        employee_id=employee_id,
        effective_on=date(2016, 5, 1),
        decree=Decree("SK-PNS-1", date(2016, 4, 25)),
    )
    before_promotion = (await app.history(ctx.tenant, employee_id))[-1].recorded_at

    # When a promotion effective 2019-04-01 is only recorded now
    await app.promote_employee(
        ctx,
        employee_id=employee_id,
        to_rank="III/b",
        effective_on=date(2019, 4, 1),
        decree=Decree("SK-KP-9", date(2019, 3, 1)),
    )

    # Then what the ledger said before the recording is still III/a ...
    as_recorded = await app.employee_as_of(ctx.tenant, employee_id, recorded_at=before_promotion)
    assert (as_recorded.rank, as_recorded.version) == ("III/a", 2)
    # ... while what was legally true in 2020 is III/b, and in 2018 still III/a
    assert (await app.employee_as_of(ctx.tenant, employee_id, effective_on=date(2020, 1, 1))).rank == "III/b"
    in_2018 = await app.employee_as_of(ctx.tenant, employee_id, effective_on=date(2018, 1, 1))
    assert (in_2018.rank, in_2018.status) == ("III/a", "ACTIVE")
    in_2015 = await app.employee_as_of(ctx.tenant, employee_id, effective_on=date(2015, 6, 1))
    assert in_2015.status == "CANDIDATE"
    assert await app.employee_as_of(ctx.tenant, employee_id, effective_on=date(2014, 1, 1)) is None


async def test_a_cached_state_catches_up_with_changes_made_by_another_worker(app, ctx, unit_id) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    other_worker = Application(app.store)
    await other_worker.complete_probation(
        ctx,
        employee_id=employee_id,
        effective_on=date(2016, 5, 1),
        decree=Decree("SK-PNS-1", date(2016, 4, 25)),
    )

    # this worker still caches the CANDIDATE state, yet promotes from the ACTIVE one
    result = await app.promote_employee(
        ctx,
        employee_id=employee_id,
        to_rank="III/b",
        effective_on=date(2019, 4, 1),
        decree=Decree("K", date(2019, 3, 1)),
    )

    assert result.version == 3
    assert (await app.load(ctx.tenant, Employee, employee_id)).rank == "III/b"


async def test_a_correct_expected_version_is_accepted_even_when_this_worker_is_behind(
    app, ctx, unit_id
) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    await Application(app.store).complete_probation(
        ctx,
        employee_id=employee_id,
        effective_on=date(2016, 5, 1),
        decree=Decree("SK-PNS-1", date(2016, 4, 25)),
    )

    result = await app.record_training(
        ctx, employee_id=employee_id, title="Latsar", kind="LATSAR", hours=40, completed_on=date(2016, 6, 1),
        options=CommandOptions(expected_version=2),
    )  # fmt: skip

    assert result.version == 3


async def test_as_of_answers_include_events_appended_after_an_earlier_answer(app, ctx, unit_id) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    await app.complete_probation(
        ctx,
        employee_id=employee_id,
        effective_on=date(2016, 5, 1),
        decree=Decree("SK-PNS-1", date(2016, 4, 25)),
    )
    assert (await app.employee_as_of(ctx.tenant, employee_id, effective_on=date(2020, 1, 1))).rank == "III/a"

    await app.promote_employee(
        ctx,
        employee_id=employee_id,
        to_rank="III/b",
        effective_on=date(2019, 4, 1),
        decree=Decree("K", date(2019, 3, 1)),
    )

    again = await app.employee_as_of(ctx.tenant, employee_id, effective_on=date(2020, 1, 1))
    assert (again.rank, again.version) == ("III/b", 3)


@pytest.mark.parametrize("key", ["", "x" * 201, "a\x00b"])
async def test_an_unusable_idempotency_key_is_refused_before_anything_happens(app, ctx, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        await app.establish_org_unit(
            ctx, code="BAPPEDA", name="Bappeda", options=CommandOptions(idempotency_key=key)
        )
    assert refused.value.field == "idempotencyKey"
    assert (await app.store.head(ctx.tenant))[0] == 0
