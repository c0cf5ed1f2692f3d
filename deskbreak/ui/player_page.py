"""The player page of the break window: figure, ring, the big instruction, cues and controls.

Every widget has a fixed height, so nothing moves when the phase, the exercise or the text
changes (tests/ui/test_player_window.py compares the geometry across a whole routine).
Colours come from the palette and sizes from the system font, for light and dark themes.
Labels carry no accessible names of their own: a screen reader reads the text they show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.coach_view import Coached, Frame, posture_word
from ..core.routines import Focus
from .count_ring import CountRing
from .i18n import QT_TRANSLATE_NOOP

FOCUS_LABELS = {
    Focus.EXTENSION: QT_TRANSLATE_NOOP("PlayerPage", "Upper-back extension"),
    Focus.ROTATION: QT_TRANSLATE_NOOP("PlayerPage", "Upper-back rotation"),
    Focus.SIDE_BEND: QT_TRANSLATE_NOOP("PlayerPage", "Side bend"),
    Focus.SHOULDER_BLADES: QT_TRANSLATE_NOOP("PlayerPage", "Shoulder blades"),
    Focus.RELEASE: QT_TRANSLATE_NOOP("PlayerPage", "Release"),
    Focus.BREATHING: QT_TRANSLATE_NOOP("PlayerPage", "Rib breathing"),
    Focus.NECK: QT_TRANSLATE_NOOP("PlayerPage", "Neck"),
}
CUE_LINES = 9  # the cue panel's height in lines: five cues of up to 120 characters, and breathing
FIGURE = 250


def _escape(text: str) -> str:
    # html.escape would pull in html.entities (~0.7 MiB) for three replacements.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def scaled(widget: QWidget, factor: float, weight: QFont.Weight = QFont.Weight.Normal) -> None:
    """The widget's font at `factor` times the system size, so it follows the user's font."""
    font = QFont(widget.font())
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * factor)
    font.setWeight(weight)
    widget.setFont(font)


def label(
    name: str, factor: float = 1.0, weight: QFont.Weight = QFont.Weight.Normal, lines: int = 1
) -> QLabel:
    """A label of a fixed number of lines (text changes never resize it)."""
    widget = QLabel()
    widget.setObjectName(name)
    scaled(widget, factor, weight)
    widget.setFixedHeight(QFontMetrics(widget.font()).lineSpacing() * lines + 4)
    widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    widget.setWordWrap(lines > 1)
    return widget


def button(text: str, name: str, tip: str, widths: tuple[str, ...] = ()) -> QPushButton:
    widget = QPushButton(text)
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space belongs to pause, not to a button
    if widths:  # wide enough for each of its texts, so a change of text moves nothing
        metrics = QFontMetrics(widget.font())
        widget.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in widths) + 36)
    return widget


class PlayerPage(QWidget):
    def __init__(self, figure: QWidget, exercises: int) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        top = QHBoxLayout()
        self.routine_title = label("routineTitle", 0.95)
        self.program = label("program", 0.95, QFont.Weight.DemiBold)
        self.program.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.routine_title, 1)
        top.addWidget(self.program, 1)
        layout.addLayout(top)
        self.overall = QProgressBar(textVisible=False)
        self.overall.setAccessibleName(self.tr("Progress through the routine"))
        self.overall.setFixedHeight(6)
        self.overall.setRange(0, 1000)
        layout.addWidget(self.overall)
        where = QHBoxLayout()
        self.position = label("position", 1.0, QFont.Weight.DemiBold)
        self.time_left = label("timeLeft", 1.0)
        self.time_left.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        where.addWidget(self.position, 1)
        where.addWidget(self.time_left, 1)
        layout.addLayout(where)

        self.exercise_name = label("exerciseName", 1.8, QFont.Weight.Bold)
        layout.addWidget(self.exercise_name)
        self.about = label("about", 0.95)
        layout.addWidget(self.about)

        middle = QHBoxLayout()
        self.figure = figure
        figure.setFixedSize(FIGURE, FIGURE)
        middle.addWidget(figure)
        side = QVBoxLayout()
        side.setSpacing(6)
        self.ring = CountRing()
        side.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignHCenter)
        self.instruction = label("instruction", 1.7, QFont.Weight.DemiBold)
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = label("detail", 1.05)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side.addWidget(self.instruction)
        side.addWidget(self.detail)
        side.addStretch(1)
        middle.addLayout(side, 1)
        holder = QWidget()
        holder.setLayout(middle)
        holder.setFixedHeight(FIGURE)
        layout.addWidget(holder)

        self.cues = label("cues", 1.0, lines=CUE_LINES)
        self.cues.setTextFormat(Qt.TextFormat.RichText)
        self.cues.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        panel = QFrame()
        panel.setObjectName("cuePanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(10, 6, 10, 6)
        inner.addWidget(self.cues)
        layout.addWidget(panel)
        layout.addStretch(1)  # a taller window leaves room here, not inside the panels

        buttons = QHBoxLayout()
        self.back_button = button(
            self.tr("‹ Back"),
            self.tr("Back"),
            self.tr("Start this exercise again, or go to the one before (←)"),
        )
        pause, resume = self.tr("Pause"), self.tr("Resume")
        self.pause_button = button(pause, pause, self.tr("Pause or carry on (Space)"), (pause, resume))
        self.next_button = button(
            self.tr("Next ›"), self.tr("Next exercise"), self.tr("Go to the next exercise (→)")
        )
        self.hurt_button = button(
            self.tr("This hurts"), self.tr("This hurts"), self.tr("Stop this exercise and get advice")
        )
        self.end_button = button(self.tr("End"), self.tr("End the break"), self.tr("Stop here (Esc)"))
        for widget in (self.back_button, self.pause_button, self.next_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.hurt_button)
        buttons.addWidget(self.end_button)
        layout.addLayout(buttons)
        self.footer = label("footer", 0.85, lines=2)
        layout.addWidget(self.footer)
        self._exercise: int | None = None
        self._count = exercises

    def show_exercise(self, number: int, item: Coached) -> None:
        """The parts that change only with the exercise: its name, posture, focus and cues."""
        if number == self._exercise:
            return
        self._exercise = number
        self.exercise_name.setText(item.move.title)
        posture = posture_word(item.posture)
        self.about.setText(" · ".join(p for p in (posture, self.tr(FOCUS_LABELS[item.focus])) if p))
        cues = "".join(f"<li>{_escape(c)}</li>" for c in item.cues)
        notes = (item.breathing, item.feel)
        extra = "".join(f"<p style='margin:2px 0'><i>{_escape(t)}</i></p>" for t in notes if t)
        self.cues.setText(f"<ol style='margin:0 0 0 -20px'>{cues}</ol>{extra}")

    def show_frame(self, frame: Frame, item: Coached, routine_fraction: float) -> None:
        self.show_exercise(frame.exercise, item)
        self.position.setText(frame.position)
        self.time_left.setText(frame.time_left)
        self.overall.setValue(round(1000 * routine_fraction))
        if frame.paused:
            self.instruction.setText(self.tr("Paused"))
            self.detail.setText(self.tr("Press Space to carry on"))
        else:
            self.instruction.setText(frame.instruction)
            self.detail.setText(frame.detail)
        self.ring.show_count(frame.ring, frame.count, frame.unit, dimmed=frame.paused)
        self.pause_button.setText(self.tr("Resume") if frame.paused else self.tr("Pause"))
