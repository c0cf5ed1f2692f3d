"""The routine chooser: favourites first, today's pick, stars by key and by click, starting by
Enter, double-click and the Start button, Esc, accessible names and both palettes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from widget_checks import DARK, LIGHT, close, contrast, palette, rendered_colours, unnamed_controls

from deskbreak.ui.routine_chooser import HINT, PIN, UNPIN, RoutineChooser
from deskbreak.ui.routine_delegate import ROW_ROLE
from deskbreak.ui.routine_rows import RoutineRow, ordered

ROWS = (
    RoutineRow("quick-reset", "Quick reset", "A short set of moves.", 3, "gentle", "Seated"),
    RoutineRow("extension", "Extension", "Arching moves.", 5, "moderate", "Seated, wall", favourite=True),
    RoutineRow(
        "basics",
        "Upper-back basics",
        "Every day.",
        4,
        "gentle",
        "Seated",
        today=True,
        note="adapted: 1 exercise left out",
    ),  # fmt: skip
    RoutineRow("band", "Band strength", "With a band.", 6, "moderate", "Standing", favourite=True),
)


def chooser(qtbot: QtBot, rows: tuple[RoutineRow, ...] = ROWS) -> RoutineChooser:
    dialog = RoutineChooser(rows)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def listed(dialog: RoutineChooser) -> list[str]:
    return [dialog.list.item(i).data(ROW_ROLE).id for i in range(dialog.list.count())]


def test_favourites_come_first_in_the_given_order_then_the_rest():
    assert [r.id for r in ordered(ROWS)] == ["extension", "band", "quick-reset", "basics"]


def test_the_list_starts_on_todays_pick_and_says_so(qtbot: QtBot):
    dialog = chooser(qtbot)
    assert listed(dialog) == ["extension", "band", "quick-reset", "basics"]
    assert dialog.current_row() == ROWS[2]
    spoken = dialog.list.currentItem().data(Qt.ItemDataRole.AccessibleTextRole)
    assert "today's pick" in spoken and "adapted: 1 exercise left out" in spoken and "4 minutes" in spoken
    assert ROWS[2].details() == "4 min · Gentle · Seated"
    assert dialog.hint.text() == HINT and "F" in dialog.pin_button.text()


def test_todays_pick_badge_is_painted_in_the_highlight_colour(qtbot: QtBot):
    dialog = chooser(qtbot)
    dialog.setPalette(palette(LIGHT))
    dialog.list.setCurrentRow(0)  # so the today row is not drawn selected
    today = dialog.list.visualItemRect(dialog.list.item(3))
    image = dialog.list.viewport().grab().toImage()
    accent = QColor(LIGHT["highlight"])
    right = range(today.right() - today.width() // 4, today.right())
    hits = sum(
        close(image.pixelColor(x, y), accent, 2) for x in right for y in range(today.top(), today.bottom())
    )
    assert hits > 50
    other = dialog.list.visualItemRect(dialog.list.item(2))
    assert not any(close(image.pixelColor(x, other.center().y()), accent, 2) for x in right)


def test_f_pins_the_current_row_which_moves_up_and_stays_current(qtbot: QtBot):
    dialog = chooser(qtbot)
    with qtbot.waitSignal(dialog.favourite_toggled) as signal:
        qtbot.keyClick(dialog.list, Qt.Key.Key_F)
    assert signal.args == ["basics", True]
    assert listed(dialog)[:3] == ["extension", "basics", "band"]  # favourites, in the given order
    assert dialog.current_row().id == "basics" and dialog.pin_button.text().startswith(UNPIN)
    with qtbot.waitSignal(dialog.favourite_toggled) as signal:
        qtbot.keyClick(dialog.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == ["basics", False] and dialog.pin_button.text().startswith(PIN)
    assert listed(dialog) == ["extension", "band", "quick-reset", "basics"]


def test_clicking_a_star_toggles_it_without_starting(qtbot: QtBot):
    dialog = chooser(qtbot)
    item = dialog.list.item(0)  # Extension, a favourite
    star = dialog.delegate.star_rect(dialog.list.visualItemRect(item), dialog.list.fontMetrics())
    with qtbot.assertNotEmitted(dialog.routine_chosen), qtbot.waitSignal(dialog.favourite_toggled) as signal:
        qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=star.center())
    assert signal.args == ["extension", False]
    assert listed(dialog) == ["band", "quick-reset", "extension", "basics"]
    with qtbot.waitSignal(dialog.favourite_toggled) as signal:
        dialog.pin_button.click()  # the current row is still Extension
    assert signal.args == ["extension", True]


def test_double_clicking_a_star_toggles_it_once_and_starts_nothing(qtbot: QtBot):
    dialog = chooser(qtbot)
    star = dialog.delegate.star_rect(
        dialog.list.visualItemRect(dialog.list.item(2)), dialog.list.fontMetrics()
    )
    toggles: list[tuple[str, bool]] = []
    dialog.favourite_toggled.connect(lambda rid, pinned: toggles.append((rid, pinned)))
    with qtbot.assertNotEmitted(dialog.routine_chosen):
        qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=star.center())
        qtbot.mouseDClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=star.center())
    assert toggles == [("quick-reset", True)]


def test_enter_starts_the_current_routine_and_arrows_move(qtbot: QtBot):
    dialog = chooser(qtbot)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up)
    with qtbot.waitSignal(dialog.routine_chosen) as signal:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert signal.args == ["quick-reset"] and dialog.result() == QDialog.DialogCode.Accepted


def test_double_click_and_start_button_start(qtbot: QtBot):
    dialog = chooser(qtbot)
    item = dialog.list.item(1)
    middle = dialog.list.visualItemRect(item).center() + QPoint(40, 0)
    with qtbot.waitSignal(dialog.routine_chosen) as signal:  # a real double-click: a click, then a double
        qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=middle)
        qtbot.mouseDClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert signal.args == ["band"]
    again = chooser(qtbot)
    with qtbot.waitSignal(again.routine_chosen) as signal:
        again.start_button.click()
    assert signal.args == ["basics"]


def test_escape_and_close_choose_nothing(qtbot: QtBot):
    for how in ("escape", "close"):
        dialog = chooser(qtbot)
        with qtbot.assertNotEmitted(dialog.routine_chosen), qtbot.assertNotEmitted(dialog.favourite_toggled):
            if how == "escape":
                qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
            else:
                dialog.close_button.click()
        assert dialog.result() == QDialog.DialogCode.Rejected


def test_with_no_today_pick_the_first_row_is_current_and_with_no_rows_start_is_off(qtbot: QtBot):
    dialog = chooser(qtbot, ROWS[:2])
    assert dialog.current_row().id == "extension"
    empty = chooser(qtbot, ())
    assert not empty.start_button.isEnabled() and not empty.pin_button.isEnabled()
    with qtbot.assertNotEmitted(empty.routine_chosen), qtbot.assertNotEmitted(empty.favourite_toggled):
        qtbot.keyClick(empty.list, Qt.Key.Key_F)
        empty.start_current()


def test_every_control_has_an_accessible_name(qtbot: QtBot):
    dialog = chooser(qtbot)
    assert unnamed_controls(dialog) == []
    assert dialog.start_button.accessibleName() == "Start Upper-back basics"
    assert dialog.pin_button.accessibleName() == f"{PIN}: Upper-back basics"


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_both_palettes_render_readable_rows(qtbot: QtBot, colours: dict[str, str]):
    dialog = chooser(qtbot)
    dialog.list.setCurrentRow(0)
    dialog.setPalette(palette(colours))
    background, ink = rendered_colours(dialog.list.viewport(), colours)
    assert close(background, palette(colours).base().color())
    assert contrast(background, ink) >= 7
    selected = dialog.list.visualItemRect(dialog.list.item(0))
    image = dialog.list.viewport().grab().toImage()
    assert close(image.pixelColor(selected.right() - 3, selected.center().y()), QColor(colours["highlight"]))


def test_it_opens_with_todays_pick_whole_in_view_even_at_the_end_of_a_long_list(qtbot):
    from deskbreak.ui.routine_chooser import RoutineChooser
    from deskbreak.ui.routine_rows import RoutineRow

    rows = [RoutineRow(f"r{n}", f"Routine {n}", "", 3, "gentle", "Seated") for n in range(30)]
    rows[-1] = RoutineRow("last", "Last", "", 3, "gentle", "Seated", today=True)
    chooser = RoutineChooser(rows)
    qtbot.addWidget(chooser)
    chooser.show()
    qtbot.waitExposed(chooser)
    item = chooser.list.currentItem()
    rect = chooser.list.visualItemRect(item)
    assert chooser.current_row().id == "last"
    assert chooser.list.viewport().rect().contains(rect)
