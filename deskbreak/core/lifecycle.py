"""The break lifecycle: reminders, the one break window, and what each event does to them.

A pure state machine around BreakPolicy. Every method takes the time and returns effects
(log this, open or close that window, show or withdraw the reminder) that the app carries out;
nothing here waits for a callback to stay consistent, so no lost or late signal can leave the app
"on break" for good.

States (`mode`, with the window the app owns):

| state     | window                  | policy phase                 |
|-----------|-------------------------|------------------------------|
| TRACKING  | none, or a finished one | sitting, due, snoozed, away  |
| ON_BREAK  | one, its routine runs   | on_break                     |
| STOPPED   | none                    | (anything; nothing happens)  |

| event                 | TRACKING                                   | ON_BREAK                              |
|-----------------------|--------------------------------------------|---------------------------------------|
| tick                  | policy: remind (again), natural break, sleep | watchdog: overran -> end the break  |
| request_break         | close a finished window; open a new one    | bring the running window forward      |
| snooze / skip         | answer the due reminder (else nothing)     | nothing                               |
| pause / resume        | drop the due reminder, end the stretch     | nothing (the window has its own)      |
| break_ended(token)    | nothing (stale or repeated)                | log the outcome; back to TRACKING     |
| window_closed(token)  | forget the window if it is ours            | end the break (if ours), forget it    |
| session_locked        | nothing                                    | close the window, end the break       |
| going_to_sleep, woke | the next tick sees the time asleep         | the next tick ends it (slept through) |
| settings_changed      | policy takes the new settings              | (applies when the break ends)         |
| quit                  | a due reminder is logged unanswered        | end the break; then STOPPED           |

A token names one window; a signal from a window that is no longer ours (a dying window, a
repeated close) carries an old token and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum

from .effects import (
    BreakCounted,
    CloseWindow,
    Effect,
    LogBreakEnd,
    LogBreakStart,
    NoRoutine,
    OpenWindow,
    RaiseWindow,
    WithdrawReminder,
)
from .player import PlayerResult
from .policy import (
    BreakPolicy,
    Outcome,
    Phase,
    PolicySettings,
    WentAway,
)
from .reminder_flow import ReminderFlow
from .running_break import RunningBreak
from .stretch_log import StretchLog
from .wait_log import WaitLog


class Mode(StrEnum):
    TRACKING = "tracking"
    ON_BREAK = "on_break"
    STOPPED = "stopped"


class BreakLifecycle:
    """Owns the reminder in flight and the one break window; see the module's tables."""

    def __init__(self, policy: BreakPolicy, routine_length: timedelta | None, routine_steps: int = 0) -> None:
        self.policy = policy
        self.routine_length = routine_length  # None: no routine could be loaded
        self.routine_steps = routine_steps
        self.mode = Mode.TRACKING
        self.window: int | None = None  # the token of the window we own
        self.running: RunningBreak | None = None  # while ON_BREAK
        self._pending_settings: PolicySettings | None = None
        self._ids = 0
        self.stretches = StretchLog()  # sitting stretches and time away, for the history
        self.reminders = ReminderFlow(self._next_id, self.stretches)
        self.waits = WaitLog()  # reminders waiting for a call, a fullscreen window, do-not-disturb

    def _next_id(self) -> int:
        self._ids += 1
        return self._ids

    @property
    def on_break(self) -> bool:
        return self.mode is Mode.ON_BREAK

    @property
    def reminder(self) -> int | None:
        """The reminder waiting for an answer (policy phase DUE)."""
        return self.reminders.current

    # -- time passing ---------------------------------------------------------------------

    def tick(
        self,
        now: datetime,
        idle_seconds: float | None,
        monotonic: float | None = None,
        break_result: PlayerResult | None = None,
        hold: Callable[[], str | None] | None = None,
        watching: Callable[[], bool | None] | None = None,
    ) -> list[Effect]:
        """One check. `break_result`: how far a break that is over (see break_over) really got.
        `hold`: why a reminder falling due should wait now (asked only then; see BreakPolicy).
        `watching`: whether an idle inhibitor is held (asked only when idle is long; never during
        a break, when deskbreak's own keep-awake request would look like one)."""
        if self.mode is Mode.STOPPED:
            return []
        effects: list[Effect] = []
        if self.mode is Mode.ON_BREAK:
            self._follow_clock_set_back(now)
            ended_at = self.break_over(now, monotonic)
            if ended_at is None:
                self.policy.tick(now, idle_seconds, monotonic)
                return []
            asleep = self.policy.tracker.asleep_for(now, monotonic)
            effects += self._end_break(ended_at, break_result, close=True)
            if monotonic is not None:  # the monotonic reading at `ended_at`, for the sleep check
                awake_since = (now - ended_at - asleep).total_seconds()
                self.policy.tracker.last_monotonic = monotonic - max(0.0, awake_since)
        effects += self._working_hours(now)
        events = self.policy.tick(now, idle_seconds, monotonic, hold, watching)
        # A wait that ends now is logged before the reminder it held back is shown.
        away_since = next((e.since for e in events if isinstance(e, WentAway)), None)
        effects += self._waits(now, away_since)
        for event in events:
            effects += self.reminders.on_event(event, now)
        return effects

    def _follow_clock_set_back(self, now: datetime) -> None:
        """The wall clock went back during the break: its start and deadline move with it, so the
        watchdog still fires after the same real time and no break ends before it began."""
        if self.running is not None:
            self.running.follow_clock(now - self.policy.tracker.last_seen)

    def break_over(self, now: datetime, monotonic: float | None) -> datetime | None:
        """When the running break ended by itself, if it did: the machine went to sleep (it ended
        when the sleep began), or it ran past its routine's length + OVERRUN (it ended then)."""
        if self.mode is not Mode.ON_BREAK or self.running is None:
            return None
        asleep = self.policy.tracker.asleep_for(now, monotonic)
        return self.running.ended_by_itself(now, asleep, self.policy.settings.natural_break)

    def next_wakeup(self, now: datetime, idle_seconds: float | None) -> datetime:
        wake = self.policy.next_wakeup(now, idle_seconds)
        if self.mode is Mode.ON_BREAK and self.running is not None:
            wake = max(now, min(wake, self.running.deadline))
        return wake

    # -- what the user asks for -----------------------------------------------------------

    def request_break(self, now: datetime) -> list[Effect]:
        """Take a break now (tray, notification, CLI, a reminder's button): from any state."""
        if self.mode is Mode.STOPPED:
            return []
        if self.mode is Mode.ON_BREAK and self.window is not None:
            return [RaiseWindow(self.window)]
        if self.routine_length is None:
            return [NoRoutine()]
        effects: list[Effect] = []
        if self.window is not None:  # the last break's finished page: this is a new break
            effects.append(CloseWindow(self.window))
            self.window = None
        answers = self.reminders.current if self.policy.phase is Phase.DUE else None
        if answers is None:
            effects += self.reminders.answer(Outcome.UNANSWERED, now)
        self.reminders.current = None
        effects += self.stretches.break_started(now, self.policy.tracker.sitting_since)
        self.running = RunningBreak.begin(self._next_id(), answers, now, self.routine_length)
        effects.append(LogBreakStart(self.running.id, now, answers, self.policy.status(now).sitting_for))
        self.policy.start_break(now)
        self.mode = Mode.ON_BREAK
        self.window = self._next_id()
        effects += [*self._waits(now), WithdrawReminder(), OpenWindow(self.window)]
        return effects

    def pause(self, now: datetime, until: datetime) -> list[Effect]:
        """Pause until `until`: a due reminder is dropped (skipped), the stretch ends. Not during
        a break (its window has its own pause)."""
        if self.mode is not Mode.TRACKING:
            return []
        sitting_since = self.policy.tracker.sitting_since if self.policy.phase is not Phase.PAUSED else None
        if not self.policy.pause(now, until):
            return []
        return [
            *self.reminders.answer(Outcome.SKIPPED, now),
            *self._waits(now),
            WithdrawReminder(),
            *self.stretches.paused(now, sitting_since),
        ]

    def _working_hours(self, now: datetime) -> list[Effect]:
        """Outside working days or hours nothing counts: a pause until they begin (logged like
        one); the user's own pause is left as it is."""
        until = self.policy.outside_hours(now)
        if until is None or self.mode is not Mode.TRACKING or self.policy.phase is Phase.PAUSED:
            return []
        effects = self.pause(now, until)
        self.policy.off_hours = self.policy.paused_until is not None
        return effects

    def resume(self, now: datetime) -> list[Effect]:
        if self.mode is Mode.TRACKING and self.policy.phase is Phase.PAUSED:
            self.policy.resume(now)
        return []

    def snooze(self, now: datetime, length: timedelta | None = None) -> list[Effect]:
        if self.mode is not Mode.TRACKING or not self.policy.snooze(now, length):
            return []
        return [*self.reminders.answer(Outcome.SNOOZED, now), *self._waits(now), WithdrawReminder()]

    def skip(self, now: datetime) -> list[Effect]:
        if self.mode is not Mode.TRACKING or not self.policy.skip(now):
            return []
        return [*self.reminders.answer(Outcome.SKIPPED, now), *self._waits(now), WithdrawReminder()]

    # -- what the window reports ----------------------------------------------------------

    def break_ended(self, token: int, now: datetime, result: PlayerResult | None) -> list[Effect]:
        """The routine finished or was ended (End, Esc, the window closed)."""
        if self.mode is not Mode.ON_BREAK or token != self.window:
            return []
        return self._end_break(now, result, close=False)

    def window_closed(self, token: int, now: datetime, result: PlayerResult | None = None) -> list[Effect]:
        """The window is gone (closed any way at all, or destroyed)."""
        if token != self.window:
            return []
        self.window = None
        if self.mode is not Mode.ON_BREAK:
            return []
        return self._end_break(now, result, close=False)

    def session_locked(self, now: datetime) -> list[Effect]:
        """The screen locked: nobody is following the routine any more. Time away that follows
        is logged as away with the screen locked."""
        self.stretches.locked = True
        if self.mode is not Mode.ON_BREAK:
            return []
        return self._end_break(now, None, close=True)

    def session_unlocked(self) -> None:
        self.stretches.locked = False

    def going_to_sleep(self, now: datetime) -> None:
        """The OS says the machine is about to suspend. Nothing ends yet (a suspend can fail);
        once it wakes, the time asleep is known exactly, even where the monotonic clock kept
        running, and the next tick treats it as time away (a break under way ended when the
        sleep began)."""
        self.policy.tracker.going_to_sleep(now)

    def woke(self, now: datetime) -> None:
        self.policy.tracker.woke(now)

    def settings_changed(
        self, settings: PolicySettings, routine_length: timedelta | None, steps: int, now: datetime
    ) -> list[Effect]:
        """New settings: now, or when the running break ends. A reminder's wait ends here if a
        longer sit limit means it is no longer due."""
        self.routine_length, self.routine_steps = routine_length, steps
        if self.mode is Mode.ON_BREAK:
            self._pending_settings = settings
            return []
        self.policy.apply_settings(settings, now)
        return self._waits(now)

    def quit(self, now: datetime) -> list[Effect]:
        """The app is quitting: a running break and a due reminder get their outcome now."""
        effects: list[Effect] = []
        if self.mode is Mode.ON_BREAK:
            effects += self._end_break(now, None, close=True)
        elif self.window is not None:
            effects.append(CloseWindow(self.window))
        self.window = None
        effects += self.reminders.answer(Outcome.UNANSWERED, now)
        effects += self.waits.update(now, None)
        if self.mode is Mode.TRACKING:
            effects += self.stretches.quit(now, self.policy.tracker.sitting_since)
        self.mode = Mode.STOPPED
        return effects

    # -- inside -----------------------------------------------------------------------------

    def _waits(self, now: datetime, ended_at: datetime | None = None) -> list[Effect]:
        """A wait for a call (fullscreen, do-not-disturb) that began, changed or ended."""
        return self.waits.update(now, self.policy.status(now).held, ended_at)

    def _end_break(self, now: datetime, result: PlayerResult | None, *, close: bool) -> list[Effect]:
        running, self.running = self.running, None
        assert running is not None
        now = running.end_at(now)  # never before it began, even with the clock set back since
        if result is None:
            result = running.result_if_unknown(now, self.routine_steps, self.routine_length)
        effects: list[Effect] = [LogBreakEnd(running.id, running.reminder, now, result)]
        counted = self.policy.finish_break(now, completed=result.completed, active=result.active)
        effects += self.stretches.break_ended(running.started, now, counted)
        if self._pending_settings is not None:
            self.policy.apply_settings(self._pending_settings, now)
            self._pending_settings = None
        self.mode = Mode.TRACKING
        token = self.window
        if close and token is not None:
            effects.append(CloseWindow(token))
            self.window = None
        elif token is not None:
            effects.append(BreakCounted(token, counted, self.policy.status(now).due_at))
        return effects
