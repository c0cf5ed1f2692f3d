"""Plain view data for the widgets and the CLI, from core state (no Qt, no SQL)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..core.durations import humanize
from ..core.policy import Phase, Status
from ..ui.view_data import HistoryRow, TrayView

if TYPE_CHECKING:
    from ..core.effects import BreakCounted
    from ..core.history import BreakRecord
    from ..core.problems import Problem
    from ..core.routines import Routine


def clock_time(moment: datetime, now: datetime) -> str:
    """ "14:05" today, "Tue 14:05" within a week, else "2026-11-02 14:05" (local time)."""
    local, today = moment.astimezone(), now.astimezone()
    if local.date() == today.date():
        return local.strftime("%H:%M")
    if abs((today.date() - local.date()).days) < 7:
        return local.strftime("%a %H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def status_lines(status: Status, now: datetime) -> tuple[str, str]:
    """(what the user is doing, what comes next) in words."""
    if status.phase is Phase.AWAY:
        return "Away from the desk", "The sitting clock starts when you are back"
    if status.phase is Phase.ON_BREAK:
        return "On a break", "Enjoy it"
    if status.phase is Phase.PAUSED and status.off_hours:
        until = status.paused_until
        if until is None or until.year >= 9999:
            return "Outside working hours", "No working days are set"
        return "Outside working hours", f"Counting starts {clock_time(until, now)}"
    if status.phase is Phase.PAUSED:
        until = status.paused_until
        if until is None or until.year >= 9999:
            return "Paused", "Until you resume"
        return "Paused", f"Until {clock_time(until, now)}"
    sitting = f"Sitting for {humanize(status.sitting_for)}"
    if status.held is not None:
        return sitting, {
            "in a call": "Break due; it waits until your call ends",
            "a fullscreen window": "Break due; it waits until you leave fullscreen",
            "do not disturb": "Break due; it waits while do-not-disturb is on",
        }.get(status.held, f"Break due; waiting ({status.held})")
    if status.phase is Phase.DUE:
        overdue = f" (reminded {status.reminded} times)" if status.reminded > 1 else ""
        return sitting, f"Time for a break!{overdue}"
    if status.due_at is None:
        return sitting, ""
    verb = "Snoozed until" if status.phase is Phase.SNOOZED else "Next break at"
    return sitting, f"{verb} {clock_time(status.due_at, now)}"


def tray_view(status: Status, now: datetime, problems: int, program: str = "") -> TrayView:
    first, second = status_lines(status, now)
    tooltip = "\n".join(line for line in ("deskbreak", first, second, program) if line)
    headline = f"{first} · {second}" if second else first
    return TrayView(
        tooltip=tooltip,
        headline=headline,
        due=status.phase is Phase.DUE,
        problems=problems,
        on_break=status.phase is Phase.ON_BREAK,
        paused=status.phase is Phase.PAUSED and not status.off_hours,
        overdue=status.phase is Phase.DUE and status.reminded > 1,
        waiting=status.held is not None,
    )


def history_row(record: BreakRecord, now: datetime) -> HistoryRow:
    return HistoryRow(
        when=clock_time(record.at, now),
        kind="reminder" if record.reminded else "you",
        outcome=record.describe(),
        routine=record.routine_id or "—",
        sat_for=humanize(record.sitting_for) if record.sitting_for is not None else "—",
    )


def history_summary(records: list[BreakRecord]) -> str:
    if not records:
        return "No breaks logged yet. Your first reminder will come after your sit limit."
    done = sum(1 for r in records if r.outcome.value == "completed")
    return f"Last {len(records)} entries · {done} completed routine{'s' if done != 1 else ''}"


def history_text(records: list[BreakRecord], now: datetime) -> str:
    """The `deskbreak history` listing, newest first."""
    if not records:
        return "No breaks logged yet."
    lines = [f"{'When':<17} {'By':<9} {'Sat for':<15} {'Routine':<18} Outcome"]
    for record in records:
        row = history_row(record, now)
        when = record.at.astimezone().strftime("%Y-%m-%d %H:%M")
        lines.append(f"{when:<17} {row.kind:<9} {row.sat_for:<15} {row.routine:<18} {row.outcome}")
    return "\n".join(lines)


def next_break_note(counted: BreakCounted, now: datetime) -> str:
    """The finish page's line about the next break."""
    when = clock_time(counted.next_due, now) if counted.next_due else "later"
    if counted.counted:
        return f"Next break at {when}."
    return f"Too short to count; we'll remind you again at {when}."


def reminder_text(sitting_for: timedelta, routine: Routine | None) -> tuple[str, str]:
    """The reminder notification's title and body."""
    if routine is None:
        blurb = "Stand up and move for a couple of minutes."
    else:
        from ..core.coach_view import coached_length

        minutes = max(1, round(coached_length(routine).total_seconds() / 60))
        blurb = f"{routine.title} takes about {minutes} min."
    return "Time for an upper-back break", f"You have been sitting for {humanize(sitting_for)}. {blurb}"


def status_json(
    status: Status,
    routine: Routine | None,
    problems: list[Problem],
    idle_seconds: float | None,
    idle_source: str = "none",
) -> dict[str, Any]:
    """The running app's state for `deskbreak status --json`."""
    return {
        "state": status.phase.value,
        "sitting_seconds": int(status.sitting_for.total_seconds()),
        "next_break_at": status.due_at.isoformat(timespec="seconds") if status.due_at else None,
        "paused_until": (
            None
            if status.paused_until is None
            else "resume"
            if status.paused_until.year >= 9999
            else status.paused_until.isoformat(timespec="seconds")
        ),
        "routine": routine.id if routine else None,
        "problems": [str(p) for p in problems],
        "idle_seconds": idle_seconds,
        "idle_source": idle_source,
        "reminder_waits_for": status.held,  # "in a call", "a fullscreen window", "do not disturb"
        "times_reminded": status.reminded,  # the due reminder so far (2 or more: overdue)
        "outside_working_hours": status.off_hours,
    }
