"""`riwayat skm import`, run as a user would (a separate process): a CSV batch is recorded whole, once;
a bad row or a column that could name a respondent refuses the whole file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from riwayat.application import Application, CommandContext, CommandOptions
from riwayat.application.survey_csv import import_key, parse_responses
from riwayat.domain.errors import InvalidInput
from riwayat.infra.codec import EventCodec
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.registry import make_projector
from riwayat.projections.surveys import satisfaction_in_period
from tests.cli.test_cli import riwayat
from tests.domain.test_survey import worked_example

HEADER = "responded_on,u1,u2,u3,u4,u5,u6,u7,u8,u9,sex\n"


async def test_a_csv_batch_is_recorded_whole_and_once(
    db: Database, tenant: Tenant, database_url: str, tmp_path: Path
) -> None:
    codec = EventCodec()
    store = EventStore(db, codec, projector=make_projector(codec))
    app = Application(store)
    ctx = CommandContext(tenant=tenant, actor="tester", roles=("admin",), request_id="r")
    unit = (await app.establish_org_unit(ctx, code="RSUD", name="RSUD dr. Pirngadi")).stream_id
    survey = (
        await app.open_survey(ctx, unit_id=unit, service="Rawat Jalan", population_served=1000)
    ).stream_id
    good = tmp_path / "skm-q1.csv"
    good.write_text(
        HEADER
        + "".join(
            f"2026-02-0{2 + i % 3},{','.join(map(str, a))},FEMALE\n" for i, a in enumerate(worked_example())
        )
    )
    args = ("skm", "import", "--tenant", tenant.slug, "--survey", str(survey))

    first = riwayat(database_url, *args, str(good))
    assert first.returncode == 0, first.stderr
    assert "10 responses recorded" in " ".join(first.stdout.split())
    # The same file again (the key the CLI derives from it): nothing more is recorded
    text = good.read_text()
    again = await app.import_survey_responses(
        ctx,
        survey_id=survey,
        responses=parse_responses(text),
        options=CommandOptions(idempotency_key=import_key(survey, text)),
    )
    assert again.replayed and again.version == 11

    pool = await db.pool_for_tenant(tenant.slug)
    (period,) = await satisfaction_in_period(
        pool, tenant.schema, unit, None, date(2026, 1, 1), date(2026, 3, 31)
    )
    assert period.index.respondents == 10 and str(period.index.ikm) == "81.11"


def test_a_bad_row_or_a_column_that_could_name_a_respondent_refuses_the_whole_file() -> None:
    with pytest.raises(InvalidInput) as bad:
        parse_responses(HEADER + "2026-02-02,3,3,3,3,3,3,3,3,3,MALE\n2026-02-02,3,3,5,3,3,3,3,3,3,MALE\n")
    assert bad.value.message.startswith("line 3:")
    with pytest.raises(InvalidInput) as named:
        parse_responses("nama," + HEADER + "Budi,2026-02-02,3,3,3,3,3,3,3,3,3,MALE\n")
    assert "anonymous" in named.value.message
    with pytest.raises(InvalidInput) as dated:
        parse_responses(HEADER + "02/02/2026,3,3,3,3,3,3,3,3,3,\n")
    assert dated.value.message.startswith("line 2:")
    rows = parse_responses(HEADER.replace(",sex", "") + "2026-02-02,4,4,4,4,4,4,4,4,1\n")
    assert rows == [
        {
            "responded_on": date(2026, 2, 2),
            "answers": [4] * 8 + [1],
            "age_band": None,
            "sex": None,
            "education": None,
        }
    ]
