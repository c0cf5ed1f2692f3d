"""Plain view data for the widgets and the CLI, from core state (no Qt, no SQL)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..core.durations import humanize
from ..core.policy import Phase, Status
from ..ui.date_words import month_abbr, weekday_abbr
from ..ui.i18n import QT_TRANSLATE_NOOP, translate
from ..ui.view_data import HistoryRow, TrayLook, TrayView

if TYPE_CHECKING:
    from ..core.effects import BreakCounted
    from ..core.history import BreakRecord
    from ..core.problems import Problem
    from ..core.routines import Routine


def clock_time(moment: datetime, now: datetime) -> str:
    """ "14:05" today, "Tue 14:05" within a week, else "Mon 2 Nov 14:05" (local time)."""
    local, today = moment.astimezone(), now.astimezone()
    if local.date() == today.date():
        return local.strftime("%H:%M")
    if abs((today.date() - local.date()).days) < 7:
        return f"{weekday_abbr(local.weekday())} {local:%H:%M}"
    return day_and_time(moment, now)


def day_and_time(moment: datetime, now: datetime) -> str:
    """ "Fri 27 Nov 18:11"; "Fri 27 Nov 2025 18:11" in another year (local time)."""
    local = moment.astimezone()
    year = f" {local.year}" if local.year != now.astimezone().year else ""
    return f"{weekday_abbr(local.weekday())} {local.day} {month_abbr(local)}{year} {local:%H:%M}"


HELD = {
    "in a call": QT_TRANSLATE_NOOP("TrayStatus", "it waits until your call ends"),
    "a fullscreen window": QT_TRANSLATE_NOOP("TrayStatus", "it waits until you leave fullscreen"),
    "do not disturb": QT_TRANSLATE_NOOP("TrayStatus", "it waits while do-not-disturb is on"),
}


def held_text(reason: str) -> str:
    if reason in HELD:
        return translate("TrayStatus", HELD[reason])
    return translate("TrayStatus", "waiting ({reason})").format(reason=reason)


def status_lines(status: Status, now: datetime) -> tuple[str, str]:
    """(what the user is doing, what comes next) in words."""
    if status.phase is Phase.AWAY:
        return translate("TrayStatus", "Away from the desk"), translate(
            "TrayStatus", "The sitting clock starts when you are back"
        )
    if status.phase is Phase.ON_BREAK:
        return translate("TrayStatus", "On a break"), translate("TrayStatus", "Enjoy it")
    if status.phase is Phase.PAUSED and status.off_hours:
        until = status.paused_until
        if until is None or until.year >= 9999:
            return translate("TrayStatus", "Outside working hours"), translate(
                "TrayStatus", "No working days are set"
            )
        return translate("TrayStatus", "Outside working hours"), translate(
            "TrayStatus", "Counting starts {time}"
        ).format(time=clock_time(until, now))
    if status.phase is Phase.PAUSED:
        until = status.paused_until
        if until is None or until.year >= 9999:
            return translate("TrayStatus", "Paused"), translate("TrayStatus", "Until you resume")
        return translate("TrayStatus", "Paused"), translate("TrayStatus", "Until {time}").format(
            time=clock_time(until, now)
        )
    sitting = translate("TrayStatus", "Sitting for {duration}").format(duration=humanize(status.sitting_for))
    if status.held is not None:
        return sitting, translate("TrayStatus", "Break due; {waiting}").format(waiting=held_text(status.held))
    if status.phase is Phase.DUE and status.reminded > 1:
        return sitting, translate("TrayStatus", "Time for a break! (reminded {count} times)").format(
            count=status.reminded
        )
    if status.phase is Phase.DUE:
        return sitting, translate("TrayStatus", "Time for a break!")
    if status.due_at is None:
        return sitting, ""
    verb = (
        translate("TrayStatus", "Snoozed until {time}")
        if status.phase is Phase.SNOOZED
        else translate("TrayStatus", "Next break at {time}")
    )
    return sitting, verb.format(time=clock_time(status.due_at, now))


def _until(moment: datetime | None, now: datetime) -> str | None:
    """A pause's end in words, or None for one with no end."""
    return None if moment is None or moment.year >= 9999 else clock_time(moment, now)


def tray_summary(status: Status, now: datetime) -> str:
    """The tooltip's line: "Sitting 38 min · break at 14:45", "Paused until 15:30", ..."""
    phase = status.phase
    if phase is Phase.AWAY:
        return translate("TrayStatus", "Away from the desk")
    if phase is Phase.ON_BREAK:
        return translate("TrayStatus", "On a break")
    if phase is Phase.PAUSED:
        until = _until(status.paused_until, now)
        if status.off_hours:
            return (
                translate("TrayStatus", "Outside working hours · back at {time}").format(time=until)
                if until
                else translate("TrayStatus", "Outside working hours")
            )
        return (
            translate("TrayStatus", "Paused until {time}").format(time=until)
            if until
            else translate("TrayStatus", "Paused until you resume")
        )
    sitting = translate("TrayStatus", "Sitting {duration}").format(duration=humanize(status.sitting_for))
    if status.held is not None:
        return translate("TrayStatus", "{sitting} · break due; {waiting}").format(
            sitting=sitting, waiting=held_text(status.held)
        )
    if phase is Phase.DUE and status.reminded > 1:
        return translate("TrayStatus", "{sitting} · break overdue (reminded {count} times)").format(
            sitting=sitting, count=status.reminded
        )
    if phase is Phase.DUE:
        return translate("TrayStatus", "{sitting} · time for a break").format(sitting=sitting)
    if status.due_at is None:
        return sitting
    verb = (
        translate("TrayStatus", "{sitting} · break snoozed until {time}")
        if phase is Phase.SNOOZED
        else translate("TrayStatus", "{sitting} · break at {time}")
    )
    return verb.format(sitting=sitting, time=clock_time(status.due_at, now))


