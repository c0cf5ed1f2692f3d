"""The live tray icon, drawn with QPainter from vector shapes at every size it is asked for.

A light rim around a dark ring keeps it readable on light and dark panels; inside the ring, the
teal disc with the white figure of the app icon. The ring fills in STEPS steps, so the picture
changes a few times an hour at most. QtSvg is not used: it would stay loaded all day.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
)

from .view_data import TrayLook

STEPS = 12  # twelfths: with a 45 min sit limit the ring moves on every 3.75 min
SIZES = (16, 22, 24, 32, 48, 64)  # the panel heights offered; any size (and ratio) is drawn on demand
UNITS = 64.0  # the drawing's own square, as in resources/icons/deskbreak.svg
CENTRE = QPointF(32, 32)

# Geometry in units of the 64-unit square, centred on (32, 32): from the outside in, a light rim,
# a dark edge, the ring (filled on the dark track) and the disc with the glyph.
RIM_RADIUS = 32.0
RIM_WIDTH = 2.5
EDGE_WIDTH = 2.0
RING_WIDTH = 7.0
FULL_LOOKS = (TrayLook.DUE, TrayLook.OVERDUE, TrayLook.ON_BREAK)  # the ring drawn full


@dataclass(frozen=True)
class Palette:
    body: str  # the disc behind the glyph
    track: str  # the ring's empty part (and the backing the filled part is drawn on)
    fill: str  # the ring's filled part
    glyph: str  # the figure, the pause bars or the moon
    badge: str | None = None  # a dot at the top right


RIM = "#f2faf8"  # the halo: dark panels see it; light panels see the dark track inside it
PALETTES: dict[TrayLook, Palette] = {
    TrayLook.SITTING: Palette(body="#13897d", track="#0a4540", fill="#5fe3cc", glyph="#ffffff"),
    TrayLook.DUE: Palette(body="#13897d", track="#0a4540", fill="#f5a623", glyph="#ffffff", badge="#f5a623"),
    TrayLook.OVERDUE: Palette(
        body="#b3261e", track="#4a0f0c", fill="#ff5449", glyph="#ffffff", badge="#d0312d"
    ),
    TrayLook.ON_BREAK: Palette(body="#2f9e44", track="#14421d", fill="#69db7c", glyph="#ffffff"),
    TrayLook.PAUSED: Palette(body="#82878c", track="#414549", fill="#414549", glyph="#ffffff"),
    TrayLook.OFF_HOURS: Palette(body="#36404b", track="#1e242b", fill="#1e242b", glyph="#e8e2c4"),
}

ArtKey = tuple[TrayLook, int]


@dataclass(frozen=True)
class Rings:
    """Radii in units for a picture of `pixels` square: no line thinner than a pixel or so."""

    track: float  # inside the rim: the dark edge and the track start here
    fill: float  # inside the dark edge: the filled part of the ring starts here
    body: float  # the disc with the glyph

    @classmethod
    def at(cls, pixels: int) -> Rings:
        px = UNITS / pixels
        track = RIM_RADIUS - max(RIM_WIDTH, px)
        fill = track - max(EDGE_WIDTH, 0.9 * px)
        return cls(track, fill, fill - max(RING_WIDTH, 1.6 * px))


def ring_step(progress: float) -> int:
    """The ring's filled steps (0..STEPS) for a fraction of the sit limit; full only at 1."""
    if not progress > 0:  # also NaN
        return 0
    return min(STEPS, math.floor(min(progress, 1.0) * STEPS + 1e-9))


def art_key(look: TrayLook, progress: float) -> ArtKey:
    """What the picture depends on: the same key, the same picture."""
    if look is TrayLook.SITTING:
        return look, ring_step(progress)
    return look, STEPS if look in FULL_LOOKS else 0


