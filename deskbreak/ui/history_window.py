"""The "Recent breaks" window: a plain table of what the log holds."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from .i18n import QT_TRANSLATE_NOOP
from .view_data import HistoryRow

COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryWindow", "When"),
    QT_TRANSLATE_NOOP("HistoryWindow", "Started by"),
    QT_TRANSLATE_NOOP("HistoryWindow", "Outcome"),
    QT_TRANSLATE_NOOP("HistoryWindow", "Routine"),
    QT_TRANSLATE_NOOP("HistoryWindow", "Sat for"),
)


class HistoryWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("deskbreak — Recent breaks"))
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)

    def show_rows(self, rows: list[HistoryRow], summary: str) -> None:
        self.summary.setText(summary)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate((row.when, row.kind, row.outcome, row.routine, row.sat_for)):
                self.table.setItem(r, c, QTableWidgetItem(text))
