"""Paints one routine in the chooser: a star, the title with a "Today's pick" badge, then the
minutes, level and postures, then the summary. Colours from the palette, sizes from the font."""

from __future__ import annotations

from math import cos, pi, sin

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .i18n import QT_TRANSLATE_NOOP
from .review_style import mix
from .routine_rows import RoutineRow

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
TODAY = QT_TRANSLATE_NOOP("RoutineDelegate", "Today's pick")  # the badge, translated where painted
Index = QModelIndex | QPersistentModelIndex


def star_path(rect: QRectF) -> QPainterPath:
    """A five-pointed star filling rect."""
    centre, outer = rect.center(), min(rect.width(), rect.height()) / 2
    path = QPainterPath()
    for i in range(10):
        radius = outer if i % 2 == 0 else outer * 0.45
        angle = -pi / 2 + i * pi / 5
        point = QPointF(centre.x() + radius * cos(angle), centre.y() + radius * sin(angle) + outer * 0.08)
        path.moveTo(point) if i == 0 else path.lineTo(point)
    path.closeSubpath()
    return path


class RoutineDelegate(QStyledItemDelegate):
    def _pad(self, fm: QFontMetrics) -> int:
        return max(6, fm.height() // 2)

    def star_rect(self, row_rect: QRect, fm: QFontMetrics) -> QRect:
        """Where the star sits in a row (also the area a click toggles)."""
        side = round(fm.height() * 1.6)
        pad = self._pad(fm)
        return QRect(row_rect.left() + pad // 2, row_rect.center().y() - side // 2, side, side)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = option.fontMetrics
        return QSize(fm.averageCharWidth() * 44, fm.lineSpacing() * 3 + self._pad(fm) * 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, RoutineRow):
            return
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        fm: QFontMetrics = option.fontMetrics
        selected = bool(state & QStyle.StateFlag.State_Selected)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            background = accent
            text = palette.color(QPalette.ColorRole.HighlightedText)
        elif state & QStyle.StateFlag.State_MouseOver:
            background = mix(base, accent, 0.08)
        else:
            background = base
        painter.fillRect(rect, background)
        painter.setPen(mix(background, text, 0.12))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        soft = mix(text, background, 0.28)
        star_colour = text if selected else accent

        star = QRectF(self.star_rect(rect, fm)).adjusted(4, 4, -4, -4)
        painter.setPen(star_colour if row.favourite else soft)
        painter.setBrush(star_colour if row.favourite else Qt.BrushStyle.NoBrush)
        painter.drawPath(star_path(star))

        pad = self._pad(fm)
        left = self.star_rect(rect, fm).right() + pad // 2
        width = rect.right() - pad - left
        line = fm.lineSpacing()
        top = rect.top() + (rect.height() - 3 * line) // 2

        title_font = QFont(option.font)
        title_font.setBold(True)
        badge_width = 0
        if row.today:
            today = self.tr(TODAY)
            badge_width = fm.horizontalAdvance(today) + fm.height()
            badge = QRectF(rect.right() - pad - badge_width, top + 1, badge_width, line - 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(text if selected else accent)
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(accent if selected else palette.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, today)
        painter.setFont(title_font)
        painter.setPen(text)
        title_width = width - badge_width - (pad if badge_width else 0)
        title = QFontMetrics(title_font).elidedText(row.title, Qt.TextElideMode.ElideRight, title_width)
        painter.drawText(QRect(left, top, title_width, line), Qt.AlignmentFlag.AlignVCenter, title)

        painter.setFont(option.font)
        details = row.details() + (f" · {row.note}" if row.note else "")
        details = fm.elidedText(details, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(left, top + line, width, line), Qt.AlignmentFlag.AlignVCenter, details)
        painter.setPen(soft)
        summary = fm.elidedText(row.summary, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(left, top + 2 * line, width, line), Qt.AlignmentFlag.AlignVCenter, summary)
        painter.restore()
