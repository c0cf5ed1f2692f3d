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

from .i18n import QT_TRANSLATE_NOOP
from .safety_blocks import SoftLabel, heading

PRIVACY = QT_TRANSLATE_NOOP(
    "AboutWindow",
    "Everything deskbreak knows stays on this computer: no network, no telemetry. "
    "Your history is a single SQLite file you can export, import or delete.",
)
NOT_ADVICE = QT_TRANSLATE_NOOP(
    "AboutWindow",
    "deskbreak suggests movement; it does not diagnose or treat anything. "
    "See a clinician for pain that is severe, getting worse or comes with other signs.",
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
        self.setWindowTitle(self.tr("About deskbreak"))
        self.setAccessibleName(self.tr("About deskbreak"))
        layout = QVBoxLayout(self)
        em = self.fontMetrics().height()
        layout.setContentsMargins(em, em, em, em * 3 // 4)
        layout.addWidget(heading("deskbreak", 1.5))
        self.version = SoftLabel(
            self.tr("Version {version}. Free software under the MIT licence.").format(version=version)
        )
        layout.addWidget(self.version)
        layout.addWidget(
            SoftLabel(self.tr("Breaks up long sitting with short upper-back mobility routines."))
        )
        form = QFormLayout()
        self.open_buttons: list[QPushButton] = []
        for title, path in folders:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            shown = QLabel(str(path))
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setAccessibleName(self.tr("{title} folder: {path}").format(title=title, path=path))
            button = QPushButton(self.tr("Open"))
            button.setAccessibleName(self.tr("Open the {title} folder").format(title=title.lower()))
            button.clicked.connect(lambda _=False, p=path: open_folder(p))
            line.addWidget(shown, 1)
            line.addWidget(button)
            form.addRow(title, row)
            self.open_buttons.append(button)
        layout.addLayout(form)
        layout.addWidget(SoftLabel(self.tr(PRIVACY)))
        layout.addWidget(SoftLabel(self.tr(NOT_ADVICE)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
