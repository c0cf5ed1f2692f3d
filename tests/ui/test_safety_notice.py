"""The safety notice: first run versus from the tray, the Profile it emits, keyboard use,
accessible names and both palettes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from widget_checks import DARK, LIGHT, close, contrast, palette, rendered_colours, unnamed_controls

from deskbreak.app.safety_content import load_safety_content
from deskbreak.core.profile import CARE_LABELS, Care, Profile
from deskbreak.core.safety import BUILTIN, SafetyContent
from deskbreak.ui.safety_blocks import Callout
from deskbreak.ui.safety_notice import FIRST_RUN_TITLE, REVIEW_TITLE, SafetyNotice


@pytest.fixture(scope="module")
def content() -> SafetyContent:
    return load_safety_content()[0]


def notice(qtbot: QtBot, content: SafetyContent, profile: Profile, first_run: bool) -> SafetyNotice:
    dialog = SafetyNotice(content, profile, first_run=first_run)
    qtbot.addWidget(dialog)
    dialog.resize(480, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def buttons(dialog: SafetyNotice) -> list[str]:
    return sorted(b.text() for b in dialog.buttons.findChildren(QPushButton))


def texts(dialog: SafetyNotice) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_first_run_is_before_you_start_with_one_continue_button(qtbot: QtBot, content: SafetyContent):
    dialog = notice(qtbot, content, Profile(), first_run=True)
    assert dialog.title.text() == FIRST_RUN_TITLE and buttons(dialog) == ["Continue"]
    assert dialog.primary.isDefault()
    assert [b.text() for b in dialog.care_boxes.values()] == list(CARE_LABELS.values())
    assert dialog.band.text() == "I have a resistance band"
    assert not any(b.isChecked() for b in dialog.findChildren(QCheckBox))


def test_from_the_tray_it_shows_the_same_text_with_current_choices_and_save_close(
    qtbot: QtBot, content: SafetyContent
):
    profile = Profile(cares=frozenset({Care.PREGNANCY, Care.BALANCE}), has_band=True, safety_seen=True)
    first = notice(qtbot, content, Profile(), first_run=True)
    again = notice(qtbot, content, profile, first_run=False)
    assert again.title.text() == REVIEW_TITLE and buttons(again) == ["Close", "Save"]
    assert texts(again).replace(REVIEW_TITLE, "") == texts(first).replace(FIRST_RUN_TITLE, "")
    assert {c for c, box in again.care_boxes.items() if box.isChecked()} == {Care.PREGNANCY, Care.BALANCE}
    assert again.band.isChecked()


def test_the_text_shows_every_warning_sign_and_each_conditions_note(qtbot: QtBot, content: SafetyContent):
    shown = texts(notice(qtbot, content, Profile(), first_run=True))
    for item in (*content.get_help_now, *content.see_a_doctor_soon, *content.stop_signs, *content.this_hurts):
        assert item.replace("'", "&#39;")[:30] in shown.replace("'", "&#39;"), item
    assert all(note.advice[:30] in shown for note in content.cares.values())
    assert "Urgent" in shown and content.why_upper_back[:40] in shown


def test_continue_emits_the_ticked_choices_and_marks_the_notice_seen(qtbot: QtBot, content: SafetyContent):
    start = Profile(skipped=frozenset({"neck-turns"}), favourites=("quick-reset",), extra={"newer": 1})
    dialog = notice(qtbot, content, start, first_run=True)
    dialog.care_boxes[Care.OSTEOPOROSIS].setChecked(True)
    dialog.band.setChecked(True)
    with qtbot.waitSignal(dialog.profile_chosen) as signal:
        dialog.primary.click()
    chosen = signal.args[0]
    assert chosen == Profile(
        cares=frozenset({Care.OSTEOPOROSIS}), has_band=True, safety_seen=True,
        skipped=frozenset({"neck-turns"}), favourites=("quick-reset",),
    )  # fmt: skip
    assert chosen.extra == {"newer": 1} and dialog.result() == QDialog.DialogCode.Accepted


def test_save_keeps_safety_seen_and_unticking_removes_a_condition(qtbot: QtBot, content: SafetyContent):
    dialog = notice(qtbot, content, Profile(cares=frozenset({Care.BALANCE}), safety_seen=True), False)
    dialog.care_boxes[Care.BALANCE].setChecked(False)
    with qtbot.waitSignal(dialog.profile_chosen) as signal:
        dialog.primary.click()
    assert signal.args[0] == Profile(safety_seen=True)


@pytest.mark.parametrize("first_run", [True, False])
@pytest.mark.parametrize("how", ["close", "escape", "close button"])
def test_leaving_without_continue_or_save_emits_nothing(
    qtbot: QtBot, content: SafetyContent, first_run: bool, how: str
):
    dialog = notice(qtbot, content, Profile(), first_run)
    dialog.care_boxes[Care.PREGNANCY].setChecked(True)
    with qtbot.assertNotEmitted(dialog.profile_chosen):
        if how == "close":
            dialog.close()
        elif how == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        elif dialog.close_button is not None:
            dialog.close_button.click()
        else:
            dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_tab_space_and_enter_work_the_dialog(qtbot: QtBot, content: SafetyContent):
    dialog = notice(qtbot, content, Profile(), first_run=True)
    dialog.activateWindow()
    seen = []
    for _ in range(20):
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
        if dialog.focusWidget() is dialog.care_boxes[Care.OSTEOPOROSIS]:
            break
    assert dialog.focusWidget() is dialog.care_boxes[Care.OSTEOPOROSIS], seen
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
    assert dialog.care_boxes[Care.OSTEOPOROSIS].isChecked()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.care_boxes[Care.RECENT_SURGERY]
    # the scroll area follows the focus down to the choices
    assert dialog.scroller.verticalScrollBar().value() > 0
    with qtbot.waitSignal(dialog.profile_chosen) as signal:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert signal.args[0].cares == {Care.OSTEOPOROSIS}


def test_every_control_has_an_accessible_name_and_every_choice_a_description(
    qtbot: QtBot, content: SafetyContent
):
    for first_run in (True, False):
        dialog = notice(qtbot, content, Profile(), first_run)
        assert unnamed_controls(dialog) == []
        for care, box in dialog.care_boxes.items():
            assert content.cares[care].deskbreak[1:20] in box.accessibleDescription()


def test_the_builtin_text_is_enough_to_build_the_dialog(qtbot: QtBot):
    dialog = notice(qtbot, BUILTIN, Profile(), first_run=True)
    assert len(dialog.care_boxes) == len(Care) and unnamed_controls(dialog) == []


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_both_palettes_render_readable_text_on_the_palettes_window(
    qtbot: QtBot, content: SafetyContent, colours: dict[str, str]
):
    dialog = notice(qtbot, content, Profile(), first_run=True)
    background, ink = rendered_colours(dialog, colours)
    assert close(background, palette(colours).window().color())
    assert contrast(background, ink) >= 7
    urgent = next(box for box in dialog.findChildren(Callout) if box.tone == "urgent")
    fill, _ = urgent.colours()
    assert contrast(fill, palette(colours).windowText().color()) >= 7  # the tint keeps text readable
    image = urgent.grab().toImage()
    inside = image.pixelColor(image.width() // 2, 3)
    assert close(inside, fill, 3)
