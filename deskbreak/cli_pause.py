"""`deskbreak pause DURATION | --until-tomorrow` and `deskbreak resume`: the tray's Pause menu."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

EXIT_ERROR, EXIT_NOT_RUNNING = 1, 3


def add_parsers(sub: Any) -> None:
    pause = sub.add_parser(
        "pause",
        help="stop counting and reminding for a while (the running app)",
        description="Pause deskbreak: nothing counts as sitting and no reminder comes until the "
        "pause ends. Without a length it lasts until `deskbreak resume`. It survives a restart.",
    )
    when = pause.add_mutually_exclusive_group()
    when.add_argument("duration", nargs="?", help='how long, like "30m", "1h" or "1h30m" (1 min to 24 h)')
    when.add_argument("--until-tomorrow", action="store_true", help="until midnight tonight")
    sub.add_parser("resume", help="end a pause: the sitting count starts now (the running app)")


def _choice(args: argparse.Namespace) -> str:
    if args.until_tomorrow:
        return "tomorrow"
    return str(args.duration) if args.duration else "resume"


def run(args: argparse.Namespace, ask: Any) -> int:
    """`ask(command, **extra)` sends a command to the running app (None when it is not running)."""
    if args.command == "resume":
        reply = ask("resume")
        if reply is None:
            return EXIT_NOT_RUNNING
        print("Resumed: the sitting count starts now.")
        return 0
    from .app.pausing import pause_end

    choice = _choice(args)
    try:
        pause_end(choice, datetime.now().astimezone())  # a bad length is said here, not in the app
    except ValueError as exc:
        print(f"deskbreak pause: {exc}", file=sys.stderr)
        return 2
    reply = ask("pause", until=choice)
    if reply is None:
        return EXIT_NOT_RUNNING
    if not reply.get("ok"):
        print(f"deskbreak: {reply.get('error')}", file=sys.stderr)
        return EXIT_ERROR
    until = reply.get("paused_until")
    if until is None:
        print("Not paused: a break is under way.", file=sys.stderr)
        return EXIT_ERROR
    if until == "resume":
        print("Paused until you resume (`deskbreak resume`).")
    else:
        from .app.views import clock_time

        moment = datetime.fromisoformat(str(until))
        print(f"Paused until {clock_time(moment, datetime.now().astimezone())}.")
    return 0