def tray_look(status: Status) -> TrayLook:
    """The icon's picture for a status: it follows the phase (and why a pause is on)."""
    phase = status.phase
    if phase is Phase.ON_BREAK:
        return TrayLook.ON_BREAK
    if phase is Phase.PAUSED:
        return TrayLook.OFF_HOURS if status.off_hours else TrayLook.PAUSED
    if phase is Phase.DUE and status.reminded > 1:
        return TrayLook.OVERDUE
    if phase is Phase.DUE or (status.held is not None and phase in (Phase.SITTING, Phase.SNOOZED)):
        return TrayLook.DUE  # due, or due and waiting for a call or a fullscreen window to end
    return TrayLook.SITTING  # sitting, snoozed, and away (an empty ring)


def sit_progress(status: Status, now: datetime, sit_limit: timedelta | None) -> float:
    """How far toward the next break, 0..1: the time to it against the sit limit (after a skip
    or a snooze the ring shows what is left, not the whole stretch)."""
    if status.phase is Phase.DUE:
        return 1.0
    if status.phase not in (Phase.SITTING, Phase.SNOOZED):
        return 0.0
    if status.held is not None:
        return 1.0
    if not sit_limit or sit_limit <= timedelta():
        return 0.0
    if status.due_at is not None:
        fraction = 1 - (status.due_at - now) / sit_limit
    else:
        fraction = status.sitting_for / sit_limit
    return min(1.0, max(0.0, fraction))


def tray_view(
    status: Status, now: datetime, problems: int, program: str = "", sit_limit: timedelta | None = None
) -> TrayView:
    first, second = status_lines(status, now)
    tooltip = "\n".join(line for line in ("deskbreak", tray_summary(status, now), program) if line)
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
        look=tray_look(status),
        progress=sit_progress(status, now, sit_limit),
    )


def history_row(record: BreakRecord, now: datetime) -> HistoryRow:
    return HistoryRow(
        when=clock_time(record.at, now),
        kind=translate("BreakHistory", "reminder") if record.reminded else translate("BreakHistory", "you"),
        outcome=record.describe(),
        routine=record.routine_id or "—",
        sat_for=humanize(record.sitting_for) if record.sitting_for is not None else "—",
    )


def history_summary(records: list[BreakRecord]) -> str:
    if not records:
        return translate(
            "BreakHistory", "No breaks logged yet. Your first reminder will come after your sit limit."
        )
    done = sum(1 for r in records if r.outcome.value == "completed")
    text = translate("BreakHistory", "Last {entries} entries · %n completed routine(s)", None, done)
    return text.format(entries=len(records))


def history_text(records: list[BreakRecord], now: datetime) -> str:
    """The `deskbreak history` listing, newest first."""
    if not records:
        return "No breaks logged yet."
    whens = [day_and_time(record.at, now) for record in records]
    width = max(len(w) for w in whens) + 2
    lines = [f"{'When':<{width}}{'By':<10}{'Sat for':<16}{'Routine':<19}Outcome"]
    for record, when in zip(records, whens, strict=True):
        row = history_row(record, now)
        lines.append(f"{when:<{width}}{row.kind:<10}{row.sat_for:<16}{row.routine:<19}{row.outcome}")
    return "\n".join(lines)


def next_break_note(counted: BreakCounted, now: datetime) -> str:
    """The finish page's line about the next break."""
    when = clock_time(counted.next_due, now) if counted.next_due else translate("BreakNotes", "later")
    if counted.counted:
        return translate("BreakNotes", "Next break at {time}.").format(time=when)
    return translate("BreakNotes", "Too short to count; we'll remind you again at {time}.").format(time=when)


def reminder_text(sitting_for: timedelta, routine: Routine | None) -> tuple[str, str]:
    """The reminder notification's title and body."""
    if routine is None:
        blurb = translate("Reminder", "Stand up and move for a couple of minutes.")
    else:
        from ..core.coach_view import coached_length

        minutes = max(1, round(coached_length(routine).total_seconds() / 60))
        blurb = translate("Reminder", "{routine} takes about {minutes} min.").format(
            routine=routine.title, minutes=minutes
        )
    body = translate("Reminder", "You have been sitting for {duration}. {routine}")
    return translate("Reminder", "Time for an upper-back break"), body.format(
        duration=humanize(sitting_for), routine=blurb
    )


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
