"""Public-voice read models from events the application appended: complaints v2, holiday calendars,
surveys and forums; the inline rows equal a rebuild's; the overdue list and unit report read them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from riwayat.application import Application, CommandContext
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.complaints import by_tracking_code
from riwayat.projections.forums import commitments
from riwayat.projections.holiday_calendars import holidays_between
from riwayat.projections.rebuild import rebuild
from riwayat.projections.surveys import satisfaction_in_period
from riwayat.projections.voice_reports import overdue_complaints, unit_service_report
from tests.domain.test_survey import worked_example
from tests.projections.ledger import dump

VOICE_TABLES = (
    "complaints",
    "holiday_calendars",
    "skm_surveys",
    "skm_responses",
    "public_forums",
    "forum_commitments",
)


async def voice_history(app: Application, ctx: CommandContext) -> dict[str, Any]:
    unit = (await app.establish_org_unit(ctx, code="DISDUKCAPIL", name="Disdukcapil")).stream_id
    await app.set_holidays(ctx, year=2026, dates=[date(2026, 1, 8)], note="HUT Kota")
    await app.set_holidays(ctx, year=2026, dates=[date(2026, 1, 8), date(2026, 1, 9)])
    late = (
        await app.file_complaint(
            ctx,
            channel="LAPOR!",
            category="COMPLAINT",
            description="KTP",
            unit_id=unit,
            received_on=date(2026, 1, 5),
            lapor_ticket="5000001",
        )
    ).stream_id
    done = (
        await app.file_complaint(
            ctx,
            channel="SMS 1708",
            category="ASPIRATION",
            description="Usul",
            unit_id=unit,
            received_on=date(2026, 1, 5),
        )
    ).stream_id
    await app.triage_complaint(ctx, complaint_id=done, unit_id=unit, on=date(2026, 1, 6))
    await app.respond_to_complaint(ctx, complaint_id=done, response="Diterima", on=date(2026, 1, 7))
    await app.resolve_complaint(
        ctx, complaint_id=done, outcome="SUBSTANTIATED", resolution="Ok", on=date(2026, 1, 12)
    )
    await app.respond_to_complaint(ctx, complaint_id=done, response="Selesai", on=date(2026, 1, 12))
    await app.close_complaint(ctx, complaint_id=done, on=date(2026, 1, 13))
    survey = (await app.open_survey(ctx, unit_id=unit, service="KTP-el", population_served=100)).stream_id
    rows = [{"responded_on": date(2026, 2, 2), "answers": a} for a in worked_example()]
    await app.import_survey_responses(ctx, survey_id=survey, responses=rows)
    forum = (
        await app.record_public_forum(
            ctx,
            unit_id=unit,
            held_on=date(2026, 2, 10),
            participants=30,
            topics=["Antrean"],
            commitments=["Loket", "Sabtu"],
        )
    ).stream_id
    await app.record_forum_follow_up(ctx, forum_id=forum, commitment=1, status="DONE", on=date(2026, 3, 1))
    return {"unit": unit, "late": late, "done": done, "survey": survey}


async def test_voice_read_models_follow_the_events_and_equal_their_rebuild(
    store: EventStore, db: Database, ptenant: Tenant
) -> None:
    # Given a public-voice history appended through the application, projected inline
    app = Application(store)
    ctx = CommandContext(tenant=ptenant, actor="tester", roles=("admin",), request_id="r")
    ids = await voice_history(app, ctx)
    pool = await db.pool_for_tenant(ptenant.slug)
    schema = ptenant.schema

    # Then the rows say what happened
    done = await pool.fetchrow(f"SELECT * FROM {schema}.complaints WHERE id = $1", ids["done"])
    assert (done["status"], done["channel"], done["first_responded_on"], done["responded_on"]) == (
        "CLOSED",
        "SMS_1708",
        date(2026, 1, 7),
        date(2026, 1, 12),
    )
    assert await by_tracking_code(pool, schema, done["tracking_code"]) is not None
    holidays = await holidays_between(pool, schema, date(2026, 1, 1), date(2026, 12, 31))
    assert {date(2026, 1, 8), date(2026, 1, 9), date(2026, 12, 24)} <= holidays
    overdue = await overdue_complaints(pool, schema, ids["unit"], date(2026, 2, 2), 14)
    assert [(r.id, d.overdue, d.verification_due) for r, d in overdue] == [
        (ids["late"], "VERIFICATION", date(2026, 1, 12))  # 6, 7, (8, 9 holidays), 12
    ]
    (period,) = await satisfaction_in_period(
        pool, schema, ids["unit"], "KTP-el", date(2026, 1, 1), date(2026, 3, 31)
    )
    assert (period.index.ikm, period.index.grade, period.survey.minimum_sample) == (Decimal("81.11"), "B", 80)
    assert [(c.number, c.status) for c in await commitments(pool, schema, ids["unit"], None)] == [
        (1, "DONE"),
        (2, "OPEN"),
    ]
    report = await unit_service_report(pool, schema, ids["unit"], "2026-Q1", date(2026, 2, 2), 14)
    assert (report.complaints, report.median_working_days_to_respond, report.overdue) == (2, Decimal(2), 1)
    assert [(c.key, c.count) for c in report.by_outcome] == [("OPEN", 1), ("SUBSTANTIATED", 1)]

    # When the projections are rebuilt from the ledger, Then every public-voice table is the same
    before = await dump(db, ptenant)
    await rebuild(store, ptenant)
    after = await dump(db, ptenant)
    for table in VOICE_TABLES:
        assert before[table] and after[table] == before[table], table
