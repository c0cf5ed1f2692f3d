"""The weekly review window: the week card, the streak and heatmap, check-ins, rest days, an image.

The window only shows what `load(week_of)` returns (a Review from core/review.py) and hands the
user's actions to the callbacks it was given; it reads nothing else and stores nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.review import DayFigures, Review, iso_week_label
from ..core.streaks import week_start
from .review_charts import CheckInChart, HeatmapWidget
from .review_text import day_text, days, short_day
from .week_card import WeekCard

Loader = Callable[[date | None], Review]


def save_card(card: QWidget, path: str | Path) -> bool:
    """Write the card as a PNG at `path`; False when it could not be written."""
    return card.grab().save(str(path), "PNG")


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    return button


class ReviewWindow(QWidget):
    def __init__(
        self,
        load: Loader,
        *,
        on_rest_day: Callable[[date, bool], None] | None = None,
        on_check_in: Callable[[], None] | None = None,
        program: Callable[[], str] = str,
    ) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("deskbreak \u2014 Weekly review"))
        self._load, self._on_rest_day, self._on_check_in = load, on_rest_day, on_check_in
        self._week_of: date | None = None
        self._selected: date | None = None
        self.review: Review = load(None)

        bar = QHBoxLayout()
        self.prev_button = _button(self.tr("\u2190 Previous week"), self.tr("Previous week"))
        self.this_button = _button(self.tr("This week"), self.tr("This week"))
        self.next_button = _button(self.tr("Next week \u2192"), self.tr("Next week"))
        self.save_button = _button(self.tr("Save as image\u2026"), self.tr("Save the week card as an image"))
        for b in (self.prev_button, self.this_button, self.next_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        # Where the 6-week program stands: change takes weeks, so the week number is the progress.
        self._program = program
        self.program = QLabel()
        self.program.setAccessibleName(self.tr("Program"))

        self.card = WeekCard()
        self.checkin_button = _button(self.tr("Check in now"), self.tr("Check in now"))
        self.checkin_button.setEnabled(on_check_in is not None)
        self.chart = CheckInChart()
        checkins = QVBoxLayout()
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("<b>Weekly check-ins</b>")))
        head.addStretch(1)
        head.addWidget(self.checkin_button)
        checkins.addLayout(head)
        checkins.addWidget(self.chart, 1)
        top = QHBoxLayout()
        top.addWidget(self.card)
        top.addLayout(checkins, 1)

        self.streak_figures = QLabel()
        self.streak_figures.setAccessibleName(self.tr("Streak"))
        self.streak_figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.heatmap = HeatmapWidget()
        middle = QHBoxLayout()
        middle.addWidget(self.streak_figures)
        middle.addSpacing(self.fontMetrics().height())
        middle.addWidget(self.heatmap)
        middle.addStretch(1)

        self.selected_label = QLabel()
        self.rest_button = _button(self.tr("Mark as rest day"), self.tr("Mark as rest day"))
        day_row = QHBoxLayout()
        day_row.addWidget(self.selected_label, 1)
        day_row.addWidget(self.rest_button)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setWordWrap(True)

        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(bar)
        body.addWidget(self.program)
        body.addLayout(top)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        body.addWidget(line)
        body.addLayout(middle)
        body.addLayout(day_row)
        body.addWidget(self.status)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.prev_button.clicked.connect(self.previous_week)
        self.this_button.clicked.connect(lambda: self.show_week(None))
        self.next_button.clicked.connect(self.next_week)
        self.save_button.clicked.connect(self.save_image)
        self.checkin_button.clicked.connect(self._check_in)
        self.rest_button.clicked.connect(self._toggle_rest)
        self.heatmap.day_selected.connect(self.select_day)
        self.heatmap.day_activated.connect(self._look_at)
        self.card.day_selected.connect(self.select_day)
        for keys, slot in (
            (("Alt+Left", "PgUp"), self.previous_week),
            (("Alt+Right", "PgDown"), self.next_week),
        ):
            for key in keys:
                QShortcut(QKeySequence(key), self, slot)
        self.setTabOrder(self.save_button, self.card)
        self._show(self.review)
        self.select_day(self.review.today)
        self._content = content
        self._sized = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:  # the size hints are only final once the style has polished everything
            self._sized = True
            for layout in self._content.findChildren(QLayout):
                layout.invalidate()
            hint = self._content.sizeHint()
            self.resize(hint.width() + 2, min(900, hint.height() + 2))
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # like a dialog: whatever has focus passes Escape up here
            self.close()
            return
        super().keyPressEvent(event)

    # -- weeks
    def reload(self) -> None:
        """Read the review again (after a change elsewhere), keeping the week and the selected day."""
        self._show(self._load(self._week_of))
        if self._selected is not None:
            self.select_day(self._selected)

    def show_week(self, week_of: date | None) -> None:
        this = week_start(self.review.today)
        if week_of is not None and week_start(week_of) >= this:
            week_of = None
        self._week_of = week_of
        self.reload()
        monday = self.review.week.monday
        if self._selected is not None and not monday <= self._selected < monday + timedelta(weeks=1):
            self.select_day(monday + timedelta(days=self._selected.weekday()))

    def previous_week(self) -> None:
        self.show_week(self.review.week.monday - timedelta(weeks=1))

    def next_week(self) -> None:
        if self.next_button.isEnabled():
            self.show_week(self.review.week.monday + timedelta(weeks=1))

    def _look_at(self, day: date) -> None:
        if week_start(day) != self.review.week.monday:
            self.show_week(day)
        self.select_day(day)

    def _show(self, review: Review) -> None:
        self.review = review
        self.card.set_review(review)
        self.heatmap.set_days(review.heatmap, review.today, review.week.monday)
        self.next_button.setEnabled(review.week.monday < week_start(review.today))
        s = review.streak
        self.streak_figures.setText(
            self.tr(
                "<b>Current streak</b><br>{current}<br><br><b>Best streak</b><br>{best}<br><br>"
                "<b>Freezes held</b><br>{freezes}<br><br><b>This week</b><br>{met} of {working} days met"
            ).format(
                current=days(s.current), best=days(s.best), freezes=s.freezes_held,
                met=s.week_met, working=s.week_working_days,
            )
        )  # fmt: skip
        self.chart.set_points(review.checkins, _days_met(review.heatmap))
        where = self._program()
        self.program.setText(self.tr("<b>6-week program:</b> {where}").format(where=where))
        self.program.setVisible(bool(where))
        next_monday = week_start(review.today) + timedelta(weeks=1)
        self.chart.set_empty_text(
            self.tr("No check-ins yet: the first one comes on {day}.").format(day=short_day(next_monday))
        )

    # -- the selected day and rest days
    def _figures(self, day: date) -> DayFigures | None:
        for figures in self.review.week.days:
            if figures.day == day:
                return figures
        return self.heatmap.figures(day)

    @property
    def selected_day(self) -> date | None:
        return self._selected

    def select_day(self, day: date) -> None:
        self._selected = day
        self.card.select(day)
        self.heatmap.select(day, emit=False)
        figures = self._figures(day)
        self.selected_label.setText(day_text(figures, self.review.today) if figures else short_day(day))
        resting = figures is not None and figures.summary.rest
        can = (
            self._on_rest_day is not None
            and figures is not None
            and day <= self.review.today
            and day.weekday() in self.review.settings.work_days
        )
        text = self.tr("Unmark rest day on {day}") if resting else self.tr("Mark {day} as rest day")
        text = text.format(day=short_day(day))
        self.rest_button.setText(text)
        self.rest_button.setAccessibleName(text)
        self.rest_button.setEnabled(can)
        self.rest_button.setToolTip("" if can else self.tr("Only working days up to today can be rest days."))

    def _toggle_rest(self) -> None:
        day, figures = self._selected, self._figures(self._selected) if self._selected else None
        if day is None or figures is None or self._on_rest_day is None or not self.rest_button.isEnabled():
            return
        rest = not figures.summary.rest
        self._on_rest_day(day, rest)
        self.reload()
        done = self.tr("{day} is now a rest day.") if rest else self.tr("{day} is a working day again.")
        self.status.setText(done.format(day=short_day(day)))

    def _check_in(self) -> None:
        if self._on_check_in is not None:
            self._on_check_in()

    # -- the image
    def default_image_name(self) -> str:
        return f"deskbreak-{self.review.week.label}.png"

    def save_image(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        start = str(Path(folder or Path.home()) / self.default_image_name())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the week as an image"), start, self.tr("PNG image (*.png)")
        )
        if not path:
            return
        if not Path(path).suffix:
            path += ".png"
        self.card.select(None)  # the picture shows the week, not which day was picked
        saved = save_card(self.card, path)
        self.card.select(self._selected)
        if saved:
            self.status.setText(self.tr("Saved the week card to {path}.").format(path=path))
        else:
            self.status.setText(
                self.tr(
                    "Could not save the image to {path}. Check that the folder exists and that you "
                    "can write to it, then try again."
                ).format(path=path)
            )


def _days_met(days: tuple[DayFigures, ...]) -> dict[str, tuple[int, int]]:
    """Per ISO week: (days the goal was met, working days), for the check-in chart's sentences."""
    weeks: dict[str, tuple[int, int]] = {}
    for d in days:
        if d.goal:
            met, working = weeks.get(iso_week_label(d.day), (0, 0))
            weeks[iso_week_label(d.day)] = (met + d.goal_met, working + 1)
    return weeks
