"""The break window: plays a routine through the coach (core/coach.py), one exercise at a time.

Pages: the player, "this hurts" advice, and the finish page. Keys: Space pauses, ← back,
→ next, Esc ends (or closes once done); for its first second it ignores keys, so typing that
was under way when it opened is not swallowed. It redraws ~30 times a second only while the
figure moves, ten times a second otherwise, and not at all while paused or finished. Minimized
or hidden by the user, it draws nothing and wakes only when a part of the routine ends (at most
once a second), for the sound cues and the end; the coach's timing is the same either way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ..core.clock import Clock
from ..core.coach import Coach, Phase
from ..core.coach_view import Coached, Frame, coached, first_side, frame, player_result
from ..core.exercises import LibraryExercise
from ..core.player import PlayerResult
from ..core.routines import Routine
from ..core.safety import BUILTIN, SafetyContent
from .break_pacing import CALM_MS, INPUT_GUARD, cue, engages, key_action, redraw_interval, unseen_wait
from .figure import FigureWidget
from .finish_page import AFTER_FEEDBACK, FinishPage
from .hurt_page import HurtPage
from .player_page import PlayerPage


class BreakWindow(QWidget):
    """Emits break_finished once, when the last exercise ends or the user ends the routine."""

    break_finished = Signal(object)  # PlayerResult
    feedback_given = Signal(str)  # too_easy, about_right or too_hard (on the last page)
    window_closed = Signal(object)  # PlayerResult: the window was closed, any way at all
    skip_in_future = Signal(str)  # an exercise id the user wants left out from now on

    def __init__(
        self,
        routine: Routine,
        clock: Clock,
        footer: str = "",
        *,
        library: Mapping[str, LibraryExercise] | None = None,
        program: str = "",
        sound: Callable[[str], None] | None = None,
        safety: SafetyContent | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("breakWindow")
        self.setWindowTitle(self.tr("deskbreak — {routine}").format(routine=routine.title))
        self.setMinimumWidth(560)  # the height is what the pages need (about 630 px): fits a 768 px screen
        self.resize(620, 650)
        self.clock = clock
        self.items = coached(routine, library)
        self.coach = Coach(tuple(i.move for i in self.items), clock.monotonic())
        self.total = self.coach.routine_left(clock.monotonic())
        self.sound = sound
        self._emitted = False
        self._opened_at: float | None = None
        self._heard: tuple[int, Phase] | None = None
        self._unseen = False  # hidden by the user (e.g. minimized, or on another desktop)
        self._left_out: set[str] = set()  # exercises already reported through skip_in_future

        self.figure = FigureWidget()
        self.player_page = PlayerPage(self.figure, len(self.items))
        self.player_page.routine_title.setText(routine.title)
        self.player_page.program.setText(program)
        self.player_page.footer.setText(footer)
        self.hurt_page = HurtPage(safety or BUILTIN)
        self.finish_page = FinishPage()
        self.pages = QStackedWidget()
        for page in (self.player_page, self.hurt_page, self.finish_page):
            self.pages.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 14)
        outer.addWidget(self.pages)

        page = self.player_page
        page.pause_button.clicked.connect(self.toggle_pause)
        page.back_button.clicked.connect(self.back)
        page.next_button.clicked.connect(self.next)
        page.hurt_button.clicked.connect(self.hurts)
        page.end_button.clicked.connect(self.end_or_close)
        self.hurt_page.carry_on_requested.connect(self.carry_on)
        self.hurt_page.end_requested.connect(self.end_or_close)
        self.hurt_page.skip_in_future.connect(self._leave_out)
        self.finish_page.close_requested.connect(self.close)
        self.finish_page.feedback.chosen.connect(self._feedback)

        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(CALM_MS)
        self.closing = QTimer(self)  # the finish page's countdown, once a second
        self.closing.setInterval(1000)
        self.closing.timeout.connect(self._second_passed)
        self.refresh()

    # -- drawing ------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Advance the coach to the clock's time and redraw."""
        now = self.clock.monotonic()
        self.coach.tick(now)
        if self.coach.finished:
            self._play("done")
            self._show_finish()
            return
        if self.out_of_sight():
            self._cue_sound(self.coach.segment.exercise, self.coach.segment.phase)
            if self.coach.paused_at is None and self.pages.currentWidget() is self.player_page:
                # Wake when this part of the routine ends (its sound, or the end), not to draw.
                self.timer.start(unseen_wait(self.coach.remaining(now)))
            return
        shown = frame(self.coach, self.items, now)
        item = self.items[shown.exercise]
        gone = 1.0 - self.coach.routine_left(now) / self.total if self.total else 1.0
        self.player_page.show_frame(shown, item, gone)
        self._draw_figure(shown, item)
        self._cue_sound(shown.exercise, shown.phase)
        if self.coach.paused_at is None and self.pages.currentWidget() is self.player_page:
            self._pace(shown.phase, shown.hold_dose, now)

    def _draw_figure(self, shown: Frame, item: Coached) -> None:
        """The animated figure: before the count it shows the side about to be done."""
        if item.pose is None:
            return
        side = first_side(self.coach) if shown.phase is Phase.GET_READY else shown.side
        self.figure.set_moment(
            item.pose,
            shown.phase,
            shown.fraction,
            hold_dose=shown.hold_dose,
            side=side,
            seconds=self.coach.segment.seconds,
        )

    def out_of_sight(self) -> bool:
        """Minimized or hidden by the user: nothing to draw until it is shown again."""
        return self.isMinimized() or self._unseen

    def _pace(self, phase: Phase, hold_dose: bool, now: float) -> None:
        """Redraw smoothly only while the figure moves."""
        seconds, remaining = self.coach.segment.seconds, self.coach.remaining(now)
        interval = redraw_interval(phase, hold_dose, seconds, remaining)
        if self.timer.interval() != interval or not self.timer.isActive():
            self.timer.start(interval)

    def _cue_sound(self, exercise: int, phase: Phase) -> None:
        """A short sound when the count starts, and when a new exercise or side comes up."""
        before, self._heard = self._heard, (exercise, phase)
        sound = cue(before, self._heard)
        if sound is not None:
            self._play(sound)

    def _play(self, name: str) -> None:
        if self.sound is not None and not self._emitted:
            self.sound(name)

    def _show_finish(self) -> None:
        self.timer.stop()
        if self.pages.currentWidget() is self.hurt_page:
            self.hurt_page.finished()
            self._emit()
            return
        result = self.coach.result
        minutes = max(1, round(result.active_seconds / 60))
        if self.pages.currentWidget() is not self.finish_page:
            self.finish_page.show_result(self.items, result, minutes)
            self.pages.setCurrentWidget(self.finish_page)
            self.closing.start()
        self._emit()

    def add_note(self, text: str) -> None:
        """A line on the finish page, e.g. today's breaks or when the next break is due."""
        self.finish_page.add_note(text)

    # -- what the user does ---------------------------------------------------------------

    @property
    def result(self) -> PlayerResult:
        return player_result(self.coach)

    def stop(self) -> PlayerResult:
        """End the routine now (if it runs) and say how it went."""
        self.coach.end(self.clock.monotonic())
        return self.result

    def _emit(self) -> None:
        if not self._emitted:
            self._emitted = True
            self.break_finished.emit(self.result)

    @Slot()
    def toggle_pause(self) -> None:
        if self.coach.finished or self.pages.currentWidget() is not self.player_page:
            return
        now = self.clock.monotonic()
        if self.coach.paused_at is None:
            self.coach.pause(now)
            self.timer.stop()  # nothing moves while paused: no wake-ups meanwhile
        else:
            self.coach.resume(now)
        self.refresh()

    @Slot()
    def next(self) -> None:
        if self.pages.currentWidget() is self.player_page:
            self.coach.next(self.clock.monotonic())
            self.refresh()

    @Slot()
    def back(self) -> None:
        if self.pages.currentWidget() is self.player_page:
            self.coach.back(self.clock.monotonic())
            self.refresh()

    @Slot()
    def hurts(self) -> None:
        """This exercise ends now and is flagged; the routine waits while the advice is read."""
        if self.coach.finished or self.pages.currentWidget() is not self.player_page:
            return
        now = self.clock.monotonic()
        hurt = self.coach.hurts(now)  # the coach catches up first, then says which one it was
        if hurt is None:
            return
        item = self.items[hurt]
        self.coach.pause(now)
        self.timer.stop()
        self.hurt_page.show_for(item.move.id, item.move.title, item.easier or None)
        self.pages.setCurrentWidget(self.hurt_page)
        if self.coach.finished:
            self._show_finish()

    @Slot()
    def carry_on(self) -> None:
        if self.coach.finished:
            self.pages.setCurrentWidget(self.player_page)
            self._show_finish()
            return
        self.coach.resume(self.clock.monotonic())
        self.pages.setCurrentWidget(self.player_page)
        self.refresh()

    @Slot()
    def end_or_close(self) -> None:
        """Esc / End: stop the routine early, or close the window once it is done."""
        if not self.coach.finished:
            self.coach.end(self.clock.monotonic())
            self._emit()
        self.close()

    @Slot(str)
    def _leave_out(self, exercise_id: str) -> None:
        """Pass "leave this exercise out" on, once for each exercise."""
        if exercise_id and exercise_id not in self._left_out:
            self._left_out.add(exercise_id)
            self.skip_in_future.emit(exercise_id)

    @Slot(str)
    def _feedback(self, choice: str) -> None:
        self.feedback_given.emit(choice)
        self.finish_page.start_countdown(AFTER_FEEDBACK)
        self.closing.start()

    @Slot()
    def _second_passed(self) -> None:
        if self.finish_page.second_passed():
            self.closing.stop()
            self.close()

    def _engaged(self) -> None:
        if self.pages.currentWidget() is self.finish_page:
            self.finish_page.stop_countdown()
            self.closing.stop()  # no more wake-ups: it stays until closed or rated

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        opened = self._opened_at
        if opened is not None and self.clock.monotonic() - opened < INPUT_GUARD:
            event.accept()  # typing that was under way when the window opened
            return
        if engages(event.key()):  # the Alt of Alt+Tab, or Shift: not reading the page
            self._engaged()
        action = key_action(event.key(), event.modifiers())
        if action is None:
            super().keyPressEvent(event)
            return
        getattr(self, action)()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._engaged()
        super().mousePressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._opened_at is None:
            self._opened_at = self.clock.monotonic()
        super().showEvent(event)
        if self._unseen:
            self._unseen = False
            self._back_in_sight()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        """Hidden by a program rather than minimized by the user: the break is over, so close.
        Hidden by the user: nothing is drawn until it is shown again."""
        super().hideEvent(event)
        if not event.spontaneous():
            if not self.coach.finished:
                QTimer.singleShot(0, self, self.close)
        elif not self._unseen:
            self._unseen = True
            self._out_of_sight()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            if self.isMinimized():
                self._out_of_sight()
            else:
                self._back_in_sight()

    def _out_of_sight(self) -> None:
        """Minimized or hidden: stop the redraws (refresh then only wakes for cues and the end)."""
        if self.timer.isActive():
            self.refresh()

    def _back_in_sight(self) -> None:
        """Shown again: draw the moment it is now at once, and pace the redraws as before."""
        if not self.out_of_sight() and not self.coach.finished:
            self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        panel = self.hurt_page.panel
        if self.pages.currentWidget() is self.hurt_page and panel.leave_out.isChecked():
            self._leave_out(panel.exercise_id)  # the box ticked, then Esc or the window closed
        if not self.coach.finished:
            self.coach.end(self.clock.monotonic())
            self._emit()
        self.timer.stop()
        self.closing.stop()
        super().closeEvent(event)
        if event.isAccepted():
            self.window_closed.emit(self.result)
