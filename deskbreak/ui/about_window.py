"""About deskbreak: the version, where settings and history live (with buttons to open those
folders), the licence in a line, and that nothing leaves the computer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .safety_blocks import SoftLabel, heading

PRIVACY = (
    "Everything deskbreak knows stays on this computer: no network, no telemetry. "
    "Your history is a single SQLite file you can export, import or delete."
)
NOT_ADVICE = (
    "deskbreak suggests movement; it does not diagnose or treat anything. "
    "See a clinician for pain that is severe, getting worse or comes with other signs."
)


class AboutWindow(QDialog):
    def __init__(
        self,
        version: str,
        folders: list[tuple[str, Path]],
        open_folder: Callable[[Path], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("About deskbreak")
        self.setAccessibleName("About deskbreak")
        layout = QVBoxLayout(self)
        em = self.fontMetrics().height()
        layout.setContentsMargins(em, em, em, em * 3 // 4)
        layout.addWidget(heading("deskbreak", 1.5))
        self.version = SoftLabel(f"Version {version}. Free software under the MIT licence.")
        layout.addWidget(self.version)
        layout.addWidget(SoftLabel("Breaks up long sitting with short upper-back mobility routines."))
        form = QFormLayout()
        self.open_buttons: list[QPushButton] = []
        for title, path in folders:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            shown = QLabel(str(path))
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setAccessibleName(f"{title} folder: {path}")
            button = QPushButton("Open")
            button.setAccessibleName(f"Open the {title.lower()} folder")
            button.clicked.connect(lambda _=False, p=path: open_folder(p))
            line.addWidget(shown, 1)
            line.addWidget(button)
            form.addRow(title, row)
            self.open_buttons.append(button)
        layout.addLayout(form)
        layout.addWidget(SoftLabel(PRIVACY))
        layout.addWidget(SoftLabel(NOT_ADVICE))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
