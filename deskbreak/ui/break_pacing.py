"""How the break window spends its wake-ups and which keys it answers: how often to redraw (smooth
only while the figure moves), how long to sleep while nobody can see it, which sound cue a change
of step calls for, and what a key press means. Plain decisions, kept apart from the widget."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt

from ..core.coach import PROMPTS, Phase

# Method names, not bound methods: a dict of bound methods on the window is a reference cycle
# through the window, and PySide6 crashes when the garbage collector breaks that cycle.
KEYS = {
    Qt.Key.Key_Space: "toggle_pause",
    Qt.Key.Key_P: "toggle_pause",
    Qt.Key.Key_Right: "next",
    Qt.Key.Key_Left: "back",
    Qt.Key.Key_Escape: "end_or_close",
}
# Keys that are only ever part of a combination (the Alt of Alt+Tab): not the user engaging.
MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R,
        Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_ScrollLock,
    }
)  # fmt: skip
INPUT_GUARD = 1.0  # seconds after opening in which key presses are ignored
SMOOTH_MS, CALM_MS = 33, 100  # redraw intervals: figure moving, figure still
UNSEEN_MS = 1000  # longest wait while minimized or hidden (nothing is drawn then)
EASE_IN, EASE_OUT = 2.0, 1.0  # seconds of movement at each end of a held stretch


def key_action(key: int, modifiers: Qt.KeyboardModifier) -> str | None:
    """The window's method a key press calls, or None to leave it to Qt (a combination such as
    Ctrl+Right is not ours)."""
    action = KEYS.get(Qt.Key(key))
    if action is None or modifiers & ~Qt.KeyboardModifier.KeypadModifier:
        return None
    return action


def engages(key: int) -> bool:
    """Whether pressing `key` shows the user is reading the window (not the Alt of Alt+Tab)."""
    return Qt.Key(key) not in MODIFIER_KEYS


def redraw_interval(phase: Phase, hold_dose: bool, seconds: float, remaining: float) -> int:
    """Milliseconds to the next redraw: smooth while the figure moves (a movement, the way back,
    and the ease in and out of a held stretch), calm otherwise."""
    moving = phase in (Phase.MOVE, Phase.RETURN)
    if phase is Phase.HOLD and hold_dose:
        moving = seconds - remaining < EASE_IN or remaining < EASE_OUT
    return SMOOTH_MS if moving else CALM_MS


def unseen_wait(remaining: float) -> int:
    """Milliseconds to sleep while nobody can see the window: until this part of the routine ends
    (its sound, or the end), but at most UNSEEN_MS and at least CALM_MS."""
    return min(UNSEEN_MS, max(CALM_MS, math.ceil(1000 * remaining) + 1))


def cue(before: tuple[int, Phase] | None, now: tuple[int, Phase]) -> str | None:
    """The sound for moving from step `before` to `now` (exercise, phase): "ready" when a new
    exercise or side comes up, "go" when the count starts (or the next set), else None. Nothing
    for the first step seen, nor for the same step seen again."""
    if before is None or before == now:
        return None
    if now[1] in (Phase.GET_READY, Phase.SWITCH_SIDES):
        return "ready"
    if before[1] in PROMPTS and now[1] not in PROMPTS:
        return "go"
    return None
