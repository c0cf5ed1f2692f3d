"""A realistic, repeatable review for tests, the README screenshot and the benchmark.

    from tests.ui.review_samples import sample_review
    review = sample_review(date(2026, 11, 26))

About ten weeks of history ending `today`: working days mostly meet the goal of 4 breaks, a few
fall short (one covered by a freeze earned the week before), one rest day, weekends with the odd
natural break; and six weekly check-ins with upper-back stiffness easing from 7 to 3.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from deskbreak.core.review import CheckIn, DaySummary, Review, build_review, iso_week_label
from deskbreak.core.streaks import week_start

WEEKS = 10
STIFFNESS = (7, 6, 6, 4, 4, 3)  # one drop of 2 points (a change that matters), the rest of 1 or 0
LOW_BACK_PAIN = (4, 4, 3, 3, 2, 2)


def sample_days(today: date, seed: int = 48) -> dict[date, DaySummary]:
    rng = random.Random(seed)
    first = week_start(today) - timedelta(weeks=WEEKS - 1)
    days: dict[date, DaySummary] = {}
    day = first
    while day <= today:
        weeks_in = (day - first).days // 7
        if day.weekday() >= 5:
            natural = rng.choice((0, 0, 1, 2))
            days[day] = DaySummary(natural_breaks=natural, longest_sitting_seconds=rng.randint(20, 90) * 60)
        else:
            # Early weeks are patchier; later ones settle into the habit.
            breaks = rng.choice((2, 3, 4, 4, 5) if weeks_in < 4 else (3, 4, 4, 5, 5, 6))
            started = breaks + rng.choice((0, 0, 1))
            days[day] = DaySummary(
                breaks=breaks,
                breaks_started=started,
                natural_breaks=rng.choice((0, 1, 1, 2, 3)),
                movement_seconds=breaks * rng.randint(150, 260),
                longest_sitting_seconds=rng.randint(45, 140) * 60,
                reminders=started + rng.randint(0, 2),
            )
        day += timedelta(days=1)
    # A full week all met two weeks ago earns a freeze; last week's Wednesday falls short and uses it.
    full = week_start(today) - timedelta(weeks=2)
    for n in range(5):
        d = full + timedelta(days=n)
        sat = (70 + 5 * n) * 60
        days[d] = DaySummary(4 + n % 2, 5, 1, movement_seconds=1000 + 60 * n, longest_sitting_seconds=sat)
    short = full + timedelta(weeks=1, days=2)
    days[short] = DaySummary(2, 3, movement_seconds=420, longest_sitting_seconds=150 * 60)
    rest = week_start(today) - timedelta(weeks=5, days=-3)  # a Thursday five weeks back
    days[rest] = DaySummary(rest=True)
    return days


def sample_checkins(today: date) -> list[CheckIn]:
    this_monday = week_start(today)
    items = []
    for n, (stiff, pain) in enumerate(zip(STIFFNESS, LOW_BACK_PAIN, strict=True)):
        monday = this_monday - timedelta(weeks=len(STIFFNESS) - n)
        at = datetime.combine(monday + timedelta(days=7), time(9, 15))  # answered the Monday after
        note = "Long drive at the weekend." if n == 2 else ""
        items.append(CheckIn(iso_week_label(monday), at, stiff, pain, note))
    return items


def sample_review(today: date, week_of: date | None = None) -> Review:
    return build_review(sample_days(today), sample_checkins(today), today, week_of=week_of)
