"""The break window's "this hurts" page: advice, and leaving the exercise out from now on.

A thin page around HurtPanel (ui/hurt_panel.py); when the hurt exercise was the last one, the
"carry on" button leads to the summary instead.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class HurtPage(QWidget):
    skip_in_future = Signal(str)
    carry_on_requested = Signal()
    end_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.skip_button = QPushButton("Leave this exercise out of future routines")
        self.carry_on_button = QPushButton("Carry on with the next exercise")
        self.end_button = QPushButton("End the break")
        for widget in (self.skip_button, self.carry_on_button, self.end_button):
            layout.addWidget(widget)
        self.exercise = ""
        self.skip_button.clicked.connect(lambda: self.skip_in_future.emit(self.exercise))
        self.carry_on_button.clicked.connect(self.carry_on_requested)
        self.end_button.clicked.connect(self.end_requested)

    def show_for(self, exercise_id: str, title: str, easier: str | None) -> None:
        self.exercise = exercise_id
        self.text.setText(f"Stopped {title}. {easier or ''}")

    def finished(self) -> None:
        """That was the last exercise: carrying on shows the summary."""
        self.carry_on_button.setText("See the summary")
