"""The windows the tray menu opens for reading: recent breaks, and the problems with the user's files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from ..core.clock import Clock
from ..core.problems import Problem
from . import views
from .history_writer import HistoryWriter

if TYPE_CHECKING:
    from ..ui.history_window import HistoryWindow


class InfoWindows(QObject):
    """Created when first asked for (nothing to pay for while idle), refreshed each time."""

    def __init__(self, clock: Clock, history: HistoryWriter, problems: list[Problem]) -> None:
        super().__init__()
        self.clock = clock
        self.history = history
        self.problems = problems  # shared with the controller
        self.history_window: HistoryWindow | None = None

    @Slot()
    def show_history(self) -> HistoryWindow:
        """The recent-breaks window, refreshed each time it is asked for."""
        if self.history_window is None:
            from ..ui.history_window import HistoryWindow

            self.history_window = HistoryWindow()
        now = self.clock.now()
        records = self.history.store(lambda: self.history.log.recent(50)) or []
        self.history_window.show_rows(
            [views.history_row(r, now) for r in records], views.history_summary(records)
        )
        self.history_window.show()
        self.history_window.raise_()
        return self.history_window

    @Slot()
    def show_problems(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        text = "\n\n".join(str(p) for p in self.problems) or self.tr("No problems.")
        QMessageBox.warning(None, self.tr("deskbreak — problems with your files"), text)

    def close(self) -> None:
        if self.history_window is not None:
            self.history_window.close()
