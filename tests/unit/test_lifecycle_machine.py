"""The break lifecycle as a state machine: random event sequences on a fake clock, invariants
checked after every step (at most one break window; "on break" only while a window is open;
every reminder ends with exactly one outcome; the next reminder always booked while tracking).

The windows here are models driven by the real coach (core/coach.py); tests/ui runs the same machine
against the real widgets.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from deskbreak.core.clock import FakeClock
from deskbreak.core.coach import Coach
from deskbreak.core.coach_view import coached, coached_length, player_result
from deskbreak.core.effects import (
    BreakCounted,
    CloseWindow,
    Effect,
    LogAnswer,
    LogBreakEnd,
    LogBreakStart,
    LogNaturalBreak,
    LogPostponed,
    LogReminder,
    LogSitting,
    OpenWindow,
    ShowReminder,
    WithdrawReminder,
)
from deskbreak.core.lifecycle import BreakLifecycle, Mode
from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import POLL_INTERVAL, BreakPolicy, Phase, PolicySettings
from deskbreak.core.routines import Exercise, Focus, Routine
from deskbreak.core.running_break import OVERRUN

ROUTINE = Routine(
    id="t",
    title="T",
    summary="",
    exercises=(
        Exercise("A", Focus.EXTENSION, timedelta(seconds=40), ("a",)),
        Exercise("B", Focus.ROTATION, timedelta(seconds=30), ("b",), sides=True),
    ),
    source="t.toml",
)


class Player:
    """A break window as the lifecycle sees it: the coach, played to the end, skipped or ended."""

    def __init__(self, routine: Routine, now: float) -> None:
        self.coach = Coach(tuple(c.move for c in coached(routine)), now)

    @property
    def finished(self) -> bool:
        return self.coach.finished

    @property
    def result(self) -> PlayerResult:
        return player_result(self.coach)

    def tick(self, now: float) -> None:
        self.coach.tick(now)

    def skip(self, now: float) -> None:
        self.coach.next(now)

    def toggle_pause(self, now: float) -> None:
        if self.coach.paused_at is None:
            self.coach.pause(now)
        else:
            self.coach.resume(now)

    def end(self, now: float) -> PlayerResult:
        self.coach.end(now)
        return self.result


DURATIONS = st.sampled_from([1, 30, 59, 60, 61, 120, 300, 600, 1800, 2700, 3600])
SECONDS = st.integers(min_value=1, max_value=2 * 3600)


def policy_settings(sit: int, snooze: int, natural: int) -> PolicySettings:
    return PolicySettings(timedelta(seconds=sit), timedelta(seconds=snooze), timedelta(seconds=natural))


@dataclass
class Ledger:
    """Every reminder the app logged and the outcomes it got (keyed across restarts)."""

    outcomes: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    breaks: dict[tuple[int, int], datetime] = field(default_factory=dict)
    break_reminder: dict[tuple[int, int], tuple[int, int] | None] = field(default_factory=dict)
    longest_break: timedelta = timedelta()
    sitting: dict[datetime, tuple[datetime, str]] = field(default_factory=dict)  # start -> end, how
    natural: list[tuple[datetime, datetime]] = field(default_factory=list)
    waits: dict[datetime, tuple[datetime, str]] = field(default_factory=dict)  # start -> end, reason
    open_wait: datetime | None = None


class LifecycleMachine(RuleBasedStateMachine):
    @initialize(sit=DURATIONS, snooze=DURATIONS, natural=DURATIONS)
    def start(self, sit: int, snooze: int, natural: int) -> None:
        self.clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        self.settings = policy_settings(sit, snooze, natural)
        self.ledger = Ledger()
        self.generation = 0
        self.windows: dict[int, Player] = {}  # open windows: token -> player
        self.notification = False
        self.away_since: datetime | None = None
        self.clock_went_back = False
        self.busy: str | None = None  # "in a call", ...: a due reminder waits
        self._boot(None)

    def _boot(self, saved: object) -> None:
        now = self.clock.now()
        self.generation += 1
        policy = BreakPolicy(self.settings, now, saved)  # type: ignore[arg-type]
        self.life = BreakLifecycle(policy, coached_length(ROUTINE), len(ROUTINE.exercises))
        self._tick()

    # -- the app around the lifecycle -------------------------------------------------------

    def _idle(self) -> float:
        return (self.clock.now() - self.away_since).total_seconds() if self.away_since else 0.0

    def _tick(self) -> None:
        now, idle = self.clock.now(), self._idle()
        self._apply(self.life.tick(now, idle, self.clock.monotonic(), hold=lambda: self.busy))
        self.wakeup = self.life.next_wakeup(self.clock.now(), self._idle())

    def _key(self, number: int) -> tuple[int, int]:
        return (self.generation, number)

    def _apply(self, effects: list[Effect]) -> None:
        self._carry_out(effects)
        # What the app does after every event: book the next check.
        self.wakeup = self.life.next_wakeup(self.clock.now(), self._idle())

    def _carry_out(self, effects: list[Effect]) -> None:
        now = self.clock.now()
        for effect in effects:
            if isinstance(effect, LogReminder):
                self.ledger.outcomes[self._key(effect.reminder)] = []
            elif isinstance(effect, LogAnswer):
                self.ledger.outcomes[self._key(effect.reminder)].append(effect.outcome.value)
            elif isinstance(effect, LogBreakStart):
                key = self._key(effect.break_id)
                self.ledger.breaks[key] = effect.at
                self.ledger.break_reminder[key] = (
                    self._key(effect.reminder) if effect.reminder is not None else None
                )
            elif isinstance(effect, LogBreakEnd):
                key = self._key(effect.break_id)
                started = self.ledger.breaks.pop(key)
                assert effect.at >= started
                self.ledger.longest_break = max(self.ledger.longest_break, effect.at - started)
                reminder = self.ledger.break_reminder.pop(key)
                if reminder is not None:
                    outcome = "completed" if effect.result.completed else "ended_early"
                    self.ledger.outcomes[reminder].append(outcome)
            elif isinstance(effect, LogSitting):
                assert effect.start <= effect.end, effect
                assert effect.ended_by in ("break", "natural_break", "lock", "suspend", "quit", "pause")
                # A stretch logged at quit and again when it ends after a restart is one row.
                self.ledger.sitting[effect.start] = (effect.end, effect.ended_by)
            elif isinstance(effect, LogNaturalBreak):
                assert effect.start <= effect.end, effect
                self.ledger.natural.append((effect.start, effect.end))
            elif isinstance(effect, LogPostponed):
                assert effect.start <= effect.end <= max(now, effect.start), effect
                assert effect.reason in ("call", "fullscreen", "do_not_disturb", "other")
                if effect.start == effect.end and self.ledger.open_wait != effect.start:
                    assert self.ledger.open_wait is None, "a wait began while another was open"
                    self.ledger.open_wait = effect.start
                else:
                    assert self.ledger.open_wait == effect.start, "a wait ended that never began"
                    self.ledger.open_wait = None
                self.ledger.waits[effect.start] = (effect.end, effect.reason)
            elif isinstance(effect, ShowReminder):
                assert self.ledger.open_wait is None, "a reminder came while it was waiting"
                self.notification = True
            elif isinstance(effect, WithdrawReminder):
                self.notification = False
            elif isinstance(effect, OpenWindow):
                self.windows[effect.token] = Player(ROUTINE, self.clock.monotonic())
            elif isinstance(effect, CloseWindow):
                self._close(effect.token)
            elif isinstance(effect, BreakCounted):
                assert effect.token in self.windows
        del now

    def _close(self, token: int) -> None:
        """What closing a real window does: its close reports how far it got, then that it is gone."""
        player = self.windows.get(token)
        if player is None:
            return
        now = self.clock.now()
        if not player.finished:
            self._apply(self.life.break_ended(token, now, player.end(self.clock.monotonic())))
        self.windows.pop(token, None)
        self._apply(self.life.window_closed(token, now, player.result))

    def _refresh_windows(self) -> None:
        """The window's own timer: steps advance, and the routine's end is reported."""
        for token, player in list(self.windows.items()):
            was_finished = player.finished
            player.tick(self.clock.monotonic())
            if player.finished and not was_finished:
                self._apply(self.life.break_ended(token, self.clock.now(), player.result))

    def _open_token(self) -> int | None:
        return next(iter(self.windows), None)

    # -- events ------------------------------------------------------------------------------

    @rule(seconds=SECONDS)
    def time_passes(self, seconds: int) -> None:
        """The scheduler ticks at each booked wake-up; windows refresh meanwhile."""
        end = self.clock.now() + timedelta(seconds=seconds)
        for _ in range(10_000):
            if self.wakeup > end:
                break
            step = self.wakeup - self.clock.now()
            self.clock.advance(step)
            self._refresh_windows()
            self._tick()
        self.clock.advance(end - self.clock.now())
        self._refresh_windows()

    @rule(reason=st.sampled_from(["in a call", "a fullscreen window", "do not disturb", "a film"]))
    def something_holds_reminders(self, reason: str) -> None:
        self.busy = reason

    @rule()
    def nothing_holds_reminders(self) -> None:
        self.busy = None

    @rule()
    def walk_away(self) -> None:
        if self.away_since is None:
            self.away_since = self.clock.now()

    @rule()
    def come_back(self) -> None:
        self.away_since = None

    @rule(minutes=st.integers(min_value=1, max_value=600))
    def suspend_and_resume(self, minutes: int) -> None:
        self.clock.jump_wall(timedelta(minutes=minutes))
        self._refresh_windows()
        self._tick()  # the missed wake-up runs once on resume

    @rule(seconds=st.integers(min_value=1, max_value=36000), monotonic_runs=st.booleans())
    def suspend_told_by_the_os(self, seconds: int, monotonic_runs: bool) -> None:
        """logind's PrepareForSleep around the suspend; the monotonic clock may run on (a VM).
        As the app does, a routine under way is paused for the sleep and goes on after it."""
        self.life.going_to_sleep(self.clock.now())
        token = self.life.window if self.life.on_break else None
        player = self.windows.get(token) if token is not None else None
        paused = player is not None and player.coach.paused_at is None
        if paused and player is not None:
            player.toggle_pause(self.clock.monotonic())
        if monotonic_runs:
            self.clock.advance(seconds)
        else:
            self.clock.jump_wall(timedelta(seconds=seconds))
        self.life.woke(self.clock.now())
        self._refresh_windows()
        self._tick()
        if paused and player is not None and self.life.on_break and self.life.window == token:
            player.toggle_pause(self.clock.monotonic())

    @rule(minutes=st.integers(min_value=1, max_value=120))
    def clock_set_back(self, minutes: int) -> None:
        """The wall clock is set back (by hand, or by time sync); the monotonic one runs on."""
        self.clock.jump_wall(-timedelta(minutes=minutes))
        self.clock_went_back = True
        # The booked check still comes after the same real time (the wake-ups' monotonic backstop).
        self.wakeup -= timedelta(minutes=minutes)
        self._refresh_windows()

    @rule()
    def take_break(self) -> None:  # tray, notification button, CLI: all the same request
        self._apply(self.life.request_break(self.clock.now()))

    @rule()
    def snooze(self) -> None:
        self._apply(self.life.snooze(self.clock.now()))

    @rule()
    def skip(self) -> None:
        self._apply(self.life.skip(self.clock.now()))

    @rule(minutes=st.integers(min_value=1, max_value=240))
    def pause(self, minutes: int) -> None:
        now = self.clock.now()
        self._apply(self.life.pause(now, now + timedelta(minutes=minutes)))

    @rule()
    def resume(self) -> None:
        self._apply(self.life.resume(self.clock.now()))

    @precondition(lambda self: self._open_token() is not None)
    @rule()
    def step(self) -> None:
        token = self._open_token()
        assert token is not None
        player = self.windows[token]
        was_finished = player.finished
        player.skip(self.clock.monotonic())
        if player.finished and not was_finished:
            self._apply(self.life.break_ended(token, self.clock.now(), player.result))

    @precondition(lambda self: self._open_token() is not None)
    @rule()
    def pause_or_resume(self) -> None:
        token = self._open_token()
        assert token is not None
        self.windows[token].toggle_pause(self.clock.monotonic())

    @precondition(lambda self: self._open_token() is not None)
    @rule()
    def escape(self) -> None:  # End, Esc: ends the routine (or closes a finished window)
        token = self._open_token()
        assert token is not None
        player = self.windows[token]
        if not player.finished:
            self._apply(self.life.break_ended(token, self.clock.now(), player.end(self.clock.monotonic())))
        self._close(token)

    @precondition(lambda self: self._open_token() is not None)
    @rule()
    def window_manager_closes(self) -> None:
        token = self._open_token()
        assert token is not None
        self._close(token)

    @precondition(lambda self: self._open_token() is not None)
    @rule()
    def window_vanishes_silently(self) -> None:
        """Destroyed without a word: the app's next check finds it gone and reports it so
        (tests/ui runs the real check)."""
        token = self._open_token()
        assert token is not None
        del self.windows[token]
        if self.life.on_break:
            self._apply(self.life.window_closed(token, self.clock.now(), None))

    @rule()
    def session_locks(self) -> None:
        token = self.life.window
        if self.life.on_break and token is not None:
            self._close(token)
        self._apply(self.life.session_locked(self.clock.now()))

    @rule(sit=DURATIONS, snooze=DURATIONS, natural=DURATIONS)
    def config_changes(self, sit: int, snooze: int, natural: int) -> None:
        self.settings = policy_settings(sit, snooze, natural)
        length = coached_length(ROUTINE)
        now = self.clock.now()
        self._apply(self.life.settings_changed(self.settings, length, len(ROUTINE.exercises), now))
        self.wakeup = self.life.next_wakeup(self.clock.now(), self._idle())

    @rule(off=st.integers(min_value=0, max_value=900))
    def quit_and_restart(self, off: int) -> None:
        token = self.life.window
        if self.life.on_break and token is not None:
            self._close(token)
        self._apply(self.life.quit(self.clock.now()))
        assert not self.windows, "quitting left a window open"
        for key, outcomes in self.ledger.outcomes.items():
            if key[0] == self.generation:
                assert len(outcomes) == 1, f"reminder {key} ended with {outcomes}"
        saved = self.life.policy.saved(self.clock.now())
        self.clock.advance(off)
        self._boot(saved)

    # -- invariants --------------------------------------------------------------------------

    @invariant()
    def at_most_one_window(self) -> None:
        assert len(self.windows) <= 1
        for token in self.windows:
            assert token == self.life.window, "a window the lifecycle does not own is open"

    @invariant()
    def on_break_only_with_a_running_window(self) -> None:
        if self.life.mode is Mode.ON_BREAK:
            assert self.life.window in self.windows
            assert not self.windows[self.life.window].finished
        assert (self.life.policy.phase is Phase.ON_BREAK) == (self.life.mode is Mode.ON_BREAK)

    @invariant()
    def every_reminder_has_at_most_one_outcome(self) -> None:
        running = self.life.running.reminder if self.life.running else None
        in_flight = {self._key(n) for n in (self.life.reminder, running) if n is not None}
        taken = {r for r in self.ledger.break_reminder.values() if r is not None}
        for key, outcomes in self.ledger.outcomes.items():
            assert len(outcomes) <= 1, f"reminder {key} ended with {outcomes}"
            if not outcomes:
                assert key in in_flight | taken, f"reminder {key} was dropped without an outcome"
        if self.life.policy.phase is Phase.DUE:
            assert self.life.reminder is not None

    @invariant()
    def the_next_check_is_always_booked(self) -> None:
        now = self.clock.now()
        wake = self.wakeup  # what the app really booked after the last event
        assert now <= wake <= now + POLL_INTERVAL
        phase = self.life.policy.phase
        if self.life.mode is Mode.TRACKING and phase in (Phase.SITTING, Phase.SNOOZED):
            due = self.life.policy.due_at
            assert due is not None
            assert wake <= max(now, due)
        if self.life.on_break:
            assert self.life.running is not None and now <= self.life.running.deadline

    @invariant()
    def logged_sitting_and_time_away_never_overlap(self) -> None:
        """Each moment is at most one of: a sitting stretch, a natural break (a review's minutes
        never count the same time twice). Only while the wall clock has not been set back:
        then the same clock times happen twice."""
        if self.clock_went_back:
            return
        spans = sorted(
            [(start, end) for start, (end, _) in self.ledger.sitting.items()] + self.ledger.natural
        )
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start, spans

    @invariant()
    def a_wait_is_open_exactly_while_a_due_reminder_waits(self) -> None:
        held = self.life.policy.status(self.clock.now()).held
        if self.life.mode is not Mode.STOPPED:
            assert (self.ledger.open_wait is not None) == (held is not None), (self.ledger.open_wait, held)

    @invariant()
    def waits_never_overlap(self) -> None:
        if self.clock_went_back:
            return
        spans = sorted((start, end) for start, (end, _) in self.ledger.waits.items())
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start, spans

    @invariant()
    def no_break_outlasts_its_routine_by_more_than_the_overrun(self) -> None:
        assert self.ledger.longest_break <= coached_length(ROUTINE) + OVERRUN


LifecycleMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("DESKBREAK_MACHINE_EXAMPLES", "300")),
    stateful_step_count=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestLifecycle = LifecycleMachine.TestCase
