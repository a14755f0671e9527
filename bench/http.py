"""GraphQL over HTTP, measured with wrk on 127.0.0.1 (bounded in time), against plain Starlette.

    python -m bench.http [--seconds 8] [--rounds 3] [--connections 16]

Targets of issue 7 measured here, each in one run:
- `employees(first: 20)` with 8 scalar fields: requests/s of `riwayat serve` ÷ requests/s of plain Starlette
  returning the same JSON bytes (both uvicorn, one worker, the same wrk); the repeated query is answered by
  the head-validated response cache, so the same figure is also measured with the cache off;
- the same with the cache off as CPU time per request of each server (/proc), and a mixed run: 16 readers
  with varied variables (search prefixes, unit filters, page sizes, pages) while 4 writers record trainings;
- `employeeAsOf` (effective date) of an employee with 100 events ÷ `employee` of the same, by latency.
Needs `wrk` (Debian package `wrk`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from bench.common import bench_database, bench_kek_file, median
from riwayat.application import CommandContext
from riwayat.domain.values import Decree
from riwayat.infra import event_loop
from riwayat.infra.auth import issue_token
from riwayat.infra.settings import Settings
from riwayat.services import services

SECRET = "bench-secret-" + "z" * 32
LIST = (
    "{ employees(first: 20) { edges { node { id nip name gender employmentType status rank position } } } }"
)
ONE = '{ employee(id: "%s") { rank status position unit { code } version } }'
AS_OF = '{ employeeAsOf(id: "%s", effectiveOn: "2026-01-01") { rank status position unit { code } version } }'


READ = (
    "query($f: EmployeeFilter, $first: Int, $after: String) {"
    " employees(filter: $f, first: $first, after: $after)"
    " { edges { node { id nip name gender employmentType status rank position } } } }"
)
WRITE = (
    "mutation($i: RecordTrainingInput!) {"
    " recordTraining(input: $i) { employee { version } errors { code } } }"
)


def mixed_bodies(token: str, port: int) -> tuple[list[dict], list[dict]]:
    """Readers' varied requests (search prefixes, unit filters, page sizes, pages) and writers' trainings."""
    listing = httpx.post(
        f"http://127.0.0.1:{port}/graphql",
        json={"query": "{ employees(first: 40) { edges { cursor node { id unit { id } } } } }"},
        headers={"Authorization": f"Bearer {token}"},
    ).json()["data"]["employees"]["edges"]  # fmt: skip
    unit = listing[0]["node"]["unit"]["id"]
    reads: list[dict] = []
    for k in range(40):
        filters = [{"search": f"Pegawai {k % 4}"}, {"search": "1986092620150"}, {"unitId": unit}, {}]
        variables = {"f": filters[k % 4], "first": (5, 10, 20)[k % 3]}
        if k % 5 == 0:
            variables["after"] = listing[k % 30]["cursor"]
        reads.append({"query": READ, "variables": variables})
    writes = [
        {"query": WRITE, "variables": {"i": {
            "employeeId": edge["node"]["id"], "title": f"Bench {n}", "kind": "E_LEARNING", "hours": 1,
            "completedOn": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"}}}
        for n, edge in enumerate(listing[1:])
    ]  # fmt: skip
    return reads, writes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def seed(settings: Settings, slug: str, employees: int = 40) -> str:
    """`employees` employees (40); the first has 100 events. Returns that employee's id."""
    async with services(settings) as svc:
        tenant = await svc.tenants.create(slug, "Bench")
        ctx = CommandContext(tenant=tenant, actor="bench", roles=("hr",), request_id="bench")
        app = svc.application
        unit = (await app.establish_org_unit(ctx, code="BKPSDM", name="BKPSDM")).stream_id
        ids = []
        for i in range(employees):
            result = await app.hire_employee(
                ctx, nip=f"19860926201505{1 + i % 2}{i + 1:03d}", name=f"Pegawai {i:02d}",
                gender="MALE" if i % 2 == 0 else "FEMALE", birth_date=date(1986, 9, 26),
                employment_type="PNS", rank="III/a", position="Analis", unit_id=unit,
                effective_on=date(2015, 5, 1),
                decree=Decree("SK-1", date(2015, 4, 1)),
            )  # fmt: skip
            ids.append(result.stream_id)
        for k in range(99):
            await app.record_training(
                ctx, employee_id=ids[0], title=f"Pelatihan {k}", kind="E_LEARNING", hours=2,
                completed_on=date(2016 + k % 10, 1 + k % 12, 1),
            )  # fmt: skip
        return str(ids[0])


async def seeded(db: Any, prefix: str) -> tuple[str, str, dict[str, str]]:
    """A seeded tenant on the bench's database: (the first employee's id, an hr token, the environment a
    `riwayat serve` of it runs with: GraphiQL off, the response cache as this process's environment says)."""
    kek = bench_kek_file()
    settings = Settings(database_url=db.url, jwt_secret=SECRET, kek_file=kek)
    slug = f"{prefix}{uuid.uuid4().hex[:8]}"
    employee_id = await seed(settings, slug)
    token = issue_token(settings, tenant=slug, roles=["hr"], subject="bench")
    env = os.environ | {
        "DATABASE_URL": db.url, "RIWAYAT_JWT_SECRET": SECRET, "RIWAYAT_KEK_FILE": str(kek),
        "RIWAYAT_GRAPHIQL": "off",
    }  # fmt: skip
    return employee_id, token, env


def serve(args: list[str], env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", *args], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": "{__typename}"}, timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server {args} did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc): per request, it does not move with the
    machine's load the way requests/s do."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(port: int, query: str, token: str | None, seconds: int, connections: int) -> tuple[float, float]:
    """(requests/s, mean latency in ms)."""
    return wrk_result(wrk_start(port, [{"query": query}], token, seconds, connections), seconds)


