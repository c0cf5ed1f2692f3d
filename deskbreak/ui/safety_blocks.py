"""Small building blocks for the safety notice and the "This hurts" panel: headings and captions
sized from the system font, bulleted lists as rich text, and tinted call-out boxes.

No fixed colours: captions are the palette's text mixed a little towards the window, and a
call-out's fill and edge are the window mixed towards the highlight (or towards red for the
urgent ones), worked out when painting, so they follow light and dark themes and theme changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from .review_style import mix

# Hues mixed into the palette's window, never used on their own.
TINTS = {"urgent": QColor(214, 48, 49), "soon": QColor(226, 142, 20)}


def escape(text: str) -> str:
    # html.escape would pull in html.entities (~0.7 MiB) for three replacements.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def bullet_html(items: Sequence[str]) -> str:
    """A bulleted list with a hanging indent (a table: Qt's <ul> indents by a fixed 40 px)."""
    dot = "<td style='padding:0px 6px 3px 2px'>•</td>"
    rows = "".join(f"<tr>{dot}<td style='padding-bottom:3px'>{escape(item)}</td></tr>" for item in items)
    return f"<table cellspacing='0' cellpadding='0'>{rows}</table>"


def scaled_font(base: QFont, scale: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * scale))
    font.setBold(bold)
    return font


def heading(text: str, scale: float = 1.08, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setFont(scaled_font(label.font(), scale, bold=True))
    label.setAccessibleName(text)
    return label


def bullets(items: Sequence[str], name: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(bullet_html(items), parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setAccessibleDescription(" ".join(items))
    return label


class SoftLabel(QLabel):
    """Secondary text: the palette's text colour eased a little towards the window."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._adjusting = False
        self._soften()

    def _soften(self) -> None:
        parent = self.parentWidget()
        source = parent.palette() if parent is not None else QApplication.palette()
        palette = QPalette(self.palette())
        fg, bg = source.color(QPalette.ColorRole.WindowText), source.color(QPalette.ColorRole.Window)
        palette.setColor(QPalette.ColorRole.WindowText, mix(fg, bg, 0.25))
        self._adjusting = True
        self.setPalette(palette)
        self._adjusting = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange) and not self._adjusting:
            self._soften()


class Callout(QFrame):
    """A rounded, lightly tinted box: tone "note" uses the highlight, "urgent" red, "soon" amber."""

    def __init__(self, tone: str = "note", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone = tone
        self.box = QVBoxLayout(self)
        em = self.fontMetrics().height()
        self.box.setContentsMargins(em * 3 // 4, em // 2, em * 3 // 4, em // 2)
        self.box.setSpacing(em // 4)

    def colours(self) -> tuple[QColor, QColor]:
        """(fill, edge) for the current palette."""
        palette = self.palette()
        bg = palette.color(QPalette.ColorRole.Window)
        tint = TINTS.get(self.tone, palette.color(QPalette.ColorRole.Highlight))
        return mix(bg, tint, 0.10), mix(bg, tint, 0.55)

    def paintEvent(self, event: QPaintEvent) -> None:
        fill, edge = self.colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self.fontMetrics().height() / 3
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(edge)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(edge)
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), radius * 1.2, rect.height()), radius, radius)
        painter.end()
