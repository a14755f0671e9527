"""PostgreSQL's instructions per appended command, counted by callgrind: a figure that the load of a shared
machine does not move (CPU time on it moved ±40% between runs of one code).

    python -m bench.pg_instructions catch DIR      # a batch's append statement, the server stopped before it
    python -m bench.pg_instructions count DIR [--batches 8 24]

`catch` runs `bench.commands`' workload (`Application.record_training`, 32 clients, inline projections) on
an embedded server in DIR/pg, takes the 8th batch of 16 commands of the timed part as the store makes its
one statement (`attempts.on_head`), and stops the server before that statement is sent: DIR/pg is the
ledger as the statement expects it, DIR/stmt.pickle the statement and its parameters.

`count` runs, on a copy of DIR/pg, a single-user `postgres` under `valgrind --tool=callgrind` that
PREPAREs the statement and EXECUTEs N batches in a row, each in its own committed transaction: the caught
one, then copies of it moved on by its size in positions (one version more per stream, new command ids and
head hashes), so the ledger grows as in a real run and every batch is written. The same with a statement
that only reads its parameters gives what single-user mode spends reading the text; the difference, over
the N2 − N1 extra batches, is the statement's own work, commit included. The user-space instructions only:
the kernel's side of the fsync is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import hashlib
import json
import os
import pickle
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any


def catch(out: Path) -> None:
    from bench.commands import prepare, trainings
    from riwayat.infra.database import Database, start_embedded
    from riwayat.infra.ledger import attempts, packed
    from riwayat.infra.settings import Settings

    out.mkdir(parents=True, exist_ok=True)
    state: dict[str, Any] = {"seen": 0}
    real = attempts.on_head

    async def on_head(session, schema, planned, requests):
        if state.get("armed") and len(requests) >= 16 and session.tx is None:
            state["seen"] += 1
            if state["seen"] >= 8:
                sql, args = packed.write_on_head(
                    schema, planned.head, planned.expected, requests, planned.chained, planned.inline,
                    planned.rows,
                )  # fmt: skip
                caught = {"sql": sql, "args": args, "schema": schema, "n": len(requests)}
                with open(out / "stmt.pickle", "wb") as f:
                    pickle.dump(caught, f)
                state["server"].cleanup()  # blocks the loop: nothing else reaches the server
                print(f"caught a batch of {len(requests)} on head {planned.head.position}", flush=True)
                os._exit(0)
        return await real(session, schema, planned, requests)

    attempts.on_head = on_head

    async def main() -> None:
        url, state["server"] = start_embedded(out)
        db = Database(Settings(database_url=url, pool_max=40))
        await db.start()
        _, app, ctx, employees = await prepare(db, 32, True, prefix="pgi")
        await asyncio.gather(*(trainings(app, ctx, e, 10) for e in employees))
        state["armed"] = True
        await asyncio.gather(*(trainings(app, ctx, e, 100) for e in employees))

    asyncio.run(main())


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.datetime):
        return f"'{value.isoformat()}'"
    if isinstance(value, str) and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no literal for {type(value)}")


def _moved_on(args: list[Any], n: int, k: int) -> list[Any]:
    """The caught batch's parameters for the k-th batch of the row (`packed` layout, the bench's inline
    parts: employees' versions, training hours, checkpoints; the probed versions, if any)."""
    off, moved = n * k, list(args)
    rows = json.loads(args[0])
    for row in rows:
        row["position"] += off
        row["version"] += k
    head = [hashlib.sha256(f"head {i}".encode()).hexdigest() for i in (k - 1, k)]
    moved[0] = json.dumps(rows, separators=(",", ":"), ensure_ascii=False)
    moved[2], moved[3] = args[2] + off, head[1]
    moved[6] = json.dumps([[i + f"-{k}", p + off] for i, p in json.loads(args[6])])
    moved[7], moved[8] = args[7] + off, args[8] if k == 0 else head[0]
    moved[9] = json.dumps([[s, v + k] for s, v in json.loads(args[9])])
    moved[12] = json.dumps([[s, v + k, p + off] for s, v, p in json.loads(args[12])])
    moved[13] = json.dumps([[s, y, h, p + off] for s, y, h, p in json.loads(args[13])])
    if len(args) > 14:  # the checkpoints' position (before `pgcpu2`; NULL, "at the head", since)
        moved[14] = args[14] + off
    return moved


def _reads_only(sql: str) -> str:
    casts: dict[int, str] = {}
    for m in re.finditer(r"\$(\d+)::(\w+(?:\[\])?)", sql):
        casts.setdefault(int(m.group(1)), m.group(2))
    return "SELECT " + ", ".join(f"${k}::{casts[k]}" for k in sorted(casts)) + ", true AS written"


def _instructions(caught: dict, sql: str, batches: int, work: Path) -> tuple[int, int]:
    """(instructions, batches written) of a single-user server running `batches` batches of `sql`."""
    import pgserver

    postgres = Path(pgserver.__file__).parent / "pginstall" / "bin" / "postgres"
    data = work / f"pg-{batches}"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(work.parent / "pg", data, symlinks=True)
    lines = [f"PREPARE s AS {sql};"]
    for k in range(batches):
        params = ", ".join(map(_literal, _moved_on(caught["args"], caught["n"], k)))
        lines += ["BEGIN;", f"EXECUTE s({params});", "COMMIT;"]
    (work / "in.sql").write_text("\n".join(lines) + "\n")
    user = []
    if os.geteuid() == 0:  # as pgserver does: the server refuses to run as root
        subprocess.run(["chown", "-R", "pgserver", str(work)], check=True)
        user = ["runuser", "-u", "pgserver", "--"]
    out = work / "callgrind.out"
    command = (
        f"valgrind --tool=callgrind --callgrind-out-file={out} {postgres} --single -D {data} postgres"
        f" < {work / 'in.sql'} > {work / 'log'} 2>&1"
    )
    subprocess.run([*user, "sh", "-c", command], check=True)
    written = (work / "log").read_text().count('written = "t"')
    total = next(int(line.split()[1]) for line in out.read_text().splitlines() if line.startswith("summary:"))
    shutil.rmtree(data, ignore_errors=True)
    return total, written


def count(directory: Path, batches: tuple[int, int]) -> None:
    with open(directory / "stmt.pickle", "rb") as f:
        caught = pickle.load(f)
    work = directory / "work"
    work.mkdir(exist_ok=True)
    os.chmod(work, 0o777)
    per = {}
    for name, sql in (("statement", caught["sql"]), ("reading the parameters", _reads_only(caught["sql"]))):
        (a, wa), (b, wb) = (_instructions(caught, sql, n, work) for n in batches)
        per[name] = (b - a) / (batches[1] - batches[0])
        written = f"written {wa}/{batches[0]}, {wb}/{batches[1]}"
        print(f"{name}: {per[name]:,.0f} instructions per batch ({written})")
    net = per["statement"] - per["reading the parameters"]
    n = caught["n"]
    print(f"the statement's own: {net:,.0f} per batch of {n} = {net / n:,.0f} per command")


if __name__ == "__main__":
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("what", choices=["catch", "count"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--batches", type=int, nargs=2, default=(8, 24))
    a = parser.parse_args()
    catch(a.directory) if a.what == "catch" else count(a.directory, tuple(a.batches))
