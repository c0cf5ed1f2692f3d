"""The ring in the player: it fills as a hold or a movement runs, with the count in the middle."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .review_style import mix

SIZE = 150


class CountRing(QWidget):
    """A fixed-size ring: `fraction` of it drawn in the highlight colour, `count` and `unit` inside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(SIZE, SIZE)
        self.setAccessibleName(self.tr("Count"))
        self.fraction = 0.0
        self.count = ""
        self.unit = ""
        self.dimmed = False
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(self.font().pointSizeF(), 9.0) * 3.2)
        self._font.setWeight(QFont.Weight.Light)
        self._small = QFont(self.font())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(SIZE, SIZE)

    def show_count(self, fraction: float, count: str, unit: str, dimmed: bool = False) -> None:
        """Redraws only when something visible changed."""
        fraction = min(1.0, max(0.0, fraction))
        state = (round(fraction * 720), count, unit, dimmed)
        if state == (round(self.fraction * 720), self.count, self.unit, self.dimmed):
            return
        self.fraction, self.count, self.unit, self.dimmed = fraction, count, unit, dimmed
        self.setAccessibleDescription(f"{count} {unit}".strip())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Window)
        accent = palette.color(QPalette.ColorRole.Highlight)
        if self.dimmed:
            accent = mix(accent, base, 0.55)
        width = SIZE * 0.075
        box = QRectF(width, width, SIZE - 2 * width, SIZE - 2 * width)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(mix(text, base, 0.82), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(box)
        if self.fraction > 0:
            pen.setColor(accent)
            painter.setPen(pen)
            painter.drawArc(box, 90 * 16, -round(self.fraction * 360 * 16))
        painter.setPen(text if not self.dimmed else mix(text, base, 0.4))
        painter.setFont(self._font)
        upper = QRectF(0, SIZE * 0.18, SIZE, SIZE * 0.5)
        painter.drawText(upper, Qt.AlignmentFlag.AlignCenter, self.count)
        painter.setFont(self._small)
        painter.setPen(mix(text, base, 0.35))
        painter.drawText(QRectF(0, SIZE * 0.64, SIZE, SIZE * 0.16), Qt.AlignmentFlag.AlignCenter, self.unit)
        painter.end()
