"""A contact sheet of the live tray icon's looks, at panel sizes, on light and dark panels.

    python tests/tools/tray_icon_sheet.py [OUT.png]

Writes resources/screenshots/tray-icons.png by default (for the README and for looking at it).
Each row is a look (the sitting ring at 0, 3, 6, 9 and 11 twelfths, then the others); each
column a size, first at 1x, then the 2x pictures (HiDPI) shown at their pixel size.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter  # noqa: E402

from deskbreak.ui.tray_art import STEPS, ArtKey, draw  # noqa: E402
from deskbreak.ui.view_data import TrayLook  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "resources" / "screenshots" / "tray-icons.png"
SIZES = (16, 22, 24, 32, 48, 64)
HIDPI = (16, 22, 32)  # also drawn at 2x
PANELS = (("light panel", "#eceff1", "#222222"), ("dark panel", "#202326", "#e6e6e6"))
ROWS: list[tuple[str, ArtKey]] = [
    *((f"sitting {step}/{STEPS}", (TrayLook.SITTING, step)) for step in (0, 3, 6, 9, 11)),
    ("due / waiting", (TrayLook.DUE, STEPS)),
    ("overdue", (TrayLook.OVERDUE, STEPS)),
    ("on a break", (TrayLook.ON_BREAK, STEPS)),
    ("paused", (TrayLook.PAUSED, 0)),
    ("outside working hours", (TrayLook.OFF_HOURS, 0)),
]
LABEL_W, ROW_H, GAP = 150, 76, 12


def sheet() -> QImage:
    cells = [*((s, 1.0) for s in SIZES), *((s, 2.0) for s in HIDPI)]
    panel_w = sum(round(s * r) + GAP for s, r in cells) + GAP
    width, height = LABEL_W + panel_w * len(PANELS), 28 + ROW_H * len(ROWS)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    font = QFont()
    font.setPixelSize(12)
    painter.setFont(font)
    for p, (title, background, ink) in enumerate(PANELS):
        left = LABEL_W + p * panel_w
        painter.fillRect(QRect(left, 0, panel_w, height), QColor(background))
        painter.setPen(QColor(ink))
        x = left + GAP
        for size, ratio in cells:
            label = f"{size}" if ratio == 1 else f"{size}@2x"
            painter.drawText(QPoint(x, 18), label)
            x += round(size * ratio) + GAP
        painter.drawText(QPoint(left + GAP, height - 6), title)
        for row, (_, (look, step)) in enumerate(ROWS):
            x, top = left + GAP, 28 + row * ROW_H
            for size, ratio in cells:
                picture = draw(look, step, size, ratio)
                painter.drawImage(QPoint(x, top + (ROW_H - picture.height()) // 2 - 6), picture)
                x += picture.width() + GAP
    painter.setPen(QColor("#222222"))
    for row, (name, _) in enumerate(ROWS):
        rect = QRect(8, 28 + row * ROW_H, LABEL_W - 12, ROW_H - 12)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), name)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    if not sheet().save(str(out)):
        print(f"could not write {out}", file=sys.stderr)
        return 1
    print(out)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
