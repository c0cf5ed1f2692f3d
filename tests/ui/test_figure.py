"""The exercise figure on screen: every shipped exercise draws at any size and pixel ratio, in
light and dark palettes, with the figure standing out from the background; the right side is
the mirror image of the left; a repetition visibly moves; the layout never jumps."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QColor, QImage, QPalette

from deskbreak.bundled import resources_dir
from deskbreak.core.coach import Phase
from deskbreak.core.exercises import LibraryExercise, parse_exercise
from deskbreak.ui.figure import FigureWidget

FILES = sorted((resources_dir() / "exercises").glob("*.toml"))
SIZES = (QSize(96, 96), QSize(200, 200), QSize(320, 180))
RENDERS = (*((size, 1.0) for size in SIZES), (QSize(200, 200), 2.0))  # (size, device pixel ratio)
LIGHT = {"Window": "#fafafa", "WindowText": "#202020", "Text": "#202020", "Highlight": "#1a62c9"}
DARK = {"Window": "#1e1f22", "WindowText": "#e8eaed", "Text": "#e8eaed", "Highlight": "#8ab4f8"}


def palette(colours: dict[str, str]) -> QPalette:
    pal = QPalette()
    for role, colour in colours.items():
        pal.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return pal


def shipped(path: Path) -> LibraryExercise:
    return parse_exercise(path.read_text(encoding="utf-8"), path.stem, str(path))


@pytest.fixture
def figure(qtbot) -> FigureWidget:
    widget = FigureWidget()
    qtbot.addWidget(widget)
    return widget


def grey(widget: FigureWidget, size: QSize, ratio: float = 1.0) -> list[int]:
    """The widget drawn over its palette's window colour, as grey levels (0-255), row by row."""
    widget.resize(size)
    image = QImage(int(size.width() * ratio), int(size.height() * ratio), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(widget.palette().color(QPalette.ColorRole.Window))
    widget.render(image, QPoint())
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    line, width = image.bytesPerLine(), image.width()
    data = bytes(image.constBits())
    return [v for row in range(image.height()) for v in data[row * line : row * line + width]]


def mirrored_rows(pixels: list[int], width: int) -> list[int]:
    return [v for start in range(0, len(pixels), width) for v in reversed(pixels[start : start + width])]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_exercise_draws_clearly_at_any_size_ratio_and_palette(figure: FigureWidget, path: Path) -> None:
    exercise = shipped(path)
    for colours in (LIGHT, DARK):
        figure.setPalette(palette(colours))
        background = QColor(colours["Window"]).lightness()
        dark = background < 128
        for phase in (Phase.GET_READY, Phase.HOLD):
            figure.set_moment(exercise.pose, phase, 1.0)
            for size, ratio in RENDERS:
                pixels = grey(figure, size, ratio)
                marked = [v for v in pixels if abs(v - background) > 60]
                assert len(marked) > 0.01 * len(pixels), (size, ratio, "the figure is drawn")
                lighter = sum(v > background for v in marked)
                share = lighter / len(marked) if dark else 1 - lighter / len(marked)
                assert share > 0.95, (size, ratio, "the figure contrasts with the background")


@pytest.mark.parametrize("path", [p for p in FILES if shipped(p).dose.per_side], ids=lambda p: p.stem)
def test_the_right_side_is_the_mirror_image_of_the_left(figure: FigureWidget, path: Path) -> None:
    spec = shipped(path).pose
    figure.setPalette(palette(LIGHT))
    size = QSize(200, 200)
    for phase, fraction in ((Phase.GET_READY, 0.0), (Phase.MOVE, 0.4), (Phase.HOLD, 1.0)):
        figure.set_moment(spec, phase, fraction, side="left")
        left = grey(figure, size)
        figure.set_moment(spec, phase, fraction, side="right")
        right = grey(figure, size)
        assert right != left
        differ = sum(abs(a - b) > 96 for a, b in zip(mirrored_rows(left, 200), right, strict=True))
        assert differ < 0.003 * len(left), (phase, differ)


@pytest.mark.parametrize("path", [p for p in FILES if shipped(p).dose.reps], ids=lambda p: p.stem)
def test_a_repetition_visibly_moves(figure: FigureWidget, path: Path) -> None:
    spec = shipped(path).pose
    figure.setPalette(palette(DARK))
    figure.set_moment(spec, Phase.MOVE, 0.0)
    start = grey(figure, QSize(160, 160))
    figure.set_moment(spec, Phase.MOVE, 1.0)
    end = grey(figure, QSize(160, 160))
    assert sum(abs(a - b) > 60 for a, b in zip(start, end, strict=True)) > 20


def test_size_hints_stay_put_and_names_are_read_out(figure: FigureWidget) -> None:
    twist = shipped(resources_dir() / "exercises" / "seated-twist.toml").pose
    angels = shipped(resources_dir() / "exercises" / "wall-angels.toml").pose
    hints = (figure.sizeHint(), figure.minimumSizeHint())
    assert figure.accessibleName() == "Exercise figure"
    for step in range(30):
        spec = twist if step < 15 else angels
        figure.set_moment(spec, Phase.MOVE, step / 15 % 1, side="right" if step < 15 else None)
        assert (figure.sizeHint(), figure.minimumSizeHint()) == hints
    figure.set_moment(twist, Phase.MOVE, 0.5, side="right")
    assert figure.accessibleDescription() == "Seated, turning the upper body and head to the right"
    figure.set_moment(angels, Phase.HOLD, 1.0)
    assert figure.accessibleDescription() == "Standing with the back to a wall, raising both arms"


def test_an_unchanged_moment_does_not_repaint(figure: FigureWidget, qtbot) -> None:
    spec = shipped(resources_dir() / "exercises" / "chin-tucks.toml").pose
    figure.set_moment(spec, Phase.HOLD, 0.5)
    before = figure.current_skeleton()
    figure.set_moment(spec, Phase.HOLD, 0.9)  # the same end pose
    assert figure.current_skeleton() is before