def draw(look: TrayLook, step: int, size: int, ratio: float = 1.0) -> QImage:
    """One picture: `size` logical pixels square, drawn with `ratio` physical pixels to each."""
    pixels = max(1, round(size * ratio))
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        square = QPainterPath(QPointF(0, 0))
        for x, y in ((pixels, 0), (pixels, pixels), (0, pixels)):
            square.lineTo(x, y)
        painter.fillPath(square, _brush(RIM))  # image.fill() would load `Qt` (see _brush)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(pixels / UNITS, pixels / UNITS)
        _paint(painter, look, step, Rings.at(pixels), UNITS / pixels)
    finally:
        painter.end()
    return image


def _brush(color: str) -> QBrush:
    """A solid brush, made without resolving an overload that takes one of the `Qt` namespace's
    enums: QBrush(QColor), a QColor where a brush is expected, image.fill() and any QPen style
    make PySide6 build that namespace, about 1 MiB resident for as long as the tray app runs.
    (So every shape here is a filled path, never a stroke.)"""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(color))
    return palette.window()


def _disc(painter: QPainter, radius: float, color: str, centre: QPointF = CENTRE) -> None:
    path = QPainterPath()
    path.addEllipse(centre, radius, radius)
    painter.fillPath(path, _brush(color))


def _paint(painter: QPainter, look: TrayLook, step: int, rings: Rings, px: float) -> None:
    """Everything, in 64 units; `px` is one physical pixel in units (a floor for thin lines)."""
    colors = PALETTES[look]
    _disc(painter, RIM_RADIUS, RIM)
    _disc(painter, rings.track, colors.track)
    if step >= STEPS:
        _disc(painter, rings.fill, colors.fill)
    elif step > 0:  # clockwise from twelve o'clock (Qt's angles go counter-clockwise from three)
        r = rings.fill
        pie = QPainterPath(CENTRE)
        pie.arcTo(QRectF(32 - r, 32 - r, 2 * r, 2 * r), 90, -360 * step / STEPS)
        pie.closeSubpath()
        painter.fillPath(pie, _brush(colors.fill))
    _disc(painter, rings.body, colors.body)
    if look is TrayLook.PAUSED:
        _pause_bars(painter, rings.body, colors.glyph)
    elif look is TrayLook.OFF_HOURS:
        _moon(painter, rings.body, colors.glyph)
    else:
        _figure(painter, rings.body, colors.glyph, px)
    if colors.badge is not None:
        _badge(painter, colors.badge, px, exclaim=look is TrayLook.OVERDUE and px <= 2.0)


def _line(painter: QPainter, points: list[tuple[float, float]], width: float, color: QBrush) -> None:
    """A polyline with round caps and joins: a disc at each point and a band along each segment."""
    half = width / 2
    for x, y in points:
        dot = QPainterPath()
        dot.addEllipse(QPointF(x, y), half, half)
        painter.fillPath(dot, color)
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        nx, ny = -(y2 - y1) / length * half, (x2 - x1) / length * half
        band = QPainterPath(QPointF(x1 + nx, y1 + ny))
        for x, y in ((x2 + nx, y2 + ny), (x2 - nx, y2 - ny), (x1 - nx, y1 - ny)):
            band.lineTo(x, y)
        band.closeSubpath()
        painter.fillPath(band, color)


def _figure(painter: QPainter, radius: float, color: str, px: float) -> None:
    """The app icon's figure (arms up), scaled to fit the disc."""
    scale = radius * 0.9 / 28.0  # the figure, strokes included, fits a circle of radius 28
    painter.save()
    painter.translate(32, 32)
    painter.scale(scale, scale)
    painter.translate(-32, -33)
    ink = _brush(color)
    _disc(painter, 6.5, color, QPointF(32, 12.5))
    width = max(6.5, 1.3 * px / scale)
    _line(painter, [(15, 17), (32, 32), (49, 17)], width, ink)  # the arms, raised
    _line(painter, [(32, 32), (32, 43)], width, ink)
    _line(painter, [(22, 56), (32, 43), (42, 56)], width, ink)
    painter.restore()


