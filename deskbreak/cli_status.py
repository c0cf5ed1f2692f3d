"""`deskbreak status [--json | --format text|json|waybar] [--follow [--wait]]`.

The text forms use the tray's own words and human times ("Next break at 14:45 (in 7 min)");
JSON keeps the app's ISO times. With --follow the app pushes a line whenever its status changes
(ipc_follow), and between pushes this side reprints when the shown minute of sitting changes,
advancing it from the last status by the time that passed (no request to the app for that).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from .core.durations import humanize
from .core.policy import UNTIL_RESUMED, Phase, Status

FORMATS = ("text", "json", "waybar")
EXIT_ERROR, EXIT_NOT_RUNNING = 1, 3
GROWING = frozenset({"sitting", "snoozed", "due"})  # states whose sitting time keeps counting
MINUTE = 60.0
RETRY_SECONDS = 5.0  # --wait: how often to look for the app while it is not running
NOT_RUNNING = "deskbreak is not running"

StatusDict = dict[str, Any]


def add_parsers(sub: Any) -> None:
    status = sub.add_parser(
        "status",
        help="what the running app is doing (--follow: a line per change, for status bars)",
        description="What the running app is doing, in words (default), JSON or waybar's JSON. "
        "With --follow, a line now, one whenever the state changes and one when the minute of "
        "sitting shown changes, until interrupted or the app quits.",
        epilog="exit status: 0 done (also after Ctrl+C, or when the reader of --follow goes away); "
        "1 the app refused or gave a broken reply; 3 deskbreak is not running, or quit while "
        "followed (with --wait --follow waits for it instead, and never exits 3).",
    )
    form = status.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="machine-readable output (= --format json)")
    form.add_argument("--format", choices=FORMATS, default=None, help="text (default), json or waybar")
    status.add_argument("--follow", action="store_true", help="keep printing, one line per change")
    status.add_argument(
        "--wait", action="store_true", help="with --follow: while the app is not running, say so and wait"
    )


# -- what the lines say (plain functions of a status and the time) ------------------------


def _moment(text: object) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    return UNTIL_RESUMED if text == "resume" else datetime.fromisoformat(text)


def core_status(status: StatusDict) -> Status:
    """The app's JSON status back as the core's Status, so the tray's wording can be reused."""
    return Status(
        phase=Phase(str(status.get("state", "sitting"))),
        sitting_for=timedelta(seconds=float(status.get("sitting_seconds") or 0)),
        due_at=_moment(status.get("next_break_at")),
        reminded=int(status.get("times_reminded") or 0),
        paused_until=_moment(status.get("paused_until")),
        held=status.get("reminder_waits_for"),
        off_hours=bool(status.get("outside_working_hours")),
    )


def advanced(status: StatusDict, elapsed: float) -> StatusDict:
    """`status` as it is `elapsed` seconds after it was sent: the sitting time has grown."""
    sitting = float(status.get("sitting_seconds") or 0)
    if status.get("state") not in GROWING or sitting <= 0 or elapsed <= 0:
        return status
    return {**status, "sitting_seconds": int(sitting + elapsed)}


def relative(moment: datetime, now: datetime) -> str:
    """ "in 7 min", "in 1 h 05 min", "now", or "3 min ago"."""
    seconds = (moment - now).total_seconds()
    if abs(seconds) < 1:
        return "now"
    if seconds > 0:  # rounded up, so "in 7 min" agrees with the clock time beside it
        return f"in {humanize(timedelta(minutes=math.ceil(seconds / 60)))}"
    return f"{humanize(timedelta(seconds=-seconds))} ago"


def at_time(moment: datetime, now: datetime) -> str:
    """ "at 14:45 (in 7 min)"; a day name or date when it is not today."""
    from .app.views import clock_time

    return f"at {clock_time(moment, now)} ({relative(moment, now)})"


def _upcoming(status: StatusDict, now: datetime) -> datetime | None:
    """The moment the second line speaks of, when it is in the future."""
    key = "paused_until" if status.get("state") == "paused" else "next_break_at"
    moment = _moment(status.get(key))
    return moment if moment is not None and moment.year < 9999 and moment > now else None


