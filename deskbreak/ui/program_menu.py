"""The tray's Program submenu: where you are in the 6-week program, moving on when breaks feel
easy, restarting, and the standard or gentle track."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu

from ..core.program import Track
from .i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from ..core.program import Progress

TRACK_LABELS = {
    Track.STANDARD: QT_TRANSLATE_NOOP("ProgramMenu", "Standard track"),
    Track.GENTLE: QT_TRANSLATE_NOOP("ProgramMenu", "Gentle track (new to exercise, or a declared caution)"),
}


class ProgramMenu(QObject):
    move_on = Signal()
    restart = Signal()
    track_chosen = Signal(object)  # Track
    bring_back = Signal(str)  # an exercise id left out after "this hurts"

    def __init__(self, menu: QMenu) -> None:
        super().__init__()
        self.menu = menu
        self.where = menu.addAction("")
        self.where.setEnabled(False)
        self.next_stage = menu.addAction(self.tr("Move on to the next stage"))
        self.next_stage.triggered.connect(self.move_on)
        menu.addSeparator()
        self.track_actions = {}
        for track, text in TRACK_LABELS.items():  # one of them ticked, like radio items
            action = menu.addAction(self.tr(text))
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, t=track: self.track_chosen.emit(t))
            self.track_actions[track] = action
        menu.addSeparator()
        self.start_again = menu.addAction(self.tr("Restart the program from week 1"))
        self.start_again.triggered.connect(self.restart)
        self.left_out = menu.addMenu(self.tr("Exercises left out"))
        self.left_out.menuAction().setVisible(False)

    def show_progress(self, where: Progress | None, active: bool) -> None:
        """Shown while the program chooses the routines (routine = "program" in the settings)."""
        self.menu.menuAction().setVisible(where is not None)
        if where is None:
            return
        following = "" if active else self.tr(" (not in use: the settings name a routine)")
        self.where.setText(where.label + following)
        self.next_stage.setVisible(where.suggest_move_on and not where.maintenance)
        for track, action in self.track_actions.items():
            action.setChecked(track is where.track)

    def show_left_out(self, exercises: dict[str, str]) -> None:
        """The exercises left out after "this hurts" (id: title), each one to bring back."""
        self.left_out.clear()
        self.left_out.menuAction().setVisible(bool(exercises))
        for exercise_id, title in exercises.items():
            action = self.left_out.addAction(self.tr("Bring back {exercise}").format(exercise=title))
            action.triggered.connect(lambda _=False, e=exercise_id: self.bring_back.emit(e))
