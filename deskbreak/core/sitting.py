"""How long the user has been sitting, from idle time and the gaps between observations.

Being idle for `natural_break` (the user walked away) or a gap that long between two
observations (suspend, the app not running) ends a sitting stretch; the next input starts one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class SteppedAway:
    """The user has been away since `since` (idle or asleep for at least the natural break)."""

    since: datetime


@dataclass(frozen=True)
class SatDown:
    """The user is back: a new sitting stretch began at `at`."""

    at: datetime


SittingEvent = SteppedAway | SatDown


class SittingTracker:
    """Turns (time, idle seconds) observations into sitting stretches."""

    def __init__(
        self,
        natural_break: timedelta,
        now: datetime,
        *,
        sitting_since: datetime | None = None,
        last_seen: datetime | None = None,
    ) -> None:
        self.natural_break = natural_break
        self.sitting_since: datetime | None = sitting_since if sitting_since else now
        self.last_seen = last_seen if last_seen else now

    @property
    def away(self) -> bool:
        return self.sitting_since is None

    def observe(self, now: datetime, idle_seconds: float | None) -> list[SittingEvent]:
        """Take one observation; idle_seconds None means the platform cannot tell."""
        events: list[SittingEvent] = []
        gap = now - self.last_seen
        idle = timedelta(seconds=max(0.0, idle_seconds)) if idle_seconds is not None else None
        self.last_seen = now
        if gap >= self.natural_break and self.sitting_since is not None:
            # Asleep, suspended or not running: that was a break whatever idle says now.
            events.append(SteppedAway(now - gap))
            self.sitting_since = None
        if idle is not None and idle >= self.natural_break:
            if self.sitting_since is not None:
                events.append(SteppedAway(now - idle))
                self.sitting_since = None
            return events
        if self.sitting_since is None:
            back_at = now - idle if idle is not None else now
            self.sitting_since = back_at
            events.append(SatDown(back_at))
        return events

    def restart(self, now: datetime) -> None:
        """A break was taken: the next sitting stretch starts now."""
        self.sitting_since = now
        self.last_seen = now

    def sitting_for(self, now: datetime) -> timedelta:
        if self.sitting_since is None:
            return timedelta()
        return max(timedelta(), now - self.sitting_since)

    def away_at(self, now: datetime, idle_seconds: float | None) -> datetime:
        """When the current idle stretch would become a natural break, if it goes on."""
        idle = timedelta(seconds=idle_seconds or 0.0)
        return now - idle + self.natural_break
