"""Benchmark: streak figures over years of dense history (issue 7's target: <= 50 ms for the week's
figures and streaks over 5 years; at 10x the data within 3x the time).

    python tests/bench/bench_streaks.py [--years 5] [--repeat 20]

A report, not a gate: it prints the figures and exits 0.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from deskbreak.core.streaks import DayTally, GoalSettings, streaks


def history(years: int, seed: int = 1) -> dict[date, DayTally]:
    """Dense: every day has a tally, like a user who takes 0-8 breaks a day for `years` years."""
    rng = random.Random(seed)
    first = date(2026, 11, 30) - timedelta(days=365 * years)
    return {
        first + timedelta(days=n): DayTally(
            breaks=rng.choices(range(9), weights=[3, 2, 2, 3, 6, 5, 3, 2, 1])[0],
            natural_breaks=rng.randint(0, 4),
            rest=rng.random() < 0.02,
        )
        for n in range(365 * years + 1)
    }


def timed(days: dict[date, DayTally], today: date, repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        streaks(days, today, GoalSettings())
        runs.append((time.perf_counter() - began) * 1000)
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    today = date(2026, 11, 30)
    base = timed(history(args.years), today, args.repeat)
    big = timed(history(args.years * 10), today, max(3, args.repeat // 4))
    median, median_big = statistics.median(base), statistics.median(big)
    print(f"{args.years} years ({365 * args.years + 1:,} days): median {median:.1f} ms (target <= 50 ms)")
    print(f"{args.years * 10} years: median {median_big:.1f} ms, {median_big / median:.1f}x (target <= 3x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
