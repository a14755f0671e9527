"""Import throughput: a city's workforce from SIASN-like files, beside the plain append bench of the same run.

    python -m bench.import [--employees 20000] [--history 30] [--concurrency 200]

Writes two CSV files in a temporary directory (N employees; N x 30 history rows: 3 ranks, 3 positions,
10 SKP, 13 trainings, 1 sanction each), imports them with `riwayat.importing` into a fresh tenant whose
projections run inline (as in production), and prints events/s of each import and of the whole, next to
the event store's own append rate measured in the same run (`bench.append.store_appends`, 32 clients,
one event per append, the same projections). Target (issue 13): >= 10,000 events/s on the 2-core machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from bench.append import META, _employee, store_appends
from bench.common import bench_database, rate
from riwayat.application import Application, CommandContext
from riwayat.importing.layout import EMPLOYEE_COLUMNS, HISTORY_COLUMNS
from riwayat.importing.reader import read_rows
from riwayat.importing.run import Importer
from riwayat.infra import event_loop
from riwayat.infra.codec import EventCodec
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import TenantRegistry
from riwayat.projections.registry import make_projector, provision

UNITS = ("BKPSDM", "DINKES", "DISDIKBUD", "BAPPEDA")


def nip_of(i: int) -> tuple[str, date, str]:
    born = date(1970, 1, 1) + timedelta(days=i % 9000)
    sex = 1 + (i // 9000) % 2
    return f"{born:%Y%m%d}200501{sex}{1 + i // 18000:03d}", born, "L" if sex == 1 else "P"


def write_files(folder: Path, employees: int) -> tuple[Path, Path]:
    people, history = [",".join(EMPLOYEE_COLUMNS)], [",".join(HISTORY_COLUMNS)]
    blank = {c: "" for c in HISTORY_COLUMNS}
    for i in range(employees):
        nip, born, sex = nip_of(i)
        unit = UNITS[i % len(UNITS)]
        people.append(
            f"{nip},Pegawai {i},,,Medan,{born:%d-%m-%Y},{sex},PNS,01-01-2005,01-02-2006,III/d,01-04-2019,"
            f"SK/{i},20-03-2019,Analis,01-01-2019,{unit},S1,2004,B{i}"
        )
        rows = [
            dict(jenis="GOLONGAN", tmt=t, nomor_sk=f"SK/{i}/{g}", tanggal_sk=t, golongan=g)
            for t, g in (("01-04-2015", "III/c"), ("01-04-2011", "III/b"), ("01-01-2005", "III/a"))
        ]
        rows += [
            dict(jenis="JABATAN", tmt=t, nomor_sk=f"SKJ/{i}/{t}", tanggal_sk=t, jabatan=j, kode_unor=unit)
            for t, j in (
                ("01-01-2005", "Staf"),
                ("01-01-2010", "Pengadministrasi"),
                ("01-01-2015", "Pengelola"),
            )
        ]
        rows += [
            dict(
                jenis="SKP",
                tahun=str(y),
                hasil_kerja="SESUAI EKSPEKTASI",
                perilaku="SESUAI EKSPEKTASI",
                nip_penilai="197001012000031002",
            )
            for y in range(2014, 2024)
        ]
        rows += [
            dict(
                jenis="DIKLAT",
                tmt=f"01-06-{y}",
                nama_diklat=f"Pelatihan {y}",
                jenis_diklat="CLASSROOM",
                jp="20",
            )
            for y in range(2006, 2019)
        ]
        rows.append(
            dict(
                jenis="HUKDIS",
                tmt="01-03-2008",
                nomor_sk=f"HD/{i}",
                tanggal_sk="20-02-2008",
                tingkat_hukdis="RINGAN",
                keterangan="Teguran lisan",
            )
        )
        for row in rows:
            history.append(",".join((blank | {"nip": nip} | row)[c] for c in HISTORY_COLUMNS))
    (folder / "employees.csv").write_text("\n".join(people) + "\n")
    (folder / "history.csv").write_text("\n".join(history) + "\n")
    return folder / "employees.csv", folder / "history.csv"


async def main(employees: int, concurrency: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="riwayat-import-bench-"))
    started = time.perf_counter()
    people_file, history_file = write_files(folder, employees)
    print(
        f"files: {employees:,} employees, {employees * 30:,} history rows"
        f" ({time.perf_counter() - started:.1f} s)"
    )
    async with bench_database() as db:
        registry = TenantRegistry(db, [provision])
        await registry.ensure_control()
        codec = EventCodec()
        store = EventStore(db, codec, projector=make_projector(codec))
        app = Application(store)

        # Baseline: the plain append bench, same database, same projections, same run.
        base_tenant = await registry.create(f"base{uuid.uuid4().hex[:8]}", "Baseline")
        clients = [_employee(i) for i in range(32)]
        for e in clients:
            await store.append(base_tenant, e.collect_events(), metadata=META)
        n = max(3200, min(employees * 3, 64000)) // 32 * 32
        baseline = await rate(n, lambda: store_appends(store, base_tenant, clients, n, 32))

        tenant = await registry.create(f"imp{uuid.uuid4().hex[:8]}", "Import bench")
        ctx = CommandContext(tenant=tenant, actor="bench", roles=("admin",), request_id="bench")
        for code in UNITS:
            await app.establish_org_unit(ctx, code=code, name=f"Unit {code}")
        total_events, total_seconds = 0, 0.0
        for kind, path in (("employees", people_file), ("history", history_file)):
            t0 = time.perf_counter()
            rows = list(read_rows(path, kind))
            read = time.perf_counter() - t0
            importer = Importer(app, tenant, cut_over=date(2025, 1, 2), concurrency=concurrency)
            outcome = await (importer.employees(rows) if kind == "employees" else importer.history(rows))
            if outcome.problems:
                raise SystemExit(f"{kind}: {len(outcome.problems)} refused, first {outcome.problems[0]}")
            seconds = read + outcome.seconds
            total_events += outcome.events
            total_seconds += seconds
            print(
                f"import {kind:<9} {outcome.rows:>9,} rows {outcome.events:>9,} events {seconds:7.1f} s "
                f"{outcome.events / seconds:>9,.0f} events/s (reading the file {read:.1f} s)"
            )
        print(
            f"import total     {total_events:>9,} events {total_seconds:7.1f} s"
            f" {total_events / total_seconds:>9,.0f} events/s"
        )
        print(f"plain append bench (32 clients, 1 event per append): {baseline:,.0f} events/s")
        print(f"ratio import/plain append: {total_events / total_seconds / baseline:.2f}")
        t0 = time.perf_counter()
        again = await Importer(app, tenant, cut_over=date(2025, 1, 2)).history(
            read_rows(history_file, "history")
        )
        print(
            f"re-run of the history file: {again.written} written, {again.already:,} already imported "
            f"({time.perf_counter() - t0:.1f} s)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=200)
    args = parser.parse_args()
    event_loop.run(main(args.employees, args.concurrency))
