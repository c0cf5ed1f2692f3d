"""Words for the weekly review: day and week names, durations, changes and check-in sentences.

Pure (no Qt loaded here), so the charts, the week card and the window word things the same way,
and tests can read the same sentences a screen reader does. The words go through `translate`
(context ReviewText; the names of days and months, context Dates), deskbreak/ui/i18n.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from ..core.review import MEANINGFUL_CHANGE, CheckInPoint, DayFigures
from ..core.streaks import DayMark
from .date_words import month_abbr, weekday_abbr
from .i18n import QT_TRANSLATE_NOOP, translate

MINUS = "\u2212"  # a real minus sign, as wide as the plus


def day_month_year(day: date) -> str:
    """24 Nov 2026."""
    return f"{day.day} {month_abbr(day)} {day.year}"


def day_name(day: date) -> str:
    """Tue 24 Nov 2026."""
    return f"{weekday_abbr(day)} {day_month_year(day)}"


def short_day(day: date) -> str:
    """Tue 24 Nov."""
    return f"{weekday_abbr(day)} {day.day} {month_abbr(day)}"


def week_title(monday: date) -> str:
    """Week 48 · 23–29 Nov 2026 (the range spells out the months and years it spans)."""
    sunday = monday + timedelta(days=6)
    week = monday.isocalendar()[1]
    if monday.year != sunday.year:
        span = f"{monday.day} {month_abbr(monday)} {monday.year} – {day_month_year(sunday)}"
    elif monday.month != sunday.month:
        span = f"{monday.day} {month_abbr(monday)} – {day_month_year(sunday)}"
    else:
        span = f"{monday.day}–{sunday.day} {month_abbr(sunday)} {sunday.year}"
    return translate("ReviewText", "Week {week} · {span}").format(week=week, span=span)


def duration(seconds: float) -> str:
    """45 min, 1 h 20 min, 2 h; under a minute reads as 0 min."""
    minutes = int(round(seconds / 60))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return translate("ReviewText", "{minutes} min").format(minutes=rest)
    if not rest:
        return translate("ReviewText", "{hours} h").format(hours=hours)
    return translate("ReviewText", "{hours} h {minutes} min").format(hours=hours, minutes=rest)


def breaks(count: int) -> str:
    """1 break, 3 breaks."""
    return translate("ReviewText", "%n break(s)", None, count)


def days(count: int) -> str:
    """1 day, 3 days."""
    return translate("ReviewText", "%n day(s)", None, count)


def signed(count: int) -> str:
    return f"+{count}" if count > 0 else f"{MINUS}{-count}" if count < 0 else "0"


def breaks_change(change: int) -> str:
    if change == 0:
        return translate("ReviewText", "as many breaks as last week")
    size = abs(change)  # (a call among the arguments would hide the string from lupdate)
    text = translate("ReviewText", "{change} break(s) vs last week", None, size)
    return text.format(change=signed(change))


def movement_change(seconds: float) -> str:
    minutes = int(round(seconds / 60))
    if minutes == 0:
        return translate("ReviewText", "about the same movement as last week")
    return translate("ReviewText", "{change} min movement").format(change=signed(minutes))


# Translated where shown: translate("ReviewText", MARK_SYMBOLS[mark]) (the symbols are no words).
MARK_SYMBOLS: Mapping[DayMark, str] = {
    DayMark.MET: "\u2713",
    DayMark.MISSED: QT_TRANSLATE_NOOP("ReviewText", "missed"),
    DayMark.FROZEN: QT_TRANSLATE_NOOP("ReviewText", "freeze"),
    DayMark.REST: QT_TRANSLATE_NOOP("ReviewText", "rest"),
    DayMark.OFF: QT_TRANSLATE_NOOP("ReviewText", "off"),
    DayMark.PENDING: QT_TRANSLATE_NOOP("ReviewText", "pending"),
    DayMark.UNTRACKED: "\u2013",
}


def mark_symbol(mark: DayMark) -> str:
    """✓, "missed", "rest"... in the user's language."""
    return translate("ReviewText", MARK_SYMBOLS[mark])


def mark_words(figures: DayFigures, today: date) -> str:
    """What happened that day, without the date: "3 of 4 breaks, goal met", "rest day"..."""
    mark, score, goal = figures.mark, figures.score, figures.goal
    if mark is DayMark.MET:
        return translate("ReviewText", "{score} of {goal} breaks, goal met").format(score=score, goal=goal)
    if mark is DayMark.MISSED:
        return translate("ReviewText", "{score} of {goal} breaks, goal not met").format(
            score=score, goal=goal
        )
    if mark is DayMark.FROZEN:
        text = translate("ReviewText", "{score} of {goal} breaks, missed, covered by a freeze")
        return text.format(score=score, goal=goal)
    if mark is DayMark.PENDING:
        return translate("ReviewText", "today, {score} of {goal} breaks so far").format(
            score=score, goal=goal
        )
    if mark is DayMark.REST:
        return translate("ReviewText", "rest day")
    if mark is DayMark.OFF:
        done = figures.summary.breaks
        if not done:
            return translate("ReviewText", "day off")
        return translate("ReviewText", "day off, %n break(s) anyway", None, done)
    if figures.day > today:
        return translate("ReviewText", "still to come")
    return translate("ReviewText", "before your history began")


def day_text(figures: DayFigures, today: date) -> str:
    """Tue 24 Nov 2026 — 3 of 4 breaks, goal met."""
    return f"{day_name(figures.day)} \u2014 {mark_words(figures, today)}"


def _change_words(stiffness: bool, change: int | None) -> str | None:
    if not change:
        return None
    if stiffness:
        text = (translate("ReviewText", "stiffness down {points} since the week before") if change < 0
                else translate("ReviewText", "stiffness up {points} since the week before"))  # fmt: skip
    else:
        text = (translate("ReviewText", "low-back pain down {points} since the week before") if change < 0
                else translate("ReviewText", "low-back pain up {points} since the week before"))  # fmt: skip
    text = text.format(points=abs(change))
    if abs(change) >= MEANINGFUL_CHANGE:
        text += translate("ReviewText", ", a change that matters")
    return text


def _week_words(label: str) -> str:
    """ "2026-W45" as "Week 45 · 2–8 Nov 2026"; a label that is not an ISO week stays as it is."""
    year, _, number = label.partition("-W")
    try:
        return week_title(date.fromisocalendar(int(year), int(number), 1))
    except ValueError:
        return label


def checkin_text(point: CheckInPoint, days_met: tuple[int, int] | None = None) -> str:
    """Week 45 · 2–8 Nov 2026: stiffness 6, low-back pain 4, goal met on 4 of 5 days; stiffness down 2..."""
    c = point.checkin
    if days_met is not None and days_met[1]:
        goal = translate("ReviewText", "goal met on {met} of {days} days").format(
            met=days_met[0], days=days_met[1]
        )
    else:
        goal = translate("ReviewText", "goal met on {percent} % of working days")
        goal = goal.format(percent=round(point.adherence * 100))
    week = _week_words(c.week)
    text = translate("ReviewText", "{week}: stiffness {stiffness}, low-back pain {pain}, {goal}").format(
        week=week, stiffness=c.stiffness, pain=c.low_back_pain, goal=goal
    )
    changes = [
        w for w in (_change_words(True, point.stiffness_change), _change_words(False, point.pain_change)) if w
    ]
    return text + ("; " + "; ".join(changes) if changes else "")
