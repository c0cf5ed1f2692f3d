"""The weekly review in the running app: its window, the weekly check-in and the Monday summary.

The window and its data exist only while it is open (created on "Weekly review", released when
closed), so the tray app's idle cost does not change. The check-in is booked with APScheduler
at its configured day and time; each check of the app also asks whether one is due, which is how
a check-in missed while the app was off is asked at the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from ..core.checkin_schedule import checkin_due, summary_due
from ..core.clock import Clock
from ..core.settings import Settings
from ..core.weeks import iso_week_label, parse_iso_week
from ..platform.memory import release_free_memory
from ..storage.break_log import BreakLog
from .wakeups import Wakeups

if TYPE_CHECKING:
    from ..core.review import Review
    from ..ui.checkin_dialog import CheckInDialog
    from ..ui.review_window import ReviewWindow

log = logging.getLogger(__name__)
PUT_OFF_KEY = "checkin_put_off"  # the last week whose check-in was put off with "Not now"
SUMMARY_KEY = "summary_shown"  # the last week whose Monday summary was shown
CHECKIN_JOB = "weekly-checkin"


class ReviewService(QObject):
    def __init__(
        self,
        clock: Clock,
        break_log: BreakLog,
        settings: Settings,
        tell: Callable[[str, str], object],
        wakeups: Wakeups | None = None,
        busy: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.log = break_log
        self.tell = tell
        self._wakeups = wakeups
        # A reminder is out or a break runs: the check-in and the summary wait (a notification
        # of ours would replace the reminder's).
        self._busy = busy or (lambda: False)
        self.window: ReviewWindow | None = None
        self.dialog: CheckInDialog | None = None
        self._settled_week: str | None = None  # the check-in week known to be answered or put off
        self._summary_for: str | None = break_log.value(SUMMARY_KEY)
        self.settings = settings
        self.program_label: Callable[[], str] = str  # "Week 3 of 6" while the program chooses
        self.apply_settings(settings)

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        if self._wakeups is None:
            return
        if settings.weekly_checkin:
            self._wakeups.weekly(CHECKIN_JOB, settings.checkin_day, settings.checkin_time, self.check)
        else:
            self._wakeups.cancel(CHECKIN_JOB)

    # -- the window -------------------------------------------------------------------------

    def load(self, week_of: date | None = None) -> Review:
        """The review as of now, for the week containing `week_of` (this week if None)."""
        # Loaded on first use: the tray app does not carry the review's code all day.
        from ..core.review import build_review, goal_settings
        from ..storage.review_data import load_review

        today = self.clock.now().date()
        goals = goal_settings(self.settings)
        review = self.log.store.read(lambda conn: load_review(conn, today, goals, week_of))
        # The file cannot be reached right now: the window says there is nothing yet.
        return review if review is not None else build_review({}, (), today, goals, week_of)

    @Slot()
    def open_review(self) -> ReviewWindow:
        """Show the review window (one at a time), brought to the front."""
        if self.window is None:
            from ..ui.review_window import ReviewWindow

            self.window = ReviewWindow(
                self.load,
                on_rest_day=self.mark_rest_day,
                on_check_in=self.check_in_now,
                program=self.program_label,
            )
            self.window.destroyed.connect(self._window_gone)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window

    @Slot()
    def _window_gone(self) -> None:
        self.window = None
        # The window's data is garbage now: give the freed heap back to the system, once settled.
        QTimer.singleShot(1000, release_free_memory)

    def mark_rest_day(self, day: date, rest: bool) -> None:
        self.log.events.rest_day(day, self.clock.now(), rest)

    def check_in_now(self) -> None:
        self.ask_checkin(iso_week_label(self.clock.now().date()))

    # -- the weekly check-in ----------------------------------------------------------------

    def ask_checkin(self, week: str, *, asked_by_user: bool = True) -> CheckInDialog:
        """Show the check-in for `week`. When it comes by itself (its time came) it appears
        without taking the keyboard, so nothing typed at that moment lands in it."""
        if self.dialog is not None:
            if asked_by_user:
                self.dialog.raise_()
                self.dialog.activateWindow()
            return self.dialog
        from PySide6.QtCore import Qt

        from ..ui.checkin_dialog import CheckInDialog

        dialog = CheckInDialog(parse_iso_week(week))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, not asked_by_user)
        dialog.answered.connect(lambda s, p, note: self._answered(week, s, p, note))
        dialog.dismissed.connect(lambda: self._put_off(week))
        dialog.destroyed.connect(self._dialog_gone)
        self.dialog = dialog
        dialog.show()
        if asked_by_user:
            dialog.raise_()
            dialog.activateWindow()
        return dialog

    @Slot()
    def _dialog_gone(self) -> None:
        self.dialog = None

    def _answered(self, week: str, stiffness: int, pain: int, note: str) -> None:
        self.log.events.check_in(self.clock.now(), week, stiffness, pain, note)
        self._settled_week = week
        if self.window is not None:
            self.window.reload()

    def _put_off(self, week: str) -> None:
        self.log.set_value(PUT_OFF_KEY, week)
        self._settled_week = week

    # -- on each check of the app -----------------------------------------------------------

    @Slot()
    def check(self) -> None:
        """Ask the check-in if it is due, and show the Monday summary once a week."""
        try:
            now = self.clock.now()
            if self._busy():
                return
            self._check_in_if_due(now)
            self._summary_if_due(now)
        except Exception:  # the review must never stop the break loop
            log.exception("weekly review check failed")

    def _check_in_if_due(self, now: datetime) -> None:
        settings = self.settings
        if not settings.weekly_checkin or self.dialog is not None:
            return
        local = now.replace(tzinfo=None)
        # Cheap first: nothing to read while the latest slot's week is known to be settled.
        if (
            checkin_due(
                local, settings.checkin_day, settings.checkin_time, {self._settled_week or ""}, date.min
            )
            is None
        ):
            return
        closed = self.log.events.checked_in_weeks() | {self.log.value(PUT_OFF_KEY) or ""}
        week = checkin_due(
            local, settings.checkin_day, settings.checkin_time, closed, self.log.events.first_day()
        )
        if week is None:
            latest = checkin_due(local, settings.checkin_day, settings.checkin_time, (), date.min)
            self._settled_week = latest  # answered, put off, or before deskbreak was in use
            return
        self.ask_checkin(week, asked_by_user=False)

    def _summary_if_due(self, now: datetime) -> None:
        week = summary_due(now.replace(tzinfo=None), self.settings.work_days, self._summary_for)
        if week is None:
            return
        self._summary_for = week
        self.log.set_value(SUMMARY_KEY, week)
        first = self.log.events.first_day()
        if first is None or first >= parse_iso_week(week):
            return  # nothing from last week to sum up
        from ..core.review import summary_line

        self.tell("deskbreak: your week", summary_line(self.load()))

    def close(self) -> None:
        """The app quits: a check-in left open is asked again at the next start, not put off."""
        if self.dialog is not None:
            self.dialog.dismissed.disconnect()
            self.dialog.close()
        if self.window is not None:
            self.window.close()
