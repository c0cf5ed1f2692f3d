"""The controller: each check ticks the policy, and its events become log rows, tray and notifications."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from ..core.clock import Clock
from ..core.durations import humanize
from ..core.policy import (
    BreakPolicy,
    CameBack,
    Outcome,
    Phase,
    ReminderAnswered,
    ReminderDue,
    SavedState,
    WentAway,
)
from ..core.problems import Problem
from ..core.routines import Routine
from ..platform.idle import IdleMonitor
from ..platform.notify import ACTION_DEFAULT, ACTION_SKIP, ACTION_SNOOZE, ACTION_START
from ..storage.break_log import BreakLog
from ..storage.database import StorageError
from ..ui.tray import Tray
from . import views
from .configuration import Configuration
from .wakeups import Wakeups

if TYPE_CHECKING:  # the windows are imported when first opened: nothing to pay for while idle
    from ..core.player import PlayerResult
    from ..ui.break_window import BreakWindow
    from ..ui.history_window import HistoryWindow

log = logging.getLogger(__name__)
T = TypeVar("T")


class Controller(QObject):
    """Owns the running state; the widgets, the notifier and the CLI only ask it to do things."""

    break_window_opened = Signal(object)  # BreakWindow
    quit_requested = Signal()
    window_closed = Signal()

    def __init__(
        self,
        *,
        clock: Clock,
        policy: BreakPolicy,
        break_log: BreakLog,
        routine: Routine | None,
        idle: IdleMonitor,
        notifier: Any,
        tray: Tray,
        wakeups: Wakeups,
        problems: list[Problem],
        notifications: bool = True,
        footer: str = "",
    ) -> None:
        super().__init__()
        self.clock = clock
        self.policy = policy
        self.log = break_log
        self.routine = routine
        self.idle = idle
        self.notifier = notifier
        self.tray = tray
        self.wakeups = wakeups
        self.problems = problems
        self.notifications = notifications
        self.footer = footer
        self.reminder_id: int | None = None
        self.break_id: int | None = None
        self.window: BreakWindow | None = None
        self._idle_seconds: float | None = None
        self.history_window: HistoryWindow | None = None
        self._last_saved: SavedState | None = None

        tray.break_requested.connect(self.take_break)
        tray.snooze_requested.connect(self.snooze)
        tray.skip_requested.connect(self.skip)
        tray.menu_opened.connect(self.refresh_tray)
        tray.quit_requested.connect(self.quit_requested)
        tray.history_requested.connect(self.show_history)
        tray.problems_requested.connect(self.show_problems)
        notifier.action_invoked.connect(self.on_notification_action)

    # -- the heartbeat ----------------------------------------------------------------

    @Slot()
    def tick(self) -> None:
        """One check: ask the OS for idle time, tick the policy, act, and book the next check."""
        now = self.clock.now()
        try:
            self._idle_seconds = self.idle.idle_seconds()
            for event in self.policy.tick(now, self._idle_seconds):
                if isinstance(event, ReminderDue):
                    self._remind(event)
                elif isinstance(event, ReminderAnswered):
                    self._answer(event.outcome, event.at)
                elif isinstance(event, WentAway | CameBack):
                    log.info("%s", event)
        finally:
            # Whatever failed above, the next check is booked: a tray app must not go quiet.
            self._after_change(now)

    def _after_change(self, now: datetime) -> None:
        self.wakeups.at(self.policy.next_wakeup(now, self._idle_seconds))
        saved = self.policy.saved(now)
        if self._state_worth_saving(saved):
            self._store(lambda: self.log.save_state(saved))
            self._last_saved = saved
        self.refresh_tray()

    def _state_worth_saving(self, saved: SavedState) -> bool:
        """Save when something changed, else only now and then, to spare the disk while idle."""
        last = self._last_saved
        if last is None or replace(last, last_seen=saved.last_seen) != saved:
            return True
        return saved.last_seen - last.last_seen >= self.policy.settings.natural_break / 2

    def _store(self, write: Callable[[], T]) -> T | None:
        """Run a log write; a storage failure is reported once and never stops the app."""
        try:
            return write()
        except StorageError as exc:
            log.error("%s", exc)
            problem = Problem("history database", f"{exc}; this break may not be in your history")
            if all(p.message != problem.message for p in self.problems):
                self.problems.append(problem)
                self.tray.show_message("deskbreak could not save your history", str(exc))
            return None

    def _remind(self, event: ReminderDue) -> None:
        self.reminder_id = self._store(lambda: self.log.reminder_shown(event.at, event.sitting_for))
        if not self.notifications:
            return
        title = "Time for an upper-back break"
        body = f"You have been sitting for {humanize(event.sitting_for)}. {self._routine_blurb()}"
        actions = {
            ACTION_DEFAULT: "Start break",
            ACTION_START: "Start break",
            ACTION_SNOOZE: f"Snooze {humanize(self.policy.settings.snooze)}",
            ACTION_SKIP: "Skip",
        }
        if not self.notifier.show(title, body, actions):
            log.warning("no notification route worked; the tray icon shows the break is due")

    def _routine_blurb(self) -> str:
        if self.routine is None:
            return "Stand up and move for a couple of minutes."
        minutes = max(1, round(self.routine.total.total_seconds() / 60))
        return f"{self.routine.title} takes about {minutes} min."

    def _answer(self, outcome: Outcome, at: datetime) -> None:
        reminder_id, self.reminder_id = self.reminder_id, None
        if reminder_id is not None:
            self._store(lambda: self.log.answer(reminder_id, outcome, at))
        self.notifier.withdraw()

    # -- what the user asks for -------------------------------------------------------

    @Slot(str)
    def on_notification_action(self, action: str) -> None:
        if action in (ACTION_START, ACTION_DEFAULT):
            self.take_break()
        elif action == ACTION_SNOOZE:
            self.snooze()
        elif action == ACTION_SKIP:
            self.skip()

    @Slot()
    def take_break(self) -> BreakWindow | None:
        """Open the break window (or bring a running one forward)."""
        if self.window is not None:
            if not self.window.player.finished:
                self.window.show()
                self.window.raise_()
                self.window.activateWindow()
                return self.window
            self.window.close()  # the last break's "complete" page: this is a new break
            self.window = None
        if self.routine is None:
            self.tray.show_message("deskbreak", "No routine could be loaded; see Problems in the menu.")
            return None
        now = self.clock.now()
        sitting_for = self.policy.status(now).sitting_for
        routine_id = self.routine.id
        reminder_id = self.reminder_id if self.policy.phase is Phase.DUE else None
        # Logged first: if the log cannot be written the break still happens, just unlogged.
        self.break_id = self._store(
            lambda: self.log.break_started(now, routine_id, reminder_id=reminder_id, sitting_for=sitting_for)
        )
        self.policy.start_break(now)
        self.reminder_id = None
        self.notifier.withdraw()
        from PySide6.QtCore import Qt  # building the Qt namespace's enums costs ~1 MiB: not at start

        from ..ui.break_window import BreakWindow

        window = BreakWindow(self.routine, self.clock, footer=self.footer)
        window.break_finished.connect(self._break_finished)
        window.destroyed.connect(self._window_gone)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.window = window
        window.show()
        window.raise_()
        window.activateWindow()
        self._after_change(now)
        self.break_window_opened.emit(window)
        return window

    @Slot(object)
    def _break_finished(self, result: PlayerResult) -> None:
        now = self.clock.now()
        break_id, self.break_id = self.break_id, None
        if break_id is not None:
            self._store(lambda: self.log.break_finished(break_id, now, result))
        counted = self.policy.finish_break(now, completed=result.completed, active=result.active)
        status = self.policy.status(now)
        if self.window is not None and status.due_at is not None:
            if counted:
                self.window.add_note(f"Next break at {views.clock_time(status.due_at, now)}.")
            else:
                self.window.add_note(
                    f"Too short to count; we'll remind you again at {views.clock_time(status.due_at, now)}."
                )
        self._after_change(now)

    @Slot()
    def _window_gone(self) -> None:
        self.window = None
        self.window_closed.emit()

    @Slot()
    def snooze(self) -> None:
        now = self.clock.now()
        if self.policy.snooze(now):
            self._answer(Outcome.SNOOZED, now)
            self._after_change(now)

    @Slot()
    def skip(self) -> None:
        now = self.clock.now()
        if self.policy.skip(now):
            self._answer(Outcome.SKIPPED, now)
            self._after_change(now)

    def apply_configuration(self, config: Configuration, extra_problems: list[Problem]) -> None:
        """The user edited their files: new settings, routine and problems take effect now."""
        now = self.clock.now()
        self.policy.apply_settings(config.policy, now)
        self.routine = config.routine
        self.notifications = config.settings.notifications
        self.problems[:] = [*config.problems, *extra_problems]
        self.tray.snooze.setText(f"Snooze {humanize(config.settings.snooze)}")
        if config.problems:
            self.tray.show_message("deskbreak: a problem with your files", str(config.problems[0]))
        self._after_change(now)

    @Slot()
    def show_history(self) -> HistoryWindow:
        """The recent-breaks window, refreshed each time it is asked for."""
        if self.history_window is None:
            from ..ui.history_window import HistoryWindow

            self.history_window = HistoryWindow()
        now = self.clock.now()
        records = self._store(lambda: self.log.recent(50)) or []
        self.history_window.show_rows(
            [views.history_row(r, now) for r in records], views.history_summary(records)
        )
        self.history_window.show()
        self.history_window.raise_()
        return self.history_window

    @Slot()
    def show_problems(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        text = "\n\n".join(str(p) for p in self.problems) or "No problems."
        QMessageBox.warning(None, "deskbreak — problems with your files", text)

    @Slot()
    def refresh_tray(self) -> None:
        now = self.clock.now()
        self.tray.render(views.tray_view(self.policy.status(now), now, len(self.problems)))

    def status(self) -> dict[str, Any]:
        now = self.clock.now()
        status = self.policy.status(now)
        return {
            "state": status.phase.value,
            "sitting_seconds": int(status.sitting_for.total_seconds()),
            "next_break_at": status.due_at.isoformat(timespec="seconds") if status.due_at else None,
            "routine": self.routine.id if self.routine else None,
            "problems": [str(p) for p in self.problems],
            "idle_seconds": self._idle_seconds,
            "tray": self.tray.describe(),
        }

    def shutdown(self) -> None:
        """Quitting: a running break is logged as ended early, and the state is saved."""
        if self.window is not None:
            self.window.close()
        if self.history_window is not None:
            self.history_window.close()
        now = self.clock.now()
        if self.policy.phase is Phase.DUE and self.reminder_id is not None:
            self._answer(Outcome.UNANSWERED, now)
        self._store(lambda: self.log.save_state(self.policy.saved(now)))
        self.wakeups.shutdown()
        self.notifier.withdraw()
