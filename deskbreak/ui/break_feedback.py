"""One-tap feedback on a finished break: too easy, about right, too hard. Optional, kept with
the break in the history (the 6-week program will take it into account)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from .i18n import QT_TRANSLATE_NOOP

CHOICES = (
    ("too_easy", QT_TRANSLATE_NOOP("FeedbackRow", "Too easy")),
    ("about_right", QT_TRANSLATE_NOOP("FeedbackRow", "About right")),
    ("too_hard", QT_TRANSLATE_NOOP("FeedbackRow", "Too hard")),
)  # (key kept with the break, button text translated where shown)
SPOKEN = {
    "too_easy": QT_TRANSLATE_NOOP("FeedbackRow", "The break felt too easy"),
    "about_right": QT_TRANSLATE_NOOP("FeedbackRow", "The break felt about right"),
    "too_hard": QT_TRANSLATE_NOOP("FeedbackRow", "The break felt too hard"),
}  # each button's accessible name


class FeedbackRow(QWidget):
    chosen = Signal(str)  # one of the CHOICES keys

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        self.question = QLabel(self.tr("How did that feel?"))
        layout.addWidget(self.question)
        self.buttons: dict[str, QPushButton] = {}
        for key, text in CHOICES:
            button = QPushButton(self.tr(text))
            button.setCheckable(True)
            button.setAccessibleName(self.tr(SPOKEN[key]))
            button.clicked.connect(lambda _=False, k=key: self._choose(k))
            layout.addWidget(button)
            self.buttons[key] = button
        layout.addStretch(1)
        self.value: str | None = None

    def _choose(self, key: str) -> None:
        for name, button in self.buttons.items():
            button.setChecked(name == key)
        if key != self.value:
            self.value = key
            self.question.setText(self.tr("Thanks, noted:"))
            self.chosen.emit(key)
