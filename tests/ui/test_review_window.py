"""The weekly review window and the check-in dialog, as a user would use them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from review_samples import sample_review
from test_review_charts import TODAY, d, hand_made_days

from deskbreak.core.review import DaySummary, Review, build_review
from deskbreak.ui import review_window
from deskbreak.ui.checkin_dialog import NOTE_MAX, CheckInDialog
from deskbreak.ui.review_window import ReviewWindow, save_card


def label_texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


class Desk:
    """Stands in for the app: keeps the day summaries, records what the window asked for."""

    def __init__(self) -> None:
        self.days = hand_made_days()
        self.loads: list[date | None] = []
        self.rest_calls: list[tuple[date, bool]] = []
        self.check_ins = 0

    def load(self, week_of: date | None) -> Review:
        self.loads.append(week_of)
        return build_review(self.days, [], TODAY, week_of=week_of)

    def rest_day(self, day: date, rest: bool) -> None:
        self.rest_calls.append((day, rest))
        self.days[day] = DaySummary(rest=rest)

    def check_in(self) -> None:
        self.check_ins += 1


@pytest.fixture
def desk() -> Desk:
    return Desk()


@pytest.fixture
def window(qtbot, desk: Desk) -> ReviewWindow:
    w = ReviewWindow(desk.load, on_rest_day=desk.rest_day, on_check_in=desk.check_in)
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_week_card_shows_the_week_and_each_days_breaks_against_the_goal(window: ReviewWindow):
    card = window.card
    assert window.windowTitle() == "deskbreak \u2014 Weekly review"
    assert card.title.text() == "Week 48 \u00b7 23\u201329 Nov 2026"
    assert card.row_text(d(11, 24)).startswith("Tue 24 | 3 / 4 | 10 min")
    assert card.row_text(d(11, 23)).split(" | ")[-1] == "\u2713"
    assert card.row_text(d(11, 25)).split(" | ")[-1] == "rest"
    assert card.row_text(d(11, 28)).split(" | ")[-1] == "off"
    assert card.row_text(d(11, 26)).split(" | ")[-1] == "pending"
    assert "freeze" in card.row_text(d(11, 24))
    assert "A freeze covered Tue 24 Nov" in card.freezes.text()
    assert "1 of 4 met" in card.totals[-1].text()
    # 10 breaks this week against 20 last week; 35 min of movement against 70
    assert card.change.text() == "\u221210 breaks vs last week \u00b7 \u221235 min movement"


def test_previous_and_next_change_the_week_and_next_stops_at_this_week(qtbot, window, desk):
    assert not window.next_button.isEnabled()
    window.prev_button.click()
    assert window.card.title.text() == "Week 47 \u00b7 16\u201322 Nov 2026"
    assert desk.loads[-1] == d(11, 16)
    assert window.next_button.isEnabled()
    assert window.card.row_text(d(11, 16)).startswith("Mon 16 | 4 / 4")
    window.prev_button.click()
    window.next_button.click()
    assert window.card.title.text().startswith("Week 47 ")
    window.this_button.click()
    assert window.card.title.text().startswith("Week 48 ")
    assert desk.loads[-1] is None and not window.next_button.isEnabled()
    window.next_week()  # the shortcut's slot does nothing past this week
    assert window.card.title.text().startswith("Week 48 ")


def test_the_keyboard_shortcuts_move_between_weeks(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert window.card.title.text().startswith("Week 47 ")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.card.title.text().startswith("Week 46 ")
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.card.title.text().startswith("Week 47 ")


def test_clicking_a_heatmap_day_shows_its_week_and_selects_it(qtbot, window):
    heatmap = window.heatmap
    qtbot.mouseClick(heatmap, Qt.MouseButton.LeftButton, pos=heatmap.cell_rect(d(11, 10)).center())
    assert window.card.title.text().startswith("Week 46 ")
    assert window.selected_day == d(11, 10)
    assert window.selected_label.text() == "Tue 10 Nov 2026 \u2014 4 of 4 breaks, goal met"


def test_the_rest_day_toggle_marks_a_past_working_day_and_can_undo_it(window, desk):
    window.card._buttons[0].click()  # Mon 23
    assert window.selected_day == d(11, 23)
    assert window.rest_button.isEnabled()
    assert window.rest_button.text() == "Mark Mon 23 Nov as rest day"
    window.rest_button.click()
    assert desk.rest_calls == [(d(11, 23), True)]
    assert window.card.row_text(d(11, 23)).split(" | ")[-1] == "rest"
    assert window.rest_button.text() == "Unmark rest day on Mon 23 Nov"
    assert "Mon 23 Nov is now a rest day" in window.status.text()
    window.rest_button.click()
    assert desk.rest_calls[-1] == (d(11, 23), False)


def test_the_rest_day_toggle_is_off_for_future_days_and_days_off(window, desk):
    for day in (d(11, 27), d(11, 28)):  # tomorrow (a Friday), Saturday
        window.select_day(day)
        assert not window.rest_button.isEnabled(), day
    window.select_day(TODAY)
    assert window.rest_button.isEnabled()
    window.heatmap.select(d(11, 21))  # a Saturday, chosen in the heatmap
    assert window.selected_day == d(11, 21) and not window.rest_button.isEnabled()
    assert desk.rest_calls == []


def test_save_as_image_writes_a_png_of_the_card(window, monkeypatch, tmp_path):
    asked: list[str] = []
    target = tmp_path / "week"

    def pick(_parent, _title, start, _filter):
        asked.append(start)
        return str(target), "PNG image (*.png)"

    monkeypatch.setattr(review_window.QFileDialog, "getSaveFileName", pick)
    window.save_button.click()
    assert asked[0].endswith("deskbreak-2026-W48.png")
    saved = tmp_path / "week.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(saved))
    assert (image.width(), image.height()) == (window.card.width(), window.card.height())
    assert "Saved" in window.status.text()


def test_save_as_image_reports_a_path_it_cannot_write(window, monkeypatch, tmp_path):
    bad = tmp_path / "missing-folder" / "week.png"
    assert save_card(window.card, bad) is False
    monkeypatch.setattr(review_window.QFileDialog, "getSaveFileName", lambda *a: (str(bad), ""))
    window.save_button.click()
    assert window.status.text().startswith(f"Could not save the image to {bad}.")
    assert not bad.exists()


def test_check_in_now_and_every_button_is_named(window, desk):
    window.checkin_button.click()
    assert desk.check_ins == 1
    for button in window.findChildren(QPushButton):
        assert button.accessibleName(), button.text()


def test_escape_closes_the_window_and_releases_it(qtbot, desk):
    w = ReviewWindow(desk.load)  # not handed to qtbot: it deletes itself on close
    assert w.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    w.show()
    destroyed: list[bool] = []
    w.destroyed.connect(lambda: destroyed.append(True))
    qtbot.keyClick(w.heatmap, Qt.Key.Key_Escape)  # from inside the window, too
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert destroyed == [True]


def test_the_window_shows_the_sample_weeks_check_ins(qtbot):
    w = ReviewWindow(lambda week_of: sample_review(TODAY, week_of))
    qtbot.addWidget(w)
    assert not w.checkin_button.isEnabled() and not w.rest_button.isEnabled()
    assert len(w.chart.point_texts()) == 6
    assert w.chart.marked_points() == [("2026-W45", "stiffness", -2)]
    assert "goal met on 5 of 5 days" in w.chart.point_texts()[3]


def test_the_check_in_dialog_saves_only_when_both_questions_are_answered(qtbot):
    dialog = CheckInDialog(TODAY)
    qtbot.addWidget(dialog)
    answers: list[tuple[int, int, str]] = []
    dialog.answered.connect(lambda s, p, n: answers.append((s, p, n)))
    assert dialog.windowTitle() == "Weekly check-in"
    assert "for Week 48 \u00b7 23\u201329 Nov 2026" in label_texts(dialog)
    assert dialog.stiffness.value is None and dialog.pain.value is None
    assert not dialog.save_button.isEnabled()
    dialog.stiffness.choose(6)
    assert not dialog.save_button.isEnabled()
    assert "6" in dialog.stiffness.chosen.text()
    qtbot.keyClick(dialog.pain.group.button(3), Qt.Key.Key_Space)  # by keyboard
    assert dialog.pain.value == 3 and dialog.save_button.isEnabled()
    assert dialog.note.maxLength() == NOTE_MAX
    dialog.note.setText("  long drive  ")
    dialog.save_button.click()
    assert answers == [(6, 3, "long drive")]
    assert dialog.result() == CheckInDialog.DialogCode.Accepted


def test_not_now_dismisses_the_check_in_once(qtbot):
    dialog = CheckInDialog(TODAY)
    qtbot.addWidget(dialog)
    dismissed: list[bool] = []
    dialog.dismissed.connect(lambda: dismissed.append(True))
    dialog.answered.connect(lambda *_: pytest.fail("nothing was answered"))
    dialog.not_now_button.click()
    dialog.reject()
    assert dismissed == [True]
    assert "not a diagnosis" in label_texts(dialog)
    assert "numbness, weakness" in label_texts(dialog)


def test_the_program_week_shows_while_the_program_chooses_and_follows_it(qtbot, desk: Desk):
    where = ["Week 3 of 6"]
    w = ReviewWindow(desk.load, program=lambda: where[0])
    qtbot.addWidget(w)
    assert w.program.isVisibleTo(w) and "Week 3 of 6" in w.program.text()
    where[0] = "Week 4 of 6"
    w.previous_week()  # any redraw asks again: the program moves on, not the week looked at
    assert "Week 4 of 6" in w.program.text()
    w.show_week(None)
    where[0] = ""  # a fixed routine chosen in the settings: no program
    w.reload()
    assert not w.program.isVisibleTo(w)


def test_without_a_program_there_is_no_program_line(window: ReviewWindow):
    assert not window.program.isVisibleTo(window)
