"""`recordTraining` mutations over HTTP to `riwayat serve --workers N` for N = 1, 2, 4 (issue 20.2), one
tenant, measured in one run with the 1-worker figure as the baseline; wrk on 127.0.0.1, bounded in time.

    python -m bench.workers_http [--workers 1,2,4] [--seconds 8] [--connections 32] [--rounds 2]
                                 [--employees 40]

Unlike `bench.workers` (the append path alone, in-process clients), each command here is a whole request:
HTTP, GraphQL parsing and execution, the decision and the append; wrk (one thread, C) is the only client.
It posts one of 39 employees' trainings per request at random (`--employees 600`: one of 599), so two
workers meet on one employee now and then (with 599, seldom). The server runs with its defaults (writer
hand-off on); `--handoff off` sets RIWAYAT_WRITER_HANDOFF=off. Each run also prints the CPU per mutation
of the server's processes and of PostgreSQL's (every `postgres` process of the machine). Needs `wrk`.
"""

from __future__ import annotations

import argparse
import os
import uuid

import httpx

from bench.append_cpu import server_cpu
from bench.common import bench_database, bench_kek_file, median, processes
from bench.http import SECRET, WRITE, free_port, mixed_bodies, seed, serve, wrk_result, wrk_start
from riwayat.infra import event_loop
from riwayat.infra.auth import issue_token
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import TenantRegistry


async def main(
    workers: list[int], seconds: int, connections: int, rounds: int, handoff: bool, employees: int
) -> None:
    async with bench_database() as db:
        kek = bench_kek_file()
        settings = Settings(database_url=db.url, jwt_secret=SECRET, kek_file=kek)
        slug = f"wh{uuid.uuid4().hex[:8]}"
        first = await seed(settings, slug, employees)
        token = issue_token(settings, tenant=slug, roles=["hr"], subject="bench")
        env = os.environ | {
            "DATABASE_URL": db.url, "RIWAYAT_JWT_SECRET": SECRET, "RIWAYAT_KEK_FILE": str(kek),
            "RIWAYAT_GRAPHIQL": "off", "RIWAYAT_WRITER_HANDOFF": "on" if handoff else "off",
        }  # fmt: skip
        rates: dict[int, list[float]] = {w: [] for w in workers}
        writes = None
        for _ in range(rounds):
            for w in workers:
                port = free_port()
                server = serve(["riwayat.cli", "serve", "--port", str(port), "--workers", str(w)], env, port)
                try:
                    if writes is None:
                        many = employees > 40
                        writes = await _writes(db, slug, first) if many else mixed_bodies(token, port)[1]
                    for _ in range(4 * w):  # every worker has served a mutation (warm) before measuring
                        httpx.post(f"http://127.0.0.1:{port}/graphql", json=writes[0],
                                   headers={"Authorization": f"Bearer {token}"})  # fmt: skip
                    cpu = tree_cpu(server.pid), server_cpu()
                    rate, latency = wrk_result(wrk_start(port, writes, token, seconds, connections), seconds)
                    done = rate * seconds
                    cpu = (tree_cpu(server.pid) - cpu[0]) / done * 1e6, (server_cpu() - cpu[1]) / done * 1e6
                finally:
                    server.terminate()
                    server.wait(timeout=30)
                rates[w].append(rate)
                print(
                    f"  {w} worker(s): {rate:,.0f} mutations/s, mean latency {latency:.1f} ms;"
                    f" CPU per mutation: workers {cpu[0]:.0f} µs, PostgreSQL {cpu[1]:.0f} µs",
                    flush=True,
                )
        base = median(rates[workers[0]])
        print(f"handoff {'on' if handoff else 'off'}, {connections} connections, {seconds} s, medians:")
        for w in workers:
            print(f"{w:<3} workers {median(rates[w]):>8,.0f} mutations/s {median(rates[w]) / base:>6.2f}×")


def tree_cpu(root: int) -> float:
    """CPU seconds used so far by the server process `root` and its children (the workers), from /proc."""
    ticks = sum(cpu[0] + cpu[1] for pid, _, parent, cpu in processes() if root in (pid, parent))
    return ticks / os.sysconf("SC_CLK_TCK")


async def _writes(db, slug: str, first: str) -> list[dict]:
    """`mixed_bodies`' trainings for every employee but the first (the one with 100 events)."""
    pool = await db.pool_for_tenant(slug)
    schema = (await TenantRegistry(db).require(slug)).schema
    ids = [str(r["id"]) for r in await pool.fetch(f"SELECT id FROM {schema}.employees ORDER BY id")]
    return [
        {"query": WRITE, "variables": {"i": {
            "employeeId": employee, "title": f"Bench {n}", "kind": "E_LEARNING", "hours": 1,
            "completedOn": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"}}}
        for n, employee in enumerate(i for i in ids if i != first)
    ]  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--handoff", choices=("on", "off"), default="on")
    parser.add_argument("--employees", type=int, default=40)
    args = parser.parse_args()
    event_loop.run(main([int(w) for w in args.workers.split(",")], args.seconds, args.connections,
                     args.rounds, args.handoff == "on", args.employees))  # fmt: skip
