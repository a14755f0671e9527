"""Importing SIASN/SIMPEG-like files against a real PostgreSQL: the sample imports cleanly, bad rows are
reported with line and code and leave nothing behind, a re-run appends nothing, NDJSON is the same rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from riwayat.importing.reader import read_rows
from riwayat.importing.run import Importer

SAMPLES = Path(__file__).parents[2] / "docs" / "samples"
HEADER = (SAMPLES / "employees.csv").read_text().splitlines()[0]
GOOD = (
    "198003152005011002,Rahmat Hidayat,,,Medan,15-03-1980,L,PNS,01-01-2005,01-02-2006,III/d,01-04-2017,"
    "SK/1,20-03-2017,Kepala Sub Bagian,02-01-2019,BKPSDM,S2,2012,X1"
)


@pytest.fixture
async def units(app, ctx):
    for code in ("BKPSDM", "DINKES", "DISDIKBUD", "BAPPEDA"):
        await app.establish_org_unit(ctx, code=code, name=f"Unit {code}")


async def count(store, tenant, topic_suffix: str = "") -> int:
    pool = await store.db.pool_for_tenant(tenant.slug)
    return await pool.fetchval(
        f"SELECT count(*) FROM {tenant.schema}.events WHERE topic LIKE $1", f"%{topic_suffix}"
    )


def importer(app, ctx, **kw) -> Importer:
    return Importer(app, ctx.tenant, cut_over=date(2025, 1, 2), **kw)


async def test_the_sample_files_import_cleanly_and_a_second_run_appends_nothing(
    app, ctx, units, store
) -> None:
    employees = await importer(app, ctx).employees(read_rows(SAMPLES / "employees.csv", "employees"))
    history = await importer(app, ctx).history(read_rows(SAMPLES / "history.csv", "history"))
    assert (employees.written, employees.problems, history.written, history.problems) == (6, [], 13, [])
    before = await count(store, ctx.tenant)

    again = await importer(app, ctx).employees(read_rows(SAMPLES / "employees.csv", "employees"))
    again_history = await importer(app, ctx).history(read_rows(SAMPLES / "history.csv", "history"))
    assert (again.written, again.already, again_history.written, again_history.already) == (0, 6, 0, 13)
    assert await count(store, ctx.tenant) == before

    pool = await store.db.pool_for_tenant(ctx.tenant.slug)
    rahmat = await pool.fetchval(
        f"SELECT id FROM {ctx.tenant.schema}.employees WHERE nip = '198003152005011002'"
    )
    in_2010 = await app.employee_as_of(ctx.tenant, rahmat, effective_on=date(2010, 1, 1))
    assert (in_2010.rank, in_2010.position) == ("III/b", "Pengadministrasi Umum")
    assert sorted(in_2010.training_hours.items()) == [(2005, 40)]


async def test_the_same_rows_as_ndjson_are_the_same_rows(app, ctx, units, store, tmp_path) -> None:
    rows = list(read_rows(SAMPLES / "employees.csv", "employees"))
    ndjson = tmp_path / "employees.ndjson"
    ndjson.write_bytes(b"".join(orjson.dumps(r.cells) + b"\n" for r in rows))
    first = await importer(app, ctx).employees(read_rows(ndjson, "employees"))
    second = await importer(app, ctx).employees(rows)
    assert (first.written, second.written, second.already) == (6, 0, 6)


async def test_bad_rows_are_reported_with_line_and_code_and_nothing_of_them_is_written(
    app, ctx, units, store, tmp_path
) -> None:
    cells = GOOD.split(",")

    def variant(**changes: str) -> str:
        names = HEADER.split(",")
        changed = [changes.get(name, value) for name, value in zip(names, cells, strict=True)]
        return ",".join(changed)

    lines = [
        HEADER,
        GOOD,  # line 2: fine
        variant(nip="198003152005131003"),  # 3: month 13
        variant(nip="198003152005011004", kode_unor="DISHUB"),  # 4: no such unit here
        variant(nip="198003152005011005", tmt_golongan="01-04-2004"),  # 5: before the TMT CPNS
        variant(nama="Another Name"),  # 6: the NIP of line 2 again
        variant(nip="198003152005011006", nama=""),  # 7: empty name
        GOOD.rsplit(",", 1)[0],  # 8: a column short
    ]
    path = tmp_path / "bad.csv"
    text = (
        "\n".join(lines).encode()
        + b"\n"
        + variant(nip="198003152005011007", nama="Budi").encode().replace(b"Budi", b"Bud\xff")
        + b"\n"
    )  # 9: not UTF-8
    path.write_bytes(text)

    outcome = await importer(app, ctx).employees(read_rows(path, "employees"))

    found = sorted((p.line, p.column, p.code) for p in outcome.problems)
    assert found == [
        (3, "nip", "INVALID_NIP"),
        (4, "kode_unor", "NOT_FOUND"),
        (5, "tmt_golongan", "DATE_BEFORE_HIRE"),
        (6, "nip", "DUPLICATE_NIP"),
        (7, "nama", "INVALID_INPUT"),
        (8, None, "WRONG_COLUMN_COUNT"),
        (9, "nama", "INVALID_ENCODING"),
    ]
    assert outcome.written == 1
    assert await count(store, ctx.tenant, "Employee.Enrolled") == 1

    # History rows: a skipped rank and a date before the TMT CPNS, beside a good one
    history = tmp_path / "history.csv"
    history.write_text(
        (SAMPLES / "history.csv").read_text().splitlines()[0] + "\n"
        "198003152005011002,GOLONGAN,01-04-2009,SK/2,16-03-2009,III/a,,,,,,,,,,,\n"  # III/a → III/d
        "198003152005011002,GOLONGAN,01-04-2004,SK/3,16-03-2004,III/c,,,,,,,,,,,\n"  # before 2005-01
        "198003152005011002,GOLONGAN,01-04-2013,SK/4,15-03-2013,III/c,,,,,,,,,,,\n"
        "199999999999999999,SKP,,,,,,,2023,SESUAI EKSPEKTASI,SESUAI EKSPEKTASI,197812012003121001,,,,,\n"
    )
    done = await importer(app, ctx).history(read_rows(history, "history"))
    assert sorted((p.line, p.column, p.code) for p in done.problems) == [
        (2, "golongan", "RANK_NOT_NEXT"),
        (3, "tmt", "DATE_BEFORE_HIRE"),
        (5, "nip", "NOT_FOUND"),
    ]
    assert done.written == 1


async def test_a_dry_run_validates_and_writes_nothing(app, ctx, units, store) -> None:
    before = await count(store, ctx.tenant)
    outcome = await importer(app, ctx, dry_run=True).employees(
        read_rows(SAMPLES / "employees.csv", "employees")
    )
    assert (outcome.problems, outcome.written) == ([], 0)
    assert await count(store, ctx.tenant) == before
