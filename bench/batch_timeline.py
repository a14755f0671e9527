"""Where a batch's wall time goes on the committer's critical path: at the server, or between two batches.

    python -m bench.batch_timeline [--commands 12800] [--clients 32] [--rounds 3]

The same commands as `bench.commands` (`Application.record_training` from 32 clients on one tenant, inline
projections). Two batches are in flight, but the second is sent only once the first is written (it is
chained on the head the first leaves), so a run's batches go to the server one after another: events/s is
(commands per batch) ÷ (a batch's statement, as this process waits for it, + the gap from its answer to the
next batch's sending). Each batch's statement is timed from this process's call to the answer it reads
(asyncpg's `fetchrow`, wrapped for the run), so the "statement" figure holds the server's work, its commit
and the time this process took to read the answer while busy with other callers. Printed per round: the
median and 90th percentile of both, and the share of the run with a batch at the server.
"""

from __future__ import annotations

import time

import asyncpg

from bench.append_cpu import one_round
from bench.commands import workload_options
from bench.common import bench_database, median
from riwayat.infra import event_loop

_spans: list[tuple[float, float]] = []


def _timed(fetchrow):
    async def timed(self, query, *args, **kwargs):
        # a batch chained on a known head: `packed.write_on_head` or `statements.write_on_head`
        if not query.startswith("WITH locked"):
            return await fetchrow(self, query, *args, **kwargs)
        start = time.perf_counter()
        row = await fetchrow(self, query, *args, **kwargs)
        _spans.append((start, time.perf_counter()))
        return row

    return timed


def _quantiles(values: list[float]) -> str:
    values = sorted(values)
    return f"{median(values) * 1e6:,.0f} µs (p90 {values[int(len(values) * 0.9)] * 1e6:,.0f})"


def report(spans: list[tuple[float, float]]) -> None:
    """The statements' and gaps' medians and 90th percentiles, and the share of the run with a batch at
    the server (the union of the statements' spans)."""
    spans = sorted(spans)
    statements = [end - start for start, end in spans]
    gaps = [spans[i + 1][0] - spans[i][1] for i in range(len(spans) - 1)]
    busy, reached = 0.0, spans[0][0]
    for start, end in spans:
        if end > reached:
            busy, reached = busy + end - max(start, reached), end
    share = busy / (spans[-1][1] - spans[0][0])
    print(
        f"  {len(spans)} batches: statement {_quantiles(statements)}, gap to the next {_quantiles(gaps)};"
        f" a batch at the server {share:.0%} of the run"
    )


async def main(commands: int, clients: int, rounds: int) -> None:
    asyncpg.Connection.fetchrow = _timed(asyncpg.Connection.fetchrow)
    async with bench_database() as db:
        await one_round(db, clients * 10, clients, True)  # warm-up: imports, plans, caches
        for n in range(rounds):
            _spans.clear()
            rate, _, _, size, _ = await one_round(db, commands, clients, True)
            print(f"round {n + 1}: {rate:,.0f} events/s, {size:.1f} commands per batch")
            report(_spans)


if __name__ == "__main__":
    args = workload_options(__doc__).parse_args()
    event_loop.run(main(args.commands, args.clients, args.rounds))
