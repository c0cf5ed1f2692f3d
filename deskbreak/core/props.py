"""The scenery drawn lightly around the figure: chair, floor, wall, door frame.

Built in the figure's 3D body units and seen by the same camera, so the chair turns with the
view and the mirror image mirrors it too. A wall in front sits where the hands or elbows touch it
in the start pose; a door frame where the forearms rest on it.
"""

from __future__ import annotations

from .pose_data import PoseSpec
from .skeleton import P, Vec, camera, joints

Line = tuple[tuple[float, float], ...]  # a polyline in the unit box

FLOOR: dict[str, tuple[float, float, float, float]] = {  # x from, x to, z from, z to
    "seated": (-0.3, 0.3, -0.3, 0.42),
    "standing": (-0.3, 0.3, -0.3, 0.3),
    "wall-behind": (-0.3, 0.3, -0.09, 0.35),
    "wall-front": (-0.3, 0.3, -0.3, 0.3),
    "doorway": (-0.3, 0.3, -0.35, 0.35),
    "all-fours": (-0.28, 0.28, -0.42, 0.48),
    "side-lying": (-0.6, 0.42, -0.25, 0.45),
}
WALL_HEIGHT = 1.18
DOOR_HEIGHT = 1.12


def _box(x0: float, x1: float, y0: float, y1: float, z0: float, z1: float) -> list[tuple[Vec, ...]]:
    """A flat rectangle (one of the ranges is a single value) as a closed polyline."""
    if y0 == y1:
        return [((x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1), (x0, y0, z0))]
    if z0 == z1:
        return [((x0, y0, z0), (x1, y0, z0), (x1, y1, z0), (x0, y1, z0), (x0, y0, z0))]
    return [((x0, y0, z0), (x0, y1, z0), (x0, y1, z1), (x0, y0, z1), (x0, y0, z0))]


def _scenery(spec: PoseSpec) -> list[tuple[Vec, ...]]:
    x0, x1, z0, z1 = FLOOR[spec.base]
    lines = _box(x0, x1, 0.0, 0.0, z0, z1)
    start = joints(spec.start, spec.base)
    if spec.base == "seated":
        seat, back = 0.245, -0.13
        lines += _box(-0.19, 0.19, seat, seat, back, 0.2)
        lines += _box(-0.19, 0.19, seat, 0.6, back, back)
        lines += [((x, seat, z), (x, 0.0, z)) for x in (-0.17, 0.17) for z in (back + 0.02, 0.18)]
    elif spec.base == "wall-behind":
        lines += _box(-0.42, 0.42, 0.0, WALL_HEIGHT, -0.09, -0.09)
    elif spec.base == "wall-front":
        touch = max(start[P[name]][2] for name in ("left_hand", "right_hand", "left_elbow", "right_elbow"))
        lines += _box(-0.42, 0.42, 0.0, WALL_HEIGHT, touch + 0.01, touch + 0.01)
    elif spec.base == "doorway":
        elbows = [start[P[name]] for name in ("left_elbow", "right_elbow")]
        x = max(abs(p[0]) for p in elbows) + 0.03
        z = sum(p[2] for p in elbows) / 2
        lines += [((-x, 0.0, z), (-x, DOOR_HEIGHT, z), (x, DOOR_HEIGHT, z), (x, 0.0, z))]
        lines += [
            ((-x, 0.0, z - 0.1), (-x, DOOR_HEIGHT, z - 0.1)),
            ((x, 0.0, z - 0.1), (x, DOOR_HEIGHT, z - 0.1)),
        ]
    return lines


def props(spec: PoseSpec, side: str | None = None) -> tuple[Line, ...]:
    """The scenery's polylines in the unit box, for the left (or only) side or the right side."""
    mirrored = side == "right"
    cam = camera(spec.base, spec.view, mirrored)
    out = []
    for line in _scenery(spec):
        points = [(-p[0], p[1], p[2]) if mirrored else p for p in line]
        out.append(tuple((min(1.0, max(0.0, x)), min(1.0, max(0.0, y))) for x, y in map(cam.screen, points)))
    return tuple(out)
