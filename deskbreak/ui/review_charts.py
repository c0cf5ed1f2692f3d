"""The review's two hand-drawn charts: the 52-week heatmap and the check-in trend.

Both paint with QPainter from the review's figures (no chart library), take every colour from
their palette and every size from their font (see review_style.py), show a tooltip per day or
week, and carry their content as accessible text for screen readers.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..core.review import DayFigures, DaySummary
from ..core.streaks import DayMark
from .review_checkin_chart import CheckInChart
from .review_style import Shades, metrics, shades
from .review_text import day_name, day_text, month_abbr, weekday_abbr

__all__ = ["CheckInChart", "HeatmapWidget"]

_EMPTY = DaySummary()
WEEKDAY_LABELS = (0, 2, 4)  # Mon, Wed, Fri
_MOVES = {Qt.Key.Key_Left: -7, Qt.Key.Key_Right: 7, Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}


def paint_cell(p: QPainter, rect: QRectF, figures: DayFigures | None, mark: DayMark, s: Shades) -> None:
    """One day's square: shade by share of the goal, with a distinct look per kind of day."""
    radius = rect.width() / 5
    p.setPen(Qt.PenStyle.NoPen)
    share = figures.share if figures is not None else 1.0
    if mark is DayMark.UNTRACKED:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(s.outline, 1))
        p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        return
    fill = {DayMark.OFF: s.off, DayMark.REST: s.empty, DayMark.FROZEN: s.level(0.15)}.get(mark)
    p.setBrush(fill if fill is not None else s.level(share))
    p.drawRoundedRect(rect, radius, radius)
    if mark is DayMark.REST:
        p.setBrush(s.rest)
        r = rect.width() / 6
        p.drawEllipse(rect.center(), r, r)
    elif mark is DayMark.FROZEN:
        p.setBrush(QBrush(s.accent, Qt.BrushStyle.BDiagPattern))
        p.drawRoundedRect(rect, radius, radius)
    elif mark is DayMark.PENDING:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(s.accent, max(1.5, rect.width() / 8)))
        inset = rect.width() / 10
        p.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)


