"""The "This hurts" panel: what it shows for an exercise, the signals and their order, keyboard
use, a size hint that never changes, accessible names and both palettes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from widget_checks import DARK, LIGHT, close, contrast, palette, rendered_colours, unnamed_controls

from deskbreak.app.safety_content import load_safety_content
from deskbreak.core.safety import SafetyContent
from deskbreak.ui.hurt_panel import CARRY_ON, END, LEAVE_OUT, HurtPanel

EASIER = "Turn only a short way, or rest your hands on your thighs."


@pytest.fixture
def panel(qtbot: QtBot) -> HurtPanel:
    content = load_safety_content()[0]
    widget = HurtPanel(content)
    qtbot.addWidget(widget)
    widget.show_for("seated-twist", "Seated twist", EASIER)
    widget.resize(widget.sizeHint())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def recorded(panel: HurtPanel) -> list[tuple[str, ...]]:
    calls: list[tuple[str, ...]] = []
    panel.skip_in_future.connect(lambda exercise: calls.append(("skip", exercise)))
    panel.carry_on_requested.connect(lambda: calls.append(("carry on",)))
    panel.end_requested.connect(lambda: calls.append(("end",)))
    return calls


def shown_text(panel: HurtPanel) -> str:
    return " ".join(label.text() for label in panel.findChildren(QLabel) if label.isVisibleTo(panel))


def test_it_shows_the_exercise_the_advice_the_easier_version_and_the_urgent_signs(panel: HurtPanel):
    content: SafetyContent = load_safety_content()[0]
    text = shown_text(panel)
    assert "Stopped: Seated twist" in text and EASIER in text
    assert all(item[:25] in text for item in content.this_hurts)
    assert all(item[:20] in text for item in content.get_help_now)
    assert panel.leave_out.text() == LEAVE_OUT and not panel.leave_out.isChecked()
    assert (panel.carry_on_button.text(), panel.end_button.text()) == (CARRY_ON, END)


def test_with_no_easier_version_that_box_is_hidden_and_the_leave_out_box_resets(panel: HurtPanel):
    panel.leave_out.setChecked(True)
    panel.show_for("neck-turns", "Neck turns", None)
    assert panel.easier_box.isHidden() and EASIER not in shown_text(panel)
    assert not panel.leave_out.isChecked() and "Stopped: Neck turns" in shown_text(panel)
    panel.show_for("seated-twist", "Seated twist", EASIER)
    assert not panel.easier_box.isHidden()


def test_carry_on_with_the_box_ticked_leaves_the_exercise_out_first(panel: HurtPanel):
    calls = recorded(panel)
    panel.leave_out.setChecked(True)
    panel.carry_on_button.click()
    assert calls == [("skip", "seated-twist"), ("carry on",)]


def test_ending_without_the_box_only_ends(panel: HurtPanel):
    calls = recorded(panel)
    panel.end_button.click()
    assert calls == [("end",)]


def test_the_id_is_the_one_last_shown(panel: HurtPanel):
    calls = recorded(panel)
    panel.show_for("wall-angels", "Wall angels", None)
    panel.leave_out.setChecked(True)
    panel.end_button.click()
    assert calls == [("skip", "wall-angels"), ("end",)]


def test_keyboard_space_ticks_tab_moves_and_enter_or_space_presses(qtbot: QtBot, panel: HurtPanel):
    calls = recorded(panel)
    panel.activateWindow()
    assert panel.focusWidget() is panel.carry_on_button  # show_for puts the focus on carrying on
    qtbot.keyClick(panel.carry_on_button, Qt.Key.Key_Return)
    assert calls == [("carry on",)]
    panel.leave_out.setFocus()
    qtbot.keyClick(panel.leave_out, Qt.Key.Key_Space)
    assert panel.leave_out.isChecked()
    qtbot.keyClick(panel.leave_out, Qt.Key.Key_Tab)
    assert panel.focusWidget() is panel.end_button
    qtbot.keyClick(panel.end_button, Qt.Key.Key_Return)
    assert calls[1:] == [("skip", "seated-twist"), ("end",)]
    qtbot.keyClick(panel.end_button, Qt.Key.Key_Space)
    assert calls[-1] == ("end",) and len(calls) == 5


def test_the_size_hint_is_fixed_and_fits_a_560_by_600_window(panel: HurtPanel):
    hint = panel.sizeHint()
    panel.show_for("x", "A very long exercise name " * 6, "Easier " * 200)
    assert panel.sizeHint() == hint
    panel.show_for("y", "Short", None)
    assert panel.sizeHint() == hint
    assert hint.width() <= 520 and hint.height() <= 540
    assert panel.minimumSizeHint().width() <= hint.width()


def test_every_control_has_an_accessible_name(panel: HurtPanel):
    assert unnamed_controls(panel) == []
    assert "Seated twist" in panel.leave_out.accessibleDescription()


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_both_palettes_render_readable_text(panel: HurtPanel, colours: dict[str, str]):
    background, ink = rendered_colours(panel, colours)
    assert close(background, palette(colours).window().color())
    assert contrast(background, ink) >= 7
    box = panel.easier_box.grab().toImage()
    fill, _ = panel.easier_box.colours()
    assert close(box.pixelColor(box.width() // 2, 3), fill, 3)
    assert contrast(fill, palette(colours).windowText().color()) >= 7
