"""The four performance targets of issue 7 in one command, each a ratio to a baseline of the same run.

    python -m bench.run_all [--events 1000000] [--commands 12800] [--seconds 8] [--rounds 3]

Needs the `bench` extra (psycopg, for the eventsourcing baseline) and `wrk` (Debian package).
"""

from __future__ import annotations

import argparse
import platform

from bench import commands, http, rebuild
from riwayat.infra import event_loop


async def main(args: argparse.Namespace) -> None:
    rows = []
    figures = await commands.main(args.commands, 32, args.rounds)
    ours, base = figures["riwayat, inline projections"], figures["eventsourcing save"]
    rows.append(("append: 32 clients, recordTraining", ours, base, "events/s", ">= 8x", ours / base >= 8))
    rows.append(("  (absolute: >= 10,000 events/s)", ours, 10_000, "events/s", ">= 1x", ours >= 10_000))
    rebuilt, raw = await rebuild.main(args.events, args.rounds)
    rows.append(
        (f"rebuild: {args.events:,} events", rebuilt, raw, "events/s", ">= 0.45x", rebuilt / raw >= 0.45)
    )
    served = await http.measure(args.seconds, args.rounds)
    ours_rps, plain_rps = served["graphql"]
    rows.append(
        (
            "GraphQL employees(first: 20)",
            ours_rps,
            plain_rps,
            "req/s",
            ">= 0.30x",
            ours_rps / plain_rps >= 0.3,
        )
    )
    cold, _ = served["graphql_uncached"]
    rows.append(("  (response cache off)", cold, plain_rps, "req/s", "(info)", cold / plain_rps >= 0.3))
    asof, one = served["asof"]
    rows.append(("employeeAsOf latency (100 events)", asof, one, "ms", "<= 2x", asof / one <= 2))
    print(f"\nmachine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"{'target':<38} {'figure':>10} {'baseline':>10} {'unit':>9} {'ratio':>7} {'goal':>9}  met")
    for name, figure, baseline, unit, goal, met in rows:
        ratio = figure / baseline
        met_text = "yes" if met else "NO"
        print(
            f"{name:<38} {figure:>10,.1f} {baseline:>10,.1f} {unit:>9} {ratio:>6.2f}x {goal:>9}  {met_text}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--commands", type=int, default=12800)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    event_loop.run(main(parser.parse_args()))