class HeatmapWidget(QWidget):
    """A GitHub-style calendar: columns are weeks (oldest first), rows Monday to Sunday."""

    day_selected = Signal(object)  # date: arrow keys, a click or Enter moved the selection here
    day_activated = Signal(object)  # date: a click or Enter asked to look at this day's week

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: tuple[DayFigures, ...] = ()
        self._today = date.today()
        self._selected: date | None = None
        self._week: date | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(False)
        self.setAccessibleName(self.tr("Goal heatmap"))

    # -- data
    def set_days(self, days: tuple[DayFigures, ...], today: date, week: date | None = None) -> None:
        self._days, self._today, self._week = days, today, week
        if self._selected is None or self._index(self._selected) is None:
            self._selected = today if self._index(today) is not None else None
        self._refresh_text()
        self.updateGeometry()
        self.update()

    def set_week(self, monday: date | None) -> None:
        """The week the review looks at, underlined in the calendar."""
        self._week = monday
        self.update()

    @property
    def selected(self) -> date | None:
        return self._selected

    def select(self, day: date, *, emit: bool = True) -> None:
        if self._index(day) is None or day == self._selected:
            return
        self._selected = day
        self._refresh_text()
        self.update()
        if emit:
            self.day_selected.emit(day)

    def figures(self, day: date) -> DayFigures | None:
        i = self._index(day)
        return self._days[i] if i is not None else None

    def text_for(self, day: date) -> str:
        f = self.figures(day)
        return day_text(f, self._today) if f is not None else day_name(day)

    def summary_text(self) -> str:
        counted = (DayMark.MET, DayMark.MISSED, DayMark.FROZEN)
        past = [d for d in self._days if d.mark in counted]
        met = sum(1 for d in past if d.goal_met)
        weeks = len(self._days) // 7
        text = self.tr("Past {weeks} weeks: goal met on {met} of {working} working days")
        return text.format(weeks=weeks, met=met, working=len(past))

    def _refresh_text(self) -> None:
        self.setAccessibleName(self.summary_text())
        self.setAccessibleDescription(self.text_for(self._selected) if self._selected else "")
        self.setToolTip("")

    # -- geometry
    def _index(self, day: date) -> int | None:
        if not self._days:
            return None
        i = (day - self._days[0].day).days
        return i if 0 <= i < len(self._days) else None

    def _origin(self) -> QPoint:
        m = metrics(self.fontMetrics())
        left = self.fontMetrics().horizontalAdvance(weekday_abbr(2)) + 2 * m.gap
        return QPoint(left, m.line + m.gap)

    def cell_rect(self, day: date) -> QRect:
        """Where `day` is drawn, in logical pixels (an empty rect when it is not shown)."""
        i = self._index(day)
        if i is None:
            return QRect()
        m, o = metrics(self.fontMetrics()), self._origin()
        return QRect(o.x() + (i // 7) * m.step, o.y() + (i % 7) * m.step, m.cell, m.cell)

    def day_at(self, pos: QPoint) -> date | None:
        m, o = metrics(self.fontMetrics()), self._origin()
        col, x = divmod(pos.x() - o.x(), m.step)
        row, y = divmod(pos.y() - o.y(), m.step)
        if pos.x() < o.x() or pos.y() < o.y() or row > 6 or x >= m.cell or y >= m.cell:
            return None
        i = col * 7 + row
        return self._days[i].day if i < len(self._days) else None

    def sizeHint(self) -> QSize:
        m, o = metrics(self.fontMetrics()), self._origin()
        weeks = max(1, len(self._days) // 7) if self._days else 52
        return QSize(o.x() + weeks * m.step + m.gap, o.y() + 7 * m.step + 2 * m.gap + m.line + m.gap)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    # -- events
    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            day = self.day_at(e.pos())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(e.globalPos(), self.text_for(day), self, self.cell_rect(day))
            return True
        return super().event(e)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        day = self.day_at(e.position().toPoint())
        if day is None:
            return super().mousePressEvent(e)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.select(day)
        self.day_activated.emit(day)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key = Qt.Key(e.key())
        if self._selected is None or not self._days:
            return super().keyPressEvent(e)
        if key in _MOVES:
            target = self._selected + timedelta(days=_MOVES[key])
            if self._index(target) is not None:
                self.select(target)
        elif key == Qt.Key.Key_Home:
            self.select(self._days[0].day)
        elif key == Qt.Key.Key_End:
            self.select(self._today)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.day_selected.emit(self._selected)
            self.day_activated.emit(self._selected)
        else:
            return super().keyPressEvent(e)
        e.accept()

    # -- painting
    def paintEvent(self, _: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s, m, o = shades(self.palette()), metrics(self.fontMetrics()), self._origin()
        p.fillRect(self.rect(), s.background)
        p.setPen(s.soft_text)
        for row in WEEKDAY_LABELS:
            label = weekday_abbr(row)
            y = o.y() + row * m.step
            p.drawText(QRect(0, y - m.gap, o.x() - m.gap, m.cell + 2 * m.gap), Qt.AlignmentFlag.AlignRight
                       | Qt.AlignmentFlag.AlignVCenter, label)  # fmt: skip
        last_label_end = -1
        for i, figures in enumerate(self._days):
            rect = QRectF(self.cell_rect(figures.day))
            if i % 7 == 0 and (i == 0 or figures.day.month != self._days[i - 7].day.month):
                x = int(rect.x())
                if x > last_label_end:
                    p.setPen(s.soft_text)
                    p.drawText(
                        QPoint(x, o.y() - m.gap - self.fontMetrics().descent()), month_abbr(figures.day)
                    )
                    last_label_end = x + self.fontMetrics().horizontalAdvance("Mmm ")
            paint_cell(p, rect, figures, figures.mark, s)
        self._paint_week_and_selection(p, s)
        self._paint_legend(p, s)
        p.end()

    def _paint_week_and_selection(self, p: QPainter, s: Shades) -> None:
        m = metrics(self.fontMetrics())
        if self._week is not None and self._index(self._week) is not None:
            top = self.cell_rect(self._week)
            y = top.y() + 7 * m.step
            p.fillRect(QRectF(top.x(), y, m.cell, max(2, m.gap / 2)), s.accent)
        if self._selected is not None and self._index(self._selected) is not None:
            width = 2.0 if self.hasFocus() else 1.0
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(s.text, width))
            r = QRectF(self.cell_rect(self._selected)).adjusted(-1.5, -1.5, 1.5, 1.5)
            p.drawRoundedRect(r, r.width() / 5, r.width() / 5)

    def _paint_legend(self, p: QPainter, s: Shades) -> None:
        m, fm, o = metrics(self.fontMetrics()), self.fontMetrics(), self._origin()
        y = o.y() + 7 * m.step + 2 * m.gap
        x = o.x()
        baseline = y + (m.line + fm.ascent() - fm.descent()) // 2
        cell_y = y + (m.line - m.cell) / 2

        def words(text: str) -> None:
            nonlocal x
            p.setPen(s.soft_text)
            p.drawText(QPoint(x, baseline), text)
            x += fm.horizontalAdvance(text) + m.gap

        def swatch(mark: DayMark, share: float) -> None:
            nonlocal x
            figures = DayFigures(date.min, _EMPTY, mark, 4, round(share * 4))
            paint_cell(p, QRectF(x, cell_y, m.cell, m.cell), figures, mark, s)
            x += m.step

        words(self.tr("Less"))
        for share in (0.0, 0.25, 0.5, 0.75):
            swatch(DayMark.MISSED, share)
        swatch(DayMark.MET, 1.0)
        words(self.tr("More"))
        for mark, label in ((DayMark.PENDING, self.tr("Today")), (DayMark.FROZEN, self.tr("Freeze")),
                            (DayMark.REST, self.tr("Rest")), (DayMark.OFF, self.tr("Off"))):  # fmt: skip
            x += m.gap * 2
            swatch(mark, 0.5 if mark is DayMark.PENDING else 0.0)
            words(label)
