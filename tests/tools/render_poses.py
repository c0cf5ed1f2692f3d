"""Render a contact sheet of every shipped exercise's figure: start and end pose, light and dark.

    python tests/tools/render_poses.py /tmp/poses.png [exercise-id ...]

For looking at the figures while writing [pose] tables: each row shows one exercise (left side)
as start and end on a light palette, then start and end on a dark one, and the right side's end.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from deskbreak.bundled import resources_dir  # noqa: E402
from deskbreak.core.coach import Phase  # noqa: E402
from deskbreak.core.exercises import LibraryExercise, parse_exercise  # noqa: E402
from deskbreak.ui.figure import FigureWidget  # noqa: E402

CELL = 190
LABEL = 150


def palette(dark: bool) -> QPalette:
    pal = QPalette()
    window, text, highlight = ("#1e1f22", "#e8e8e8", "#7fb4ff") if dark else ("#fafafa", "#202020", "#1a62c9")
    roles = QPalette.ColorRole
    colours = {roles.Window: window, roles.WindowText: text, roles.Text: text, roles.Highlight: highlight}
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    return pal


def exercises(ids: list[str]) -> list[LibraryExercise]:
    folder = resources_dir() / "exercises"
    files = sorted(folder.glob("*.toml"))
    chosen = [f for f in files if not ids or f.stem in ids]
    return [parse_exercise(f.read_text(encoding="utf-8"), f.stem, str(f)) for f in chosen]


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    app = QApplication(sys.argv[:1])
    shown = exercises(sys.argv[2:])
    columns = ((False, Phase.GET_READY, None), (False, Phase.HOLD, None), (True, Phase.GET_READY, None),
               (True, Phase.HOLD, None), (False, Phase.HOLD, "right"))  # fmt: skip
    sheet = QImage(LABEL + CELL * len(columns), CELL * len(shown), QImage.Format.Format_RGB32)
    sheet.fill(QColor("#808080"))
    painter = QPainter(sheet)
    widget = FigureWidget()
    widget.resize(CELL, CELL)
    for row, exercise in enumerate(shown):
        painter.setPen(QColor("black"))
        label = f"{exercise.id}\n{exercise.pose.view}/{exercise.pose.base}"
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRect(4, row * CELL, LABEL - 8, CELL), flags, label)
        for col, (dark, phase, side) in enumerate(columns):
            pal = palette(dark)
            widget.setPalette(pal)
            per_side = side if exercise.dose.per_side else None
            widget.set_moment(exercise.pose, phase, 1.0, side=per_side)
            image = QImage(CELL, CELL, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(pal.color(QPalette.ColorRole.Window))
            widget.render(image, QPoint())
            painter.drawImage(LABEL + col * CELL, row * CELL, image)
        if row == 0:
            print(widget.accessibleDescription())
    painter.end()
    sheet.save(sys.argv[1])
    print(sys.argv[1])
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
