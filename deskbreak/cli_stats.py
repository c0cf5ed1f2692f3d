"""`deskbreak stats`: a week day by day, the days met, streaks and freezes; and the helpers the
history commands share (cli_history.py). Reads the file read-only; imports no Qt."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from .core.review import DayFigures, Review
    from .core.streaks import GoalSettings

SHOWN_FREEZES = 5


def fail(message: str) -> int:
    print(f"deskbreak: {message}", file=sys.stderr)
    return 1


def database_path() -> Path:
    from .app.paths import resolve_paths

    return resolve_paths().database


def goal_rules() -> GoalSettings:
    """The goal rules from config.toml (never created or changed here); problems go to stderr."""
    from .app.config_file import read_text
    from .app.paths import resolve_paths
    from .core.review import goal_settings
    from .core.settings import DEFAULTS, MAX_FILE_CHARS, parse_settings

    path = resolve_paths().config_file
    try:
        text = read_text(path, MAX_FILE_CHARS)
    except FileNotFoundError:
        return goal_settings(DEFAULTS)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"deskbreak: {path}: {reason}; using the default goal", file=sys.stderr)
        return goal_settings(DEFAULTS)
    settings, problems = parse_settings(text, str(path))
    for problem in problems:
        print(f"deskbreak: {problem}", file=sys.stderr)
    return goal_settings(settings)


def _day(day: date, year: bool = False) -> str:
    from .ui.date_words import month_abbr, weekday_abbr

    return f"{weekday_abbr(day)} {day.day} {month_abbr(day)}" + (f" {day.year}" if year else "")


def _minutes(seconds: float) -> str:
    from .core.durations import humanize

    return humanize(timedelta(seconds=seconds)) if seconds >= 60 else ("-" if seconds <= 0 else "<1 min")


def _mark(figures: DayFigures, today: date) -> str:
    from .core.streaks import DayMark

    words = {
        DayMark.MET: "met",
        DayMark.MISSED: "missed",
        DayMark.FROZEN: "missed, freeze used",
        DayMark.REST: "rest day",
        DayMark.OFF: "day off",
        DayMark.PENDING: "not met yet",
        DayMark.UNTRACKED: "",
    }
    word = words[figures.mark]
    return f"{word} (today)" if figures.day == today else word


def stats_text(review: Review) -> str:
    week = review.week
    sunday = week.monday + timedelta(days=6)
    natural_counts = review.settings.count_natural_breaks
    number = week.label.partition("-W")[2].lstrip("0")
    other_year = sunday.year != review.today.year
    monday = _day(week.monday, year=other_year or week.monday.year != sunday.year)
    span = f"{monday} to {_day(sunday, other_year)}"
    lines = [f"Week {number} of {week.monday.isocalendar().year} ({span})", ""]
    rows = [("Day", "Breaks", "Movement", "Longest sitting", "Natural breaks", "")]
    for d in week.days:
        done = d.score if natural_counts else d.summary.breaks
        if d.day > review.today:
            rows.append((_day(d.day), "", "", "", "", _mark(d, review.today)))
            continue
        rows.append(
            (
                _day(d.day),
                f"{done}/{d.goal}" if d.goal else str(done),
                _minutes(d.summary.movement_seconds),
                _minutes(d.summary.longest_sitting_seconds),
                str(d.summary.natural_breaks),
                _mark(d, review.today),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    lines.append("")
    if natural_counts:
        lines.append("Natural breaks count toward the goal.")
    totals = week.totals
    lines.append(f"Goal met on {totals.days_met} of {totals.working_days} working days.")
    streak = review.streak
    days = "day" if streak.current == 1 else "days"
    pending = (
        " (today still open)" if streak.today_pending and review.today in {d.day for d in week.days} else ""
    )
    lines.append(f"Current streak: {streak.current} {days}{pending}; best: {streak.best}.")
    held = f"Freezes held: {streak.freezes_held} (at most {review.settings.max_freezes})."
    used = streak.freezes_used
    if used:
        last = ", ".join(_day(d, d.year != review.today.year) for d in used[-SHOWN_FREEZES:])
        earlier = f" and {len(used) - SHOWN_FREEZES} earlier" if len(used) > SHOWN_FREEZES else ""
        held += f" Freezes covered {last}{earlier}."
    else:
        held += " No freeze used so far."
    lines.append(held)
    return "\n".join(lines)


def stats_json(review: Review) -> dict[str, object]:
    s = review.streak
    return {
        "week": review.week.label,
        "today": review.today.isoformat(),
        "daily_goal": review.settings.daily_goal,
        "count_natural_breaks": review.settings.count_natural_breaks,
        "days": [d.to_json() for d in review.week.days],
        "days_met": review.week.totals.days_met,
        "working_days": review.week.totals.working_days,
        "current_streak": s.current,
        "best_streak": s.best,
        "today_pending": s.today_pending,
        "freezes_held": s.freezes_held,
        "freezes_used": [d.isoformat() for d in s.freezes_used],
    }


def stats(week: date | None, as_json: bool) -> int:
    from .core.review import build_review
    from .storage.database import StorageError
    from .storage.reading import open_for_reading
    from .storage.review_data import load_review

    goals = goal_rules()
    today = date.today()
    try:
        conn = open_for_reading(database_path())
        try:
            # Read-only: a walk saved by the app is used, none is saved from here.
            if conn is not None:
                review = load_review(conn, today, goals, week, checkins=False, save=False)
            else:
                review = build_review({}, (), today, goals, week_of=week)
        finally:
            if conn is not None:
                conn.close()
    except StorageError as exc:
        return fail(str(exc))
    except Exception as exc:  # sqlite3.Error while reading
        return fail(f"{database_path()}: cannot be read ({exc})")
    if as_json:
        import json

        print(json.dumps(stats_json(review), indent=2))
    else:
        print(stats_text(review))
    return 0
