"""The check-in trend: stiffness and low-back pain per week as lines, adherence as bars behind.

Imported through review_charts (CheckInChart lives here only to keep each file short).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..core.review import CHECKIN_SCALE, MEANINGFUL_CHANGE, CheckInPoint
from .i18n import QT_TRANSLATE_NOOP
from .review_style import Shades, metrics, shades
from .review_text import checkin_text, signed

TOP = CHECKIN_SCALE[1]
SERIES = (
    ("stiffness", QT_TRANSLATE_NOOP("CheckInChart", "Upper-back stiffness")),
    ("low-back pain", QT_TRANSLATE_NOOP("CheckInChart", "Low-back pain")),
)  # (name, legend), the legend translated where shown


class CheckInChart(QWidget):
    """Weekly check-ins oldest first; a change of MEANINGFUL_CHANGE points or more is ringed."""

    def __init__(self, empty_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: tuple[CheckInPoint, ...] = ()
        self._days_met: Mapping[str, tuple[int, int]] = {}
        self._empty_text = self.tr("No check-ins yet.") if empty_text is None else empty_text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader can reach its summary
        self._refresh_text()

    def set_points(
        self, points: tuple[CheckInPoint, ...], days_met: Mapping[str, tuple[int, int]] | None = None
    ) -> None:
        """The check-ins, and per ISO week (days met, working days) when known."""
        self._points, self._days_met = points, dict(days_met or {})
        self._refresh_text()
        self.update()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self._refresh_text()
        self.update()

    def point_texts(self) -> list[str]:
        return [checkin_text(p, self._days_met.get(p.checkin.week)) for p in self._points]

    def summary_text(self) -> str:
        return "\n".join(self.point_texts()) if self._points else self._empty_text

    def marked_points(self) -> list[tuple[str, str, int]]:
        """(week, "stiffness" or "low-back pain", change) for every change that matters."""
        found = []
        for p in self._points:
            for (name, _), change in zip(SERIES, (p.stiffness_change, p.pain_change), strict=True):
                if change is not None and abs(change) >= MEANINGFUL_CHANGE:
                    found.append((p.checkin.week, name, change))
        return found

    def _refresh_text(self) -> None:
        self.setAccessibleName(self.tr("Weekly check-ins"))
        self.setAccessibleDescription(self.summary_text())

    # -- geometry
    def _plot(self) -> QRect:
        m, fm = metrics(self.fontMetrics()), self.fontMetrics()
        left = fm.horizontalAdvance("10") + 3 * m.gap
        right = fm.horizontalAdvance("100 %") + 3 * m.gap
        top = 2 * m.line + 3 * m.gap + m.line // 2 + m.gap
        bottom = m.line + 2 * m.gap
        return self.rect().adjusted(left, top, -right, -bottom)

    def _slot(self, i: int) -> QRectF:
        plot = self._plot()
        width = plot.width() / max(1, len(self._points))
        return QRectF(plot.x() + i * width, plot.y(), width, plot.height())

    def point_at(self, pos: QPoint) -> int | None:
        for i in range(len(self._points)):
            if self._slot(i).adjusted(0, -metrics(self.fontMetrics()).line, 0, 0).contains(QPointF(pos)):
                return i
        return None

    def _legend_width(self) -> int:
        m, fm = metrics(self.fontMetrics()), self.fontMetrics()
        labels = [self.tr(label) for _, label in SERIES] + [self.tr("Days goal met")]
        return sum(fm.horizontalAdvance(t) for t in labels) + 3 * (2 * m.cell + 4 * m.gap) + 2 * m.gap

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(max(line * 26, self._legend_width()), line * 14)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(self._legend_width(), line * 10)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            i = self.point_at(e.pos())
            if i is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(e.globalPos(), self.point_texts()[i], self, self._slot(i).toRect())
            return True
        return super().event(e)

    # -- painting
    def paintEvent(self, _: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = shades(self.palette())
        p.fillRect(self.rect(), s.background)
        self._paint_legend(p, s)
        if not self._points:
            p.setPen(s.soft_text)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            p.drawText(self._plot(), int(flags), self._empty_text)
        else:
            self._paint_axes(p, s)
            self._paint_series(p, s)
        if self.hasFocus():
            p.setPen(QPen(s.accent, 1, Qt.PenStyle.DotLine))
            p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()

    def _y(self, value: float) -> float:
        plot = self._plot()
        return plot.bottom() - value / TOP * plot.height()

    def _paint_legend(self, p: QPainter, s: Shades) -> None:
        m, fm = metrics(self.fontMetrics()), self.fontMetrics()
        x, mid = float(m.gap), m.gap + m.line / 2
        baseline = m.gap + fm.ascent()
        for (_, label), (colour, style) in zip(SERIES, self._styles(s), strict=True):
            p.setPen(QPen(colour, 2, style))
            p.drawLine(QPointF(x, mid), QPointF(x + 2 * m.cell, mid))
            self._marker(p, QPointF(x + m.cell, mid), colour, style, s)
            x += 2 * m.cell + m.gap
            p.setPen(s.text)
            p.drawText(QPointF(x, baseline), self.tr(label))
            x += fm.horizontalAdvance(self.tr(label)) + 3 * m.gap
        p.fillRect(QRectF(x, m.gap + m.line * 0.15, m.cell, m.line * 0.7), s.bar)
        x += m.cell + m.gap
        p.setPen(s.text)
        p.drawText(QPointF(x, baseline), self.tr("Days goal met"))
        p.setPen(s.soft_text)
        axes = m.gap * 2 + m.line + fm.ascent()
        p.drawText(QPointF(m.gap, axes), self.tr("0 = none, 10 = worst"))
        right = self.tr("days met")
        p.drawText(QPointF(self.width() - m.gap - fm.horizontalAdvance(right), axes), right)

    @staticmethod
    def _styles(s: Shades) -> tuple[tuple[QColor, Qt.PenStyle], ...]:
        return ((s.accent, Qt.PenStyle.SolidLine), (s.second, Qt.PenStyle.DashLine))

    def _marker(self, p: QPainter, at: QPointF, colour: QColor, style: Qt.PenStyle, s: Shades) -> None:
        r = max(3.0, metrics(self.fontMetrics()).line / 5)
        p.setPen(QPen(s.background, 1.5))
        p.setBrush(colour)
        if style is Qt.PenStyle.SolidLine:
            p.drawEllipse(at, r, r)
        else:
            p.drawRect(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r))

    def _paint_axes(self, p: QPainter, s: Shades) -> None:
        plot, fm, m = self._plot(), self.fontMetrics(), metrics(self.fontMetrics())
        for value in (0, 5, 10):
            y = self._y(value)
            p.setPen(QPen(s.outline, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(s.soft_text)
            box = QRectF(0, y - m.line / 2, plot.left() - m.gap, m.line)
            p.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(value))
            pct = QRectF(plot.right() + m.gap, y - m.line / 2, fm.horizontalAdvance("100 %") + m.gap, m.line)
            left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            p.drawText(pct, left, f"{value * 10} %")
        widest = self.fontMetrics().horizontalAdvance("W00") + m.gap
        every = max(1, math.ceil(widest / self._slot(0).width())) if self._points else 1
        for i, point in enumerate(self._points):
            slot = self._slot(i)
            bar_w = min(slot.width() * 0.5, m.line * 2.0)
            top = plot.bottom() - point.adherence * plot.height()
            p.fillRect(QRectF(slot.center().x() - bar_w / 2, top, bar_w, plot.bottom() - top), s.bar)
            if (len(self._points) - 1 - i) % every:
                continue  # too many weeks for every label: every n-th, always the latest
            p.setPen(s.soft_text)
            label = self.tr("W{week}").format(week=point.checkin.week.split("-W")[-1])
            box = QRectF(slot.x(), plot.bottom() + m.gap, slot.width(), m.line)
            p.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), label)

    def _paint_series(self, p: QPainter, s: Shades) -> None:
        m = metrics(self.fontMetrics())
        r = max(3.0, m.line / 5)
        for n, (colour, style) in enumerate(self._styles(s)):
            values = [(pt.checkin.stiffness, pt.stiffness_change) if n == 0
                      else (pt.checkin.low_back_pain, pt.pain_change) for pt in self._points]  # fmt: skip
            at = [QPointF(self._slot(i).center().x(), self._y(v)) for i, (v, _) in enumerate(values)]
            p.setPen(QPen(colour, 2, style))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolyline(QPolygonF(at))
            for point, (_, change) in zip(at, values, strict=True):
                self._marker(p, point, colour, style, s)
                if change is None or abs(change) < MEANINGFUL_CHANGE:
                    continue
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(QPen(colour, 1.5))
                p.drawEllipse(point, r * 2.2, r * 2.2)
                above = n == 0
                box = QRectF(point.x() - m.line * 2, 0, m.line * 4, m.line)
                box.moveTop(point.y() - r * 2.4 - m.line if above else point.y() + r * 2.4)
                label = signed(change)
                halo = QRectF(0, 0, self.fontMetrics().horizontalAdvance(label) + m.gap, m.line)
                halo.moveCenter(box.center())
                p.fillRect(halo, s.background)
                p.setPen(s.text)
                p.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)
