"""Render the SVG icons to the PNG sizes the tray uses (run after editing an SVG, commit the PNGs).

    python tests/tools/render_icons.py

The app loads PNGs for the tray: drawing the SVGs at run time would load QtSvg and its icon
plugin, about 1.7 MiB resident for as long as the app runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
SIZES = (16, 22, 32, 48, 64, 128)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    for svg in sorted(ICONS.glob("*.svg")):
        renderer = QSvgRenderer(str(svg))
        for size in SIZES:
            image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.end()
            out = ICONS / f"{svg.stem}-{size}.png"
            image.save(str(out))
            print(out)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
