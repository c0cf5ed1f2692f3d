"""Checks shared by the widget tests: a light and a dark palette, the contrast of rendered
pixels, and a walk over a widget's controls for missing accessible names."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractScrollArea, QWidget

LIGHT = {"window": "#f3f3f3", "text": "#1b1b1b", "base": "#ffffff", "button": "#e9e9e9",
         "highlight": "#2f6fb2", "highlighted_text": "#ffffff"}  # fmt: skip
DARK = {"window": "#232629", "text": "#e8e8e8", "base": "#1b1e20", "button": "#31363b",
        "highlight": "#3daee9", "highlighted_text": "#101010"}  # fmt: skip


def palette(colours: dict[str, str]) -> QPalette:
    p = QPalette(QColor(colours["button"]), QColor(colours["window"]))
    roles = QPalette.ColorRole
    for role, key in (
        (roles.Window, "window"), (roles.WindowText, "text"), (roles.Base, "base"),
        (roles.AlternateBase, "window"), (roles.Text, "text"), (roles.Button, "button"),
        (roles.ButtonText, "text"), (roles.Highlight, "highlight"),
        (roles.HighlightedText, "highlighted_text"), (roles.ToolTipBase, "base"), (roles.ToolTipText, "text"),
    ):  # fmt: skip
        p.setColor(role, QColor(colours[key]))
    p.setColor(roles.PlaceholderText, QColor(colours["text"]).darker(100))
    return p


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def background_and_ink(image: QImage) -> tuple[QColor, QColor]:
    """The commonest colour (the background) and the pixel that contrasts with it most (text)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    step = max(1, image.width() // 200)
    counts: Counter[int] = Counter(
        image.pixel(x, y) for y in range(0, image.height(), step) for x in range(0, image.width(), step)
    )
    background = QColor(counts.most_common(1)[0][0])
    ink = max((QColor(rgb) for rgb in counts), key=lambda c: contrast(c, background))
    return background, ink


def controls(widget: QWidget) -> list[QWidget]:
    """Every child a user can operate: buttons, lists, scroll areas and anything taking Tab focus."""
    kinds = (QAbstractButton, QAbstractItemView, QAbstractScrollArea)
    return [
        child
        for child in widget.findChildren(QWidget)
        if isinstance(child, kinds) or child.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def unnamed_controls(widget: QWidget) -> list[str]:
    return [
        f"{type(c).__name__} {c.objectName()!r} {getattr(c, 'text', lambda: '')()!r}"
        for c in controls(widget)
        if not c.accessibleName().strip()
    ]


def rendered_colours(widget: QWidget, colours: dict[str, str]) -> tuple[QColor, QColor]:
    """Render the widget under the palette; return its commonest colour and its strongest ink."""
    widget.setPalette(palette(colours))
    return background_and_ink(widget.grab().toImage())


def close(a: QColor, b: QColor, tolerance: int = 6) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= tolerance
