"""One `riwayat serve` with the response cache off, alone under wrk: requests/s and CPU per request of
`employees(first: 20)` at 16, 4 and 1 connections (`bench.http` runs three servers and mixed writes beside).

    python -m bench.graphql_alone [--seconds 4]
"""

from __future__ import annotations

import argparse
import os
import uuid

from bench.common import bench_database, bench_kek_file
from bench.http import LIST, SECRET, cpu_seconds, free_port, seed, serve, wrk
from riwayat.infra import event_loop
from riwayat.infra.auth import issue_token
from riwayat.infra.settings import Settings


async def main(seconds: int) -> None:
    async with bench_database() as db:
        kek = bench_kek_file()
        settings = Settings(database_url=db.url, jwt_secret=SECRET, kek_file=kek)
        slug = f"alone{uuid.uuid4().hex[:8]}"
        await seed(settings, slug)
        token = issue_token(settings, tenant=slug, roles=["hr"], subject="bench")
        env = os.environ | {
            "DATABASE_URL": db.url, "RIWAYAT_JWT_SECRET": SECRET, "RIWAYAT_KEK_FILE": str(kek),
            "RIWAYAT_GRAPHIQL": "off", "RIWAYAT_RESPONSE_CACHE": "off",
        }  # fmt: skip
        port = free_port()
        server = serve(["riwayat.cli", "serve", "--port", str(port)], env, port)
        try:
            for connections in (16, 16, 4, 1):
                before = cpu_seconds(server.pid)
                rps, latency = wrk(port, LIST, token, seconds, connections)
                cpu = (cpu_seconds(server.pid) - before) / (rps * seconds) * 1e6
                print(
                    f"-c{connections}: {rps:,.0f} req/s, {latency:.2f} ms, {cpu:,.0f} µs of CPU per request"
                )
        finally:
            server.terminate()
            server.wait(timeout=15)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=4)
    event_loop.run(main(parser.parse_args().seconds))
