"""The break window's last page: what was done, today's breaks against the goal, one-tap feedback,
and a countdown after which the window closes by itself (stopped as soon as the user engages).

Its labels carry no accessible names of their own, so a screen reader reads what they say."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.coach import CoachResult
from ..core.coach_view import Coached
from .break_feedback import FeedbackRow
from .i18n import translate
from .player_page import _escape, scaled

CLOSES_AFTER = 12  # seconds the finished page stays on its own
AFTER_FEEDBACK = 3  # seconds it stays once feedback is given


def summary_html(items: tuple[Coached, ...], result: CoachResult) -> str:
    """One line per exercise: done (it may have hurt), skipped, stopped because it hurt, or not
    reached. An exercise skipped and then done after all is done."""
    lines = []
    for item in items:
        ident = item.move.id
        if ident in result.done:
            mark = translate("FinishPage", "✓ but it hurt") if ident in result.hurt else "✓"
        elif ident in result.hurt:
            mark = translate("FinishPage", "✕ stopped: it hurt")
        elif ident in result.skipped:
            mark = translate("FinishPage", "– skipped")
        else:
            mark = translate("FinishPage", "– not reached")
        lines.append(f"<tr><td>{_escape(item.move.title)}</td><td style='padding-left:12px'>{mark}</td></tr>")
    return f"<table align='center'>{''.join(lines)}</table>"


class FinishPage(QWidget):
    close_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(self.tr("Break complete"))
        self.title.setObjectName("doneTitle")
        scaled(self.title, 1.9, QFont.Weight.Bold)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setObjectName("doneText")
        scaled(self.text, 1.1)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done = QLabel()
        self.done.setTextFormat(Qt.TextFormat.RichText)
        self.done.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notes = QLabel()
        self.notes.setObjectName("doneNotes")
        self.notes.setWordWrap(True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.title, self.text, self.done, self.notes):
            layout.addWidget(widget)
        layout.addSpacing(12)
        self.feedback = FeedbackRow()
        layout.addWidget(self.feedback)
        layout.addSpacing(12)
        row = QHBoxLayout()
        row.addStretch(1)
        self.countdown = QLabel()
        self.countdown.setObjectName("closesIn")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the break window"))
        self.close_button.clicked.connect(self.close_requested)
        row.addWidget(self.countdown)
        row.addWidget(self.close_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.left: int | None = None  # seconds until it closes itself; None once the user engaged

    def show_result(self, items: tuple[Coached, ...], result: CoachResult, minutes: int) -> None:
        reached = len(set(result.done) | set(result.skipped) | set(result.hurt))
        if result.completed and result.pain:
            self.title.setText(self.tr("Break complete"))
            text = self.tr("{minutes} min of upper-back movement. Go gently with what hurt.")
        elif result.completed:
            self.title.setText(self.tr("Break complete"))
            text = self.tr("{minutes} min of upper-back movement. Nice work.")
        elif result.exercises_done and reached >= len(items):
            self.title.setText(self.tr("Break done"))
            text = self.tr("{minutes} min of movement, with some exercises left out.")
        else:
            self.title.setText(self.tr("Break ended"))
            text = self.tr("You got through {done} of {count} exercises.")
        self.text.setText(text.format(minutes=minutes, done=result.exercises_done, count=len(items)))
        self.done.setText(summary_html(items, result))
        self.start_countdown(CLOSES_AFTER)

    def add_note(self, text: str) -> None:
        current = self.notes.text()
        self.notes.setText(f"{current}\n{text}" if current else text)

    def start_countdown(self, seconds: int) -> None:
        self.left = seconds
        self._show_left()

    def stop_countdown(self) -> None:
        """The user is here (a key, the mouse, a click): the page stays until they close it."""
        self.left = None
        self.countdown.setText("")

    def second_passed(self) -> bool:
        """One second of the countdown; True when it is time to close."""
        if self.left is None:
            return False
        self.left -= 1
        self._show_left()
        return self.left <= 0

    def _show_left(self) -> None:
        if self.left is not None:
            self.countdown.setText(self.tr("Closes in {seconds} s").format(seconds=max(0, self.left)))
