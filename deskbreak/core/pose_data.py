"""An exercise's [pose] table: the figure's start and end pose as named joint angles.

A pose is a handful of angles in degrees (or percent for glides and shrugs), each with a
range; a joint left out keeps the base's neutral value, so a file names only what moves. The
base body (on a chair, standing, against a wall, on all fours...) follows the posture. One-sided
exercises are written for the LEFT side; the right side is the mirror image (mirrored()).

parse_pose is total: it returns a PoseSpec or raises RoutineError naming file, line and the
field (e.g. `pose.end.twist`) with its allowed range. It imports nothing from coach (no cycle).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Protocol

from .problems import Problem, kind, line_of, quoted, shown
from .routines import RoutineError


@dataclass(frozen=True)
class Joint:
    name: str
    low: float
    high: float
    unit: str  # "degrees" or "percent"
    meaning: str


JOINTS: tuple[Joint, ...] = (
    Joint("lean", -30, 90, "degrees", "trunk leaning forward from the hips (+) or back (-)"),
    Joint("bend", -40, 60, "degrees", "upper back rounding forward (+) or arching back (-)"),
    Joint("side_bend", -45, 45, "degrees", "trunk bending sideways to the left (+) or right (-)"),
    Joint("twist", -70, 70, "degrees", "upper body turning to the left (+) or right (-)"),
    Joint("neck", -50, 60, "degrees", "head nodding down (+) or looking up (-)"),
    Joint("turn", -80, 80, "degrees", "head turning to look left (+) or right (-)"),
    Joint("tilt", -45, 45, "degrees", "ear tilting toward the left shoulder (+) or right (-)"),
    Joint("tuck", -100, 100, "percent", "head gliding straight back (+, a chin tuck) or forward (-)"),
    Joint("shrug", 0, 100, "percent", "shoulders lifting toward the ears"),
    Joint("blades", -100, 100, "percent", "shoulder blades drawing together (+) or spreading apart (-)"),
    *(
        joint
        for side in ("left", "right")
        for joint in (
            Joint(
                f"{side}_arm", -60, 180, "degrees", f"{side} arm raised: 0 hanging, 90 level, 180 overhead"
            ),
            Joint(
                f"{side}_out", -90, 180, "degrees", f"{side} arm's direction: 0 forward, 90 out, -90 across"
            ),
            Joint(f"{side}_roll", -90, 120, "degrees", f"{side} upper arm rolled out (+) or in (-)"),
            Joint(f"{side}_elbow", 0, 160, "degrees", f"{side} elbow bend, 0 straight"),
        )
    ),
)
NAMES = tuple(j.name for j in JOINTS)
INDEX = {name: i for i, name in enumerate(NAMES)}
BOUNDS = tuple((j.low, j.high) for j in JOINTS)
# Angles that change sign in the mirror image; the left_*/right_* pairs swap instead.
LATERAL = frozenset({"side_bend", "twist", "turn", "tilt"})
_MIRROR_SOURCE = tuple(
    INDEX[n.replace("left_", "right_")] if n.startswith("left_") else
    INDEX[n.replace("right_", "left_")] if n.startswith("right_") else INDEX[n]
    for n in NAMES
)  # fmt: skip
_MIRROR_SIGN = tuple(-1.0 if n in LATERAL else 1.0 for n in NAMES)

VIEWS = ("front", "side", "back")
POSE_FIELDS = ("view", "base", "start", "end")
# The bases each posture allows; the first is the default.
BASES: dict[str, tuple[str, ...]] = {
    "seated": ("seated",),
    "standing": ("standing",),
    "wall": ("wall-behind", "wall-front"),
    "doorway": ("doorway",),
    "floor": ("all-fours", "side-lying"),
}
_ARMS_DOWN = {"left_arm": 0.0, "left_out": 12.0, "left_elbow": 12.0, "right_arm": 0.0,
              "right_out": 12.0, "right_elbow": 12.0}  # fmt: skip
# What a joint left out of a pose is on each base: hands on thighs when seated, arms by the
# sides when standing, on the floor on all fours, stretched out in front when lying on a side.
NEUTRAL: dict[str, dict[str, float]] = {
    "seated": {"left_arm": 22, "left_out": 8, "left_elbow": 68, "right_arm": 22, "right_out": 8,
               "right_elbow": 68},
    "standing": _ARMS_DOWN,
    "wall-behind": _ARMS_DOWN,
    "wall-front": _ARMS_DOWN,
    "doorway": _ARMS_DOWN,
    "all-fours": {"left_arm": 72, "left_out": 8, "left_elbow": 0, "right_arm": 72, "right_out": 8,
                  "right_elbow": 0, "neck": 10},
    "side-lying": {"left_arm": 90, "left_elbow": 0, "right_arm": 90, "right_elbow": 0, "neck": 0},
}  # fmt: skip


@dataclass(frozen=True)
class Pose:
    """Joint values in NAMES order, for the left side unless mirrored."""

    values: tuple[float, ...]
    mirrored: bool = False

    def __getitem__(self, name: str) -> float:
        return self.values[INDEX[name]]


@dataclass(frozen=True)
class PoseSpec:
    """The figure for one exercise: how it is seen, on what base, and its two poses."""

    view: str
    base: str
    start: Pose
    end: Pose
    band: bool = False  # a band stretched between the hands

    @property
    def moving(self) -> frozenset[str]:
        """The joints that clearly move between start and end (drawn highlighted)."""
        pairs = zip(JOINTS, self.start.values, self.end.values, strict=True)
        return frozenset(j.name for j, a, b in pairs if abs(b - a) >= (15 if j.unit == "percent" else 6))


def neutral(base: str) -> Pose:
    defaults = NEUTRAL[base]
    return Pose(tuple(float(defaults.get(name, 0.0)) for name in NAMES))


def mirrored(pose: Pose) -> Pose:
    """The mirror image: left and right swap, sideways angles change sign. Twice is the identity."""
    values = pose.values
    return Pose(
        tuple(values[src] * sign for src, sign in zip(_MIRROR_SOURCE, _MIRROR_SIGN, strict=True)),
        not pose.mirrored,
    )


def neutral_spec(posture: str, band: bool = False) -> PoseSpec:
    """The figure for an exercise without a [pose] table: still, in the posture's base."""
    base = BASES.get(posture, ("standing",))[0]
    return PoseSpec("front", base, neutral(base), neutral(base), band)


