"""The lifecycle state machine again, this time through the real controller, tray, break window
and history database (pytest-qt, offscreen): random sequences of what users do, from every
entry point, with the invariants checked on the widgets and the log after every step."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
from fakes import FakeIdle, FakeNotifier, FakeWakeups
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deskbreak.app.configuration import Configuration
from deskbreak.app.controller import Controller
from deskbreak.app.session_events import SessionEvents
from deskbreak.core.clock import FakeClock
from deskbreak.core.coach_view import coached_length
from deskbreak.core.policy import POLL_INTERVAL, BreakPolicy, Outcome, Phase
from deskbreak.core.routines import Exercise, Focus, Routine
from deskbreak.core.running_break import OVERRUN
from deskbreak.core.settings import Settings
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect
from deskbreak.ui.break_window import BreakWindow
from deskbreak.ui.tray import Tray

ROUTINE = Routine(
    id="t",
    title="T",
    summary="",
    exercises=(
        Exercise("A", Focus.EXTENSION, timedelta(seconds=20), ("a",)),
        Exercise("B", Focus.ROTATION, timedelta(seconds=15), ("b",), sides=True),
    ),
    source="t.toml",
)
MINUTES = st.sampled_from([1, 2, 5, 10, 45])


def visible_break_windows() -> list[BreakWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, BreakWindow) and w.isVisible()]


def flush_deletes() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class WidgetMachine(RuleBasedStateMachine):
    @initialize(sit=MINUTES, snooze=MINUTES)
    def start(self, sit: int, snooze: int) -> None:
        self.clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        self.settings = Settings(
            sit_limit=timedelta(minutes=sit),
            snooze=timedelta(minutes=snooze),
            natural_break=timedelta(minutes=5),
        )
        self.conn = connect(None)
        self.log = BreakLog(self.conn)
        self.idle = FakeIdle()
        self.idle.seconds = 0.0
        self.controller: Controller | None = None
        self._boot()

    def _boot(self) -> None:
        """Start the app: a new process has its own tray, notifier and controller."""
        now = self.clock.now()
        self.wakeups = FakeWakeups()
        config = Configuration(self.settings, ROUTINE, ())
        policy = BreakPolicy(config.policy, now, self.log.load_state())
        if self.controller is not None:
            self.controller.deleteLater()
            self.tray.hide()
            self.tray.deleteLater()
        self.notifier = FakeNotifier()
        self.tray = Tray(QIcon(), "5 min")
        self.controller = Controller(
            clock=self.clock,
            policy=policy,
            break_log=self.log,
            routine=ROUTINE,
            idle=self.idle,
            notifier=self.notifier,
            tray=self.tray,
            wakeups=self.wakeups,
            problems=[],
        )
        self.controller.tick()

    def teardown(self) -> None:
        if self.controller is not None:
            self.controller.shutdown()
            self.controller.deleteLater()
        self.tray.hide()
        self.tray.deleteLater()
        flush_deletes()
        self.conn.close()

    @property
    def window(self) -> BreakWindow | None:
        assert self.controller is not None
        return self.controller.window

    def _refresh(self) -> None:
        window = self.window
        if window is not None and window.isVisible():
            window.refresh()  # what its own timer does

    # -- events ------------------------------------------------------------------------------

    def _advance(self, seconds: float) -> None:
        """Time passes: the scheduler ticks at each booked wake-up, the window's timer refreshes."""
        assert self.controller is not None
        end = self.clock.now() + timedelta(seconds=seconds)
        for _ in range(2000):
            wake = self.wakeups.requests[-1]
            if wake > end:
                break
            self.clock.advance(max(timedelta(), wake - self.clock.now()))
            self._refresh()
            self.controller.tick()
        self.clock.advance(end - self.clock.now())
        self._refresh()

    @rule(seconds=st.integers(min_value=1, max_value=3 * 3600))
    def time_passes(self, seconds: int) -> None:
        self._advance(seconds)

    @rule(idle=st.sampled_from([0.0, 30.0, 400.0]))
    def user_idles(self, idle: float) -> None:
        self.idle.seconds = idle

    @rule(minutes=st.integers(min_value=1, max_value=300))
    def suspend_and_resume(self, minutes: int) -> None:
        assert self.controller is not None
        self.clock.jump_wall(timedelta(minutes=minutes))
        self.controller.tick()

    @rule(source=st.sampled_from(["tray", "notification-start", "notification-body", "cli"]))
    def take_break(self, source: str) -> None:
        assert self.controller is not None
        if source == "tray":
            self.tray.take_break.trigger()  # disabled during a break: then nothing happens
        elif source == "notification-start":
            self.notifier.action_invoked.emit("start")
        elif source == "notification-body":
            self.notifier.action_invoked.emit("default")
        else:
            self.controller.take_break()  # what `deskbreak break-now` calls

    @rule(source=st.sampled_from(["tray", "notification"]))
    def snooze(self, source: str) -> None:
        if source == "tray":
            self.tray.snooze.trigger()
        else:
            self.notifier.action_invoked.emit("snooze")

    @rule(source=st.sampled_from(["tray", "notification"]))
    def skip(self, source: str) -> None:
        if source == "tray":
            self.tray.skip.trigger()
        else:
            self.notifier.action_invoked.emit("skip")

    @precondition(lambda self: self.window is not None)
    @rule(key=st.sampled_from([Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Escape, Qt.Key.Key_S]))
    def press(self, key: Qt.Key) -> None:
        window = self.window
        assert window is not None
        QTest.keyClick(window, key)
        flush_deletes()

    @precondition(lambda self: self.window is not None)
    @rule()
    def window_manager_closes(self) -> None:
        window = self.window
        assert window is not None
        window.close()
        flush_deletes()

    @precondition(lambda self: self.window is not None)
    @rule()
    def routine_runs_to_the_end(self) -> None:
        window = self.window
        assert window is not None
        if window.coach.paused_at is not None:
            window.toggle_pause()
        self._advance(coached_length(ROUTINE).total_seconds() + 1)

    @precondition(lambda self: self.window is not None)
    @rule()
    def window_hidden_by_a_program(self) -> None:
        window = self.window
        assert window is not None
        window.hide()
        QApplication.processEvents()
        flush_deletes()

    @precondition(lambda self: self.window is not None)
    @rule()
    def window_destroyed(self) -> None:
        window = self.window
        assert window is not None
        window.deleteLater()  # gone without a close event
        flush_deletes()

    @precondition(lambda self: self.window is not None)
    @rule()
    def window_gone_without_a_word(self) -> None:
        """Closed with its signals blocked: only the app's next check can notice."""
        assert self.controller is not None
        window = self.window
        assert window is not None
        window.blockSignals(True)
        window.close()
        self.controller.tick()  # the next check
        flush_deletes()

    @rule(minutes=st.integers(min_value=1, max_value=120))
    def clock_set_back(self, minutes: int) -> None:
        self.clock.jump_wall(-timedelta(minutes=minutes))
        # The booked check still comes after the same real time (the wake-ups' monotonic backstop).
        self.wakeups.requests.append(self.wakeups.requests[-1] - timedelta(minutes=minutes))

    @rule()
    def session_locks(self) -> None:
        assert self.controller is not None
        SessionEvents(self.controller).locked()
        flush_deletes()

    @rule(sit=MINUTES, snooze=MINUTES)
    def config_changes(self, sit: int, snooze: int) -> None:
        assert self.controller is not None
        self.settings = Settings(sit_limit=timedelta(minutes=sit), snooze=timedelta(minutes=snooze))
        self.controller.apply_configuration(Configuration(self.settings, ROUTINE, ()), extra_problems=[])

    @rule(off=st.integers(min_value=0, max_value=600))
    def quit_and_restart(self, off: int) -> None:
        assert self.controller is not None
        self.controller.shutdown()
        flush_deletes()
        assert visible_break_windows() == []
        assert all(r.outcome is not Outcome.PENDING for r in self.log.recent(10_000))
        self.clock.advance(off)
        self._boot()

    # -- invariants --------------------------------------------------------------------------

    @invariant()
    def at_most_one_break_window(self) -> None:
        assert len(visible_break_windows()) <= 1

    @invariant()
    def on_break_only_while_its_window_is_visible(self) -> None:
        assert self.controller is not None
        on_break = self.controller.policy.phase is Phase.ON_BREAK
        if on_break:
            window = self.window
            assert window is not None and window.isVisible() and not window.coach.finished
            assert not self.tray.take_break.isEnabled()
        else:
            assert self.tray.take_break.isEnabled()
        assert self.controller.lifecycle.on_break == on_break

    @invariant()
    def every_reminder_has_one_outcome_or_is_the_one_in_flight(self) -> None:
        assert self.controller is not None
        pending = [r for r in self.log.recent(10_000) if r.outcome is Outcome.PENDING]
        assert len(pending) <= 1
        if pending:
            assert self.controller.policy.phase in (Phase.DUE, Phase.ON_BREAK)

    @invariant()
    def the_next_check_is_booked(self) -> None:
        assert self.controller is not None
        now = self.clock.now()
        assert now <= self.wakeups.requests[-1] <= now + POLL_INTERVAL

    @invariant()
    def no_logged_break_outlasts_its_routine_by_more_than_the_overrun(self) -> None:
        for record in self.log.recent(10_000):
            if record.started_at and record.ended_at:
                assert record.ended_at - record.started_at <= coached_length(ROUTINE) + OVERRUN


@pytest.mark.usefixtures("qapp")
def test_the_break_lifecycle_through_the_real_widgets() -> None:
    WidgetMachine.TestCase.settings = settings(
        max_examples=int(os.environ.get("DESKBREAK_MACHINE_EXAMPLES", "40")),
        stateful_step_count=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    WidgetMachine.TestCase().runTest()
