"""`deskbreak snooze [DURATION]` and `deskbreak skip`: answering a due reminder, as in the tray."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

EXIT_ERROR, EXIT_USAGE, EXIT_NOT_RUNNING = 1, 2, 3


def add_parsers(sub: Any) -> None:
    snooze = sub.add_parser(
        "snooze",
        help="postpone the due reminder (the running app)",
        description="Postpone the reminder that is due now, by your snooze setting or by DURATION.",
        epilog="exit status: 0 snoozed; 1 no reminder is due; 2 a bad DURATION; 3 not running.",
    )
    snooze.add_argument("duration", nargs="?", help='how long, like "10m" or "1h" (1 min to 2 h)')
    sub.add_parser(
        "skip",
        help="let the due reminder go: the next comes a full sit limit from now (the running app)",
        description="Let the reminder that is due now go; the next one comes a full sit limit from now.",
        epilog="exit status: 0 skipped; 1 no reminder is due; 3 not running.",
    )


def snooze_length(text: str) -> timedelta:
    """ "10m", "1h": a snooze from 1 minute to 2 hours (the snooze setting's range); ValueError
    with a message for the user otherwise (worded as `deskbreak pause` words its lengths)."""
    from .core.durations import DurationError, parse_duration
    from .core.settings import SPEC_BY_KEY

    spec = SPEC_BY_KEY["snooze"]
    try:
        length = parse_duration(text)
    except DurationError as exc:
        raise ValueError(f"{text!r} is not a snooze length like 10m or 1h ({exc})") from None
    if not spec.low <= length <= spec.high:
        raise ValueError(f"{text!r}: a snooze lasts from 1 minute to 2 hours")
    return length


def run(args: argparse.Namespace, ask: Callable[..., dict[str, Any] | None]) -> int:
    """`ask(command, **extra)` sends a command to the running app (None when it is not running)."""
    extra: dict[str, Any] = {}
    if args.command == "snooze" and args.duration:
        try:
            extra["seconds"] = snooze_length(args.duration).total_seconds()
        except ValueError as exc:
            print(f"deskbreak snooze: {exc}", file=sys.stderr)
            return EXIT_USAGE
    reply = ask(args.command, **extra)
    if reply is None:
        return EXIT_NOT_RUNNING
    if not reply.get("ok"):
        print(f"deskbreak: {reply.get('error')}", file=sys.stderr)
        return EXIT_ERROR
    done = reply.get("snoozed" if args.command == "snooze" else "skipped")
    if not done:
        print(f"Nothing to {args.command}: no reminder is due.", file=sys.stderr)
        return EXIT_ERROR
    from .cli_status import at_time

    due = reply.get("next_break_at")
    when = at_time(datetime.fromisoformat(due), datetime.now().astimezone()) if due else "later"
    if args.command == "snooze":
        print(f"Snoozed: the reminder comes again {when}.")
    else:
        print(f"Skipped: the next break is {when}.")
    return 0
