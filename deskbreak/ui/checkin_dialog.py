"""The weekly check-in: two 0-10 questions and a note, for the user's own trend (never a diagnosis)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.streaks import week_start
from .i18n import QT_TRANSLATE_NOOP
from .review_text import week_title

NOTE_MAX = 500
STIFFNESS_QUESTION = QT_TRANSLATE_NOOP("CheckInDialog", "How stiff has your upper back felt this week?")
PAIN_QUESTION = QT_TRANSLATE_NOOP("CheckInDialog", "How much low-back pain have you had this week?")
DISCLAIMER = QT_TRANSLATE_NOOP(
    "CheckInDialog",
    "This is for tracking your own trend over the weeks, not a diagnosis. If pain is severe, "
    "getting worse, or comes with numbness, weakness or other worrying signs, please see a clinician.",
)  # the questions and the disclaimer are translated where shown (CheckInDialog)


class Scale(QGroupBox):
    """One 0-10 question as eleven buttons; nothing is chosen until the user picks (the texts come
    translated)."""

    def __init__(self, question: str, low: str, high: str, short: str, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.short = short
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.setSpacing(2)
        for n in range(11):
            button = QPushButton(str(n))
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setMinimumWidth(self.fontMetrics().horizontalAdvance("10") * 2 + 8)
            button.setAccessibleName(self.tr("{scale} {n} of 10").format(scale=short, n=n))
            self.group.addButton(button, n)
            row.addWidget(button)
        layout.addLayout(row)
        ends = QHBoxLayout()
        ends.addWidget(QLabel(self.tr("0 = {low}").format(low=low)))
        ends.addStretch(1)
        ends.addWidget(QLabel(self.tr("10 = {high}").format(high=high)))
        layout.addLayout(ends)
        self.chosen = QLabel()
        self.chosen.setAccessibleName(self.tr("{scale} answer").format(scale=short))
        layout.addWidget(self.chosen)
        self.group.idToggled.connect(self._toggled)
        self._show()

    @property
    def value(self) -> int | None:
        n = self.group.checkedId()
        return None if n < 0 else n

    def choose(self, n: int) -> None:
        self.group.button(n).click()

    def _toggled(self, _: int, checked: bool) -> None:
        if checked:
            self._show()

    def _show(self) -> None:
        n = self.value
        if n is None:
            self.chosen.setText(self.tr("Your answer: not chosen yet"))
        else:
            self.chosen.setText(self.tr("Your answer: <b>{n}</b> of 10").format(n=n))


class CheckInDialog(QDialog):
    """Asks about the week containing `week` (any day of it); emits answered or dismissed once."""

    answered = Signal(int, int, str)  # stiffness, low-back pain, note
    dismissed = Signal()

    def __init__(self, week: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Weekly check-in"))
        self.setAccessibleName(self.tr("Weekly check-in"))
        self._done = False
        layout = QVBoxLayout(self)
        self.heading = QLabel(
            self.tr("<b>Weekly check-in</b> for {week}").format(week=week_title(week_start(week)))
        )
        layout.addWidget(self.heading)
        self.stiffness = Scale(
            self.tr(STIFFNESS_QUESTION),
            self.tr("not at all"),
            self.tr("as stiff as it gets"),
            self.tr("Stiffness"),
        )
        self.pain = Scale(
            self.tr(PAIN_QUESTION), self.tr("none"), self.tr("worst imaginable"), self.tr("Low-back pain")
        )
        layout.addWidget(self.stiffness)
        layout.addWidget(self.pain)
        note_label = QLabel(self.tr("A note for yourself (optional):"))
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(self.tr("e.g. long drive at the weekend"))
        self.note.setAccessibleName(self.tr("Note"))
        note_label.setBuddy(self.note)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        disclaimer = QLabel(self.tr(DISCLAIMER))
        disclaimer.setWordWrap(True)
        disclaimer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(disclaimer)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.not_now_button = buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setAccessibleName(self.tr("Save check-in"))
        self.not_now_button.setAccessibleName(self.tr("Not now"))
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for scale in (self.stiffness, self.pain):
            scale.group.idToggled.connect(lambda *_: self._update())
        self._update()

    def _update(self) -> None:
        self.save_button.setEnabled(self.stiffness.value is not None and self.pain.value is not None)

    def accept(self) -> None:
        stiffness, pain = self.stiffness.value, self.pain.value
        if stiffness is None or pain is None or self._done:
            return
        self._done = True
        self.answered.emit(stiffness, pain, self.note.text().strip())
        super().accept()

    def reject(self) -> None:
        if not self._done:
            self._done = True
            self.dismissed.emit()
        super().reject()
