"""The figure's geometry: a Pose on its base becomes 2D points and strokes in a unit box.

Joints are placed in 3D (x to the person's left, y up, z forward; a standing person is about
1 tall) by rotating rigid bones, then seen by a camera slightly above the figure, from the front,
the side or the back. The mirror image (the right side of a one-sided exercise) swaps the body
left for right and the camera with it, so its picture is the exact left-right reflection. Pure
arithmetic: the widget only scales and strokes what this returns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .pose_data import Pose

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # rows

# Bone lengths (a standing figure is about 1 tall) and stroke widths, in body units.
LUMBAR, THORAX, NECK, HEAD_R = 0.12, 0.20, 0.055, 0.068
SHOULDER, HIP = 0.10, 0.055
UPPER_ARM, FOREARM, HAND = 0.175, 0.15, 0.06
THIGH, SHIN, FOOT, ANKLE_H = 0.245, 0.235, 0.075, 0.035
WIDTH = {"trunk": 0.05, "shoulders": 0.032, "head": 0.03, "limb": 0.036, "end": 0.026}

POINTS = (
    "hip", "lumbar", "neck_base", "head_base", "head", "nose", "face", "left_eye", "right_eye",
    "left_shoulder", "left_elbow", "left_wrist", "left_hand",
    "right_shoulder", "right_elbow", "right_wrist", "right_hand",
    "left_hip", "left_knee", "left_ankle", "left_toe",
    "right_hip", "right_knee", "right_ankle", "right_toe",
)  # fmt: skip
P = {name: i for i, name in enumerate(POINTS)}
# Rigid bones: (from, to, group, width) in drawing order within a group.
BONES: tuple[tuple[str, str, str, str], ...] = (
    ("hip", "lumbar", "trunk", "trunk"),
    ("lumbar", "neck_base", "trunk", "trunk"),
    ("left_hip", "right_hip", "trunk", "shoulders"),
    ("neck_base", "left_shoulder", "shoulders", "shoulders"),
    ("neck_base", "right_shoulder", "shoulders", "shoulders"),
    ("neck_base", "head_base", "head", "head"),
    *(
        bone
        for s in ("left", "right")
        for bone in (
            (f"{s}_shoulder", f"{s}_elbow", f"{s}_arm", "limb"),
            (f"{s}_elbow", f"{s}_wrist", f"{s}_arm", "limb"),
            (f"{s}_wrist", f"{s}_hand", f"{s}_arm", "end"),
            (f"{s}_hip", f"{s}_knee", f"{s}_leg", "limb"),
            (f"{s}_knee", f"{s}_ankle", f"{s}_leg", "limb"),
            (f"{s}_ankle", f"{s}_toe", f"{s}_leg", "end"),
        )
    ),
)
_BONE_INDEX = tuple((P[a], P[b], group, width) for a, b, group, width in BONES)
GROUP_ORDER = ("left_leg", "right_leg", "trunk", "shoulders", "left_arm", "right_arm", "head")


@dataclass(frozen=True)
class Base:
    """A base body: the pelvis' tilt (forward, sideways), the legs, and how the camera sees it."""

    tilt: float  # pelvis pitched forward (degrees): 0 upright, ~80 on all fours
    roll: float  # pelvis rolled onto its right side (degrees): 90 lying on the right side
    legs: tuple[tuple[float, float, float], tuple[float, float, float]]  # (hip flex, knee bend, out)
    hip_y: float  # height of the hips above the floor
    pitch: float  # camera elevation (degrees)
    center: Vec  # the body point at the middle of the picture
    span: float  # body units across the picture
    toes_back: bool = False  # feet point back (kneeling)
    front_yaw: float = -22.0  # the front view, turned a little so arms reaching forward show


BASES: dict[str, Base] = {
    "seated": Base(0, 0, ((88, 88, 6), (88, 88, 6)), 0.27, 10, (0.0, 0.43, 0.08), 1.05),
    "standing": Base(0, 0, ((0, 0, 4), (0, 0, 4)), 0.515, 8, (0.0, 0.56, 0.0), 1.27),
    "wall-behind": Base(0, 0, ((10, 12, 4), (10, 12, 4)), 0.51, 8, (0.0, 0.6, 0.06), 1.32),
    "wall-front": Base(8, 0, ((0, 0, 4), (0, 0, 4)), 0.51, 8, (0.0, 0.6, 0.07), 1.32),
    "doorway": Base(0, 0, ((22, 8, 3), (-12, 4, 3)), 0.5, 8, (0.0, 0.56, 0.0), 1.27),
    "all-fours": Base(78, 0, ((78, 90, 4), (78, 90, 4)), 0.27, 22, (0.0, 0.105, 0.12), 1.12, True),
    "side-lying": Base(0, 90, ((50, 95, 0), (50, 95, 0)), 0.12, 80, (-0.09, 0.12, -0.02), 1.1, front_yaw=0.0),
}
# Camera yaw for each view: side shows the person's right, facing right (front: Base.front_yaw).
YAW = {"side": 68.0, "back": 180.0}


