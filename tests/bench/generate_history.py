"""A dense, realistic history for benchmarks: years of desk days in Europe/Berlin (with DST).

    python tests/bench/generate_history.py OUT.sqlite3 [--years 5] [--per-day 60] [--seed 1]

Each day has `per_day` events on average (working days more, weekends fewer): reminders
(snoozed, skipped, answered with a break), breaks (completed or ended early, with feedback now
and then), sitting stretches and natural breaks, plus a Friday check-in and a rest day every
few weeks. Rows go in with
executemany while the `days` triggers are off; `days.rebuild` then works every day out once and
the triggers are put back, all in one transaction (much faster than a trigger run per row).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from deskbreak.storage import days
from deskbreak.storage.database import connect
from deskbreak.storage.schema_v2 import placed

ZONE = ZoneInfo("Europe/Berlin")
LAST_DAY = date(2026, 11, 27)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _day_rows(rng: random.Random, day: date, per_day: int, next_id: int, uid: random.Random):
    """(breaks rows, events rows) of one day."""
    breaks: list[tuple[object, ...]] = []
    events: list[tuple[object, ...]] = []

    def new_uid() -> str:
        return str(uuid.UUID(int=uid.getrandbits(128), version=4))

    def event(kind: str, at: datetime, ended: datetime | None, seconds, how, data=None) -> None:
        at_utc, local, offset = placed(at)
        events.append((new_uid(), kind, _iso(at), at_utc, local, offset, _iso(ended) if ended else None,
                       seconds, how, json.dumps(data or {}, sort_keys=True)))  # fmt: skip

    moment = datetime(day.year, day.month, day.day, 7, rng.randint(0, 59), tzinfo=ZONE)
    count = max(4, int(rng.gauss(per_day, per_day / 6)))
    slot = 14 * 60 / (count / 1.75)  # minutes: the day's events fit between 7:00 and about 21:00
    while len(breaks) + len(events) < count:
        sat = timedelta(minutes=round(slot * rng.uniform(0.4, 0.9), 1))
        end = moment + sat
        event("sitting", moment, end, sat.total_seconds(), rng.choice(["break", "natural_break", "lock"]))
        roll = rng.random()
        step = timedelta(minutes=round(slot * rng.uniform(0.05, 0.3), 1))
        if roll < 0.35:
            away = step
            event("natural_break", end, end + away, away.total_seconds(), rng.choice(["idle", "lock"]))
        elif roll < 0.75:
            at_utc, local, offset = placed(end)
            outcome = rng.choices(["completed", "ended_early", "snoozed", "skipped"], [6, 2, 3, 1])[0]
            started = outcome in ("completed", "ended_early")
            total = rng.choice([4, 5, 6])
            done = total if outcome == "completed" else rng.randint(0, total - 1) if started else None
            feedback = rng.choice([None, None, "too_easy", "about_right", "too_hard"]) if started else None
            breaks.append((next_id, _iso(end), 1, outcome, sat.total_seconds(),
                           _iso(end) if started else None,
                           _iso(end + timedelta(minutes=3)) if started else None,
                           "upper-back-basics" if started else None, done, total if started else None,
                           0 if started else None, float(rng.randint(60, 200)) if started else None,
                           _iso(end + timedelta(seconds=20)), new_uid(), at_utc, local, offset, feedback,
                           int(started and rng.random() < 0.03)))  # fmt: skip
            next_id += 1
        moment = end + step
    if day.weekday() == 4:
        week = f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}"
        data = {
            "week": week,
            "stiffness": rng.randint(0, 10),
            "low_back_pain": rng.randint(0, 10),
            "note": "",
        }
        event("checkin", moment, None, None, None, data)
    if rng.random() < 0.02:
        event("rest_day", moment, None, None, "rest")
    return breaks, events


def generate(conn: sqlite3.Connection, years: int = 5, per_day: int = 60, seed: int = 1) -> int:
    """Fill `conn` (a migrated database) with `years` of days; returns the events written."""
    rng = random.Random(seed)
    uid = random.Random(seed + 1)
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM breaks").fetchone()[0]) + 1
    first = LAST_DAY - timedelta(days=365 * years)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    written = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        day = first
        while day <= LAST_DAY:
            # working days busier than weekends; `per_day` on average over a week
            busy = per_day * 6 // 5 if day.weekday() < 5 else per_day // 2
            breaks, events = _day_rows(rng, day, busy, next_id, uid)
            next_id += len(breaks)
            conn.executemany(
                "INSERT INTO breaks (id, at, reminded, outcome, sitting_seconds, started_at, ended_at,"
                " routine_id, steps_done, steps_total, steps_skipped, active_seconds, answered_at, uid,"
                " at_utc, local_date, utc_offset, feedback, pain)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                breaks,
            )
            conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
            written += len(breaks) + len(events)
            day += timedelta(days=1)
        days.rebuild(conn)
        for _, sql in triggers:  # every trigger as it was (the days' and schema 3's)
            conn.execute(sql)
        # The bulk load bypassed the note of changed days: a streak walk saved before is stale.
        conn.execute("DELETE FROM app_state WHERE key = 'streak_walk'")
        conn.execute("COMMIT")
    except BaseException:
        conn.rollback()
        raise
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--per-day", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    began = time.perf_counter()
    conn = connect(args.out)
    written = generate(conn, args.years, args.per_day, args.seed)
    conn.close()
    print(f"{written:,} events in {time.perf_counter() - began:.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
