"""A realistic few months of history written through the app's own log (for screenshots and
demos): working days with three to six breaks, an occasional one ended early, sitting stretches,
natural breaks, a rest day, and weekly check-ins where upper-back stiffness eases over the weeks."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from deskbreak.core.player import PlayerResult
from deskbreak.core.review import iso_week_label
from deskbreak.core.streaks import week_start
from deskbreak.storage.break_log import BreakLog

ROUTINES = ("upper-back-basics", "quick-reset", "deep-mobility")


def _moment(day: date, hour: float, tz: object) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz) + timedelta(hours=hour)  # type: ignore[arg-type]


def seed(log: BreakLog, today: date, weeks: int = 12, seed_value: int = 7) -> None:
    """Fill `log` with `weeks` weeks of history up to yesterday (today is left to the app)."""
    rng = random.Random(seed_value)
    tz = datetime.now().astimezone().tzinfo
    first = week_start(today) - timedelta(weeks=weeks)
    day = first
    while day < today:
        if day.weekday() < 5:
            if rng.random() < 0.04:
                log.events.rest_day(day, _moment(day, 8.5, tz))
            else:
                _working_day(log, day, tz, rng, habit=min(1.0, 0.55 + (day - first).days / 120))
        day += timedelta(days=1)
    for n in range(weeks):
        friday = first + timedelta(weeks=n, days=4)
        if friday >= today or rng.random() < 0.15:
            continue
        stiffness = max(1, round(7 - 4 * n / max(1, weeks - 1) + rng.uniform(-0.8, 0.8)))
        pain = max(0, round(4 - 2 * n / max(1, weeks - 1) + rng.uniform(-0.8, 0.8)))
        note = "long drive on Sunday" if n == 3 else ""
        log.events.check_in(_moment(friday, 16.1, tz), iso_week_label(friday), stiffness, pain, note)


def _working_day(log: BreakLog, day: date, tz: object, rng: random.Random, habit: float) -> None:
    hour = 8.75 + rng.uniform(0, 0.5)
    for _ in range(rng.randint(5, 7)):
        sat = rng.uniform(0.6, 1.6)  # hours at the desk before this pause
        start = _moment(day, hour, tz)
        end = start + timedelta(hours=sat)
        if end.hour >= 18:
            break
        if rng.random() < habit:
            log.events.sitting(start, end, "break")
            _take_break(log, end, rng, sat)
            hour += sat + 0.08
        else:
            log.events.sitting(start, end, "natural_break")
            away = rng.uniform(0.1, 0.6)
            log.events.natural_break(end, end + timedelta(hours=away))
            hour += sat + away


def _take_break(log: BreakLog, at: datetime, rng: random.Random, sat_hours: float) -> None:
    reminder = log.reminder_shown(at, timedelta(hours=sat_hours)) if rng.random() < 0.8 else None
    rid = log.break_started(
        at, rng.choice(ROUTINES), reminder_id=reminder, sitting_for=timedelta(hours=sat_hours)
    )
    steps = rng.choice((6, 8, 10))
    done = steps if rng.random() < 0.85 else rng.randint(1, steps - 1)
    active = timedelta(seconds=rng.randint(150, 300) * done // steps)
    result = PlayerResult(done == steps, done, steps, 0, active)
    log.break_finished(rid, at + active + timedelta(seconds=20), result)
    if rng.random() < 0.5:
        log.break_feedback(rid, feedback=rng.choice(("too_easy", "about_right", "about_right", "too_hard")))