@dataclass(frozen=True)
class Stroke:
    a: int  # index into POINTS
    b: int
    width: float  # in unit-box units
    group: str
    far: bool  # behind the trunk: drawn first and fainter


@dataclass(frozen=True)
class Skeleton:
    points: tuple[tuple[float, float], ...]  # in the unit box, y down; indexed like POINTS
    body: tuple[Vec, ...]  # the same joints in 3D body units (for checking rigid lengths)
    strokes: tuple[Stroke, ...]  # in drawing order
    head_radius: float  # in unit-box units
    head_far: bool  # the head is seen from behind (no face mark)
    eyes: tuple[bool, bool]  # which eyes (left, right) face the viewer
    clipped: bool  # a point fell outside the box and was pinned to its edge


def _rx(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def _ry(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def _rz(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _mul2(a: Mat, b: Mat) -> Mat:
    rows = []
    for r in a:
        rows.append(
            (
                r[0] * b[0][0] + r[1] * b[1][0] + r[2] * b[2][0],
                r[0] * b[0][1] + r[1] * b[1][1] + r[2] * b[2][1],
                r[0] * b[0][2] + r[1] * b[1][2] + r[2] * b[2][2],
            )
        )
    return rows[0], rows[1], rows[2]


def _mul(*ms: Mat) -> Mat:
    out = ms[0]
    for m in ms[1:]:
        out = _mul2(out, m)
    return out


def _at(origin: Vec, m: Mat, v: Vec) -> Vec:
    """origin + m·v"""
    return (
        origin[0] + m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        origin[1] + m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        origin[2] + m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def _limb(origin: Vec, frame: Mat, s: float, raise_: float, out: float, roll: float) -> Mat:
    """A limb's frame: hanging along -y, raised by `raise_` toward `out` (0 forward, 90 outward)."""
    return _mul(frame, _ry(s * out), _rx(-raise_), _ry(s * roll))


def joints(pose: Pose, base_name: str) -> tuple[Vec, ...]:
    """Every joint of POINTS in 3D body units, for this pose on this base (mirrored if the pose is)."""
    base = BASES[base_name]
    v = pose.values
    (lean, bend, side_bend, twist, neck, turn, tilt, tuck, shrug, blades) = v[:10]
    pelvis = _mul(_rz(-base.roll if pose.mirrored else base.roll), _rx(base.tilt))
    hip: Vec = (0.0, base.hip_y, 0.0)
    lower = _mul(pelvis, _rx(lean), _ry(0.35 * twist), _rz(-0.4 * side_bend), _rx(0.35 * bend))
    upper = _mul(lower, _ry(0.65 * twist), _rz(-0.6 * side_bend), _rx(0.65 * bend))
    lumbar = _at(hip, lower, (0.0, LUMBAR, 0.0))
    neck_base = _at(lumbar, upper, (0.0, THORAX, 0.0))
    head_frame = _mul(upper, _ry(turn), _rz(-tilt), _rx(neck))
    head_base = _at(neck_base, upper, (0.0, NECK * 0.6, -0.045 * tuck / 100 + 0.012))
    head_base = _at(head_base, head_frame, (0.0, NECK * 0.4, 0.0))
    head = _at(head_base, head_frame, (0.0, HEAD_R, 0.012))
    nose = _at(head, head_frame, (0.0, -0.01, HEAD_R * 1.15))
    face = _at(head, head_frame, (0.0, -0.01, HEAD_R * 0.45))
    eyes = [_at(head, head_frame, (s * HEAD_R * 0.38, HEAD_R * 0.18, HEAD_R * 0.86)) for s in (1.0, -1.0)]
    points: list[Vec] = [hip, lumbar, neck_base, head_base, head, nose, face, *eyes]
    for s in (1.0, -1.0):
        at = 10 if s > 0 else 14
        raise_, out, roll, elbow = v[at : at + 4]
        squeeze, lift = blades / 100, shrug / 100
        shoulder = _at(
            neck_base, upper, (s * SHOULDER * (1 - 0.12 * squeeze), -0.03 + 0.06 * lift, -0.06 * squeeze)
        )
        arm = _limb(shoulder, upper, s, raise_, out, roll)
        elbow_at = _at(shoulder, arm, (0.0, -UPPER_ARM, 0.0))
        fore = _mul(arm, _rx(-elbow))
        wrist = _at(elbow_at, fore, (0.0, -FOREARM, 0.0))
        points += [shoulder, elbow_at, wrist, _at(wrist, fore, (0.0, -HAND, 0.0))]
    legs = base.legs if not pose.mirrored else (base.legs[1], base.legs[0])
    for s, (flex, knee, out) in ((1.0, legs[0]), (-1.0, legs[1])):
        hip_joint = _at(hip, pelvis, (s * HIP, 0.0, 0.0))
        thigh = _limb(hip_joint, pelvis, s, flex, out, 0.0)
        knee_at = _at(hip_joint, thigh, (0.0, -THIGH, 0.0))
        shin = _mul(thigh, _rx(knee))
        ankle = _at(knee_at, shin, (0.0, -SHIN, 0.0))
        toe = _at(ankle, shin, (0.0, -FOOT, 0.0) if base.toes_back else (0.0, -0.01, FOOT))
        points += [hip_joint, knee_at, ankle, toe]
    return tuple(points)


@dataclass(frozen=True)
class Camera:
    """Sees body points as unit-box points: turned by yaw, tipped down by pitch, fitted to the box."""

    yaw: float
    pitch: float
    scale: float  # unit-box units per body unit
    cx: float
    cy: float

    def depth(self, p: Vec) -> float:
        """How near the viewer a point is (larger is nearer)."""
        c, s = math.cos(math.radians(self.yaw)), math.sin(math.radians(self.yaw))
        z = -s * p[0] + c * p[2]
        cp, sp = math.cos(math.radians(self.pitch)), math.sin(math.radians(self.pitch))
        return z * cp + p[1] * sp

    def screen(self, p: Vec) -> tuple[float, float]:
        c, s = math.cos(math.radians(self.yaw)), math.sin(math.radians(self.yaw))
        x, z = c * p[0] + s * p[2], -s * p[0] + c * p[2]
        cp, sp = math.cos(math.radians(self.pitch)), math.sin(math.radians(self.pitch))
        y = p[1] * cp - z * sp
        return 0.5 + (x - self.cx) * self.scale, 0.5 - (y - self.cy) * self.scale


def camera(base_name: str, view: str, mirrored: bool) -> Camera:
    """The camera for a base and view; the mirror image is seen from the mirrored place."""
    base = BASES[base_name]
    yaw = base.front_yaw if view == "front" else YAW[view]
    yaw = -yaw if mirrored else yaw
    bare = Camera(yaw, base.pitch, 1.0, 0.0, 0.0)
    cx, cy = bare.screen((-base.center[0], *base.center[1:]) if mirrored else base.center)
    return Camera(yaw, base.pitch, 1.0 / base.span, cx - 0.5, 0.5 - cy)


def skeleton(pose: Pose, base_name: str, view: str) -> Skeleton:
    """The figure for a pose, ready to stroke: points in the unit box and strokes in drawing order."""
    cam = camera(base_name, view, pose.mirrored)
    body = joints(pose, base_name)
    raw = [cam.screen(p) for p in body]
    points = tuple((min(1.0, max(0.0, x)), min(1.0, max(0.0, y))) for x, y in raw)
    clipped = points != tuple(raw)
    trunk = cam.depth(body[P["lumbar"]])
    depth = {
        "trunk": trunk,
        "shoulders": trunk,
        "head": cam.depth(body[P["head"]]),
        **{f"{s}_arm": cam.depth(body[P[f"{s}_shoulder"]]) for s in ("left", "right")},
        **{f"{s}_leg": cam.depth(body[P[f"{s}_hip"]]) for s in ("left", "right")},
    }
    order = sorted(GROUP_ORDER, key=lambda g: (round(depth[g] - trunk, 3) if g != "head" else 0.5,
                                               GROUP_ORDER.index(g)))  # fmt: skip
    far = {g for g in depth if depth[g] < trunk - 0.03}
    strokes = tuple(
        Stroke(a, b, WIDTH[width] * cam.scale, group, group in far)
        for g in order
        for a, b, group, width in _BONE_INDEX
        if group == g
    )
    head_far = cam.depth(body[P["nose"]]) < cam.depth(body[P["head"]]) - HEAD_R * 0.3
    centre = cam.depth(body[P["head"]])
    eyes = (
        cam.depth(body[P["left_eye"]]) > centre + HEAD_R * 0.3,
        cam.depth(body[P["right_eye"]]) > centre + HEAD_R * 0.3,
    )
    return Skeleton(points, body, strokes, HEAD_R * cam.scale, head_far, eyes, clipped)


def reflected(points: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
    """Points reflected left-right in the unit box."""
    return tuple((1.0 - x, y) for x, y in points)
