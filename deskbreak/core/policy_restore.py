"""Carrying on after a restart: what of the saved state is still valid under today's settings.

Due times are worked out again from when the countdown began, a snooze is cut to today's snooze
length, and no due time lies in the past, so a restart never brings a reminder at once or in a
burst. A state saved too long ago, or with times in the future (the clock set back), is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .policy_types import Phase, PolicySettings, SavedState
from .sitting import SittingTracker

# After a restart, a reminder that fell due while the app was not running comes this long after
# the start (or a sit limit after, if that is shorter), not the moment the desktop appears.
RESTART_GRACE = timedelta(minutes=1)
# Saved times this far in the future (a clock set back since) are not trusted.
CLOCK_SLACK = timedelta(minutes=2)


@dataclass
class Restored:
    phase: Phase
    tracker: SittingTracker
    due_at: datetime | None
    count_from: datetime | None


def still_valid(saved: SavedState, now: datetime, settings: PolicySettings) -> bool:
    """A saved state is carried on only if the app stopped less than a natural break ago and
    none of its times lie in the future (the clock was not set back since)."""
    if not timedelta() <= now - saved.last_seen < settings.natural_break:
        return False
    times = (saved.sitting_since, saved.count_from)
    return all(t is None or t <= now + CLOCK_SLACK for t in times)


def restored(saved: SavedState, now: datetime, settings: PolicySettings) -> Restored:
    """The policy's state carried on from `saved` (which still_valid() accepted)."""
    if saved.sitting_since is None or saved.phase is Phase.AWAY:
        tracker = SittingTracker(settings.natural_break, now, last_seen=now)
        tracker.sitting_since = None
        return Restored(Phase.AWAY, tracker, None, now)
    tracker = SittingTracker(settings.natural_break, now, sitting_since=saved.sitting_since, last_seen=now)
    count_from = saved.count_from or saved.sitting_since
    earliest = now + min(RESTART_GRACE, settings.sit_limit)
    if saved.phase is Phase.ON_BREAK:
        # The app stopped during a break: the break happened, so the countdown starts again.
        tracker.restart(now)
        return Restored(Phase.SITTING, tracker, now + settings.sit_limit, now)
    if saved.phase is Phase.SNOOZED and saved.due_at is not None:
        due = max(earliest, min(saved.due_at, saved.last_seen + settings.snooze))
        return Restored(Phase.SNOOZED, tracker, due, count_from)
    if saved.phase is Phase.DUE:
        # The old reminder died with the app; it comes again, once, shortly after the start.
        return Restored(Phase.SITTING, tracker, earliest, count_from)
    return Restored(Phase.SITTING, tracker, max(earliest, count_from + settings.sit_limit), count_from)
