"""The break window's "this hurts" page: the advice panel (ui/hurt_panel.py), whose "carry on"
leads to the summary instead when the exercise that hurt was the last one."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..core.safety import SafetyContent
from .hurt_panel import CARRY_ON, HurtPanel


class HurtPage(QWidget):
    def __init__(self, content: SafetyContent) -> None:
        super().__init__()
        self.panel = HurtPanel(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.skip_in_future = self.panel.skip_in_future
        self.carry_on_requested = self.panel.carry_on_requested
        self.end_requested = self.panel.end_requested

    def show_for(self, exercise_id: str, title: str, easier: str | None) -> None:
        self.panel.show_for(exercise_id, title, easier)
        self.panel.carry_on_button.setText(self.panel.tr(CARRY_ON))

    def finished(self) -> None:
        """That was the last exercise: carrying on shows the summary."""
        self.panel.carry_on_button.setText(self.tr("See the summary"))
