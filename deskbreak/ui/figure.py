"""The exercise figure: a jointed stick figure drawn with QPainter, moving through the exercise.

All geometry comes from core (poses, skeleton, props); this widget scales the unit box into its
largest centred square and strokes it: thick round-capped limbs, a filled head with a nose to
show where it faces, the moving parts in the palette's highlight, the scenery faint. Vector
drawing only, so it is crisp at any size and device pixel ratio, and colours come from the
palette, so it reads in light and dark themes. Cheap per frame: pens are made once per palette.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..core.coach import Phase
from ..core.pose_data import Pose, PoseSpec
from ..core.poses import describe, moving_groups, pose_at
from ..core.props import props
from ..core.skeleton import P, Skeleton, skeleton

MARGIN = 0.03  # of the square, on each side
PROP_WIDTH = 0.006  # unit-box units
BAND_WIDTH = 0.008
FAR_FADE = 0.45  # how far limbs behind the body fade toward the background


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """a moved a fraction t toward b."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


class FigureWidget(QWidget):
    """Shows one exercise's figure at one moment; call set_moment as the coach's clock moves."""

    HINT = QSize(200, 200)
    MINIMUM = QSize(96, 96)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Exercise figure"))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._spec: PoseSpec | None = None
        self._side: str | None = None
        self._pose: Pose | None = None
        self._skeleton: Skeleton | None = None
        self._props: tuple[QPolygonF, ...] = ()
        self._moving: frozenset[str] = frozenset()
        self._pens: dict[tuple[str, float], QPen] = {}

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.HINT

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.MINIMUM

    # -- what to show ----------------------------------------------------------------------

    def set_exercise(self, spec: PoseSpec, side: str | None = None) -> None:
        """Switch to an exercise (and side): its scenery, highlight and description, start pose."""
        self._spec, self._side = spec, side
        self._props = tuple(QPolygonF([QPointF(x, y) for x, y in line]) for line in props(spec, side))
        self._moving = moving_groups(spec, side)
        self.setAccessibleDescription(describe(spec, side))
        self._pose = None
        self.set_moment(spec, Phase.GET_READY, 0.0, side=side)

    def set_moment(
        self,
        spec: PoseSpec,
        phase: Phase,
        fraction: float,
        *,
        hold_dose: bool = False,
        side: str | None = None,
        seconds: float = 0.0,
    ) -> None:
        """Show the pose `fraction` of the way through a coach segment; repaints only on a change."""
        if spec is not self._spec or side != self._side:
            self.set_exercise(spec, side)
        pose = pose_at(spec, phase, fraction, hold_dose=hold_dose, side=side, seconds=seconds)
        if pose != self._pose:
            self._pose = pose
            self._skeleton = skeleton(pose, spec.base, spec.view)
            self.update()

    def current_skeleton(self) -> Skeleton | None:
        """The geometry being shown (None before the first exercise)."""
        return self._skeleton

    # -- drawing -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._pens.clear()
        super().changeEvent(event)

    def _pen(self, role: str, width: float) -> QPen:
        pen = self._pens.get((role, width))
        if pen is None:
            palette = self.palette()
            ink = palette.color(QPalette.ColorRole.WindowText)
            paper = palette.color(QPalette.ColorRole.Window)
            colour = {
                "ink": ink,
                "far": _mix(ink, paper, FAR_FADE),
                "highlight": palette.color(QPalette.ColorRole.Highlight),
                "far-highlight": _mix(palette.color(QPalette.ColorRole.Highlight), paper, FAR_FADE),
                "prop": _mix(ink, paper, 0.62),
                "paper": paper,
            }[role]
            pen = QPen(
                colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
            )
            self._pens[(role, width)] = pen
        return pen

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        bones = self._skeleton
        if bones is None:
            return
        side = min(self.width(), self.height())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(
            (self.width() - side) / 2 + side * MARGIN, (self.height() - side) / 2 + side * MARGIN
        )
        painter.scale(side * (1 - 2 * MARGIN), side * (1 - 2 * MARGIN))
        painter.setPen(self._pen("prop", PROP_WIDTH))
        for line in self._props:
            painter.drawPolyline(line)
        points = bones.points
        for stroke in bones.strokes:
            role = "highlight" if stroke.group in self._moving else "ink"
            painter.setPen(self._pen(f"far-{role}" if stroke.far and role == "highlight" else
                                     "far" if stroke.far else role, stroke.width))  # fmt: skip
            (ax, ay), (bx, by) = points[stroke.a], points[stroke.b]
            painter.drawLine(QLineF(ax, ay, bx, by))
            if stroke.b == P["head_base"]:
                self._head(painter, bones, "highlight" if "head" in self._moving else "ink")
        if self._spec is not None and self._spec.band:
            painter.setPen(self._pen("highlight", BAND_WIDTH))
            (ax, ay), (bx, by) = points[P["left_wrist"]], points[P["right_wrist"]]
            painter.drawLine(QLineF(ax, ay, bx, by))
        painter.end()

    def _head(self, painter: QPainter, bones: Skeleton, role: str) -> None:
        pen = self._pen(role, bones.head_radius * 0.25)
        painter.setPen(pen)
        painter.setBrush(pen.color())
        x, y = bones.points[P["head"]]
        r = bones.head_radius
        painter.drawEllipse(QRectF(x - r, y - r, 2 * r, 2 * r))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if not bones.head_far:
            painter.setPen(self._pen(role, r * 0.5))
            (ax, ay), (bx, by) = bones.points[P["face"]], bones.points[P["nose"]]
            painter.drawLine(QLineF(ax, ay, bx, by))
        painter.setPen(self._pen("paper", r * 0.3))
        for seen, eye in zip(bones.eyes, (P["left_eye"], P["right_eye"]), strict=True):
            if seen:
                ex, ey = bones.points[eye]
                painter.drawPoint(QPointF(ex, ey))
