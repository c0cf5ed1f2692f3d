"""The "This hurts" panel, shown inside the break window: what to do now, the exercise's easier
version, the urgent warning signs, a choice to leave the exercise out, and carry on or end.

Its size hint is fixed (from the font, not the text), and the variable text scrolls, so the
break window does not jump when the panel opens or shows another exercise.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.safety import SafetyContent
from .i18n import QT_TRANSLATE_NOOP
from .safety_blocks import Callout, bullets, heading

LEAVE_OUT = QT_TRANSLATE_NOOP("HurtPanel", "Leave this exercise out of future routines")
CARRY_ON = QT_TRANSLATE_NOOP("HurtPanel", "Carry on with the next exercise")
END = QT_TRANSLATE_NOOP("HurtPanel", "End the break")
EMERGENCY = QT_TRANSLATE_NOOP("HurtPanel", "Call your local emergency number now if you have")


class HurtPanel(QWidget):
    """Call show_for() each time "This hurts" is pressed.

    On either button, skip_in_future(exercise id) is emitted first when the box is ticked, then
    carry_on_requested() or end_requested().
    """

    skip_in_future = Signal(str)  # exercise id
    carry_on_requested = Signal()
    end_requested = Signal()

    def __init__(self, content: SafetyContent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise_id = ""
        self.setAccessibleName(self.tr("This hurts"))
        em = self.fontMetrics().height()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(em // 2)

        self.title = heading("", 1.45)
        layout.addWidget(self.title)

        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setAccessibleName(self.tr("What to do now"))
        scroller.viewport().setBackgroundRole(self.backgroundRole())
        self.scroller = scroller
        body = QWidget()
        body.setBackgroundRole(self.backgroundRole())
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, em // 2, 0)
        inner.setSpacing(em // 2)
        self.advice = bullets(content.this_hurts, self.tr("What to do now"))
        inner.addWidget(self.advice)

        self.easier_box = Callout("note")
        self.easier_box.box.addWidget(heading(self.tr("Easier version, for next time"), 1.0))
        self.easier = QLabel()
        self.easier.setWordWrap(True)
        self.easier_box.box.addWidget(self.easier)
        inner.addWidget(self.easier_box)

        urgent = Callout("urgent")
        emergency = self.tr(EMERGENCY)
        urgent.box.addWidget(heading(emergency, 1.0))
        urgent.box.addWidget(bullets(content.get_help_now, emergency))
        inner.addWidget(urgent)
        inner.addStretch(1)
        scroller.setWidget(body)
        layout.addWidget(scroller, 1)

        self.leave_out = QCheckBox(self.tr(LEAVE_OUT))
        self.leave_out.setAccessibleName(self.tr(LEAVE_OUT))
        layout.addWidget(self.leave_out)

        buttons = QHBoxLayout()
        self.end_button = QPushButton(self.tr(END))
        self.end_button.setAccessibleName(self.tr(END))
        self.end_button.setAccessibleDescription(self.tr("Stop the routine here"))
        self.carry_on_button = QPushButton(self.tr(CARRY_ON))
        self.carry_on_button.setAccessibleName(self.tr(CARRY_ON))
        self.carry_on_button.setAccessibleDescription(self.tr("Skip the rest of this exercise and go on"))
        self.carry_on_button.setDefault(True)
        for button in (self.end_button, self.carry_on_button):
            button.setAutoDefault(True)  # Enter presses the focused button, as in a dialog
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        buttons.addWidget(self.carry_on_button)
        layout.addLayout(buttons)
        self.end_button.clicked.connect(lambda: self._leave(self.end_requested))
        self.carry_on_button.clicked.connect(lambda: self._leave(self.carry_on_requested))
        self.setTabOrder(self.leave_out, self.end_button)
        self.setTabOrder(self.end_button, self.carry_on_button)

    def show_for(self, exercise_id: str, title: str, easier: str | None) -> None:
        """Fill the panel for one exercise; the leave-out box starts unticked."""
        self.exercise_id = exercise_id
        stopped = self.tr("Stopped: {exercise}").format(exercise=title)
        self.title.setText(stopped)
        self.title.setAccessibleName(stopped)
        self.easier_box.setVisible(bool(easier))
        self.easier.setText(easier or "")
        self.easier.setAccessibleName(
            self.tr("Easier version: {easier}").format(easier=easier) if easier else ""
        )
        self.leave_out.setChecked(False)
        self.leave_out.setAccessibleDescription(
            self.tr("Leave {exercise} out of your routines from now on").format(exercise=title)
        )
        self.scroller.verticalScrollBar().setValue(0)
        self.carry_on_button.setFocus()

    def _leave(self, then: SignalInstance) -> None:
        if self.leave_out.isChecked() and self.exercise_id:
            self.skip_in_future.emit(self.exercise_id)
        then.emit()

    def sizeHint(self) -> QSize:
        """The same for every exercise: about 60 characters by 24 lines, capped to fit 560 x 600."""
        fm = self.fontMetrics()
        return QSize(min(520, fm.averageCharWidth() * 60), min(520, fm.lineSpacing() * 24))

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(min(360, fm.averageCharWidth() * 40), min(320, fm.lineSpacing() * 14))
