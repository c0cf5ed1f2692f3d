"""What the history learns about sitting: each stretch with how it ended, and each time away.

The lifecycle hands this the policy's events and its own (a break started or counted, the
screen locked, quit) and gets back LogSitting / LogNaturalBreak effects. A stretch ends at the
last sign of the user at the desk, never before it began; time away before the app started is
not logged as away.
"""

from __future__ import annotations

from datetime import datetime

from .effects import Effect, LogNaturalBreak, LogSitting
from .policy import CameBack, WentAway


class StretchLog:
    def __init__(self) -> None:
        self.locked = False  # the screen is locked (as the session last said)
        self._away: tuple[datetime, str] | None = None  # a natural break under way: since, how
        self._sat_since: datetime | None = None  # the stretch a running break ended

    def went_away(self, event: WentAway) -> list[Effect]:
        how = "suspend" if event.asleep else "lock" if self.locked else "idle"
        since = event.since  # idle that began before the stretch (at start-up) is cut
        effects: list[Effect] = []
        if event.sat_since is not None:
            since = max(since, event.sat_since)
            # Even when it lasted nothing: it replaces this stretch as logged at a quit.
            effects.append(LogSitting(event.sat_since, since, "natural_break" if how == "idle" else how))
        self._away = (since, how)
        return effects

    def came_back(self, event: CameBack) -> list[Effect]:
        return self._back(event.at)

    def _back(self, at: datetime) -> list[Effect]:
        if self._away is None:
            return []
        since, how = self._away
        self._away = None
        return [LogNaturalBreak(since, max(since, at), how)]

    def break_started(self, now: datetime, sitting_since: datetime | None) -> list[Effect]:
        """A break opens: time away ends here (back straight into a break); the stretch may end."""
        self._sat_since = sitting_since
        return self._back(now)

    def break_ended(self, started: datetime, now: datetime, counted: bool) -> list[Effect]:
        """The break is over; only one that counted ends the stretch (at the break's start)."""
        sat_since, self._sat_since = self._sat_since, None
        end = min(started, now)
        return (
            [LogSitting(sat_since, end, "break")]
            if counted and sat_since is not None and end > sat_since
            else []
        )

    def paused(self, now: datetime, sitting_since: datetime | None) -> list[Effect]:
        """A pause began: time away ends here, and the stretch under way ends ("pause")."""
        effects = self._back(now)
        if sitting_since is not None and now > sitting_since:
            effects.append(LogSitting(sitting_since, now, "pause"))
        return effects

    def quit(self, now: datetime, sitting_since: datetime | None) -> list[Effect]:
        if sitting_since is None or now <= sitting_since:
            return []
        return [LogSitting(sitting_since, now, "quit")]
