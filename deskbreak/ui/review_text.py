"""Words for the weekly review: day and week names, durations, changes and check-in sentences.

Pure (no Qt), so the charts, the week card and the window word things the same way, and tests
can read the same sentences a screen reader does.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from ..core.review import MEANINGFUL_CHANGE, CheckInPoint, DayFigures
from ..core.streaks import DayMark

MINUS = "\u2212"  # a real minus sign, as wide as the plus


def day_name(day: date) -> str:
    """Tue 24 Nov 2026."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(day: date) -> str:
    """Tue 24 Nov."""
    return f"{day:%a} {day.day} {day:%b}"


def week_title(monday: date) -> str:
    """Week 48 · 23–29 Nov 2026 (the range spells out the months and years it spans)."""
    sunday = monday + timedelta(days=6)
    week = monday.isocalendar()[1]
    if monday.year != sunday.year:
        span = f"{monday.day} {monday:%b %Y} – {sunday.day} {sunday:%b %Y}"
    elif monday.month != sunday.month:
        span = f"{monday.day} {monday:%b} – {sunday.day} {sunday:%b %Y}"
    else:
        span = f"{monday.day}–{sunday.day} {sunday:%b %Y}"
    return f"Week {week} · {span}"


def duration(seconds: float) -> str:
    """45 min, 1 h 20 min, 2 h; under a minute reads as 0 min."""
    minutes = int(round(seconds / 60))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def signed(count: int) -> str:
    return f"+{count}" if count > 0 else f"{MINUS}{-count}" if count < 0 else "0"


def breaks_change(change: int) -> str:
    if change == 0:
        return "as many breaks as last week"
    return f"{signed(change)} {'break' if abs(change) == 1 else 'breaks'} vs last week"


def movement_change(seconds: float) -> str:
    minutes = int(round(seconds / 60))
    if minutes == 0:
        return "about the same movement as last week"
    return f"{signed(minutes)} min movement"


MARK_SYMBOLS: Mapping[DayMark, str] = {
    DayMark.MET: "\u2713",
    DayMark.MISSED: "missed",
    DayMark.FROZEN: "freeze",
    DayMark.REST: "rest",
    DayMark.OFF: "off",
    DayMark.PENDING: "pending",
    DayMark.UNTRACKED: "\u2013",
}


def mark_words(figures: DayFigures, today: date) -> str:
    """What happened that day, without the date: "3 of 4 breaks, goal met", "rest day"..."""
    mark, score, goal = figures.mark, figures.score, figures.goal
    tally = f"{score} of {goal} breaks"
    if mark is DayMark.MET:
        return f"{tally}, goal met"
    if mark is DayMark.MISSED:
        return f"{tally}, goal not met"
    if mark is DayMark.FROZEN:
        return f"{tally}, missed, covered by a freeze"
    if mark is DayMark.PENDING:
        return f"today, {tally} so far"
    if mark is DayMark.REST:
        return "rest day"
    if mark is DayMark.OFF:
        done = figures.summary.breaks
        return "day off" if not done else f"day off, {plural(done, 'break')} anyway"
    return "still to come" if figures.day > today else "before your history began"


def day_text(figures: DayFigures, today: date) -> str:
    """Tue 24 Nov 2026 — 3 of 4 breaks, goal met."""
    return f"{day_name(figures.day)} \u2014 {mark_words(figures, today)}"


def _change_words(name: str, change: int | None) -> str | None:
    if not change:
        return None
    way = "down" if change < 0 else "up"
    matters = ", a change that matters" if abs(change) >= MEANINGFUL_CHANGE else ""
    return f"{name} {way} {abs(change)} since the week before{matters}"


def checkin_text(point: CheckInPoint, days_met: tuple[int, int] | None = None) -> str:
    """Week 2026-W45: stiffness 6, low-back pain 4, goal met on 4 of 5 days; stiffness down 2..."""
    c = point.checkin
    if days_met is not None and days_met[1]:
        goal = f"goal met on {days_met[0]} of {days_met[1]} days"
    else:
        goal = f"goal met on {round(point.adherence * 100)} % of working days"
    text = f"Week {c.week}: stiffness {c.stiffness}, low-back pain {c.low_back_pain}, {goal}"
    changes = [
        w
        for w in (
            _change_words("stiffness", point.stiffness_change),
            _change_words("low-back pain", point.pain_change),
        )
        if w
    ]
    return text + ("; " + "; ".join(changes) if changes else "")
