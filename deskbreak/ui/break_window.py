"""The routine player window: the exercise, its cues, a countdown, and pause / skip / end."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.clock import Clock
from ..core.player import PlayerResult, RoutinePlayer
from ..core.routines import Focus, Routine
from .break_feedback import FeedbackRow

FOCUS_LABELS = {
    Focus.EXTENSION: "Upper-back extension",
    Focus.ROTATION: "Upper-back rotation",
    Focus.SIDE_BEND: "Side bend",
    Focus.SHOULDER_BLADES: "Shoulder blades",
    Focus.RELEASE: "Release",
    Focus.BREATHING: "Rib breathing",
    Focus.NECK: "Neck",
}

STYLE = """
QWidget#breakWindow { background: #f6f8f8; }
QLabel#routineTitle { color: #5b6b6b; font-size: 13px; }
QLabel#position { color: #0f766e; font-weight: 600; font-size: 13px; }
QLabel#exerciseName { color: #12302e; font-size: 24px; font-weight: 700; }
QLabel#focus { color: #0f766e; background: #d7efec; border-radius: 9px; padding: 2px 10px; }
QLabel#cues { color: #1f2d2d; font-size: 15px; }
QLabel#caution { color: #8a4b00; background: #fff3df; border-radius: 6px; padding: 6px 8px; }
QLabel#countdown { color: #12302e; font-size: 56px; font-weight: 300; }
QLabel#paused { color: #8a4b00; font-weight: 600; }
QLabel#footer { color: #6b7a7a; font-size: 11px; }
QLabel#doneTitle { color: #0f766e; font-size: 26px; font-weight: 700; }
QLabel#doneText { color: #1f2d2d; font-size: 15px; }
QProgressBar { background: #e2e8e8; border: none; border-radius: 4px; max-height: 8px; }
QProgressBar::chunk { background: #14b8a6; border-radius: 4px; }
QPushButton { padding: 7px 16px; font-size: 14px; }
"""


def _escape(text: str) -> str:
    # html.escape would pull in html.entities (~0.7 MiB) for three replacements.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _label(
    name: str, text: str = "", *, wrap: bool = False, rich: bool = False, centered: bool = False
) -> QLabel:
    """A label with an object name, for the style sheet."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    if centered:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def _clock_text(seconds: float) -> str:
    whole = int(seconds + 0.999)  # 0.2 s left still shows 0:01; 0:00 only when done
    return f"{whole // 60}:{whole % 60:02d}"


class BreakWindow(QWidget):
    """Plays one routine. Emits break_finished once, when the last step ends or the user ends it."""

    break_finished = Signal(object)  # PlayerResult
    feedback_given = Signal(str)  # too_easy, about_right or too_hard (on the last page)
    window_closed = Signal(object)  # PlayerResult: the window was closed, any way at all

    def __init__(self, routine: Routine, clock: Clock, footer: str = "") -> None:
        super().__init__()
        self.setObjectName("breakWindow")
        self.setWindowTitle(f"deskbreak — {routine.title}")
        self.setStyleSheet(STYLE)
        self.setMinimumSize(520, 560)
        self.clock = clock
        self.player = RoutinePlayer(routine, clock.monotonic())
        self._emitted = False

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_player(routine, footer))
        self.pages.addWidget(self._build_done())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 22, 28, 18)
        outer.addWidget(self.pages)

        self._keys = {
            Qt.Key.Key_Space: self.toggle_pause,
            Qt.Key.Key_P: self.toggle_pause,
            Qt.Key.Key_Right: self.skip,
            Qt.Key.Key_S: self.skip,
            Qt.Key.Key_Escape: self.end_or_close,
        }

        self.timer = QTimer(self)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def _build_player(self, routine: Routine, footer: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(10)
        top = QHBoxLayout()
        self.routine_title = _label("routineTitle", routine.title)
        self.position = _label("position", "")
        top.addWidget(self.routine_title)
        top.addStretch(1)
        top.addWidget(self.position)
        layout.addLayout(top)
        self.overall = QProgressBar(textVisible=False)
        self.overall.setRange(0, len(self.player.steps))
        layout.addWidget(self.overall)
        layout.addSpacing(6)
        self.exercise_name = _label("exerciseName", "", wrap=True)
        layout.addWidget(self.exercise_name)
        focus_row = QHBoxLayout()
        self.focus = _label("focus", "")
        focus_row.addWidget(self.focus)
        focus_row.addStretch(1)
        layout.addLayout(focus_row)
        self.cues = _label("cues", "", wrap=True, rich=True)
        self.cues.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.cues, 1)
        self.caution = _label("caution", "", wrap=True)
        layout.addWidget(self.caution)
        self.countdown = _label("countdown", "", centered=True)
        layout.addWidget(self.countdown)
        self.paused_label = _label("paused", "Paused — press Space to carry on")
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.paused_label)
        self.step_progress = QProgressBar(textVisible=False)
        self.step_progress.setRange(0, 1000)
        layout.addWidget(self.step_progress)
        buttons = QHBoxLayout()
        self.pause_button = QPushButton("Pause")
        self.skip_button = QPushButton("Skip ›")
        self.end_button = QPushButton("End break")
        for button, tip, slot in (
            (self.pause_button, "Pause or resume (Space)", self.toggle_pause),
            (self.skip_button, "Go to the next step (→)", self.skip),
            (self.end_button, "Stop here (Esc)", self.end_or_close),
        ):
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space belongs to pause, not to a button
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.footer = _label("footer", footer, wrap=True)
        layout.addWidget(self.footer)
        return page

    def _build_done(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.done_title = _label("doneTitle", "Break complete")
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_text = _label("doneText", "", wrap=True, centered=True)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_text)
        self.feedback = FeedbackRow()
        self.feedback.chosen.connect(self.feedback_given)
        layout.addWidget(self.feedback)
        layout.addSpacing(18)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    # -- behaviour ------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Advance the player to the clock's time and redraw."""
        now = self.clock.monotonic()
        self.player.tick(now)
        if self.player.finished:
            self._show_done()
            return
        step = self.player.current
        exercise = step.exercise
        count = len(self.player.routine.exercises)
        side = f" · {step.side} side" if step.side else ""
        self.position.setText(f"Exercise {step.exercise_number} of {count}{side}")
        self.overall.setValue(self.player.index)
        self.exercise_name.setText(exercise.name)
        self.focus.setText(FOCUS_LABELS[exercise.focus])
        items = "".join(f"<li style='margin-bottom:6px'>{_escape(c)}</li>" for c in exercise.cues)
        self.cues.setText(f"<ul style='margin-left:-18px'>{items}</ul>")
        self.caution.setText(exercise.caution or "")
        self.caution.setVisible(bool(exercise.caution))
        remaining = self.player.remaining(now)
        self.countdown.setText(_clock_text(remaining))
        total = step.duration.total_seconds()
        self.step_progress.setValue(int(1000 * (1 - remaining / total)) if total else 1000)
        self.pause_button.setText("Resume" if self.player.paused else "Pause")
        self.paused_label.setVisible(self.player.paused)

    def _show_done(self) -> None:
        self.timer.stop()
        result = self.player.result
        assert result is not None
        minutes = max(1, round(result.active.total_seconds() / 60))
        if result.completed:
            self.done_title.setText("Break complete")
            body = f"{minutes} min of upper-back movement. Nice work."
            if result.steps_skipped:
                body += f" ({result.steps_skipped} of {result.steps_total} steps skipped)"
        else:
            self.done_title.setText("Break ended")
            body = f"You got through {result.steps_done} of {result.steps_total} steps."
        self.done_text.setText(body)
        self.pages.setCurrentIndex(1)
        self._emit(result)

    def add_note(self, text: str) -> None:
        """A line under the result, e.g. when the next break is due."""
        self.done_text.setText(f"{self.done_text.text()}\n{text}")

    def _emit(self, result: PlayerResult) -> None:
        if not self._emitted:
            self._emitted = True
            self.break_finished.emit(result)

    @Slot()
    def toggle_pause(self) -> None:
        if not self.player.finished:
            self.player.toggle_pause(self.clock.monotonic())
            # Nothing moves while paused, so nothing needs redrawing: no wake-ups meanwhile.
            if self.player.paused:
                self.timer.stop()
            else:
                self.timer.start()
            self.refresh()

    @Slot()
    def skip(self) -> None:
        if not self.player.finished:
            self.player.skip(self.clock.monotonic())
            self.refresh()

    @Slot()
    def end_or_close(self) -> None:
        """Esc / End: stop the routine early, or close the window once it is done."""
        if self.player.finished:
            self.close()
            return
        self._emit(self.player.end(self.clock.monotonic()))
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        action = self._keys.get(Qt.Key(event.key()))
        if action is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        action()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        """Hidden by a program rather than minimized by the user: the break is over, so close."""
        super().hideEvent(event)
        if not event.spontaneous() and not self.player.finished:
            QTimer.singleShot(0, self, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.player.finished:
            self._emit(self.player.end(self.clock.monotonic()))
        self.timer.stop()
        super().closeEvent(event)
        if event.isAccepted():
            self.window_closed.emit(self.player.result)