class Reader(Protocol):
    """What parse_pose needs from the exercise reader: the text (to find lines) and the file name."""

    text: str
    file: str


def parse_pose(data: dict[str, Any], read: Reader) -> PoseSpec:
    """The [pose] of an exercise's parsed TOML (posture and equipment already checked)."""
    posture = data.get("posture")
    band = data.get("equipment") == "band"
    raw = data.get("pose")
    if raw is None:
        return neutral_spec(str(posture), band)
    if not isinstance(raw, dict):
        raise _error(read, f"found {shown(raw)}; needs a [pose] table with view, start and end")
    extra = [k for k in raw if k not in POSE_FIELDS]
    if extra:
        raise _error(read, f"unknown field {quoted(extra[0])} (allowed: {', '.join(POSE_FIELDS)})")
    view = _choice(raw.get("view", "front"), VIEWS, "view", read)
    bases = BASES.get(str(posture), ("standing",))
    base = _choice(raw.get("base", bases[0]), bases, "base", read, f" for posture {quoted(str(posture))}")
    start = _pose(raw.get("start"), neutral(base), "start", read)
    end = _pose(raw.get("end"), start, "end", read)
    return PoseSpec(view, base, start, end, band)


def _choice(value: Any, allowed: tuple[str, ...], field: str, read: Reader, why: str = "") -> str:
    if not isinstance(value, str) or value not in allowed:
        raise _error(read, f"{shown(value)} is not allowed{why}; one of {', '.join(allowed)}", field)
    return value


def _pose(raw: Any, default: Pose, part: str, read: Reader) -> Pose:
    """A pose table; joints left out keep `default` (the base's neutral, or the start for the end)."""
    if raw is None:
        return default
    if not isinstance(raw, dict):
        raise _error(read, f"{shown(raw)} is {kind(raw)}; needs a table like {{ twist = 30 }}", part)
    extra = [k for k in raw if k not in INDEX]
    if extra:
        raise _error(read, f"unknown joint {quoted(extra[0])} (allowed: {', '.join(NAMES)})", part)
    values = list(default.values)
    for name, value in raw.items():
        joint = JOINTS[INDEX[name]]
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        if number is None or not math.isfinite(number) or not joint.low <= number <= joint.high:
            limits = f"{joint.low:g} to {joint.high:g}"
            found = (
                f"{shown(value)} is {kind(value)}" if number is None else f"{shown(value)} is out of range"
            )
            raise _error(read, f"{found}; needs {joint.unit} from {limits} ({joint.meaning})", part, name)
        values[INDEX[name]] = float(number)
    return Pose(tuple(values))


def _error(read: Reader, message: str, part: str | None = None, joint: str | None = None) -> RoutineError:
    field = ".".join(p for p in ("pose", part, joint) if p)
    return RoutineError(Problem(read.file, message, field, _line(read.text, part, joint)))


def _header(lines: list[str], dotted: str) -> int | None:
    parts = r"[ \t]*\.[ \t]*".join(re.escape(p) for p in dotted.split("."))
    pattern = re.compile(rf"[ \t]*\[[ \t]*{parts}[ \t]*\]")
    return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), None)


def _line(text: str, part: str | None, joint: str | None) -> int | None:
    """The line of pose / pose.<part> / pose.<part>.<joint>, written as tables or inline tables."""
    lines = text.split("\n")
    table = _header(lines, "pose")
    if part is not None:
        sub = _header(lines, f"pose.{part}")
        if sub is not None:
            found = line_of(text, joint, start=sub + 1, top_level=True) if joint else None
            return found or sub
        if table is not None:
            return line_of(text, part, start=table + 1, top_level=True) or table
    return table or line_of(text, "pose")
