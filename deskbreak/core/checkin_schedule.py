"""When the weekly check-in is asked, and when the Monday summary is shown.

Times here are local wall-clock times without a zone (`now.replace(tzinfo=None)`): "Friday at
16:00" means 16:00 on the user's clock whatever the UTC offset is that day, so a DST change or
a move to another timezone never shifts or repeats it.

The check-in is asked at its slot (the configured day and time) in each ISO week. If the app
was not running then, it is asked at the next start: the latest slot that has passed counts,
until it is answered or put off with "Not now" (either closes that week's question).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta

from .weeks import iso_week_label, week_start


def slot(monday: date, day: int, at: time) -> datetime:
    """The check-in time of the week starting `monday`."""
    return datetime.combine(monday + timedelta(days=day), at)


def latest_slot(now: datetime, day: int, at: time) -> datetime:
    """The last check-in time at or before `now` (this week's, or last week's)."""
    this_week = slot(week_start(now.date()), day, at)
    return this_week if this_week <= now else this_week - timedelta(weeks=1)


def next_slot(now: datetime, day: int, at: time) -> datetime:
    """The first check-in time after `now`."""
    return latest_slot(now, day, at) + timedelta(weeks=1)


def checkin_due(
    now: datetime,
    day: int,
    at: time,
    closed_weeks: Collection[str],
    first_day: date | None,
) -> str | None:
    """The ISO week whose check-in should be asked now, or None.

    `closed_weeks`: weeks answered or put off. `first_day`: the first day the history has
    anything for; a week before deskbreak was in use is never asked about.
    """
    when = latest_slot(now, day, at)
    week = iso_week_label(when.date())
    if week in closed_weeks or first_day is None or first_day > when.date():
        return None
    return week


def summary_due(
    now: datetime, work_days: Collection[int], shown_for: str | None, morning: time = time(6, 0)
) -> str | None:
    """The ISO week whose Monday summary should be shown now (about the week before), or None.

    It comes on the first working day of a week that deskbreak runs, from `morning` on, once.
    """
    today = now.date()
    if today.weekday() not in work_days or now.time() < morning:
        return None
    week = iso_week_label(today)
    return None if week == shown_for else week
