"""Choose a routine to start now: one list, favourites first, the program's suggestion marked
"Today's pick", a star per row to pin favourites.

Keyboard: the arrows move, Enter (or "Start") starts, F or Ctrl+D pins or unpins the current
row, Esc closes. Double-click starts; a click on a star pins. Takes plain RoutineRow data and
emits routine_chosen(id) and favourite_toggled(id, pinned); storing favourites is the caller's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .i18n import QT_TRANSLATE_NOOP
from .routine_delegate import ROW_ROLE, RoutineDelegate
from .routine_rows import RoutineRow, ordered
from .safety_blocks import SoftLabel, heading

HINT = QT_TRANSLATE_NOOP(
    "RoutineChooser", "↑ ↓ move  ·  Enter start  ·  F pin or unpin a favourite  ·  Esc close"
)
PIN = QT_TRANSLATE_NOOP("RoutineChooser", "Pin as favourite")
UNPIN = QT_TRANSLATE_NOOP("RoutineChooser", "Unpin favourite")


class RoutineChooser(QDialog):
    routine_chosen = Signal(str)  # routine id
    favourite_toggled = Signal(str, bool)  # routine id, pinned

    def __init__(self, rows: Sequence[RoutineRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("deskbreak — Choose a routine"))
        self.setAccessibleName(self.tr("Choose a routine"))
        self.setMinimumSize(380, 360)
        self.resize(520, 560)
        self.rows = list(rows)  # as given; shown favourites first
        em = self.fontMetrics().height()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(em, em, em, em * 3 // 4)
        layout.setSpacing(em // 2)
        layout.addWidget(heading(self.tr("Choose a routine"), 1.5))
        intro = SoftLabel(self.tr("Favourites come first. Today's pick is your program's suggestion."))
        intro.setAccessibleName(intro.text())
        layout.addWidget(intro)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Routines"))
        self.list.setAccessibleDescription(self.tr(HINT))
        self.delegate = RoutineDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setMouseTracking(True)
        self.list.installEventFilter(self)
        self.list.viewport().installEventFilter(self)
        self.list.itemDoubleClicked.connect(lambda item: self._choose(item.data(ROW_ROLE)))
        self.list.currentRowChanged.connect(lambda _: self._sync_buttons())
        layout.addWidget(self.list, 1)

        self.hint = SoftLabel(self.tr(HINT))
        self.hint.setAccessibleName(self.tr("Keyboard: {keys}").format(keys=self.tr(HINT)))
        layout.addWidget(self.hint)

        buttons = QHBoxLayout()
        self.pin_button = QPushButton(self.tr(PIN))
        self.pin_button.clicked.connect(self.toggle_current)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_current)
        buttons.addWidget(self.pin_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.start_button)
        layout.addLayout(buttons)
        self.pin_button.setAutoDefault(False)

        first = ordered(self.rows)[0].id if self.rows else None
        today = next((r.id for r in self.rows if r.today), first)
        self._fill(today)
        self.list.setFocus()

    # --- the list ---------------------------------------------------------------------------

    def _fill(self, current: str | None) -> None:
        self.list.clear()
        shown = ordered(self.rows)
        for row in shown:
            item = QListWidgetItem(row.title)
            item.setData(ROW_ROLE, row)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, row.spoken())
            item.setToolTip(row.summary)
            self.list.addItem(item)
        ids = [r.id for r in shown]
        if current in ids:
            self.list.setCurrentRow(ids.index(current))
        self._sync_buttons()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Once it has its size, the selected routine (today's pick) sits whole in view."""
        super().showEvent(event)
        item = self.list.currentItem()
        if item is not None:
            self.list.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)

    def current_row(self) -> RoutineRow | None:
        item = self.list.currentItem()
        row = item.data(ROW_ROLE) if item is not None else None
        return row if isinstance(row, RoutineRow) else None

    def _sync_buttons(self) -> None:
        row = self.current_row()
        self.start_button.setEnabled(row is not None)
        self.pin_button.setEnabled(row is not None)
        pin = self.tr(UNPIN if row and row.favourite else PIN)
        self.pin_button.setText(f"{pin}  (F)")
        self.start_button.setAccessibleName(
            self.tr("Start {routine}").format(routine=row.title) if row else self.tr("Start")
        )
        self.pin_button.setAccessibleName(f"{pin}: {row.title}" if row else pin)
        self.pin_button.setAccessibleDescription(self.tr("Shortcut: F"))

    # --- actions ----------------------------------------------------------------------------

    def start_current(self) -> None:
        self._choose(self.current_row())

    def _choose(self, row: object) -> None:
        if isinstance(row, RoutineRow):
            self.routine_chosen.emit(row.id)
            self.accept()

    def toggle_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.toggle(row.id)

    def toggle(self, routine_id: str) -> None:
        """Pin or unpin one routine; the list re-sorts and keeps it current."""
        pinned = not next(r.favourite for r in self.rows if r.id == routine_id)
        self.rows = [replace(r, favourite=pinned) if r.id == routine_id else r for r in self.rows]
        self._fill(routine_id)
        self.favourite_toggled.emit(routine_id, pinned)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if (event.key() == Qt.Key.Key_F and not ctrl) or (event.key() == Qt.Key.Key_D and ctrl):
                self.toggle_current()
                return True
        if watched is self.list.viewport() and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
        ):
            assert isinstance(event, QMouseEvent)
            point = event.position().toPoint()
            item = self.list.itemAt(point)
            if item is not None and event.button() == Qt.MouseButton.LeftButton:
                star = self.delegate.star_rect(self.list.visualItemRect(item), self.list.fontMetrics())
                if star.contains(point):
                    if event.type() == QEvent.Type.MouseButtonPress:
                        self.toggle(item.data(ROW_ROLE).id)
                    return True
        return super().eventFilter(watched, event)