def wrk_start(port: int, bodies: list[dict], token: str | None, seconds: int, connections: int) -> Any:
    """wrk posting one of `bodies` (chosen at random per request) for `seconds`; started, not awaited."""
    auth = f'wrk.headers["Authorization"] = "Bearer {token}"\n' if token else ""
    table = ", ".join(json.dumps(json.dumps(b)) for b in bodies)
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(
        'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
        f"{auth}bodies = {{{table}}}\nwrk.body = bodies[1]\n"
        + ("request = function() return wrk.format(nil, nil, nil, bodies[math.random(#bodies)]) end\n"
           if len(bodies) > 1 else "")
    )  # fmt: skip
    return subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script),
         f"http://127.0.0.1:{port}/graphql"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip


def wrk_result(process: Any, seconds: int) -> tuple[float, float]:
    out = process.communicate(timeout=seconds + 30)[0]
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw errors:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    value, unit = re.search(r"Latency\s+([\d.]+)(us|ms|s)", out).groups()
    latency = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rps, latency


async def measure(seconds: int = 8, rounds: int = 3, connections: int = 16) -> dict[str, tuple[float, float]]:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    async with bench_database() as db:
        employee_id, token, env = await seeded(db, "http")
        ours_port, plain_port, cold_port = free_port(), free_port(), free_port()
        ours = serve(["riwayat.cli", "serve", "--port", str(ours_port)], env, ours_port)
        cold_env = env | {"RIWAYAT_RESPONSE_CACHE": "off"}
        cold = serve(["riwayat.cli", "serve", "--port", str(cold_port)], cold_env, cold_port)
        body_file = Path(tempfile.mkstemp(suffix=".json")[1])
        response = httpx.post(
            f"http://127.0.0.1:{ours_port}/graphql", json={"query": LIST},
            headers={"Authorization": f"Bearer {token}"},
        )  # fmt: skip
        assert len(response.json()["data"]["employees"]["edges"]) == 20, response.text
        body_file.write_bytes(response.content)
        plain = serve(
            ["bench.plain_app", "--port", str(plain_port), "--body-file", str(body_file)], env, plain_port
        )
        try:
            names = ("list", "cold", "plain", "one", "asof", "mixed_read", "mixed_write")
            names += ("cold_cpu", "plain_cpu")
            figures: dict[str, list[float]] = {k: [] for k in names}
            reads, writes = mixed_bodies(token, cold_port)
            for _ in range(rounds):
                figures["list"].append(wrk(ours_port, LIST, token, seconds, connections)[0])
                before = cpu_seconds(cold.pid)
                figures["cold"].append(wrk(cold_port, LIST, token, seconds, connections)[0])
                figures["cold_cpu"].append((cpu_seconds(cold.pid) - before) / (figures["cold"][-1] * seconds))
                before = cpu_seconds(plain.pid)
                figures["plain"].append(wrk(plain_port, LIST, None, seconds, connections)[0])
                spent = cpu_seconds(plain.pid) - before
                figures["plain_cpu"].append(spent / (figures["plain"][-1] * seconds))
                figures["one"].append(wrk(ours_port, ONE % employee_id, token, seconds // 2, 1)[1])
                figures["asof"].append(wrk(ours_port, AS_OF % employee_id, token, seconds // 2, 1)[1])
                readers = wrk_start(cold_port, reads, token, seconds, 16)
                writers = wrk_start(cold_port, writes, token, seconds, 4)
                figures["mixed_read"].append(wrk_result(readers, seconds)[0])
                figures["mixed_write"].append(wrk_result(writers, seconds)[0])
        finally:
            for process in (ours, cold, plain):
                process.terminate()
                process.wait(timeout=15)
    return {
        "graphql": (median(figures["list"]), median(figures["plain"])),
        "graphql_uncached": (median(figures["cold"]), median(figures["plain"])),
        "cpu_per_request": (median(figures["cold_cpu"]), median(figures["plain_cpu"])),
        "asof": (median(figures["asof"]), median(figures["one"])),
        "mixed": (median(figures["mixed_read"]), median(figures["mixed_write"])),
    }


async def main(seconds: int, rounds: int, connections: int) -> None:
    result = await measure(seconds, rounds, connections)
    ours, plain = result["graphql"]
    asof, one = result["asof"]
    print(
        f"employees(first: 20), 8 fields: {ours:,.0f} req/s; plain Starlette, same JSON: {plain:,.0f} req/s"
    )
    print(f"  ratio {ours / plain:.2f} (target ≥ 0.30; repeated query, no writes: answered from the cache)")
    cold, _ = result["graphql_uncached"]
    print(f"  with RIWAYAT_RESPONSE_CACHE=off: {cold:,.0f} req/s, ratio {cold / plain:.2f}")
    cold_cpu, plain_cpu = result["cpu_per_request"]
    print(
        f"  CPU per request, cache off: {cold_cpu * 1e6:,.0f} µs; plain Starlette {plain_cpu * 1e6:,.0f} µs"
        f" = {plain_cpu / cold_cpu:.3f}× (the ratio on an idle core; steadier under load than requests/s)"
    )
    reads, writes = result["mixed"]
    print(
        f"  mixed, cache off: 16 readers (varied search/unit/page variables) {reads:,.0f} req/s"
        f" = {reads / plain:.2f}× plain, while 4 writers record trainings at {writes:,.0f}/s"
    )
    print(f"employeeAsOf, 100 events: {asof:.2f} ms; employee: {one:.2f} ms")
    print(f"  ratio {asof / one:.2f} (target ≤ 2)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    event_loop.run(main(args.seconds, args.rounds, args.connections))
