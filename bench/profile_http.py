"""Where an uncached `employees(first: 20)` request spends its time: `riwayat serve` with the response cache
off under wrk, sampled by py-spy; prints the top functions by inclusive and by own samples.

    python -m bench.profile_http [--seconds 10] [--top 25] [--query list|mixed|writes]
                                 [--server-path /work/main]

`--query writes`: the `recordTraining` mutations of `bench.http`'s mixed run, without the reads.

`--server-path` runs the server from another checkout (its PYTHONPATH), for a before/after in one sitting.
Needs `wrk` and `py-spy` (`pip install py-spy`; sampling another process may need root or ptrace rights).
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import tempfile
from pathlib import Path

import httpx

from bench.common import bench_database
from bench.http import LIST, free_port, mixed_bodies, seeded, serve, wrk_result, wrk_start
from riwayat.infra import event_loop


def summarise(raw: Path, top: int) -> None:
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [f.split(" (")[0] + " " + f.rsplit("/", 1)[-1].split(":")[0].rstrip(")")
                  for f in stack.split(";")]  # fmt: skip
        for frame in set(frames):
            inclusive[frame] += n
        own[frames[-1]] += n
    print(f"{total} samples")
    for title, counter in (("inclusive", inclusive), ("own", own)):
        print(f"-- top {top} by {title} samples")
        for frame, n in counter.most_common(top):
            print(f"{100 * n / total:5.1f}%  {frame}")


async def main(seconds: int, top: int, query: str, server_path: str | None) -> None:
    async with bench_database() as db:
        _, token, env = await seeded(db, "prof")
        env["RIWAYAT_RESPONSE_CACHE"] = "off"
        if server_path:
            env["PYTHONPATH"] = server_path
        port = free_port()
        server = serve(["riwayat.cli", "serve", "--port", str(port)], env, port)
        try:
            response = httpx.post(
                f"http://127.0.0.1:{port}/graphql", json={"query": LIST},
                headers={"Authorization": f"Bearer {token}"},
            )  # fmt: skip
            assert len(response.json()["data"]["employees"]["edges"]) == 20, response.text
            reads, writes = mixed_bodies(token, port)
            bodies = {"mixed": reads, "writes": writes}.get(query, [{"query": LIST}])
            raw = Path(tempfile.mkstemp(suffix=".txt")[1])
            load = wrk_start(port, bodies, token, seconds + 2, 16)
            subprocess.run(
                ["py-spy", "record", "-p", str(server.pid), "-d", str(seconds), "-r", "100", "-f", "raw",
                 "-o", str(raw)],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            rps, _ = wrk_result(load, seconds + 2)
            print(f"{rps:,.0f} req/s under the profiler")
            summarise(raw, top)
        finally:
            server.terminate()
            server.wait(timeout=15)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--query", choices=("list", "mixed", "writes"), default="list")
    parser.add_argument("--server-path", default=None)
    args = parser.parse_args()
    event_loop.run(main(args.seconds, args.top, args.query, args.server_path))
