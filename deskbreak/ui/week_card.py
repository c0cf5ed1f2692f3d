"""The week card: a week day by day, its totals and change, and the streak; "Save as image" saves it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.review import DayFigures, Review
from ..core.streaks import DayMark
from .i18n import QT_TRANSLATE_NOOP
from .review_style import metrics, shades
from .review_text import (
    breaks,
    breaks_change,
    day_text,
    days,
    duration,
    mark_symbol,
    movement_change,
    short_day,
    week_title,
    weekday_abbr,
)

COLUMNS = (
    QT_TRANSLATE_NOOP("WeekCard", "Day"),
    QT_TRANSLATE_NOOP("WeekCard", "Breaks"),
    QT_TRANSLATE_NOOP("WeekCard", "Movement"),
    QT_TRANSLATE_NOOP("WeekCard", "Longest sitting"),
    QT_TRANSLATE_NOOP("WeekCard", "Natural"),
    QT_TRANSLATE_NOOP("WeekCard", "Goal"),
)


class GoalBar(QWidget):
    """A small bar: how much of the day's goal was met."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share = 0.0
        self.shown = True
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 4, max(4, line // 3))

    def paintEvent(self, _: QPaintEvent) -> None:
        if not self.shown:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = shades(self.palette())
        r = QRectF(self.rect())
        radius = r.height() / 2
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(s.empty)
        p.drawRoundedRect(r, radius, radius)
        if self.share > 0:
            p.setBrush(s.level(self.share))
            p.drawRoundedRect(QRectF(r.x(), r.y(), max(r.height(), r.width() * self.share), r.height()),
                              radius, radius)  # fmt: skip
        p.end()


class WeekCard(QFrame):
    """The week being looked at; the day buttons pick the day the rest-day toggle acts on."""

    day_selected = Signal(object)  # date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)  # so the saved image has a solid background
        self.setObjectName("weekCard")
        self.setAccessibleName(self.tr("Week summary"))
        self._review: Review | None = None
        self._days: list[date] = []
        m = metrics(self.fontMetrics())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2 * m.line, m.line, 2 * m.line, m.line)
        self.title = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        grid = QGridLayout()
        grid.setHorizontalSpacing(m.line)
        grid.setVerticalSpacing(m.gap)
        outer.addLayout(grid)
        self._grid = grid
        for c, name in enumerate(COLUMNS):
            head = QLabel(f"<b>{self.tr(name)}</b>")
            grid.addWidget(head, 0, c)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: list[QToolButton] = []
        self._bars: list[GoalBar] = []
        self._cells: list[list[QLabel]] = []
        for r in range(7):
            button = QToolButton()
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, r=r: self._picked(r))
            self._group.addButton(button, r)
            grid.addWidget(button, r + 1, 0)
            breaks = QWidget()
            row = QHBoxLayout(breaks)
            row.setContentsMargins(0, 0, 0, 0)
            count = QLabel()
            count.setMinimumWidth(self.fontMetrics().horizontalAdvance("00 / 00"))
            bar = GoalBar()
            row.addWidget(count)
            row.addWidget(bar)
            grid.addWidget(breaks, r + 1, 1)
            labels = [count] + [QLabel() for _ in COLUMNS[2:]]
            for c, label in enumerate(labels[1:], start=2):
                grid.addWidget(label, r + 1, c)
            self._buttons.append(button)
            self._bars.append(bar)
            self._cells.append(labels)
        self.totals = [QLabel() for _ in COLUMNS]
        for c, label in enumerate(self.totals):
            grid.addWidget(label, 8, c)
        self.change = QLabel()
        self.streak = QLabel()
        self.freezes = QLabel()
        self.freezes.setWordWrap(True)
        for label in (self.change, self.streak, self.freezes):
            outer.addWidget(label)
        grid.setColumnStretch(len(COLUMNS), 1)

    def set_review(self, review: Review) -> None:
        self._review = review
        week, today = review.week, review.today
        self._days = [d.day for d in week.days]
        self.title.setText(week_title(week.monday))
        goal = breaks(review.settings.daily_goal)
        self.subtitle.setText(
            self.tr("{week} · goal: {goal} a working day").format(week=week.label, goal=goal)
        )
        for r, figures in enumerate(week.days):
            self._fill_row(r, figures, today)
        t = week.totals
        met = self.tr("{met} of {working} met").format(met=t.days_met, working=t.working_days)
        week_figures = (self.tr("Week"), breaks(t.breaks), duration(t.movement_seconds),
                        duration(t.longest_sitting_seconds), str(t.natural_breaks), met)  # fmt: skip
        bold = [f"<b>{text}</b>" for text in week_figures]
        for label, text in zip(self.totals, bold, strict=True):
            label.setText(text)
        change = movement_change(week.movement_change_seconds)
        self.change.setText(f"{breaks_change(week.breaks_change)} · {change}")
        s = review.streak
        self.streak.setText(
            self.tr("Current streak: <b>{current}</b> · Best: <b>{best}</b> · Freezes held: <b>{freezes}</b>")
            .format(current=days(s.current), best=days(s.best), freezes=s.freezes_held)
        )  # fmt: skip
        sunday = week.monday + timedelta(days=6)
        used = [d for d in s.freezes_used if week.monday <= d <= sunday]
        freeze = self.tr("A freeze covered {day}, so the streak went on")
        self.freezes.setText(
            "; ".join(freeze.format(day=short_day(d)) for d in used)
            if used else self.tr("No freeze used this week.")
        )  # fmt: skip
        self.setAccessibleDescription(self.summary_text())

    def _fill_row(self, r: int, figures: DayFigures, today: date) -> None:
        s = figures.summary
        future = figures.day > today
        count, movement, sitting, natural, mark = self._cells[r]
        self._buttons[r].setText(f"{weekday_abbr(figures.day)} {figures.day.day}")
        self._buttons[r].setAccessibleName(day_text(figures, today))
        self._buttons[r].setToolTip(day_text(figures, today))
        if future and not figures.score:
            count.setText("\u2013")
        elif figures.goal:
            count.setText(f"{figures.score} / {figures.goal}")
        else:
            count.setText(str(figures.score) if figures.score else "\u2013")
        self._bars[r].share = figures.share
        self._bars[r].shown = bool(figures.goal) and not future
        self._bars[r].update()
        quiet = future or figures.mark is DayMark.UNTRACKED
        movement.setText("\u2013" if quiet else duration(s.movement_seconds))
        sat = s.longest_sitting_seconds
        sitting.setText("\u2013" if quiet or not sat else duration(sat))
        natural.setText("\u2013" if quiet else str(s.natural_breaks))
        mark.setText("" if figures.mark is DayMark.UNTRACKED and future else mark_symbol(figures.mark))
        if figures.mark is DayMark.MET:
            mark.setAccessibleName(self.tr("goal met"))

    def _picked(self, r: int) -> None:
        if r < len(self._days):
            self.day_selected.emit(self._days[r])

    def select(self, day: date | None) -> None:
        """Show `day` as the selected one (no signal); a day outside the week clears it."""
        self._group.setExclusive(False)
        for r, button in enumerate(self._buttons):
            button.setChecked(r < len(self._days) and self._days[r] == day)
        self._group.setExclusive(True)

    def row_text(self, day: date) -> str:
        """One row as read across: "Tue 24 | 3 / 4 | 12 min | 1 h 20 min | 2 | ✓"."""
        r = self._days.index(day)
        return " | ".join([self._buttons[r].text()] + [c.text() for c in self._cells[r]])

    def summary_text(self) -> str:
        if self._review is None:
            return ""
        t = self._review.week.totals
        return self.tr("{week}: {breaks}, goal met on {met} of {working} working days; {change}").format(
            week=self.title.text(), breaks=breaks(t.breaks), met=t.days_met,
            working=t.working_days, change=self.change.text(),
        )  # fmt: skip
