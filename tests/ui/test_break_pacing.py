"""The break window's pacing decisions over generated steps: redraws are smooth only while the
figure moves, a hidden window sleeps within bounds, each cue sounds once at the right change, and
only plain presses of the window's keys are taken."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from deskbreak.core.coach import PROMPTS, Phase
from deskbreak.ui.break_pacing import (
    CALM_MS,
    EASE_IN,
    EASE_OUT,
    KEYS,
    SMOOTH_MS,
    UNSEEN_MS,
    cue,
    engages,
    key_action,
    redraw_interval,
    unseen_wait,
)

steps = st.tuples(st.integers(0, 6), st.sampled_from(list(Phase)))
seconds = st.floats(0.5, 120, allow_nan=False)


@given(st.sampled_from(list(Phase)), st.booleans(), seconds, st.floats(0, 1))
def test_redraws_are_smooth_exactly_while_the_figure_moves(phase, hold_dose, length, part):
    remaining = length * part
    into = length - remaining
    easing = phase is Phase.HOLD and hold_dose and (into < EASE_IN or remaining < EASE_OUT)
    moving = phase in (Phase.MOVE, Phase.RETURN) or easing
    assert redraw_interval(phase, hold_dose, length, remaining) == (SMOOTH_MS if moving else CALM_MS)


@given(st.floats(0, 10_000, allow_nan=False))
def test_a_hidden_window_wakes_at_the_end_of_the_step_but_within_bounds(remaining):
    wait = unseen_wait(remaining)
    assert CALM_MS <= wait <= UNSEEN_MS
    if CALM_MS < 1000 * remaining < UNSEEN_MS - 1:
        assert 1000 * remaining < wait <= 1000 * remaining + 2  # just after the step ends


@given(st.lists(steps, min_size=1, max_size=40))
def test_cues_sound_only_on_a_change_and_say_what_comes(seen):
    heard = [cue(before, now) for before, now in zip([None, *seen], seen, strict=False)]
    assert heard[0] is None  # nothing for the first step the window sees
    for before, now, sound in zip(seen, seen[1:], heard[1:], strict=False):
        if before == now:
            assert sound is None
        elif now[1] in (Phase.GET_READY, Phase.SWITCH_SIDES):
            assert sound == "ready"
        elif before[1] in PROMPTS and now[1] not in PROMPTS:
            assert sound == "go"
        else:
            assert sound is None


def test_only_plain_presses_of_the_window_keys_are_taken():
    plain, keypad = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier
    for key, action in KEYS.items():
        assert key_action(key.value, plain) == action == key_action(key.value, keypad)
        assert key_action(key.value, Qt.KeyboardModifier.ControlModifier) is None
        assert engages(key.value)
    assert key_action(Qt.Key.Key_A.value, plain) is None
    assert not engages(Qt.Key.Key_Alt.value) and not engages(Qt.Key.Key_Shift.value)
