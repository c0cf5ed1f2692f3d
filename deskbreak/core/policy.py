"""When a break is due, and what snooze, skip, a taken break or walking away do to that.

A state machine driven by tick(now, idle_seconds): the controller calls it whenever
next_wakeup() says, and acts on the events it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from .policy_restore import CLOCK_SLACK, RESTART_GRACE, restored, still_valid
from .policy_types import (
    CameBack,
    HeadsUp,
    Outcome,
    Phase,
    PolicyEvent,
    PolicySettings,
    ReminderAnswered,
    ReminderDue,
    ReminderHeld,
    ReminderRepeated,
    Resumed,
    SavedState,
    Status,
    WentAway,
)
from .sitting import SatDown, SittingTracker, SteppedAway
from .work_hours import next_start, working

__all__ = [
    "AWAY_POLL_INTERVAL",
    "BreakPolicy",
    "CLOCK_SLACK",
    "CameBack",
    "HeadsUp",
    "MIN_COUNTED_BREAK",
    "Outcome",
    "POLL_INTERVAL",
    "Phase",
    "PolicyEvent",
    "PolicySettings",
    "RESTART_GRACE",
    "ReminderAnswered",
    "ReminderDue",
    "ReminderHeld",
    "ReminderRepeated",
    "Resumed",
    "SavedState",
    "Status",
    "UNTIL_RESUMED",
    "WentAway",
]

# How often idle time is read while nothing is scheduled sooner. Due times and the moment
# idling becomes a natural break are booked exactly, so at the desk this only bounds how stale
# the tooltip's minutes are: once a minute keeps idle cost low. While away it bounds how well
# the first input back is seen (idle counts from it only until the user is busy again).
POLL_INTERVAL = timedelta(seconds=60)
AWAY_POLL_INTERVAL = timedelta(seconds=30)
# A break shorter than this that ends early does not count: the reminder is snoozed instead.
MIN_COUNTED_BREAK = timedelta(seconds=30)
# A pause with no end ("until I resume"): far enough that it never runs out.
UNTIL_RESUMED = datetime(9999, 1, 1, tzinfo=UTC)
# A reminder held back (a call, a fullscreen window, do-not-disturb) is looked at again this often.
HOLD_RECHECK = timedelta(seconds=30)
HEADS_UP = timedelta(minutes=1)  # how long before a reminder the optional heads-up comes


class BreakPolicy:
    """The break state machine: sitting -> due -> (break | snooze | skip | away) -> sitting."""

    def __init__(self, settings: PolicySettings, now: datetime, saved: SavedState | None = None) -> None:
        self.settings = settings
        self.phase = Phase.SITTING
        self.tracker = SittingTracker(settings.natural_break, now)
        self.due_at: datetime | None = now + settings.sit_limit
        # When the countdown to the next reminder began: sitting down, a skip, or a break's end.
        self.count_from: datetime | None = now
        self._before_break: tuple[Phase, datetime | None] | None = None
        self.reminded = 0  # times the due reminder has been shown
        self.remind_again_at: datetime | None = None
        self.paused_until: datetime | None = None
        self.held: str | None = None  # why a due reminder waits, while it does
        self.off_hours = False  # the pause under way is the time outside working hours
        self._headed: datetime | None = None  # the due time a heads-up was given for
        if saved is not None and saved.paused_until is not None and saved.paused_until > now:
            self.pause(now, saved.paused_until)  # a pause outlives a restart, however long
        elif saved is not None and still_valid(saved, now, settings):
            self._resume(saved, now)

    def _resume(self, saved: SavedState, now: datetime) -> None:
        """Carry on a sitting stretch the app was tracking before it stopped (policy_restore.py)."""
        back = restored(saved, now, self.settings)
        self.phase, self.tracker, self.due_at = back.phase, back.tracker, back.due_at
        self.count_from = back.count_from

    def _warp_back(self, now: datetime) -> None:
        """The wall clock went backwards (set by hand, or by time sync): move our times with it,
        so the reminder still comes after the same real time."""
        shift = now - self.tracker.last_seen
        if self.tracker.sitting_since is not None:
            self.tracker.sitting_since += shift
        if self.count_from is not None:
            self.count_from += shift
        if self.due_at is not None:
            self.due_at += shift
        self.tracker.last_seen = now

    def tick(
        self,
        now: datetime,
        idle_seconds: float | None,
        monotonic: float | None = None,
        hold: Callable[[], str | None] | None = None,
        watching: Callable[[], bool | None] | None = None,
    ) -> list[PolicyEvent]:
        """One observation. `monotonic` (seconds, any origin) lets a suspend be told from idling.
        `hold` says why a reminder should wait now (or None); it is asked only when one is due.
        `watching` says whether something holds an idle inhibitor (a video, a call); it is asked
        only when idle time is long enough to be a natural break, and then idle is still sitting."""
        events: list[PolicyEvent] = []
        if now < self.tracker.last_seen:
            self._warp_back(now)
        if self.phase is Phase.ON_BREAK:
            self.tracker.touch(now, monotonic)
            return events
        if self.phase is Phase.PAUSED:
            self.tracker.touch(now, monotonic)
            if self.paused_until is not None and now >= self.paused_until:
                events.append(self.resume(now))
            return events  # while paused nothing counts and nothing reminds
        if (
            watching is not None
            and idle_seconds is not None
            and self.phase is not Phase.AWAY
            and idle_seconds >= self.settings.natural_break.total_seconds()
            and watching() is True
        ):
            idle_seconds = 0.0  # watching a video or in a call: still sitting, not away
        for change in self.tracker.observe(now, idle_seconds, monotonic):
            if isinstance(change, SteppedAway):
                if self.phase is Phase.DUE:
                    events.append(ReminderAnswered(Outcome.STEPPED_AWAY, now))
                self.phase, self.due_at, self.held = Phase.AWAY, None, None
                events.append(WentAway(change.since, change.sat_since, change.asleep))
            elif isinstance(change, SatDown):
                self.phase, self.count_from = Phase.SITTING, change.at
                self.due_at = change.at + self.settings.sit_limit
                events.append(CameBack(change.at))
        if (warn := self._heads_up_at()) is not None and warn <= now < (self.due_at or now):
            self._headed = self.due_at
            events.append(HeadsUp(now, self.due_at or now))
        due = self.phase in (Phase.SITTING, Phase.SNOOZED) and self.due_at is not None and now >= self.due_at
        again = self.phase is Phase.DUE and self.remind_again_at is not None and now >= self.remind_again_at
        if (due or again) and self._held(now, hold, events):
            if due:
                self.due_at = now + HOLD_RECHECK
            else:
                self.remind_again_at = now + HOLD_RECHECK
            return events
        if due:
            self.phase, self.due_at = Phase.DUE, None
            self.reminded, self.remind_again_at = 1, now + self.settings.snooze
            events.append(ReminderDue(now, self.tracker.sitting_for(now)))
        elif again:
            events.append(self._remind_again(now))
        return events

    def _heads_up_at(self) -> datetime | None:
        """When the heads-up for the coming reminder is due (None: off, or already given)."""
        due = self.due_at
        if not self.settings.heads_up or due is None or self.phase is not Phase.SITTING:
            return None
        return None if self._headed == due else due - HEADS_UP

    def _held(self, now: datetime, hold: Callable[[], str | None] | None, events: list[PolicyEvent]) -> bool:
        """Whether the reminder due now waits; a new wait (or a new reason) is reported."""
        reason = hold() if hold is not None else None
        if reason is not None and reason != self.held:
            events.append(ReminderHeld(now, reason))
        self.held = reason
        return reason is not None

    def _remind_again(self, now: datetime) -> PolicyEvent:
        """Unanswered after `snooze`: shown again, up to max_reminders times in all; after the
        last, logged unanswered and the count starts again from now (no reminder storm)."""
        if self.reminded < self.settings.max_reminders:
            self.reminded += 1
            self.remind_again_at = now + self.settings.snooze
            return ReminderRepeated(now, self.tracker.sitting_for(now), self.reminded)
        self.phase, self.count_from = Phase.SITTING, now
        self.due_at = now + self.settings.sit_limit
        self.reminded, self.remind_again_at = 0, None
        return ReminderAnswered(Outcome.UNANSWERED, now)

    def pause(self, now: datetime, until: datetime) -> bool:
        """Stop counting and reminding until `until` (UNTIL_RESUMED: until resume()). Not during
        a break; a due reminder is dropped (the lifecycle logs it as skipped)."""
        if self.phase is Phase.ON_BREAK or until <= now:
            return False
        self.phase, self.paused_until, self.held = Phase.PAUSED, until, None
        self.due_at = self.remind_again_at = None
        self.reminded = 0
        self.tracker.touch(now, None)
        return True

    def outside_hours(self, now: datetime) -> datetime | None:
        """When working time next begins, if `now` is outside it (else None)."""
        days, hours = self.settings.work_days, self.settings.work_hours
        if days is None and hours is None:
            return None
        days = frozenset(range(7)) if days is None else days
        if working(now, hours, days):
            return None
        return next_start(now, hours, days) or UNTIL_RESUMED

    def resume(self, now: datetime) -> Resumed:
        """The pause is over: the sitting count starts from now."""
        self.paused_until, self.off_hours, self.held = None, False, None
        self.tracker.restart(now)
        self.phase, self.count_from = Phase.SITTING, now
        self.due_at = now + self.settings.sit_limit
        return Resumed(now)

    def snooze(self, now: datetime, length: timedelta | None = None) -> bool:
        """Postpone a due reminder by `length` (default: the snooze setting); False if nothing was due."""
        if self.phase is not Phase.DUE:
            return False
        later = now + (self.settings.snooze if length is None else length)
        self.phase, self.due_at, self.held = Phase.SNOOZED, later, None
        return True

    def skip(self, now: datetime) -> bool:
        """Let this reminder go: the next one comes a full sit limit from now."""
        if self.phase is not Phase.DUE:
            return False
        self.phase, self.due_at = Phase.SITTING, now + self.settings.sit_limit
        self.count_from, self.held = now, None
        return True

    def start_break(self, now: datetime) -> bool:
        """A break window opened; True if it answers a due reminder."""
        answered = self.phase is Phase.DUE
        self._before_break = (self.phase, self.due_at) if not answered else None
        self.phase, self.due_at, self.held = Phase.ON_BREAK, None, None
        self.tracker.last_seen = now
        return answered

    def finish_break(self, now: datetime, *, completed: bool, active: timedelta) -> bool:
        """The break window closed; True if it counted as a break (the sitting clock restarts)."""
        if self.phase is not Phase.ON_BREAK:
            return False
        before, self._before_break = self._before_break, None
        if completed or active >= MIN_COUNTED_BREAK:
            self.tracker.restart(now)
            self.phase, self.due_at = Phase.SITTING, now + self.settings.sit_limit
            self.count_from = now
            return True
        self.tracker.last_seen = now
        if before is not None:
            # A break the user opened themselves and dropped at once changes nothing.
            self.phase, self.due_at = before
        else:
            self.phase, self.due_at = Phase.SNOOZED, now + self.settings.snooze
        return False

    def apply_settings(self, settings: PolicySettings, now: datetime) -> None:
        """New settings from the config file: a new sit limit moves the next due time."""
        old = self.settings
        self.settings = settings
        self.tracker.natural_break = settings.natural_break
        since = self.count_from or self.tracker.sitting_since
        if self.phase is Phase.SITTING and since is not None and settings.sit_limit != old.sit_limit:
            self.due_at = max(now, since + settings.sit_limit)
            if self.due_at > now:
                self.held = None  # no longer due: nothing waits (it is asked again when due)

    def status(self, now: datetime) -> Status:
        reminded = self.reminded if self.phase is Phase.DUE else 0
        if self.phase is Phase.PAUSED:
            return Status(self.phase, timedelta(), None, 0, self.paused_until, None, self.off_hours)
        held = self.held if self.phase in (Phase.SITTING, Phase.SNOOZED, Phase.DUE) else None
        return Status(self.phase, self.tracker.sitting_for(now), self.due_at, reminded, None, held)

    def next_wakeup(self, now: datetime, idle_seconds: float | None) -> datetime:
        """When tick() should next run: the due time, or when idling would become a break."""
        poll = AWAY_POLL_INTERVAL if self.phase is Phase.AWAY else POLL_INTERVAL
        candidates = [now + poll]
        if self.phase is Phase.PAUSED and self.paused_until is not None:
            candidates.append(self.paused_until)
        if (warn := self._heads_up_at()) is not None and warn > now:
            candidates.append(warn)
        if self.due_at is not None and self.phase in (Phase.SITTING, Phase.SNOOZED):
            candidates.append(self.due_at)
        if self.phase is Phase.DUE and self.remind_again_at is not None:
            candidates.append(self.remind_again_at)
        if self.phase in (Phase.SITTING, Phase.SNOOZED, Phase.DUE) and idle_seconds:
            candidates.append(self.tracker.away_at(now, idle_seconds))
        return max(now, min(candidates))

    def saved(self, now: datetime) -> SavedState:
        return SavedState(
            self.phase, self.tracker.sitting_since, self.due_at, now, self.count_from, self.paused_until
        )
