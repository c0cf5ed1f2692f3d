"""The heatmap and the check-in chart: what they say, how they move, and what they paint."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPalette
from PySide6.QtWidgets import QToolTip
from review_samples import sample_review

from deskbreak.core.review import CheckIn, DaySummary, Review, build_review, checkin_points
from deskbreak.ui.review_charts import CheckInChart, HeatmapWidget

TODAY = date(2026, 11, 26)  # a Thursday, in ISO week 2026-W48


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def hand_made_days() -> dict[date, DaySummary]:
    """Week 46: Mon-Thu met, Friday nothing. Week 47: all met (earns a freeze). Week 48: Mon met,
    Tue short (the freeze covers it), Wed a rest day, Thu (today) 2 so far; a natural break on Sat."""
    days = {}
    for n in range(4):
        days[d(11, 9) + timedelta(days=n)] = DaySummary(breaks=4, movement_seconds=900)
    days[d(11, 13)] = DaySummary(breaks=0, longest_sitting_seconds=3 * 3600)
    for n in range(5):
        days[d(11, 16) + timedelta(days=n)] = DaySummary(breaks=4, movement_seconds=840)
    days[d(11, 21)] = DaySummary(natural_breaks=1)
    days[d(11, 23)] = DaySummary(breaks=5, movement_seconds=1200, natural_breaks=2)
    days[d(11, 24)] = DaySummary(breaks=3, breaks_started=4, movement_seconds=600)
    days[d(11, 25)] = DaySummary(rest=True)
    days[d(11, 26)] = DaySummary(breaks=2, movement_seconds=300)
    return days


@pytest.fixture
def review() -> Review:
    return build_review(hand_made_days(), [], TODAY)


@pytest.fixture
def heatmap(qtbot, review: Review) -> HeatmapWidget:
    widget = HeatmapWidget()
    qtbot.addWidget(widget)
    widget.set_days(review.heatmap, review.today, review.week.monday)
    widget.resize(widget.sizeHint())
    return widget


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#1e1f22"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#16171a"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#8ab4f8"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def colour_at(image: QImage, point: QPoint) -> QColor:
    return image.pixelColor(point)


def test_the_text_for_each_kind_of_day_names_its_breaks_and_goal(heatmap: HeatmapWidget):
    assert heatmap.text_for(d(11, 23)) == "Mon 23 Nov 2026 \u2014 5 of 4 breaks, goal met"
    assert heatmap.text_for(d(11, 24)) == "Tue 24 Nov 2026 \u2014 3 of 4 breaks, missed, covered by a freeze"
    assert heatmap.text_for(d(11, 13)) == "Fri 13 Nov 2026 \u2014 0 of 4 breaks, goal not met"
    assert heatmap.text_for(d(11, 25)) == "Wed 25 Nov 2026 \u2014 rest day"
    assert heatmap.text_for(d(11, 26)) == "Thu 26 Nov 2026 \u2014 today, 2 of 4 breaks so far"
    assert heatmap.text_for(d(11, 21)) == "Sat 21 Nov 2026 \u2014 day off"
    assert heatmap.text_for(d(11, 27)) == "Fri 27 Nov 2026 \u2014 still to come"
    assert "goal met on 10 of 12 working days" in heatmap.summary_text()
    assert heatmap.accessibleName() == heatmap.summary_text()


def test_the_tooltip_under_the_mouse_is_that_days_text(heatmap: HeatmapWidget):
    heatmap.show()
    centre = heatmap.cell_rect(d(11, 23)).center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, centre, heatmap.mapToGlobal(centre))
    heatmap.event(event)
    assert QToolTip.text() == heatmap.text_for(d(11, 23))
    assert heatmap.day_at(centre) == d(11, 23)
    assert heatmap.day_at(QPoint(0, 0)) is None


def test_arrow_keys_move_the_selected_day_and_the_accessible_description_follows(qtbot, heatmap):
    chosen: list[date] = []
    heatmap.day_selected.connect(chosen.append)
    assert heatmap.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert heatmap.selected == TODAY
    qtbot.keyClick(heatmap, Qt.Key.Key_Left)  # a week back
    assert heatmap.selected == d(11, 19)
    assert heatmap.accessibleDescription() == heatmap.text_for(d(11, 19))
    qtbot.keyClick(heatmap, Qt.Key.Key_Up)  # a day back
    qtbot.keyClick(heatmap, Qt.Key.Key_Up)
    assert heatmap.selected == d(11, 17)
    assert heatmap.accessibleDescription().startswith("Tue 17 Nov 2026 \u2014 4 of 4 breaks")
    qtbot.keyClick(heatmap, Qt.Key.Key_End)
    qtbot.keyClick(heatmap, Qt.Key.Key_Right)  # beyond the last week: stays put
    assert heatmap.selected == TODAY
    qtbot.keyClick(heatmap, Qt.Key.Key_Return)
    assert chosen == [d(11, 19), d(11, 18), d(11, 17), TODAY, TODAY]


def test_a_met_day_is_painted_differently_from_a_missed_day_and_the_background(heatmap):
    image = heatmap.grab().toImage()
    met = colour_at(image, heatmap.cell_rect(d(11, 23)).center())
    missed = colour_at(image, heatmap.cell_rect(d(11, 13)).center())
    off = colour_at(image, heatmap.cell_rect(d(11, 22)).center())
    background = heatmap.palette().color(QPalette.ColorRole.Window)
    assert met != missed
    assert len({met.name(), missed.name(), off.name(), background.name()}) == 4
    assert met.name() == heatmap.palette().color(QPalette.ColorRole.Highlight).name()


def light_pixels(image: QImage, left: int, top: int, width: int, height: int) -> int:
    return sum(
        1
        for x in range(left, left + width)
        for y in range(top, top + height)
        if image.pixelColor(x, y).lightness() > 150
    )


def test_in_a_dark_palette_empty_cells_stand_out_and_the_labels_are_light(heatmap, review):
    heatmap.setPalette(dark_palette())
    image = heatmap.grab().toImage()
    background = QColor("#1e1f22")
    empty = colour_at(image, heatmap.cell_rect(d(11, 13)).center())  # a working day with 0 breaks
    assert colour_at(image, QPoint(1, 1)) == background
    assert empty != background and empty.lightness() > background.lightness()
    monday = heatmap.cell_rect(d(11, 23))
    label_area = (0, monday.top(), heatmap.cell_rect(review.heatmap[0].day).left() - 1, monday.height())
    assert light_pixels(image, *label_area) > 5  # "Mon" drawn in a light colour on the dark ground


def test_rendering_at_device_pixel_ratio_2_gives_a_crisp_double_size_image(heatmap):
    plain = heatmap.grab().toImage()
    image = QImage(heatmap.size() * 2, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(2)
    image.fill(0)
    heatmap.render(image)
    assert (image.width(), image.height()) == (2 * heatmap.width(), 2 * heatmap.height())
    centre = heatmap.cell_rect(d(11, 23)).center()
    assert image.pixelColor(centre * 2) == plain.pixelColor(centre)


def checkins(*answers: tuple[int, int]) -> list[CheckIn]:
    """Check-ins for weeks 45, 46, ... each answered the Monday after."""
    return [
        CheckIn(f"2026-W{45 + n}", datetime(2026, 11, 9, 9) + timedelta(weeks=n), stiff, pain)
        for n, (stiff, pain) in enumerate(answers)
    ]


def test_the_check_in_chart_marks_a_two_point_change_and_not_a_one_point_one(qtbot):
    points = checkin_points(checkins((7, 4), (6, 4), (4, 3)))
    chart = CheckInChart("No check-ins yet: the first one comes on Mon 30 Nov.")
    qtbot.addWidget(chart)
    chart.set_points(points, {"2026-W46": (4, 5)})
    assert chart.marked_points() == [("2026-W47", "stiffness", -2)]
    texts = chart.point_texts()
    assert texts[1] == (
        "Week 46 · 9–15 Nov 2026: stiffness 6, low-back pain 4, goal met on 4 of 5 days; "
        "stiffness down 1 since the week before"
    )
    assert texts[2].endswith("stiffness down 2 since the week before, a change that matters; "
                             "low-back pain down 1 since the week before")  # fmt: skip
    assert chart.accessibleDescription() == "\n".join(texts)
    chart.resize(chart.sizeHint())
    assert not chart.grab().toImage().isNull()


def test_the_check_in_chart_has_an_empty_state_and_draws_in_a_dark_palette(qtbot):
    chart = CheckInChart("No check-ins yet: the first one comes on Mon 30 Nov.")
    qtbot.addWidget(chart)
    assert chart.accessibleDescription() == "No check-ins yet: the first one comes on Mon 30 Nov."
    assert chart.marked_points() == []
    chart.setPalette(dark_palette())
    chart.set_points(sample_review(TODAY).checkins)
    chart.resize(chart.sizeHint())
    image = chart.grab().toImage()
    assert image.pixelColor(1, chart.height() - 2) == QColor("#1e1f22")
    assert chart.marked_points() == [("2026-W45", "stiffness", -2)]