def _pause_bars(painter: QPainter, radius: float, color: str) -> None:
    width, height, gap = radius * 0.34, radius * 1.1, radius * 0.3
    for left in (32 - gap / 2 - width, 32 + gap / 2):
        bar = QPainterPath()
        bar.addRoundedRect(QRectF(left, 32 - height / 2, width, height), width / 4, width / 4)
        painter.fillPath(bar, _brush(color))


def _moon(painter: QPainter, radius: float, color: str) -> None:
    """A crescent: a disc with a smaller one taken out at its upper right."""
    moon = QPainterPath()
    moon.addEllipse(CENTRE, radius * 0.68, radius * 0.68)
    bite = QPainterPath()
    bite.addEllipse(QPointF(32 + radius * 0.36, 32 - radius * 0.3), radius * 0.56, radius * 0.56)
    painter.fillPath(moon.subtracted(bite), _brush(color))


def _badge(painter: QPainter, color: str, px: float, exclaim: bool) -> None:
    """The dot at the top right, edged in white so it stands apart from the ring."""
    centre, radius = QPointF(51, 13), 11.0
    _disc(painter, radius + max(1.5, px / 2), "#ffffff", centre)
    _disc(painter, radius - max(1.5, px / 2), color, centre)
    if exclaim:  # only where there are pixels enough to read it
        _line(painter, [(51, 7), (51, 14)], 4.0, _brush("#ffffff"))
        _disc(painter, 2.4, "#ffffff", QPointF(51, 19.5))


class ArtEngine(QIconEngine):
    """Draws the picture at the size a tray asks for, when it asks: a panel wants one or two
    sizes, so none of the others is ever drawn or kept (the last few drawn are)."""

    def __init__(self, key: ArtKey, sizes: tuple[int, ...] = SIZES) -> None:
        super().__init__()
        self.art_key, self.sizes = key, sizes
        self._drawn: OrderedDict[int, QPixmap] = OrderedDict()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:  # noqa: ARG002
        pixels = max(1, min(size.width(), size.height()))
        if pixels not in self._drawn:
            look, step = self.art_key
            self._drawn[pixels] = QPixmap.fromImage(draw(look, step, pixels))
            while len(self._drawn) > 2:
                self._drawn.popitem(last=False)
        return self._drawn[pixels]

    def scaledPixmap(  # noqa: N802 - Qt override
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(
            self.pixmap(QSize(round(size.width() * scale), round(size.height() * scale)), mode, state)
        )
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def availableSizes(  # noqa: N802 - Qt override
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        return [QSize(size, size) for size in self.sizes]

    def clone(self) -> QIconEngine:
        return ArtEngine(self.art_key, self.sizes)


def build_icon(key: ArtKey, sizes: tuple[int, ...] = SIZES) -> tuple[QIcon, ArtEngine]:
    """The icon for `key`, drawn on demand at any size and HiDPI ratio (and its engine, which
    the caller keeps alive as long as the icon)."""
    engine = ArtEngine(key, sizes)
    return QIcon(engine), engine


class TrayArt:
    """Icons by key, drawn once; a few recent ones are kept (due and overdue come and go)."""

    def __init__(self, keep: int = 3, sizes: tuple[int, ...] = SIZES) -> None:
        self._icons: OrderedDict[ArtKey, tuple[QIcon, ArtEngine]] = OrderedDict()
        self._keep, self._sizes = keep, sizes
        self.drawn = 0  # icons built so far

    def icon(self, key: ArtKey) -> QIcon:
        if key in self._icons:
            self._icons.move_to_end(key)
            return self._icons[key][0]
        self._icons[key] = build_icon(key, self._sizes)
        icon = self._icons[key][0]
        self.drawn += 1
        while len(self._icons) > self._keep:
            self._icons.popitem(last=False)
        return icon
