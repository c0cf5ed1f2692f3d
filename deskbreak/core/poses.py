"""The figure's motion through a coached routine: which pose to show at each moment, and in words.

A repetition moves start to end (MOVE), stays (HOLD) and comes back (RETURN), each eased so it
starts and stops gently. A hold-dose stretch is one long HOLD: the figure eases into the end pose
over its first couple of seconds, holds it with a faint breathing motion, and eases out in the
last second when there is time. "Get ready" and "switch sides" show the start pose of the side
to come. The right side is the mirror image of the left, as the files are written for the left.
"""

from __future__ import annotations

import math

from .coach import Phase
from .pose_data import BOUNDS, INDEX, Pose, PoseSpec, mirrored

EASE_IN = 1.75  # seconds to ease into a held stretch
EASE_OUT = 1.0  # seconds to ease out of it, when the hold is long enough
BREATH = 5.0  # seconds per breath while holding
_BEND, _SHRUG = INDEX["bend"], INDEX["shrug"]


def ease(t: float) -> float:
    """Smoothstep: 0 at 0, 1 at 1, with no speed at either end."""
    t = min(1.0, max(0.0, t))
    return t * t * (3.0 - 2.0 * t)


def blend(a: Pose, b: Pose, t: float) -> Pose:
    """The pose a fraction t of the way from a to b (t already eased)."""
    return Pose(tuple(x + (y - x) * t for x, y in zip(a.values, b.values, strict=True)), a.mirrored)


def pose_at(
    spec: PoseSpec,
    phase: Phase,
    fraction: float,
    *,
    hold_dose: bool = False,
    side: str | None = None,
    seconds: float = 0.0,
) -> Pose:
    """The pose `fraction` (0..1) of the way through a segment of `seconds` in this phase."""
    f = min(1.0, max(0.0, fraction)) if math.isfinite(fraction) else 0.0
    if phase is Phase.MOVE:
        pose = blend(spec.start, spec.end, ease(f))
    elif phase is Phase.RETURN:
        pose = blend(spec.end, spec.start, ease(f))
    elif phase is Phase.HOLD and hold_dose and seconds > 0:
        pose = _held(spec, f * seconds, seconds)
    elif phase is Phase.HOLD:
        pose = spec.end
    else:  # GET_READY, SWITCH_SIDES
        pose = spec.start
    return mirrored(pose) if side == "right" else pose


def _held(spec: PoseSpec, t: float, seconds: float) -> Pose:
    into = min(EASE_IN, 0.3 * seconds)
    out = EASE_OUT if seconds >= into + 4 * EASE_OUT else 0.0
    if t < into:
        w = ease(t / into)
    elif out and t > seconds - out:
        w = ease((seconds - t) / out)
    else:
        w = 1.0
    pose = blend(spec.start, spec.end, w)
    breath = w * (1.0 - math.cos(2.0 * math.pi * t / BREATH)) / 2.0  # 0..1, in at the top
    values = list(pose.values)
    values[_BEND] = _clamp(values[_BEND] - 1.5 * breath, _BEND)
    values[_SHRUG] = _clamp(values[_SHRUG] + 4.0 * breath, _SHRUG)
    return Pose(tuple(values), pose.mirrored)


def _clamp(value: float, index: int) -> float:
    low, high = BOUNDS[index]
    return min(high, max(low, value))


# -- in words, for screen readers ------------------------------------------------------------

BASE_WORDS = {
    "seated": "Seated",
    "standing": "Standing",
    "wall-behind": "Standing with the back to a wall",
    "wall-front": "Standing facing a wall",
    "doorway": "Standing in a doorway",
    "all-fours": "On hands and knees",
    "side-lying": "Lying on one side",
}
# Joint: (words when it grows, words when it shrinks); {side} is the side it goes toward.
_WORDS = {
    "twist": ("turning the upper body to the left", "turning the upper body to the right"),
    "side_bend": ("bending sideways to the left", "bending sideways to the right"),
    "bend": ("rounding the upper back", "arching the upper back"),
    "lean": ("leaning forward", "leaning back"),
    "neck": ("nodding the head down", "looking up"),
    "turn": ("turning the head to the left", "turning the head to the right"),
    "tilt": ("tilting the head toward the left shoulder", "tilting the head toward the right shoulder"),
    "tuck": ("gliding the head straight back", "letting the head glide forward"),
    "shrug": ("lifting the shoulders", "lowering the shoulders"),
    "blades": ("squeezing the shoulder blades together", "spreading the shoulder blades apart"),
    "left_arm": ("raising the left arm", "lowering the left arm"),
    "right_arm": ("raising the right arm", "lowering the right arm"),
    "left_out": ("opening the left arm out", "bringing the left arm across"),
    "right_out": ("opening the right arm out", "bringing the right arm across"),
}
_PERCENT = frozenset({"tuck", "shrug", "blades"})


def describe(spec: PoseSpec, side: str | None = None) -> str:
    """The movement in words, e.g. "Seated, turning the upper body to the left"."""
    start, end = (mirrored(spec.start), mirrored(spec.end)) if side == "right" else (spec.start, spec.end)
    moves: list[tuple[float, str]] = []
    for name, (grow, shrink) in _WORDS.items():
        delta = end[name] - start[name]
        size = abs(delta) * (0.4 if name in _PERCENT else 0.3 if name[-4:] in ("_arm", "_out") else 1.0)
        if size >= 6:
            moves.append((size, grow if delta > 0 else shrink))
    words = [w for _, w in sorted(moves, key=lambda m: -m[0])[:2]]
    for left in list(words):
        right = left.replace("left arm", "right arm")
        if right != left and right in words:
            words = [
                left.replace("the left arm", "both arms") if w == left else w for w in words if w != right
            ]
    for way in ("left", "right"):
        body, head = f"turning the upper body to the {way}", f"turning the head to the {way}"
        if body in words and head in words:
            words = [f"turning the upper body and head to the {way}"]
    what = " and ".join(words) if words else "holding the position and breathing"
    return f"{BASE_WORDS[spec.base]}, {what}"


# -- what is highlighted -------------------------------------------------------------------

_GROUP = {
    **dict.fromkeys(("lean", "bend", "side_bend", "twist"), "trunk"),
    **dict.fromkeys(("neck", "turn", "tilt", "tuck"), "head"),
    **dict.fromkeys(("shrug", "blades"), "shoulders"),
}


def moving_groups(spec: PoseSpec, side: str | None = None) -> frozenset[str]:
    """The skeleton groups (trunk, head, shoulders, left_arm...) whose joints move in this exercise."""
    groups = set()
    for name in spec.moving:
        group = _GROUP.get(name) or name.rsplit("_", 1)[0] + "_arm"
        if side == "right":
            group = _swap(group)
        groups.add(group)
    return frozenset(groups)


def _swap(group: str) -> str:
    if group.startswith("left_"):
        return "right_" + group[5:]
    if group.startswith("right_"):
        return "left_" + group[6:]
    return group
