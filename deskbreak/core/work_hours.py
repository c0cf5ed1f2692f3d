"""Working hours: when deskbreak counts sitting and reminds. Outside them nothing counts.

Hours are local wall-clock times on the working days (`work_days`), from `start` to `end` on
the same day (an end at or before the start runs past midnight, for night shifts). `None`
anywhere means "always". Pure: the caller hands in an aware local datetime.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .calendar_values import format_time_of_day, parse_time_of_day
from .problems import quoted

ALWAYS = "always"


@dataclass(frozen=True)
class WorkHours:
    start: time
    end: time

    def describe(self) -> str:
        return f"{format_time_of_day(self.start)}-{format_time_of_day(self.end)}"

    def _window(self, day: datetime) -> tuple[datetime, datetime]:
        """The working window that starts on `day`'s date, as aware datetimes in its zone."""
        begin = day.replace(hour=self.start.hour, minute=self.start.minute, second=0, microsecond=0)
        end = day.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)
        if end <= begin:
            end += timedelta(days=1)
        return begin, end


def working(now: datetime, hours: WorkHours | None, days: frozenset[int]) -> bool:
    """Whether `now` (aware, local) falls in working time."""
    if hours is None:
        return now.weekday() in days
    for back in (0, 1):  # a window that began yesterday may still be open (past midnight)
        begin, end = hours._window(now - timedelta(days=back))
        if begin.weekday() in days and begin <= now < end:
            return True
    return False


def next_start(now: datetime, hours: WorkHours | None, days: frozenset[int]) -> datetime | None:
    """When working time next begins after `now` (None: there are no working days)."""
    if not days:
        return None
    base = now.replace(hour=0, minute=0, second=0, microsecond=0)
    for ahead in range(0, 8):
        day = base + timedelta(days=ahead)
        if day.weekday() not in days:
            continue
        begin = hours._window(day)[0] if hours is not None else day
        if begin > now:
            return begin
    return None


def parse_work_hours(text: str) -> WorkHours | None:
    """ "09:00-18:00", or "always" (None). ValueError with a message for the user."""
    clean = text.strip().lower()
    if clean == ALWAYS:
        return None
    parts = clean.replace("–", "-").split("-")
    if len(parts) != 2:
        raise ValueError(f'{quoted(text)} is not working hours (write them like "09:00-18:00", or "always")')
    start, end = (parse_time_of_day(p) for p in parts)
    if start == end:
        raise ValueError(f"{quoted(text)} starts and ends at the same time")
    return WorkHours(start, end)


def format_work_hours(hours: WorkHours | None) -> str:
    return ALWAYS if hours is None else hours.describe()
