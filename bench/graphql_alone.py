"""One `riwayat serve` with the response cache off, alone under wrk: requests/s and CPU per request of
`employees(first: 20)` at 16, 4 and 1 connections (`bench.http` runs three servers and mixed writes beside).

    python -m bench.graphql_alone [--seconds 4]
"""

from __future__ import annotations

import argparse

from bench.common import bench_database
from bench.http import LIST, cpu_seconds, free_port, seeded, serve, wrk
from riwayat.infra import event_loop


async def main(seconds: int) -> None:
    async with bench_database() as db:
        _, token, env = await seeded(db, "alone")
        env["RIWAYAT_RESPONSE_CACHE"] = "off"
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