def text_lines(status: StatusDict, now: datetime) -> list[str]:
    """The `deskbreak status` lines: the tray tooltip's words, then the program and problems."""
    from .app.views import status_lines

    first, second = status_lines(core_status(status), now)
    if second and (moment := _upcoming(status, now)) is not None:
        second = f"{second} ({relative(moment, now)})"
    problems = [f"Problem: {p}" for p in status.get("problems") or []]
    return [line for line in (first, second, str(status.get("program") or ""), *problems) if line]


def text_line(status: StatusDict, now: datetime) -> str:
    """One line for a shell prompt or a text bar: "Sitting for 38 min · Next break at 14:45 (in 7 min)"."""
    return " · ".join(text_lines(status, now)[:2])


def state_class(status: StatusDict) -> str:
    """sitting, snoozed, due, overdue, waiting, on_break, away, paused or off_hours."""
    state = str(status.get("state"))
    if state == "paused":
        return "off_hours" if status.get("outside_working_hours") else "paused"
    if state in GROWING and status.get("reminder_waits_for"):
        return "waiting"
    if state == "due" and int(status.get("times_reminded") or 0) > 1:
        return "overdue"
    return state


def percentage(status: StatusDict, now: datetime) -> int:
    """How far the countdown to the next break has run, 0-100 (100 when due)."""
    if status.get("state") == "due":
        return 100
    due, limit = _moment(status.get("next_break_at")), float(status.get("sit_limit_seconds") or 0)
    if status.get("state") not in GROWING or due is None or limit <= 0:
        return 0
    left = (due - now).total_seconds()
    return max(0, min(100, round(100 * (1 - left / limit))))


def _short(seconds: float) -> str:
    return "0 min" if seconds < 60 else humanize(timedelta(seconds=seconds))


BAR_WORDS = {"snoozed": "snoozed", "due": "break due", "overdue": "break due", "waiting": "break waits"}
BAR_STATES = {"on_break": "on a break", "away": "away", "paused": "paused", "off_hours": "off hours"}


def _markup(text: str) -> str:
    """waybar reads text and tooltip as Pango markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def waybar(status: StatusDict, now: datetime) -> str:
    """One line for a waybar custom module with `"return-type": "json"`."""
    kind = state_class(status)
    if kind in BAR_STATES:
        text = BAR_STATES[kind]
    else:
        sitting = _short(float(status.get("sitting_seconds") or 0))
        text = f"{sitting} · {BAR_WORDS[kind]}" if kind in BAR_WORDS else sitting
    tooltip = "\n".join(text_lines(status, now))
    fields = {"text": text, "alt": kind, "class": kind, "tooltip": tooltip, "percentage": 0}
    fields["percentage"] = percentage(status, now)
    return json.dumps({k: _markup(v) if isinstance(v, str) else v for k, v in fields.items()})


def not_running_line(form: str) -> str:
    """What a follower prints once the app is not running (or no longer)."""
    if form == "waybar":
        return json.dumps({"text": "", "alt": "stopped", "class": "stopped", "tooltip": NOT_RUNNING})
    return json.dumps({"state": "not_running"}) if form == "json" else NOT_RUNNING


def line(status: StatusDict, form: str, now: datetime) -> str:
    if form == "waybar":
        return waybar(status, now)
    if form == "json":
        return json.dumps(status)
    return text_line(status, now)


def next_print_in(status: StatusDict) -> float:
    """Seconds until the sitting minute shown changes (at most a minute)."""
    sitting = float(status.get("sitting_seconds") or 0)
    if status.get("state") in GROWING and sitting > 0:
        return MINUTE - sitting % MINUTE + 0.05
    return MINUTE


# -- running it -----------------------------------------------------------------------------


def form_of(args: Any) -> str:
    return "json" if args.json else args.format or "text"


def run(args: Any, ask: Callable[..., dict[str, Any] | None]) -> int:
    """One status (`--follow` is cli_follow's)."""
    if args.wait:
        print("deskbreak status: --wait goes with --follow", file=sys.stderr)
        return 2
    form = form_of(args)
    reply = ask("status")
    if reply is None:
        return EXIT_NOT_RUNNING
    if not reply.pop("ok", False):
        print(f"deskbreak: {reply.get('error')}", file=sys.stderr)
        return EXIT_ERROR
    now = datetime.now().astimezone()
    if form == "json":
        print(json.dumps(reply, indent=2 if args.json else None))
    elif form == "waybar":
        print(waybar(reply, now))
    else:
        print("\n".join(text_lines(reply, now)))
    return 0
